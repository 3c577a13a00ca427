package pe.centinela.adapters.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** The one JSON error shape of every endpoint: {@code {"error": {"code", "message", "field"?}}}. */
public final class HttpErrors {

    private HttpErrors() {}

    public static void json(HttpServerResponse response, int status, Object body) {
        String encoded = body instanceof JsonObject o ? o.encode() : io.vertx.core.json.Json.encode(body);
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(encoded);
    }

    public static void error(HttpServerResponse response, int status, String code, String message, String field) {
        JsonObject error = new JsonObject().put("code", code).put("message", message);
        if (field != null) {
            error.put("field", field);
        }
        json(response, status, new JsonObject().put("error", error));
    }

    /** 400 {@code invalid_expression} for a rule expression that does not compile, with each problem's position. */
    public static void invalidExpression(HttpServerResponse response, pe.centinela.core.rules.RuleSyntaxException e) {
        io.vertx.core.json.JsonArray problems = new io.vertx.core.json.JsonArray();
        e.problems()
                .forEach(p -> problems.add(new JsonObject()
                        .put("line", p.line())
                        .put("column", p.column())
                        .put("message", p.message())));
        JsonObject error = new JsonObject()
                .put("code", "invalid_expression")
                .put("message", e.getMessage())
                .put("field", "expression")
                .put("problems", problems);
        json(response, 400, new JsonObject().put("error", error));
    }
}
