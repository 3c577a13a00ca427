package pe.centinela.alerts.ui;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import pe.centinela.adapters.http.ApiOperations;
import pe.centinela.adapters.http.ApiRoutes;

/**
 * The analysts' web UI: the page at {@code /}, its modules and styles under {@code /ui/}, WebJars under
 * {@code /webjars/}. These files hold no data and load without a login; every figure comes from {@code /api/}.
 * A strict Content-Security-Policy allows only this origin's scripts, styles and connections, and no inline script.
 */
public final class UiRoutes implements ApiRoutes {

    static final String WEB_ROOT = "centinela-ui";
    static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    private static final long ONE_YEAR_SECONDS = 365L * 24 * 3600;

    @Override
    public void mount(ApiOperations operations, Context context) {}

    @Override
    public void mountPages(Router router) {
        StaticHandler ui = StaticHandler.create(WEB_ROOT)
                .setCachingEnabled(true)
                .setDirectoryListing(false)
                .setIncludeHidden(false);
        StaticHandler webJars = StaticHandler.create("META-INF/resources/webjars")
                .setCachingEnabled(true)
                .setMaxAgeSeconds(ONE_YEAR_SECONDS)
                .setDirectoryListing(false);
        router.route("/")
                .method(HttpMethod.GET)
                .method(HttpMethod.HEAD)
                .handler(UiRoutes::revalidated)
                .handler(ui);
        router.route("/ui/*")
                .method(HttpMethod.GET)
                .method(HttpMethod.HEAD)
                .handler(UiRoutes::revalidated)
                .handler(ui);
        router.route("/webjars/*")
                .method(HttpMethod.GET)
                .method(HttpMethod.HEAD)
                .handler(UiRoutes::secured)
                .handler(webJars);
    }

    /** The UI's file names carry no version, so the browser revalidates them (a 304 when unchanged). */
    private static void revalidated(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, "no-cache"));
        secured(ctx);
    }

    private static void secured(RoutingContext ctx) {
        ctx.response()
                .headers()
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer");
        ctx.next();
    }
}
