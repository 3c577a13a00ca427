package pe.centinela.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PostgreSQL 17 run from the binaries on the classpath (zonky), with its data under a folder of the caller's so
 * it survives restarts. Listens on loopback only. Durable unless made with {@link #forTests}: zonky's defaults turn
 * {@code fsync} and {@code synchronous_commit} off, which loses committed alerts and decisions when the machine stops.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private final Path dataDir;
    private final boolean portPicked;
    private int port;
    private final boolean durable;
    private final Map<String, String> serverConfig = new LinkedHashMap<>();
    private EmbeddedPostgres postgres;

    /** A server that keeps every commit through a crash of the machine: what {@code fraud demo} runs. */
    public EmbeddedPostgresServer(Path dataDir, int port) {
        this(dataDir, port, true);
    }

    private EmbeddedPostgresServer(Path dataDir, int port, boolean durable) {
        this.dataDir = dataDir;
        this.portPicked = port == 0;
        this.port = FreePorts.pickIfZero(port);
        this.durable = durable;
    }

    /**
     * A server with {@code fsync} and {@code synchronous_commit} off: faster, and it can lose or corrupt its data if the
     * machine stops. Only for throwaway data (tests, benchmarks).
     */
    public static EmbeddedPostgresServer forTests(Path dataDir, int port) {
        return new EmbeddedPostgresServer(dataDir, port, false);
    }

    /** Accepts TLS connections with this certificate chain and key (PEM files; the key readable by this user only). */
    public EmbeddedPostgresServer withSsl(Path certFile, Path keyFile) {
        serverConfig.put("ssl", "on");
        serverConfig.put("ssl_cert_file", certFile.toAbsolutePath().toString());
        serverConfig.put("ssl_key_file", keyFile.toAbsolutePath().toString());
        return this;
    }

    /**
     * Starts the server. Two test JVMs can pick the same free port before either binds it; the one that loses cannot
     * bind, yet its start would connect to the winner's server and report success, so the tests would share a
     * database. The server that answers must therefore be this one (its data directory): when it is not and the port
     * was picked here, another port is tried.
     */
    public EmbeddedPostgresServer start() throws IOException {
        Files.createDirectories(dataDir.getParent());
        for (int attempt = 1; ; attempt++) {
            postgres = builder().start();
            if (answersFromOwnDataDirectory()) {
                return this;
            }
            postgres.close();
            postgres = null;
            if (!portPicked || attempt == 3) {
                throw new IOException("port " + port + " is held by another PostgreSQL, not the one of " + dataDir);
            }
            port = FreePorts.pick();
        }
    }

    private boolean answersFromOwnDataDirectory() throws IOException {
        try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection();
                java.sql.ResultSet rows = c.createStatement().executeQuery("SHOW data_directory")) {
            rows.next();
            return Path.of(rows.getString(1)).toRealPath().equals(dataDir.toRealPath());
        } catch (java.sql.SQLException e) {
            throw new IOException("PostgreSQL on port " + port + " did not answer: " + e.getMessage(), e);
        }
    }

    private EmbeddedPostgres.Builder builder() {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "50")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off")
                .setRegisterShutdownHook(false);
        serverConfig.forEach(builder::setServerConfig);
        return builder;
    }

    /** The platform's {@code postgres.*} settings for this server. */
    public java.util.Map<String, String> settings() {
        return java.util.Map.of(
                "postgres.host",
                host(),
                "postgres.port",
                Integer.toString(port()),
                "postgres.database",
                DATABASE,
                "postgres.user",
                USER,
                "postgres.password",
                "embedded");
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
