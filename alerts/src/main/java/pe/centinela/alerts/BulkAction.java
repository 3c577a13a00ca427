package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/**
 * One action on many cases or alerts, each done by the same code as the action on one (its own transaction, its own
 * audit entry): an item refused does not hold back the others, and the answer says, per item, done or why not. Items
 * are done one after the other, so a bulk action is never more load on the database than its items done alone.
 */
final class BulkAction {

    private BulkAction() {}

    /** The answer {@code {action, done, results: [{<idField>, done, error?}]}} once every item has been tried. */
    static Future<JsonObject> apply(String action, String idField, List<String> ids, Function<String, Future<?>> one) {
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
    static String missingField(JsonObject body, String ownerField) {
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
