package pe.centinela.workbench;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import pe.centinela.adapters.kafka.TopicAdmin;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.app.Console;
import pe.centinela.app.FraudCommand;
import pe.centinela.app.Platform;
import pe.centinela.app.PluggableCommand;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.embedded.EmbeddedInfrastructure;
import pe.centinela.generator.GeneratorSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fraud demo}: the whole platform in one process on an embedded Kafka broker and PostgreSQL. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run the whole platform in one process: an embedded Kafka broker and PostgreSQL, ingest, scoring,",
            "alerts, and a generator of Peruvian transactions with labelled fraud. Stop it with Ctrl-C."
        })
public final class DemoCommand implements Callable<Integer>, PluggableCommand {

    static final String PASSWORD_ENV = "FRAUD_DEMO_PASSWORD";

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "where Kafka, PostgreSQL, models and logs keep their data (default: ~/.centinela/demo)")
    Path dataDir = Path.of(System.getProperty("user.home"), ".centinela", "demo");

    @Option(
            names = "--rate",
            defaultValue = "300",
            description = "generated transactions per second (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "HTTP port of the alert API (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(
            names = "--accounts",
            defaultValue = "5000",
            description = "accounts in the simulated population (default: ${DEFAULT-VALUE})")
    int accounts;

    @Option(
            names = "--fraud-rate",
            defaultValue = "0.005",
            description = "share of fraudulent transactions generated (default: ${DEFAULT-VALUE})")
    double fraudRate;

    @Option(
            names = "--alert-threshold",
            description = {
                "score from which a transaction becomes an alert (default: the model's own, the lowest score",
                "whose alerts reached a precision of 0.5 on its validation window)"
            })
    Double alertThreshold;

    @Option(names = "--seed", description = "seed of the live traffic (default: random)")
    Long seed;

    @Option(
            names = "--kafka-port",
            defaultValue = "0",
            description = "port of the embedded Kafka broker (default: a free one)")
    int kafkaPort;

    @Option(
            names = "--postgres-port",
            defaultValue = "0",
            description = "port of the embedded PostgreSQL (default: a free one)")
    int postgresPort;

    @Option(names = "--duration", description = "stop by itself after this many seconds (default: run until Ctrl-C)")
    Long durationSeconds;

    @Override
    @SuppressWarnings("try") // see DemoRuntime
    public Integer call() throws Exception {
        if (rate <= 0 || rate > 100_000) {
            throw new IllegalArgumentException("--rate must be above 0 and at most 100000 transactions per second");
        }
        Console console = Console.standard();
        Files.createDirectories(dataDir);
        console.title("Centinela demo: real-time fraud detection");
        console.line("data", dataDir.toAbsolutePath().toString());
        try (DemoRuntime runtime = new DemoRuntime()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> runtime.shutdown(console), "fraud-demo-shutdown"));
            runtime.start(console);
            runtime.awaitStop();
        }
        return 0;
    }

    /** The demo's servers: its data is kept between runs, so the database must be durable. */
    static EmbeddedInfrastructure infrastructure(Path dataDir, int postgresPort, int kafkaPort) {
        return new EmbeddedInfrastructure(dataDir, postgresPort, kafkaPort);
    }

    /** Everything the demo started, stopped in reverse order exactly once. */
    @SuppressWarnings("try") // close() waits for the platform and the servers; an interrupt there ends the demo
    private final class DemoRuntime implements AutoCloseable {
        private final CountDownLatch stop = new CountDownLatch(1);
        private final CountDownLatch stopped = new CountDownLatch(1);
        private EmbeddedInfrastructure infrastructure;
        private Vertx vertx;
        private boolean closed;
        private volatile boolean running;

        void start(Console console) throws Exception {
            infrastructure = infrastructure(dataDir, postgresPort, kafkaPort);
            long t0 = System.nanoTime();
            infrastructure.startPostgres();
            console.line(
                    "PostgreSQL",
                    "17 on 127.0.0.1:" + infrastructure.postgres().port() + " ("
                            + Console.seconds(System.nanoTime() - t0) + ")");
            long t1 = System.nanoTime();
            infrastructure.startKafka();
            console.line(
                    "Kafka",
                    "4.2 broker (KRaft) on " + infrastructure.kafka().bootstrapServers() + " ("
                            + Console.seconds(System.nanoTime() - t1) + ")");

            String password = demoPassword();
            DemoKeys keys = DemoKeys.in(dataDir);
            Map<String, String> values = demoSettings(password);
            values.putAll(keys.settings());
            PlatformConfig config = PlatformConfig.from(Settings.of(values));
            TopicAdmin.ensureTopics(config);
            Database.migrate(config.postgres());
            DemoModel.ensure(config, keys.pair().getPrivate(), accounts, console);

            vertx = Vertx.vertx();
            PipelineStats stats = new PipelineStats();
            int apiPort =
                    Platform.deploy(vertx, config, Platform.Role.ALL, stats).await(120, TimeUnit.SECONDS);
            long trafficSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
            DemoTrafficVerticle traffic = new DemoTrafficVerticle(
                    config,
                    rate,
                    GeneratorSettings.defaults(trafficSeed, Instant.now())
                            .withAccounts(accounts)
                            .withFraudRate(fraudRate),
                    scenario -> console.line("scenario", scenario));
            vertx.deployVerticle(traffic).await(30, TimeUnit.SECONDS);
            console.line(
                    "pipeline",
                    "ingest → scoring → alerts running; generating " + Console.count((long) rate) + " tx/s");
            console.line(
                    "web UI",
                    "http://localhost:" + apiPort + "/   (alert queue, decisions, dashboard; es-PE, English switch)");
            console.line(
                    "API",
                    "http://localhost:" + apiPort
                            + "/api/alerts   (contract: /openapi.yaml, live: /api/alerts/stream)");
            console.line(
                    "users",
                    "analyst, supervisor, admin with password " + password
                            + (System.getenv(PASSWORD_ENV) == null
                                    ? "   (random; set " + PASSWORD_ENV + " to choose one)"
                                    : "   (from " + PASSWORD_ENV + ")"));
            console.line(
                    "scenario",
                    "in a minute, and every " + DemoTrafficVerticle.RING_EVERY.toMinutes()
                            + " minutes, an account takeover through a mule: one case with the linked accounts");
            console.line("try", "curl -u analyst:" + password + " http://localhost:" + apiPort + "/api/alerts?limit=5");
            console.line(
                    "CLI",
                    "./fraud rules list --config " + cliSettings(cliValues(keys))
                            + "   (this demo's broker and database, for the fraud commands)");
            console.line(
                    "log",
                    Path.of(System.getProperty(FraudCommand.LOG_DIR_PROPERTY, "logs"), "fraud.log")
                            .toString());
            console.plain("Press Ctrl-C to stop.");
            running = true;
            new StatusLine(console, stats, traffic).every(vertx, 10_000);
            if (durationSeconds != null) {
                vertx.setTimer(TimeUnit.SECONDS.toMillis(durationSeconds), id -> stop.countDown());
            }
        }

        /** What the fraud commands need to work on this demo's data: where it is, and the key its models are signed with. */
        private Map<String, String> cliValues(DemoKeys keys) {
            Map<String, String> values = new HashMap<>(infrastructure.settings());
            values.putAll(keys.settings());
            values.put("scoring.model-dir", dataDir.resolve("models").toString());
            return values;
        }

        /**
         * The broker's and database's addresses in a settings file the fraud commands read ({@code --config}), readable by
         * its owner only: it holds the embedded database's password. No API password is written.
         */
        private Path cliSettings(Map<String, String> connection) throws java.io.IOException {
            Path file = dataDir.resolve("cli.properties");
            StringBuilder text = new StringBuilder(
                    "# written by fraud demo: where this demo's broker, database and models are, for --config\n");
            new java.util.TreeMap<>(connection)
                    .forEach((key, value) -> text.append(key)
                            .append('=')
                            .append(value.replace("\\", "\\\\"))
                            .append('\n'));
            Files.deleteIfExists(file);
            Files.createFile(
                    file,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text);
            return file.toAbsolutePath();
        }

        private String demoPassword() {
            String fromEnv = System.getenv(PASSWORD_ENV);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return fromEnv;
            }
            String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
            SecureRandom random = new SecureRandom();
            StringBuilder password = new StringBuilder();
            for (int i = 0; i < 14; i++) {
                password.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return password.toString();
        }

        private Map<String, String> demoSettings(String password) {
            Map<String, String> s = new HashMap<>(infrastructure.settings());
            s.put("auth.admin-password", password);
            s.put("auth.demo-users", "true");
            s.put("http.host", "127.0.0.1");
            s.put("http.port", Integer.toString(port));
            s.put("scoring.model-dir", dataDir.resolve("models").toString());
            if (alertThreshold != null) {
                s.put("scoring.alert-threshold", Double.toString(alertThreshold));
            }
            s.put("ingest.source-name", "demo-generator");
            return s;
        }

        void awaitStop() throws InterruptedException {
            stop.await();
        }

        void shutdown(Console console) {
            stop.countDown();
            if (!running) {
                // stopped while starting (a first start trains a model for minutes): stop the servers now, the JVM ends
                // the rest
                try {
                    close();
                } catch (Exception e) {
                    console.plain("Stopping: " + e.getMessage());
                }
                return;
            }
            try {
                stopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public synchronized void close() throws Exception {
            if (closed) {
                return;
            }
            closed = true;
            Console console = Console.standard();
            console.plain("Stopping…");
            try {
                if (vertx != null) {
                    vertx.close().await(30, TimeUnit.SECONDS);
                }
            } finally {
                try {
                    if (infrastructure != null) {
                        infrastructure.close();
                    }
                } finally {
                    console.plain("Stopped cleanly.");
                    stopped.countDown();
                }
            }
        }
    }
}
