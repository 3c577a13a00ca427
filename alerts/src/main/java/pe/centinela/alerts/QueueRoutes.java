package pe.centinela.alerts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import pe.centinela.adapters.http.ApiOperations;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.Caller;
import pe.centinela.adapters.http.HttpErrors;

/**
 * Team queues: {@code GET /api/queues} (each with its waiting and overdue cases), {@code PUT} and {@code DELETE
 * /api/queues/{name}} (supervisors and admins). Which cases belong in a queue is {@link QueueQueries#MATCHES}; its
 * members take the next case from it, and with {@code auto_assign} {@link RoundRobinVerticle} hands them out in turn.
 */
public final class QueueRoutes implements ApiRoutes {

    private Pool pool;

    @Override
    public void mount(ApiOperations operations, Context context) {
        this.pool = context.pool();
        operations
                .handle("listQueues", this::list)
                .handle("saveQueue", this::save)
                .handle("deleteQueue", this::delete);
    }

    private void list(RoutingContext ctx) {
        pool.query(QueueQueries.LIST)
                .execute()
                .onSuccess(rows -> {
                    JsonArray queues = new JsonArray();
                    rows.forEach(row -> queues.add(
                            toJson(row).put("waiting", row.getLong("waiting")).put("overdue", row.getLong("overdue"))));
                    HttpErrors.json(ctx.response(), 200, new JsonObject().put("queues", queues));
                })
                .onFailure(ctx::fail);
    }

    private void save(RoutingContext ctx) {
        String name = ctx.pathParam("queueName");
        JsonObject body = ctx.body().asJsonObject();
        List<String> members = strings(body.getJsonArray("members"));
        boolean autoAssign = body.getBoolean("auto_assign", false);
        if (autoAssign && members.isEmpty()) {
            HttpErrors.error(
                    ctx.response(),
                    400,
                    "invalid_queue",
                    "a queue that assigns on its own needs members",
                    "auto_assign");
            return;
        }
        pool.preparedQuery(QueueQueries.WORKERS)
                .execute(Tuple.of(members.toArray(String[]::new)))
                .compose(found -> {
                    Set<String> known = new HashSet<>();
                    found.forEach(row -> known.add(row.getString("username")));
                    List<String> unknown =
                            members.stream().filter(m -> !known.contains(m)).toList();
                    if (!unknown.isEmpty()) {
                        HttpErrors.error(
                                ctx.response(),
                                400,
                                "unknown_members",
                                "not enabled users who work cases: " + String.join(", ", unknown),
                                "members");
                        return io.vertx.core.Future.succeededFuture();
                    }
                    Number minAmount = body.getNumber("min_amount");
                    return pool.preparedQuery(QueueQueries.SAVE)
                            .execute(Tuple.of(
                                            name,
                                            body.getString("description", ""),
                                            array(body.getJsonArray("bands")),
                                            minAmount == null
                                                    ? null
                                                    : new BigDecimal(minAmount.toString()).toPlainString(),
                                            array(body.getJsonArray("channels")),
                                            array(body.getJsonArray("mccs")),
                                            members.toArray(String[]::new),
                                            autoAssign)
                                    .addString(Caller.of(ctx).username()))
                            .compose(saved -> pool.preparedQuery(QueueQueries.ONE)
                                    .execute(Tuple.of(name))
                                    .map(one -> {
                                        HttpErrors.json(
                                                ctx.response(),
                                                saved.iterator().next().getBoolean("created") ? 201 : 200,
                                                toJson(one.iterator().next()));
                                        return null;
                                    }));
                })
                .onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        String name = ctx.pathParam("queueName");
        pool.preparedQuery(QueueQueries.DELETE)
                .execute(Tuple.of(name))
                .onSuccess(rows -> {
                    if (rows.rowCount() == 0) {
                        HttpErrors.error(ctx.response(), 404, "not_found", "no queue " + name, null);
                    } else {
                        ctx.response().setStatusCode(204).end();
                    }
                })
                .onFailure(ctx::fail);
    }

    static JsonObject toJson(Row row) {
        return new JsonObject()
                .put("name", row.getString("name"))
                .put("description", row.getString("description"))
                .put("bands", json(row.getArrayOfStrings("bands")))
                .put("min_amount", row.getString("min_amount"))
                .put("channels", json(row.getArrayOfStrings("channels")))
                .put("mccs", json(row.getArrayOfStrings("mccs")))
                .put("members", json(row.getArrayOfStrings("members")))
                .put("auto_assign", row.getBoolean("auto_assign"))
                .put("updated_by", row.getString("updated_by"))
                .put(
                        "updated_at",
                        row.getOffsetDateTime("updated_at").toInstant().toString());
    }

    private static JsonArray json(String[] values) {
        return values == null ? null : new JsonArray(List.of((Object[]) values));
    }

    private static String[] array(JsonArray values) {
        return values == null ? null : strings(values).toArray(String[]::new);
    }

    private static List<String> strings(JsonArray values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            values.forEach(v -> {
                if (!out.contains((String) v)) {
                    out.add((String) v);
                }
            });
        }
        return out;
    }
}
