package pe.centinela.alerts;

import io.vertx.ext.web.RoutingContext;
import pe.centinela.adapters.http.HttpErrors;

/** A request refused partway through a transaction: failing with it rolls the transaction back; it answers in the one error shape. */
final class Refusal extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    Refusal(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    /** The refusal in the API's one error shape, {@code {code, message, field?}}, for answers that list several. */
    io.vertx.core.json.JsonObject toJson() {
        io.vertx.core.json.JsonObject error =
                new io.vertx.core.json.JsonObject().put("code", code).put("message", getMessage());
        return field == null ? error : error.put("field", field);
    }

    /** Answers a refusal with its error; any other failure goes to the router's failure handler. */
    static void answer(RoutingContext ctx, Throwable failure) {
        if (failure instanceof Refusal refusal) {
            HttpErrors.error(ctx.response(), refusal.status, refusal.code, refusal.getMessage(), refusal.field);
        } else {
            ctx.fail(failure);
        }
    }
}
