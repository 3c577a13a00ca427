package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import pe.centinela.adapters.http.ApiOperations;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.HttpErrors;
import pe.centinela.adapters.http.QueryParams;

/**
 * The webhook delivery log ({@code listWebhookDeliveries}, supervisors and admins: payloads name clients) and the
 * admins' {@code retryWebhookDelivery}, which sends a failed or delivered event again with a fresh set of attempts.
 * The contract checks roles and parameters.
 */
public final class WebhookRoutes implements ApiRoutes {

    private Pool pool;
    private Vertx vertx;

    @Override
    public void mount(ApiOperations operations, Context context) {
        this.pool = context.pool();
        this.vertx = context.vertx();
        operations.handle("listWebhookDeliveries", this::list).handle("retryWebhookDelivery", this::retry);
    }

    private void list(RoutingContext ctx) {
        String status = ctx.queryParams().get("status");
        int limit = QueryParams.integer(ctx, "limit", 50);
        Future<RowSet<Row>> rows = status == null
                ? pool.preparedQuery(WebhookQueries.LOG).execute(Tuple.of(limit))
                : pool.preparedQuery(WebhookQueries.LOG_BY_STATUS).execute(Tuple.of(status, limit));
        rows.onSuccess(result -> {
                    JsonArray deliveries = new JsonArray();
                    result.forEach(row -> deliveries.add(toJson(row)));
                    HttpErrors.json(
                            ctx.response(),
                            200,
                            new JsonObject().put("deliveries", deliveries).put("count", deliveries.size()));
                })
                .onFailure(ctx::fail);
    }

    private void retry(RoutingContext ctx) {
        long id = Long.parseLong(ctx.pathParam("deliveryId"));
        pool.preparedQuery(WebhookQueries.RETRY)
                .execute(Tuple.of(id))
                .compose(retried -> {
                    if (retried.size() > 0) {
                        vertx.eventBus().publish(WebhookOutbox.DUE_ADDRESS, null);
                        HttpErrors.json(
                                ctx.response(),
                                202,
                                new JsonObject().put("id", id).put("status", "pending"));
                        return Future.succeededFuture();
                    }
                    return pool.preparedQuery(WebhookQueries.STATUS_OF)
                            .execute(Tuple.of(id))
                            .map(rows -> {
                                if (rows.size() == 0) {
                                    HttpErrors.error(
                                            ctx.response(), 404, "not_found", "no webhook delivery " + id, null);
                                } else {
                                    HttpErrors.error(
                                            ctx.response(),
                                            409,
                                            "already_pending",
                                            "delivery " + id + " is pending; its next attempt is at "
                                                    + instant(rows.iterator()
                                                            .next()
                                                            .getOffsetDateTime("next_attempt_at")),
                                            null);
                                }
                                return null;
                            });
                })
                .onFailure(ctx::fail);
    }

    private static JsonObject toJson(Row row) {
        String status = row.getString("status");
        return new JsonObject()
                .put("id", row.getLong("id"))
                .put("event_id", row.getString("event_id"))
                .put("event_type", row.getString("event_type"))
                .put("status", status)
                .put("attempts", row.getInteger("attempts"))
                .put(
                        "next_attempt_at",
                        "pending".equals(status) ? instant(row.getOffsetDateTime("next_attempt_at")) : null)
                .put("last_status_code", row.getInteger("last_status_code"))
                .put("last_error", row.getString("last_error"))
                .put("created_at", instant(row.getOffsetDateTime("created_at")))
                .put("delivered_at", instant(row.getOffsetDateTime("delivered_at")))
                .put("payload", new JsonObject(row.getString("payload")));
    }

    private static String instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }
}
