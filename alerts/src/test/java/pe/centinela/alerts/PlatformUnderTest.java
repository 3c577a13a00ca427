package pe.centinela.alerts;

import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.ApiServerVerticle;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.embedded.EmbeddedInfrastructure;
import pe.centinela.embedded.EmbeddedPlatform;

/**
 * For one test class that needs the broker as well as the database ({@link ApiUnderTest} has the database alone): an
 * embedded Kafka broker and PostgreSQL in a directory of their own, with the topics and the schema, under the class's
 * settings; closed and deleted after the class, with what the class deployed and the producer it used. The class
 * deploys its verticles and serves its routes in its own {@code @BeforeAll}, which runs after this.
 */
public final class PlatformUnderTest implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<Map<String, String>> settings;
    private Path dir;
    private EmbeddedPlatform platform;
    private KafkaProducer<String, byte[]> producer;
    private Pool pool;

    /** @param settings over those of the embedded servers; asked for when the class starts */
    public PlatformUnderTest(Supplier<Map<String, String>> settings) {
        this.settings = settings;
    }

    public PlatformUnderTest(Map<String, String> settings) {
        this(() -> settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory(
                "centinela-" + context.getRequiredTestClass().getSimpleName());
        platform = EmbeddedPlatform.start(dir, settings.get());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (producer != null) {
                producer.close();
            }
            if (pool != null) {
                pool.close().await(30, TimeUnit.SECONDS);
            }
            if (platform != null) {
                platform.close();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    public void deploy(Deployable verticle) throws Exception {
        platform.vertx().deployVerticle(verticle).await(60, TimeUnit.SECONDS);
    }

    /** Serves {@code routes} on a free port and returns it. */
    public int serve(List<ApiRoutes> routes) throws Exception {
        ApiServerVerticle api = new ApiServerVerticle(config(), routes);
        deploy(api);
        return api.actualPort();
    }

    /** A producer to the broker, closed after the class. */
    public synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            config().kafka().bootstrapServers()),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }

    /** A pool on the database, closed after the class. */
    public synchronized Pool pool() {
        if (pool == null) {
            pool = Database.pool(vertx(), config().postgres());
        }
        return pool;
    }

    public PlatformConfig config() {
        return platform.config();
    }

    public Vertx vertx() {
        return platform.vertx();
    }

    public EmbeddedInfrastructure infrastructure() {
        return platform.infrastructure();
    }

    public Path dir() {
        return dir;
    }
}
