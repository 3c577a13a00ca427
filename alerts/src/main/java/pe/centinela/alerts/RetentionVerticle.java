package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;

/**
 * Runs the retention purge ({@link RetentionPurge}) a minute after start and then every {@code retention.interval},
 * on every replica of the alerts role; whichever takes the database's lock purges, the others skip that round.
 */
public final class RetentionVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionVerticle.class);
    static final String ACTOR = "retention";
    private static final Duration FIRST_RUN = Duration.ofMinutes(1);

    private final PlatformConfig config;
    private final Clock clock;
    private Pool pool;
    private RetentionPurge purge;
    private long timer;

    public RetentionVerticle(PlatformConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        pool = Database.pool(vertx, config.postgres());
        purge = new RetentionPurge(pool, config.retention());
        timer = vertx.setTimer(FIRST_RUN.toMillis(), first -> {
            run();
            timer = vertx.setPeriodic(config.retention().interval().toMillis(), id -> run());
        });
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return pool == null ? Future.succeededFuture() : pool.close();
    }

    private void run() {
        purge.run(clock.instant(), ACTOR)
                .onSuccess(records -> records.ifPresent(done -> done.forEach(r -> {
                    var record = (io.vertx.core.json.JsonObject) r;
                    if (record.getLong("deleted") > 0) {
                        LOG.info(
                                "retention: {} {} older than {} deleted, {} kept for open cases or pending deliveries",
                                record.getLong("deleted"),
                                record.getString("kind"),
                                record.getString("cutoff"),
                                record.getLong("kept"));
                    }
                })))
                .onFailure(e -> LOG.warn(
                        "the retention purge failed, trying again in {}: {}",
                        config.retention().interval(),
                        e.toString()));
    }
}
