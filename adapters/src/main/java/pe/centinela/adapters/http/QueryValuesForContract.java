package pe.centinela.adapters.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The contract's validator (vertx-openapi 5.0.10) URL-decodes query values that Vert.x has already decoded
 * (eclipse-vertx/vertx-openapi#117), so a value holding '%' or '+' is misread or fails the request. Encoding the
 * request's decoded values once more, before validation, makes that second decoding give back what the client sent.
 * Routes read {@link RoutingContext#queryParams()}, which Vert.x parses from the URI apart from these.
 */
final class QueryValuesForContract {

    private QueryValuesForContract() {}

    static void encodeOnceMore(RoutingContext ctx) {
        MultiMap params = ctx.request().params();
        if (!params.isEmpty()) {
            List<Map.Entry<String, String>> decoded = List.copyOf(params.entries());
            params.clear();
            decoded.forEach(e -> params.add(e.getKey(), URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)));
        }
        ctx.next();
    }
}
