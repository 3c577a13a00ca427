package pe.centinela.app;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.adapters.kafka.TopicAdmin;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fraud run}: the production entry point against an external Kafka and PostgreSQL. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run platform roles against an external Kafka and PostgreSQL.",
            "Settings come from --config (a properties file) and FRAUD_* environment variables, which win;",
            "e.g. kafka.bootstrap-servers is overridden by FRAUD_KAFKA_BOOTSTRAP_SERVERS."
        })
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(
            names = "--role",
            defaultValue = "all",
            description = {
                "ingest, scoring, alerts, retrain or all (default: ${DEFAULT-VALUE});",
                "alerts and all run the retraining loop too where retrain.every is set"
            })
    String role;

    @Option(names = "--config", paramLabel = "FILE", description = "properties file with the settings")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        Platform.Role chosen = Platform.Role.parse(role);
        Settings settings = Settings.load(configFile, System.getenv());
        PlatformConfig config = PlatformConfig.from(settings);
        settings.requireAllUsed();
        LOG.info(
                "starting role {} with Kafka at {} and PostgreSQL at {}:{}/{} as {} (password {})",
                chosen,
                config.kafka().bootstrapServers(),
                config.postgres().host(),
                config.postgres().port(),
                config.postgres().database(),
                config.postgres().user(),
                config.postgres().password());
        LOG.info(
                "encryption: HTTP {}, PostgreSQL ssl-mode {}, Kafka {}",
                config.http().tls().enabled() ? "TLS" : "plain",
                config.postgres().ssl().mode().text(),
                config.kafka().security().protocol());
        var created = TopicAdmin.ensureTopics(config);
        if (!created.isEmpty()) {
            LOG.info("created topics {}", created);
        }
        Vertx vertx = Vertx.vertx();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("stopping");
                            vertx.close()
                                    .toCompletionStage()
                                    .toCompletableFuture()
                                    .orTimeout(20, TimeUnit.SECONDS)
                                    .exceptionally(e -> null)
                                    .join();
                            stopped.countDown();
                        },
                        "fraud-shutdown"));
        try {
            int port =
                    Platform.deploy(vertx, config, chosen, new PipelineStats()).await(120, TimeUnit.SECONDS);
            LOG.info("running role {}{}", chosen, port > 0 ? " with the alert API on port " + port : "");
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
        stopped.await();
        return 0;
    }
}
