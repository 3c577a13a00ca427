package pe.centinela.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * PostgreSQL 17 run from the binaries on the classpath (zonky), with its data under a folder of the caller's so
 * it survives restarts. Listens on loopback only.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;

    public EmbeddedPostgresServer(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = FreePorts.pickIfZero(port);
    }

    public EmbeddedPostgresServer start() throws IOException {
        Files.createDirectories(dataDir.getParent());
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "50")
                .setRegisterShutdownHook(false)
                .start();
        return this;
    }

    /** The platform's {@code postgres.*} settings for this server. */
    public java.util.Map<String, String> settings() {
        return java.util.Map.of("postgres.host", host(), "postgres.port", Integer.toString(port()), "postgres.database", DATABASE,
                "postgres.user", USER, "postgres.password", "embedded");
    }

    /**
     * Settings of an HTTP API on this database alone (no broker; a free port on loopback) whose users {@code analyst},
     * {@code supervisor} and {@code admin} have {@code password}: what the API's integration tests need.
     */
    public java.util.Map<String, String> apiSettings(String password) {
        java.util.Map<String, String> s = new java.util.HashMap<>(settings());
        s.put("kafka.bootstrap-servers", "unused:9092");
        s.put("http.host", "127.0.0.1");
        s.put("http.port", "0");
        s.put("auth.admin-password", password);
        s.put("auth.demo-users", "true");
        return s;
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
