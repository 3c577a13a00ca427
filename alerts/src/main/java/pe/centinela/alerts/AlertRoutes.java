package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.Set;
import pe.centinela.runtime.http.ApiRoutes;
import pe.centinela.runtime.http.HttpErrors;

/** The analysts' endpoints: alerts as JSON and a live stream of newly stored alerts. */
public final class AlertRoutes implements ApiRoutes {

    private static final Set<String> STATUSES = Set.of("new", "investigating", "confirmed_fraud", "false_positive", "escalated");
    private static final int MAX_LIMIT = 500;

    private Pool pool;
    private io.vertx.core.Vertx vertx;

    @Override
    public void mount(Router router, Context context) {
        this.pool = context.pool();
        this.vertx = context.vertx();
        router.get("/api/alerts").handler(this::listAlerts);
        router.get("/api/alerts/stream").handler(this::streamAlerts);
    }

    private void listAlerts(RoutingContext ctx) {
        String status = ctx.request().getParam("status");
        String limitParam = ctx.request().getParam("limit", "50");
        int limit;
        try {
            limit = Integer.parseInt(limitParam);
        } catch (NumberFormatException e) {
            HttpErrors.error(ctx.response(), 400, "invalid_parameter", "limit must be a whole number between 1 and " + MAX_LIMIT, "limit");
            return;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            HttpErrors.error(ctx.response(), 400, "invalid_parameter", "limit must be between 1 and " + MAX_LIMIT, "limit");
            return;
        }
        if (status != null && !STATUSES.contains(status)) {
            HttpErrors.error(ctx.response(), 400, "invalid_parameter", "status must be one of " + String.join(", ", STATUSES.stream().sorted().toList()), "status");
            return;
        }
        Future<RowSet<Row>> rows = status == null
                ? pool.preparedQuery(AlertQueries.LIST_ALERTS).execute(Tuple.of(limit))
                : pool.preparedQuery(AlertQueries.LIST_ALERTS_BY_STATUS).execute(Tuple.of(status, limit));
        rows.onSuccess(result -> {
            JsonArray alerts = new JsonArray();
            var role = AlertRows.role(ctx);
            result.forEach(row -> alerts.add(AlertRows.forRole(AlertRows.toJson(row), role)));
            HttpErrors.json(ctx.response(), 200, new JsonObject().put("alerts", alerts).put("count", alerts.size()));
        }).onFailure(ctx::fail);
    }

    private void streamAlerts(RoutingContext ctx) {
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache");
        response.write(": connected\n\n");
        var role = AlertRows.role(ctx);
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(AlertStoreVerticle.STORED_ADDRESS,
                message -> response.write("event: alert\ndata: " + AlertRows.forRole(message.body(), role).encode() + "\n\n"));
        ctx.request().connection().closeHandler(v -> consumer.unregister());
    }
}
