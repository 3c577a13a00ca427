package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import pe.centinela.adapters.http.ApiOperations;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.Caller;
import pe.centinela.adapters.http.HttpErrors;
import pe.centinela.adapters.http.QueryParams;

/**
 * The model registry as the analysts' side sees it, with its trail of events, and the admins' threshold: scoring
 * follows it without a restart.
 */
public final class ModelRoutes implements ApiRoutes {

    private static final String LIST = """
            SELECT version, kind, status, alert_threshold, created_at, activated_at, metrics::text AS metrics FROM models
            ORDER BY created_at DESC""";
    private static final String SET_THRESHOLD = """
            UPDATE models SET alert_threshold = $2 WHERE version = $1
            RETURNING version, kind, status, alert_threshold, created_at, activated_at, metrics::text AS metrics""";
    private static final String EVENT =
            "INSERT INTO model_events (version, action, actor, detail) VALUES ($1, $2, $3, $4::jsonb)";
    private static final String EVENTS = """
            SELECT id, version, action, actor, at, detail::text AS detail FROM model_events WHERE $1::text IS NULL OR version = $1
            ORDER BY at DESC, id DESC LIMIT $2""";

    private Pool pool;

    @Override
    public void mount(ApiOperations operations, Context context) {
        this.pool = context.pool();
        operations
                .handle("listModels", this::list)
                .handle("listModelEvents", this::events)
                .handle("setModelThreshold", this::setThreshold)
                .handle("compareModels", this::compare);
    }

    private void compare(RoutingContext ctx) {
        int hours = QueryParams.integer(ctx, "hours", 24);
        Tuple since = Tuple.of(OffsetDateTime.now(java.time.ZoneOffset.UTC).minusHours(hours));
        pool.preparedQuery(HistoryQueries.VERSIONS)
                .execute(since)
                .compose(versions -> pool.preparedQuery(HistoryQueries.SHADOWS)
                        .execute(since)
                        .map(shadows -> {
                            JsonArray byVersion = new JsonArray();
                            versions.forEach(r -> byVersion.add(new JsonObject()
                                    .put("version", r.getString("version"))
                                    .put("scored", r.getLong("scored"))
                                    .put("alerts", r.getLong("alerts"))
                                    .put("decided", r.getLong("decided"))
                                    .put("confirmed", r.getLong("confirmed"))
                                    .put("precision", ratio(r.getLong("confirmed"), r.getLong("decided")))));
                            JsonArray byShadow = new JsonArray();
                            shadows.forEach(r -> byShadow.add(new JsonObject()
                                    .put("shadow", r.getString("shadow"))
                                    .put("version", r.getString("version"))
                                    .put("scored", r.getLong("scored"))
                                    .put("agreement", ratio(r.getLong("agreed"), r.getLong("scored")))
                                    .put("alerts", r.getLong("alerts"))
                                    .put("shadow_alerts", r.getLong("shadow_alerts"))
                                    .put("both_alerted", r.getLong("both_alerted"))
                                    .put("precision", ratio(r.getLong("confirmed"), r.getLong("decided")))
                                    .put(
                                            "shadow_precision",
                                            ratio(r.getLong("shadow_confirmed"), r.getLong("shadow_decided")))
                                    .put("shadow_missed", r.getLong("shadow_missed"))));
                            return new JsonObject()
                                    .put("hours", hours)
                                    .put("versions", byVersion)
                                    .put("shadows", byShadow);
                        }))
                .onSuccess(comparison -> HttpErrors.json(ctx.response(), 200, comparison))
                .onFailure(ctx::fail);
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private void list(RoutingContext ctx) {
        pool.query(LIST)
                .execute()
                .onSuccess(rows -> {
                    JsonArray models = new JsonArray();
                    rows.forEach(r -> models.add(model(r)));
                    HttpErrors.json(ctx.response(), 200, new JsonObject().put("models", models));
                })
                .onFailure(ctx::fail);
    }

    private void events(RoutingContext ctx) {
        String version = ctx.queryParams().get("version");
        int limit = QueryParams.integer(ctx, "limit", 100);
        pool.preparedQuery(EVENTS)
                .execute(Tuple.of(version, limit))
                .onSuccess(rows -> {
                    JsonArray events = new JsonArray();
                    rows.forEach(r -> events.add(event(r)));
                    HttpErrors.json(ctx.response(), 200, new JsonObject().put("events", events));
                })
                .onFailure(ctx::fail);
    }

    private void setThreshold(RoutingContext ctx) {
        String version = ctx.pathParam("version");
        double threshold = ctx.body().asJsonObject().getDouble("alert_threshold");
        String actor = Caller.of(ctx).username();
        pool.withTransaction(conn -> conn.preparedQuery(SET_THRESHOLD)
                        .execute(Tuple.of(version, threshold))
                        .compose(rows -> rows.size() == 0
                                ? Future.succeededFuture((JsonObject) null)
                                : conn.preparedQuery(EVENT)
                                        .execute(Tuple.of(
                                                version,
                                                "threshold",
                                                actor,
                                                new JsonObject().put("alert_threshold", threshold)))
                                        .map(v -> model(rows.iterator().next()))))
                .onSuccess(model -> {
                    if (model == null) {
                        HttpErrors.error(
                                ctx.response(),
                                404,
                                "not_found",
                                "no model version " + version + " in the registry",
                                null);
                    } else {
                        HttpErrors.json(ctx.response(), 200, model);
                    }
                })
                .onFailure(ctx::fail);
    }

    private static JsonObject model(Row r) {
        OffsetDateTime activated = r.getOffsetDateTime("activated_at");
        return new JsonObject()
                .put("version", r.getString("version"))
                .put("kind", r.getString("kind"))
                .put("status", r.getString("status"))
                .put("alert_threshold", r.getDouble("alert_threshold"))
                .put("created_at", r.getOffsetDateTime("created_at").toInstant().toString())
                .put(
                        "activated_at",
                        activated == null ? null : activated.toInstant().toString())
                .put("metrics", new JsonObject(r.getString("metrics")));
    }

    private static JsonObject event(Row r) {
        return new JsonObject()
                .put("id", r.getLong("id"))
                .put("version", r.getString("version"))
                .put("action", r.getString("action"))
                .put("actor", r.getString("actor"))
                .put("at", r.getOffsetDateTime("at").toInstant().toString())
                .put("detail", new JsonObject(r.getString("detail")));
    }
}
