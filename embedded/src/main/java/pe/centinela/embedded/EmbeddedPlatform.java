package pe.centinela.embedded;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import pe.centinela.adapters.kafka.TopicAdmin;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;

/**
 * Everything a stage needs, on this machine: the embedded PostgreSQL and Kafka, their topics and schema, the platform
 * configuration pointing at them, and a Vert.x instance. For integration tests and tools.
 */
@SuppressWarnings("try") // close() waits for Vert.x and the servers; an interrupt there ends the run that owns them
public final class EmbeddedPlatform implements AutoCloseable {

    private final EmbeddedInfrastructure infrastructure;
    private final PlatformConfig config;
    private final Vertx vertx;

    private EmbeddedPlatform(EmbeddedInfrastructure infrastructure, PlatformConfig config, Vertx vertx) {
        this.infrastructure = infrastructure;
        this.config = config;
        this.vertx = vertx;
    }

    /** Starts the servers under {@code dir}; {@code settings} adds to or overrides the keys that reach them. */
    public static EmbeddedPlatform start(Path dir, Map<String, String> settings) throws Exception {
        return start(dir, infrastructure -> settings);
    }

    /** As {@link #start(Path, Map)}, for settings that depend on the started servers (e.g. a JDBC URL). */
    public static EmbeddedPlatform start(Path dir, Function<EmbeddedInfrastructure, Map<String, String>> settings)
            throws Exception {
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.startForTests(dir);
        Map<String, String> s = new HashMap<>(infrastructure.settings());
        s.putAll(settings.apply(infrastructure));
        return new EmbeddedPlatform(infrastructure, prepare(s), Vertx.vertx());
    }

    /** The configuration of {@code settings}, with its topics created and its database schema migrated. */
    public static PlatformConfig prepare(Map<String, String> settings) throws Exception {
        PlatformConfig config = PlatformConfig.from(Settings.of(settings));
        TopicAdmin.ensureTopics(config);
        Database.migrate(config.postgres());
        return config;
    }

    public PlatformConfig config() {
        return config;
    }

    public Vertx vertx() {
        return vertx;
    }

    public EmbeddedInfrastructure infrastructure() {
        return infrastructure;
    }

    @Override
    public void close() throws Exception {
        try {
            vertx.close().await(30, TimeUnit.SECONDS);
        } finally {
            infrastructure.close();
        }
    }
}
