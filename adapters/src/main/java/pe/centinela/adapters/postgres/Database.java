package pe.centinela.adapters.postgres;

import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.PostgresSsl;

/** The platform database: connection pools and schema migrations (every stage keeps its tables there). */
public final class Database {

    private Database() {}

    public static Pool pool(Vertx vertx, PlatformConfig.Postgres pg) {
        return PgBuilder.pool()
                .with(new PoolOptions()
                        .setMaxSize(pg.poolSize())
                        .setShared(true)
                        .setName("centinela"))
                .connectingTo(connectOptions(pg))
                .using(vertx)
                .build();
    }

    /** How a process connects to the platform database, encrypted as {@code postgres.ssl-mode} says. */
    public static PgConnectOptions connectOptions(PlatformConfig.Postgres pg) {
        PgConnectOptions connect = new PgConnectOptions()
                .setHost(pg.host())
                .setPort(pg.port())
                .setDatabase(pg.database())
                .setUser(pg.user())
                .setPassword(pg.password().value())
                .setCachePreparedStatements(true);
        encrypt(connect, pg.ssl());
        return connect;
    }

    /** The same checks as the JDBC driver's for each {@code sslmode}, so that every connection of a process agrees. */
    private static void encrypt(PgConnectOptions connect, PostgresSsl ssl) {
        switch (ssl.mode()) {
            case DISABLE -> connect.setSslMode(SslMode.DISABLE);
            case REQUIRE -> connect.setSslMode(SslMode.REQUIRE).setSslOptions(new ClientSSLOptions().setTrustAll(true));
            case VERIFY_CA ->
                connect.setSslMode(SslMode.VERIFY_CA)
                        .setSslOptions(verifying(ssl).setHostnameVerificationAlgorithm(""));
            case VERIFY_FULL ->
                connect.setSslMode(SslMode.VERIFY_FULL)
                        .setSslOptions(verifying(ssl).setHostnameVerificationAlgorithm("HTTPS"));
        }
    }

    private static ClientSSLOptions verifying(PostgresSsl ssl) {
        return new ClientSSLOptions()
                .setTrustOptions(
                        new PemTrustOptions().addCertPath(ssl.rootCertFile().toString()));
    }

    /**
     * Brings the schema up to date. Blocking (JDBC): run it on a worker thread. Every process does this first, so a
     * server that fails the TLS checks is reported here, naming the setting to look at.
     */
    public static MigrateResult migrate(PlatformConfig.Postgres pg) {
        try {
            return Flyway.configure()
                    .dataSource(pg.jdbcUrl(), pg.user(), pg.password().value())
                    .locations("classpath:db/migration")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw tlsFailure(pg, e).orElseThrow(() -> e);
        }
    }

    private static Optional<IllegalStateException> tlsFailure(PlatformConfig.Postgres pg, RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof SSLException
                    || cause instanceof GeneralSecurityException
                    || message.contains("hostnameverifier")) {
                String where = "PostgreSQL at " + pg.host() + ":" + pg.port();
                String why = message.contains("hostnameverifier")
                        ? "its certificate does not name the host " + pg.host()
                                + " (postgres.host; postgres.ssl-mode=verify-full checks it)"
                        : pg.ssl().mode().verifiesCertificate()
                                ? "its certificate is not signed by the authority in postgres.ssl-root-cert ("
                                        + pg.ssl().rootCertFile() + ")"
                                : "the TLS handshake failed (postgres.ssl-mode="
                                        + pg.ssl().mode().text() + ")";
                return Optional.of(new IllegalStateException(where + " refused: " + why + ": " + message, e));
            }
        }
        return Optional.empty();
    }
}
