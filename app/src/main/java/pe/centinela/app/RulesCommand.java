package pe.centinela.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.adapters.rules.RuleConflict;
import pe.centinela.adapters.rules.RuleRegistry;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.core.evaluation.RuleTrial;
import pe.centinela.core.rules.Rule;
import pe.centinela.core.rules.RuleCompiler;
import pe.centinela.core.rules.RuleFile;
import pe.centinela.core.rules.RuleStatus;
import pe.centinela.core.rules.RuleSyntaxException;
import pe.centinela.scoring.trial.RuleTrials;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fraud rules}: business rules in the registry, from files, tried on history first. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = {
            "Business rules beside the models: list them, try a rule file on the stored history, apply it, change a",
            "rule's status, roll one back. Settings as for 'run' (postgres.*, kafka.* for 'test')."
        },
        subcommands = {
            RulesCommand.ListRules.class,
            RulesCommand.Test.class,
            RulesCommand.Apply.class,
            RulesCommand.Status.class,
            RulesCommand.Rollback.class
        })
public final class RulesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Options every subcommand shares, and the registry for the length of one command. */
    abstract static class RegistryCommand implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "settings file")
        Path configFile;

        PlatformConfig config() {
            return PlatformConfig.from(Settings.load(configFile, System.getenv()));
        }

        PlatformConfig.Postgres postgres() {
            return PlatformConfig.Postgres.from(Settings.load(configFile, System.getenv()));
        }

        static String actor() {
            return "cli:" + System.getProperty("user.name", "unknown");
        }

        /** Runs {@code work} against the registry and waits for it. */
        <T> T withRegistry(Function<RuleRegistry, Future<T>> work) throws Exception {
            PlatformConfig.Postgres postgres = postgres();
            Database.migrate(postgres);
            Vertx vertx = Vertx.vertx();
            try {
                Pool pool = Database.pool(vertx, postgres);
                return work.apply(new RuleRegistry(pool)).await(60, TimeUnit.SECONDS);
            } finally {
                vertx.close().await(30, TimeUnit.SECONDS);
            }
        }

        static List<Rule> read(Path file) throws Exception {
            return RuleFile.parse(Files.readString(file), file.toString());
        }

        @Override
        public final Integer call() throws Exception {
            try {
                return execute();
            } catch (RuleFile.RuleFileException | RuleConflict | NoSuchElementException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            } catch (RuleSyntaxException e) {
                System.err.println("error: the expression does not compile:");
                e.problems().forEach(p -> System.err.println("  " + p));
                return 2;
            }
        }

        abstract int execute() throws Exception;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The rules and the lists.")
    static final class ListRules extends RegistryCommand {
        @Override
        int execute() throws Exception {
            var rules = withRegistry(RuleRegistry::rules);
            System.out.printf(
                    Locale.ROOT,
                    "%-28s %7s %-8s %-8s %-16s %s%n",
                    "RULE",
                    "VERSION",
                    "STATUS",
                    "OUTCOME",
                    "BY",
                    "EXPRESSION");
            for (var stored : rules) {
                Rule r = stored.rule();
                System.out.printf(
                        Locale.ROOT,
                        "%-28s %7d %-8s %-8s %-16s %s%n",
                        r.id(),
                        r.version(),
                        r.status().code(),
                        r.outcome().code(),
                        stored.updatedBy(),
                        r.expression());
            }
            var lists = withRegistry(RuleRegistry::lists);
            if (!lists.isEmpty()) {
                System.out.println();
                System.out.printf(Locale.ROOT, "%-28s %-13s %-6s %8s%n", "LIST", "KIND", "PURPOSE", "ENTRIES");
                lists.forEach(l -> System.out.printf(
                        Locale.ROOT,
                        "%-28s %-13s %-6s %,8d%n",
                        l.name(),
                        l.kind().code(),
                        l.purpose().code(),
                        l.entries()));
            }
            return 0;
        }
    }

    @Command(
            name = "test",
            mixinStandardHelpOptions = true,
            description = "Try the rules of FILE on the stored history of the last days (the canonical topic through "
                    + "the live features and the model in force), before applying them.")
    static final class Test extends RegistryCommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "rule file (YAML or JSON)")
        Path file;

        @Option(
                names = "--days",
                description = "days of history to try them on (default: ${DEFAULT-VALUE})",
                defaultValue = "30")
        int days;

        @Override
        int execute() throws Exception {
            List<Rule> rules = read(file);
            var lists = withRegistry(registry -> registry.snapshot().map(RuleRegistry.Snapshot::lists));
            RuleTrials trials = new RuleTrials(config(), Clock.systemUTC());
            for (Rule rule : rules) {
                new RuleCompiler().compile(rule.expression(), lists);
                RuleTrial.Report report = trials.run(rule.expression(), lists, days);
                print(rule, report);
            }
            return 0;
        }

        private static final java.time.format.DateTimeFormatter MINUTE = java.time.format.DateTimeFormatter.ofPattern(
                        "yyyy-MM-dd HH:mm", Locale.ROOT)
                .withZone(pe.centinela.core.time.LimaTime.ZONE);

        private static void print(Rule rule, RuleTrial.Report r) {
            System.out.printf(
                    Locale.ROOT,
                    "%nrule %s (%s): %s%n",
                    rule.id(),
                    rule.outcome().code(),
                    rule.expression());
            System.out.printf(
                    Locale.ROOT,
                    "  history     %,d transactions replayed; window %s → %s Lima time (%,d transactions)%n",
                    r.replayed(),
                    MINUTE.format(r.from()),
                    MINUTE.format(r.to()),
                    r.transactions());
            System.out.printf(
                    Locale.ROOT,
                    "  model       %s%n",
                    r.modelVersion() == null ? "none in force (score reads 0)" : r.modelVersion());
            System.out.printf(
                    Locale.ROOT,
                    "  hits        %,d (%,d labelled fraud, %,d labelled legitimate, %,d unlabelled)%n",
                    r.hits(),
                    r.fraudHits(),
                    r.legitHits(),
                    r.hits() - r.fraudHits() - r.legitHits());
            System.out.printf(
                    Locale.ROOT,
                    "  precision   %s on labelled hits%n",
                    r.precision() == null ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * r.precision()));
            System.out.printf(
                    Locale.ROOT,
                    "  frauds      %,d labelled: %,d caught, %,d missed%n",
                    r.frauds(),
                    r.fraudsCaught(),
                    r.fraudsMissed());
            System.out.printf(
                    Locale.ROOT,
                    "  alerts      %,d of its hits the model alerted on anyway; %,d alerts it would add%n",
                    r.alreadyAlerted(),
                    r.addedAlerts());
            System.out.printf(
                    Locale.ROOT,
                    "  %-10s %12s %8s %8s %8s %8s%n",
                    "day",
                    "transactions",
                    "hits",
                    "fraud",
                    "legit",
                    "model");
            for (RuleTrial.Day d : r.days()) {
                System.out.printf(
                        Locale.ROOT,
                        "  %-10s %,12d %,8d %,8d %,8d %,8d%n",
                        d.day(),
                        d.transactions(),
                        d.hits(),
                        d.fraudHits(),
                        d.legitHits(),
                        d.modelAlerts());
            }
        }
    }

    @Command(
            name = "apply",
            mixinStandardHelpOptions = true,
            description = "Save the rules of FILE: a new rule as version 1, a changed one as its next version (each "
                    + "checked against the lists first); the status is the file's, draft when it says none.")
    static final class Apply extends RegistryCommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "rule file (YAML or JSON)")
        Path file;

        @Override
        int execute() throws Exception {
            List<Rule> rules = read(file);
            var lists = withRegistry(registry -> registry.snapshot().map(RuleRegistry.Snapshot::lists));
            RuleCompiler compiler = new RuleCompiler();
            for (Rule rule : rules) {
                compiler.compile(rule.expression(), lists);
            }
            for (Rule rule : rules) {
                var saved = withRegistry(registry -> registry.rules()
                        .compose(all -> all.stream()
                                .filter(s -> s.rule().id().equals(rule.id()))
                                .findFirst()
                                .map(current ->
                                        registry.update(rule, current.rule().version(), "edited", actor()))
                                .orElseGet(() -> registry.create(rule, actor(), "api"))));
                System.out.printf(
                        Locale.ROOT,
                        "%s version %d, %s%n",
                        saved.rule().id(),
                        saved.rule().version(),
                        saved.rule().status().code());
            }
            return 0;
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Put a rule in draft, shadow, active or retired.")
    static final class Status extends RegistryCommand {
        @Parameters(index = "0", paramLabel = "RULE")
        String id;

        @Parameters(index = "1", paramLabel = "STATUS", description = "draft, shadow, active or retired")
        String status;

        @Override
        int execute() throws Exception {
            RuleStatus next = RuleStatus.fromCode(status);
            var saved = withRegistry(registry -> registry.rule(id)
                    .compose(current -> registry.update(
                            current.rule().withStatus(next),
                            current.rule().version(),
                            "status_" + next.code(),
                            actor())));
            System.out.printf(
                    Locale.ROOT,
                    "%s version %d, %s%n",
                    saved.rule().id(),
                    saved.rule().version(),
                    saved.rule().status().code());
            return 0;
        }
    }

    @Command(
            name = "rollback",
            mixinStandardHelpOptions = true,
            description = "Save an earlier version of a rule again as its next version.")
    static final class Rollback extends RegistryCommand {
        @Parameters(index = "0", paramLabel = "RULE")
        String id;

        @Parameters(index = "1", paramLabel = "VERSION", description = "the version to restore")
        int version;

        @Override
        int execute() throws Exception {
            var saved = withRegistry(registry -> registry.rule(id)
                    .compose(current -> registry.version(id, version)
                            .compose(earlier -> registry.update(
                                    earlier, current.rule().version(), "rolled_back_to_" + version, actor()))));
            System.out.printf(
                    Locale.ROOT,
                    "%s version %d, %s: %s%n",
                    saved.rule().id(),
                    saved.rule().version(),
                    saved.rule().status().code(),
                    saved.rule().expression());
            return 0;
        }
    }
}
