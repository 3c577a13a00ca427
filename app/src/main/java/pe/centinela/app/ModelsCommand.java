package pe.centinela.app;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Locale;
import java.util.concurrent.Callable;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.core.signing.ModelTrust;
import pe.centinela.core.signing.SigningKeys;
import pe.centinela.scoring.registry.ModelRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fraud models}: the model registry in PostgreSQL. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = {
            "The model registry: list versions, publish a trained bundle, promote a version to active, roll back;",
            "and keygen, the key pair bundles are signed with.",
            "Database settings as for 'run' (postgres.*, FRAUD_POSTGRES_* variables)."
        },
        subcommands = {
            ModelsCommand.ListModels.class,
            ModelsCommand.Publish.class,
            ModelsCommand.Promote.class,
            ModelsCommand.Shadow.class,
            ModelsCommand.Rollback.class,
            ModelsCommand.Events.class,
            ModelsCommand.Keygen.class
        })
public final class ModelsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Options every subcommand shares. */
    static class RegistryOptions {
        @Option(names = "--config", paramLabel = "FILE", description = "settings file with postgres.* keys")
        Path configFile;

        ModelRegistry registry() {
            PlatformConfig.Postgres postgres = PlatformConfig.Postgres.from(Settings.load(configFile, System.getenv()));
            Database.migrate(postgres);
            return new ModelRegistry(postgres);
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List the registered versions, newest first.")
    static final class ListModels extends RegistryOptions implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            var entries = registry().list();
            System.out.printf(
                    Locale.ROOT,
                    "%-28s %-12s %-10s %9s  %-20s %s%n",
                    "VERSION",
                    "KIND",
                    "STATUS",
                    "THRESHOLD",
                    "CREATED",
                    "SHA256");
            for (var e : entries) {
                System.out.printf(
                        Locale.ROOT,
                        "%-28s %-12s %-10s %9.4f  %-20s %s%n",
                        e.version(),
                        e.kind(),
                        e.status(),
                        e.alertThreshold(),
                        e.createdAt().toString().substring(0, 19),
                        e.sha256().substring(0, 12));
            }
            if (entries.isEmpty()) {
                System.out.println("(no models yet: fraud train, then fraud models publish DIR)");
            }
            return 0;
        }
    }

    @Command(
            name = "publish",
            mixinStandardHelpOptions = true,
            description = "Register a bundle folder written by 'fraud train' as a candidate.")
    static final class Publish extends RegistryOptions implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "bundle folder (holds manifest.json)")
        Path bundle;

        @Override
        public Integer call() throws Exception {
            var entry = registry().publish(bundle, System.getProperty("user.name", "cli"));
            System.out.println("published " + entry.version() + " as a candidate (sha256 " + entry.sha256() + ")");
            return 0;
        }
    }

    @Command(
            name = "promote",
            mixinStandardHelpOptions = true,
            description = "Make a version the active model; the current one is retired.")
    static final class Promote extends RegistryOptions implements Callable<Integer> {
        @Parameters(paramLabel = "VERSION")
        String version;

        @Override
        public Integer call() throws Exception {
            var entry = registry().promote(version, System.getProperty("user.name", "cli"));
            System.out.println(entry.version() + " is active"
                    + (entry.previousActive() == null ? "" : "; it replaced " + entry.previousActive()));
            return 0;
        }
    }

    @Command(
            name = "shadow",
            mixinStandardHelpOptions = true,
            description =
                    "Score beside the active model with a version, without raising its alerts; compare them with GET /api/models/comparison.")
    static final class Shadow extends RegistryOptions implements Callable<Integer> {
        @Parameters(paramLabel = "VERSION")
        String version;

        @Override
        public Integer call() throws Exception {
            var entry = registry().shadow(version, System.getProperty("user.name", "cli"), "{}");
            System.out.println(
                    entry.version()
                            + " is in shadow: scoring replicas score with it beside the active model within their refresh interval");
            return 0;
        }
    }

    @Command(
            name = "events",
            mixinStandardHelpOptions = true,
            description = "The registry's trail, newest first: publish, shadow, promote, reject, retraining.")
    static final class Events extends RegistryOptions implements Callable<Integer> {
        @Option(names = "--version", description = "only this version's events")
        String version;

        @Option(names = "--limit", defaultValue = "50", description = "at most this many (default: ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() throws Exception {
            System.out.printf(
                    Locale.ROOT, "%-20s %-16s %-30s %-12s %s%n", "AT", "ACTION", "VERSION", "ACTOR", "DETAIL");
            for (var e : registry().events(version, limit)) {
                System.out.printf(
                        Locale.ROOT,
                        "%-20s %-16s %-30s %-12s %s%n",
                        e.at().toString().substring(0, 19),
                        e.action(),
                        e.version() == null ? "-" : e.version(),
                        e.actor(),
                        e.detail());
            }
            return 0;
        }
    }

    @Command(
            name = "rollback",
            mixinStandardHelpOptions = true,
            description = "Put back the model the active one replaced.")
    static final class Rollback extends RegistryOptions implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            var entry = registry().rollback(System.getProperty("user.name", "cli"));
            System.out.println(entry.version() + " is active again");
            return 0;
        }
    }

    @Command(
            name = "keygen",
            mixinStandardHelpOptions = true,
            description = {
                "Make the Ed25519 key pair model bundles are signed with: DIR/model-signing.pem (private, PKCS#8, for fraud train",
                "--signing-key; keep it with whoever may release models) and DIR/model-signing.pub.pem (public, X.509: give it, or the",
                "base64 printed, to scoring.trusted-keys and to the FraudDetector's spec.model.trustedKeys)."
            })
    static final class Keygen implements Callable<Integer> {
        @Option(
                names = "--out",
                paramLabel = "DIR",
                defaultValue = "keys",
                description = "where the two files are written (default: ${DEFAULT-VALUE})")
        Path out;

        @Override
        public Integer call() throws Exception {
            KeyPair pair = SigningKeys.generate();
            Path privateKey = out.resolve("model-signing.pem");
            Path publicKey = out.resolve("model-signing.pub.pem");
            SigningKeys.write(pair, privateKey, publicKey);
            System.out.println(
                    "private key " + privateKey + " (owner-only; fraud train --signing-key " + privateKey + ")");
            System.out.println(
                    "public key  " + publicKey + " (fingerprint " + SigningKeys.fingerprint(pair.getPublic()) + ")");
            System.out.println("trust it:   " + Settings.envName(ModelTrust.KEYS_KEY) + "="
                    + SigningKeys.base64(pair.getPublic()));
            return 0;
        }
    }
}
