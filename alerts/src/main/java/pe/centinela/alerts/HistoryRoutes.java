package pe.centinela.alerts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import pe.centinela.adapters.http.ApiOperations;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.Caller;
import pe.centinela.adapters.http.HttpErrors;
import pe.centinela.adapters.http.QueryParams;
import pe.centinela.core.domain.PersonalData;

/** The account's scored transactions in the days around an alert, newest first: the alert against the account's normal. */
public final class HistoryRoutes implements ApiRoutes {

    private Pool pool;

    @Override
    public void mount(ApiOperations operations, Context context) {
        this.pool = context.pool();
        operations.handle("alertHistory", this::history);
    }

    private void history(RoutingContext ctx) {
        String alertId = ctx.pathParam("alertId");
        int days = QueryParams.integer(ctx, "days", 14);
        int limit = QueryParams.integer(ctx, "limit", 500);
        boolean identities = PersonalData.seesIdentities(Caller.of(ctx).role());
        pool.preparedQuery(HistoryQueries.ALERT_ANCHOR)
                .execute(Tuple.of(alertId))
                .compose(anchors -> {
                    if (anchors.size() == 0) {
                        return io.vertx.core.Future.succeededFuture((JsonObject) null);
                    }
                    Row anchor = anchors.iterator().next();
                    OffsetDateTime at = anchor.getOffsetDateTime("tx_time");
                    String account = anchor.getString("account_id");
                    return pool.preparedQuery(HistoryQueries.AROUND)
                            .execute(Tuple.of(
                                    account, at.minus(Duration.ofDays(days)), at.plus(Duration.ofDays(days)), limit))
                            .map(rows -> {
                                JsonArray transactions = new JsonArray();
                                rows.forEach(r -> transactions.add(item(r)));
                                return new JsonObject()
                                        .put("alert_transaction_id", anchor.getString("transaction_id"))
                                        .put("account_id", identities ? account : PersonalData.mask(account))
                                        .put("transactions", transactions);
                            });
                })
                .onSuccess(history -> {
                    if (history == null) {
                        HttpErrors.error(ctx.response(), 404, "not_found", "no alert " + alertId, null);
                    } else {
                        HttpErrors.json(ctx.response(), 200, history);
                    }
                })
                .onFailure(ctx::fail);
    }

    private static JsonObject item(Row r) {
        return new JsonObject()
                .put("transaction_id", r.getString("transaction_id"))
                .put("timestamp", r.getOffsetDateTime("tx_time").toInstant().toString())
                .put("amount", r.getString("amount"))
                .put("currency", r.getString("currency"))
                .put("amount_pen", r.getString("amount_pen"))
                .put("merchant_id", r.getString("merchant_id"))
                .put("merchant_category_code", r.getString("mcc"))
                .put("channel", r.getString("channel"))
                .put("score", r.getDouble("score"))
                .put("alert", r.getBoolean("alert"))
                .put("review", r.getBoolean("review"));
    }
}
