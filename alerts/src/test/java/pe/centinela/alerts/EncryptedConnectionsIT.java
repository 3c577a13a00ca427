package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.adapters.http.ApiServerVerticle;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.embedded.EmbeddedPostgresServer;
import pe.centinela.embedded.SelfSignedCertificate;

/**
 * The API served over TLS, and the platform's PostgreSQL connections (the Vert.x pool and JDBC) encrypted and checked
 * against a root certificate, on a real PostgreSQL with {@code ssl=on}.
 */
class EncryptedConnectionsIT {

    private static final String PASSWORD = "encrypted-it-password";
    private static final String IS_ENCRYPTED = "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()";

    @TempDir
    static Path dir;

    static SelfSignedCertificate server;
    static SelfSignedCertificate stranger;
    static EmbeddedPostgresServer postgres;
    static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        server = SelfSignedCertificate.create(dir.resolve("certs"), "server");
        stranger = SelfSignedCertificate.create(dir.resolve("certs"), "stranger");
        postgres = EmbeddedPostgresServer.forTests(dir.resolve("pg"), 0)
                .withSsl(server.certFile(), server.keyFile())
                .start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static PlatformConfig config(String... keyValues) {
        Map<String, String> settings = new HashMap<>(postgres.apiSettings(PASSWORD));
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return PlatformConfig.from(Settings.of(settings));
    }

    @Test
    void theApiAnswersOverTlsAndNotInTheClear() throws Exception {
        PlatformConfig config = config(
                "http.tls.cert-file",
                server.certFile().toString(),
                "http.tls.key-file",
                server.keyFile().toString());
        Database.migrate(config.postgres());
        ApiServerVerticle api = new ApiServerVerticle(config, List.of(new AlertRoutes()));
        String id = vertx.deployVerticle(api).await(60, TimeUnit.SECONDS);
        try {
            int port = api.actualPort();
            HttpClient trusting = HttpClient.newBuilder()
                    .sslContext(trusting(server))
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            HttpResponse<String> health = trusting.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/health"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            HttpClient plain = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            assertThatThrownBy(() -> plain.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .as("plain HTTP to the TLS port")
                    .isInstanceOf(IOException.class);

            HttpClient trustingOthers =
                    HttpClient.newBuilder().sslContext(trusting(stranger)).build();
            assertThatThrownBy(() -> trustingOthers.send(
                            HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/health"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .as("a client that does not trust the server's certificate")
                    .isInstanceOf(SSLHandshakeException.class);
        } finally {
            vertx.undeploy(id).await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void bothDatabaseClientsEncryptAndCheckTheServerWithVerifyFullAndVerifyCa() throws Exception {
        for (String mode : List.of("verify-full", "verify-ca")) {
            PlatformConfig.Postgres pg = config(
                            "postgres.ssl-mode",
                            mode,
                            "postgres.ssl-root-cert",
                            server.certFile().toString())
                    .postgres();
            assertThat(viaPool(pg)).as(mode + " through the Vert.x pool").isTrue();
            assertThat(viaJdbc(pg)).as(mode + " through JDBC").isTrue();
        }
        assertThat(Database.migrate(config(
                                        "postgres.ssl-mode",
                                        "verify-full",
                                        "postgres.ssl-root-cert",
                                        server.certFile().toString())
                                .postgres())
                        .success)
                .as("Flyway's migrations over verify-full")
                .isTrue();
    }

    @Test
    void requireEncryptsWithoutCheckingAndDisableDoesNot() throws Exception {
        PlatformConfig.Postgres required =
                config("postgres.ssl-mode", "require").postgres();
        assertThat(viaPool(required)).isTrue();
        assertThat(viaJdbc(required)).isTrue();
        PlatformConfig.Postgres disabled = config().postgres();
        assertThat(viaPool(disabled)).isFalse();
        assertThat(viaJdbc(disabled)).isFalse();
    }

    @Test
    void aServerSignedByAnotherAuthorityIsRefusedWithACertificateError() {
        PlatformConfig.Postgres pg = config(
                        "postgres.ssl-mode",
                        "verify-full",
                        "postgres.ssl-root-cert",
                        stranger.certFile().toString())
                .postgres();
        assertThatThrownBy(() -> Database.migrate(pg))
                .as("the start-up migration, the first connection of every process")
                .hasMessageContaining("PostgreSQL at 127.0.0.1:" + postgres.port() + " refused")
                .hasMessageContaining(
                        "not signed by the authority in postgres.ssl-root-cert (" + stranger.certFile() + ")");
        assertThatThrownBy(() -> viaJdbc(pg))
                .as("JDBC")
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("SSL")
                .hasStackTraceContaining("PKIX path building failed");
        assertThatThrownBy(() -> viaPool(pg)).as("Vert.x pool").hasMessageContaining("SSL handshake failed");
    }

    private static boolean viaPool(PlatformConfig.Postgres pg) throws Exception {
        Pool pool = Database.pool(vertx, pg);
        try {
            return pool.query(IS_ENCRYPTED)
                    .execute()
                    .await(30, TimeUnit.SECONDS)
                    .iterator()
                    .next()
                    .getBoolean(0);
        } finally {
            pool.close().await(30, TimeUnit.SECONDS);
        }
    }

    private static boolean viaJdbc(PlatformConfig.Postgres pg) throws SQLException {
        try (Connection db = DriverManager.getConnection(
                        pg.jdbcUrl(), pg.user(), pg.password().value());
                ResultSet row = db.createStatement().executeQuery(IS_ENCRYPTED)) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private static SSLContext trusting(SelfSignedCertificate certificate) throws Exception {
        Path trustStore = certificate.trustStore();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            store.load(in, certificate.storePassword().toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
