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
}
