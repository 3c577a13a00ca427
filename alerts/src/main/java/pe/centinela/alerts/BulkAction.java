package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import pe.centinela.adapters.http.HttpErrors;

/**
 * One action on many cases or alerts, each done by the same code as the action on one (its own transaction, its own
 * audit entry): an item refused does not hold back the others, and the answer says, per item, done or why not. Items
 * are done one after the other, so a bulk action is never more load on the database than its items done alone.
 */
final class BulkAction {

    private BulkAction() {}

    /**
     * Answers a bulk request: 400 naming the field its action lacks, else {@code {action, done, results: [{<idField>,
     * done, error?}]}} once {@code one} has tried every item of the body's {@code <idField>s}. {@code ownerField} is
     * the field the assignment action is named after and carries.
     */
    static void answer(
            RoutingContext ctx, String idField, String ownerField, BiFunction<String, JsonObject, Future<?>> one) {
        JsonObject body = ctx.body().asJsonObject();
        String action = body.getString("action");
        String missing = missingField(body, ownerField);
        if (missing != null) {
            HttpErrors.error(
                    ctx.response(), 400, "invalid_field", missing + " is required for the action " + action, missing);
            return;
        }
        List<String> ids =
                body.getJsonArray(idField + "s").stream().map(String::valueOf).toList();
        apply(action, idField, ids, id -> one.apply(id, body))
                .onSuccess(answer -> HttpErrors.json(ctx.response(), 200, answer))
                .onFailure(ctx::fail);
    }

    private static Future<JsonObject> apply(
            String action, String idField, List<String> ids, Function<String, Future<?>> one) {
        JsonArray results = new JsonArray();
        Future<Void> chain = Future.succeededFuture();
        for (String id : ids.stream().distinct().toList()) {
            chain = chain.compose(v -> one.apply(id)
                    .map(done -> new JsonObject().put(idField, id).put("done", true))
                    .recover(e -> e instanceof Refusal refusal
                            ? Future.succeededFuture(new JsonObject()
                                    .put(idField, id)
                                    .put("done", false)
                                    .put("error", refusal.toJson()))
                            : Future.failedFuture(e))
                    .map(result -> {
                        results.add(result);
                        return null;
                    }));
        }
        return chain.map(v -> new JsonObject()
                .put("action", action)
                .put(
                        "done",
                        results.stream()
                                .filter(r -> ((JsonObject) r).getBoolean("done"))
                                .count())
                .put("results", results));
    }

    /** The field an action needs and the body lacks, or null: {@code status} for a move, the text for a note… */
    private static String missingField(JsonObject body, String ownerField) {
        String action = body.getString("action");
        if (action.equals("status") && body.getString("status") == null) {
            return "status";
        }
        if (action.equals(ownerField) && !body.containsKey(ownerField)) {
            return ownerField;
        }
        return action.equals("note") && body.getString("text", "").isBlank() ? "text" : null;
    }
}
