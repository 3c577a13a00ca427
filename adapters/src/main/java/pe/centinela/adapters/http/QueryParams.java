package pe.centinela.adapters.http;

import io.vertx.ext.web.RoutingContext;

/** Query parameters the contract has already validated, read with their documented defaults. */
public final class QueryParams {

    private QueryParams() {}

    public static int integer(RoutingContext ctx, String name, int fallback) {
        String text = ctx.queryParams().get(name);
        return text == null ? fallback : Integer.parseInt(text);
    }
}
