package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;

/**
 * Announces each case whose SLA ran out, once, as a {@code case.overdue} webhook event: every {@code interval} it
 * marks the newly overdue cases and enqueues their events in one statement ({@link CaseQueries#ANNOUNCE_OVERDUE}),
 * then wakes the senders. Runs beside the webhook senders, on every replica of the alerts role.
 */
public final class CaseSlaVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(CaseSlaVerticle.class);
    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final PlatformConfig config;
    private final Clock clock;
    private final Duration interval;
    private Pool pool;
    private long timer;

    public CaseSlaVerticle(PlatformConfig config) {
        this(config, Clock.systemUTC(), INTERVAL);
    }

    CaseSlaVerticle(PlatformConfig config, Clock clock, Duration interval) {
        this.config = config;
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public Future<?> start() {
        pool = Database.pool(vertx, config.postgres());
        timer = vertx.setPeriodic(interval.toMillis(), id -> announce());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return pool == null ? Future.succeededFuture() : pool.close();
    }

    private void announce() {
        pool.preparedQuery(CaseQueries.ANNOUNCE_OVERDUE)
                .execute(Tuple.of(clock.instant().toString()))
                .onSuccess(rows -> {
                    if (rows.size() > 0) {
                        LOG.info("{} cases past their SLA announced", rows.size());
                        vertx.eventBus().publish(WebhookOutbox.DUE_ADDRESS, (JsonObject) null);
                    }
                })
                .onFailure(e ->
                        LOG.warn("checking the cases' SLA failed, trying again in {}: {}", interval, e.toString()));
    }
}
