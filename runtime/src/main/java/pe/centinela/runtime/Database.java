package pe.centinela.runtime;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import pe.centinela.core.config.PlatformConfig;

/** The platform database: connection pools and schema migrations (every stage keeps its tables there). */
public final class Database {

    private Database() {
    }

    public static Pool pool(Vertx vertx, PlatformConfig.Postgres pg) {
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(pg.poolSize()).setShared(true).setName("centinela"))
                .connectingTo(connectOptions(pg))
                .using(vertx)
                .build();
    }

    public static PgConnectOptions connectOptions(PlatformConfig.Postgres pg) {
        return new PgConnectOptions()
                .setHost(pg.host())
                .setPort(pg.port())
                .setDatabase(pg.database())
                .setUser(pg.user())
                .setPassword(pg.password().value())
                .setCachePreparedStatements(true);
    }

    /** Brings the schema up to date. Blocking (JDBC): run it on a worker thread. */
    public static MigrateResult migrate(PlatformConfig.Postgres pg) {
        return Flyway.configure()
                .dataSource(pg.jdbcUrl(), pg.user(), pg.password().value())
                .locations("classpath:db/migration")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
