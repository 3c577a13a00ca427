package pe.centinela.alerts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import pe.centinela.adapters.http.ApiOperations;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.Caller;
import pe.centinela.adapters.http.HttpErrors;
import pe.centinela.core.config.PlatformConfig;

/** {@code GET /api/retention} (the settings and the latest purges) and {@code POST /api/retention/purge} (run it now). */
public final class RetentionRoutes implements ApiRoutes {

    private static final int RECENT_PURGES = 50;

    private final Clock clock;
    private Pool pool;
    private PlatformConfig.Retention retention;
    private RetentionPurge purge;

    public RetentionRoutes(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void mount(ApiOperations operations, Context context) {
        this.pool = context.pool();
        this.retention = context.config().retention();
        this.purge = new RetentionPurge(pool, retention);
        operations.handle("getRetention", this::settings);
        operations.handle("runRetentionPurge", this::runNow);
    }

    private void settings(RoutingContext ctx) {
        pool.preparedQuery(RetentionQueries.RECENT)
                .execute(Tuple.of(RECENT_PURGES))
                .onSuccess(rows -> {
                    JsonArray purges = new JsonArray();
                    rows.forEach(row -> purges.add(RetentionPurge.toJson(row)));
                    HttpErrors.json(
                            ctx.response(),
                            200,
                            new JsonObject()
                                    .put(
                                            "keep_days",
                                            new JsonObject()
                                                    .put("transactions", days(retention.transactions()))
                                                    .put("cases", days(retention.cases()))
                                                    .put("audit", days(retention.audit()))
                                                    .put("dead_letters", days(retention.deadLetters())))
                                    .put(
                                            "purge_every_minutes",
                                            retention.interval().toMinutes())
                                    .put("purges", purges));
                })
                .onFailure(ctx::fail);
    }

    private void runNow(RoutingContext ctx) {
        purge.run(clock.instant(), Caller.of(ctx).username())
                .onSuccess(records -> records.ifPresentOrElse(
                        done -> HttpErrors.json(ctx.response(), 200, new JsonObject().put("purges", done)),
                        () -> HttpErrors.error(
                                ctx.response(), 409, "purge_running", "another replica is purging now", null)))
                .onFailure(ctx::fail);
    }

    private static double days(Duration d) {
        return d.toMinutes() / 1440.0;
    }
}
