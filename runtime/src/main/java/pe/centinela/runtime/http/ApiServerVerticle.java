package pe.centinela.runtime.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BasicAuthHandler;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.runtime.Database;
import pe.centinela.runtime.auth.PasswordAuthentication;
import pe.centinela.core.model.Role;
import pe.centinela.runtime.auth.UserStore;

/**
 * The HTTP server of a platform process: {@code /health} and {@code /ready} open to all, everything under
 * {@code /api/} behind a login, the stages' routes mounted in between, and one JSON error shape.
 */
public final class ApiServerVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServerVerticle.class);

    private final PlatformConfig config;
    private final List<ApiRoutes> routes;
    private Pool pool;
    private HttpServer server;

    public ApiServerVerticle(PlatformConfig config, List<ApiRoutes> routes) {
        this.config = config;
        this.routes = List.copyOf(routes);
    }

    @Override
    public Future<?> start() {
        pool = Database.pool(vertx, config.postgres());
        UserStore users = new UserStore(vertx, pool);
        Router router = Router.router(vertx);
        router.get("/health").handler(ctx -> HttpErrors.json(ctx.response(), 200, new JsonObject().put("status", "UP")));
        router.get("/ready").handler(this::ready);
        router.route("/api/*").handler(BasicAuthHandler.create(new PasswordAuthentication(vertx, users), "centinela"));
        ApiRoutes.Context context = new ApiRoutes.Context(vertx, pool, config);
        routes.forEach(r -> r.mount(router, context));
        router.route().last().handler(ctx -> HttpErrors.error(ctx.response(), 404, "not_found", "no such endpoint: " + ctx.request().path(), null));
        router.route().failureHandler(this::failure);
        return bootstrapUsers(users)
                .compose(v -> vertx.createHttpServer().requestHandler(router).listen(config.http().port(), config.http().host()))
                .onSuccess(s -> server = s);
    }

    public int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        List<Future<?>> closing = new ArrayList<>();
        routes.forEach(r -> closing.add(r.close()));
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.compose(v -> Future.join(closing)).eventually(() -> pool.close());
    }

    private Future<Void> bootstrapUsers(UserStore users) {
        String password = config.auth().adminPassword().value();
        if (password == null || password.isEmpty()) {
            return Future.succeededFuture();
        }
        if (!config.auth().demoUsers()) {
            return users.createIfMissing("admin", password, Role.ADMIN);
        }
        return users.createOrReset("admin", password, Role.ADMIN)
                .compose(v -> users.createOrReset("supervisor", password, Role.SUPERVISOR))
                .compose(v -> users.createOrReset("analyst", password, Role.ANALYST));
    }

    private void ready(RoutingContext ctx) {
        pool.query("SELECT 1").execute()
                .onSuccess(rows -> HttpErrors.json(ctx.response(), 200, new JsonObject().put("status", "READY")))
                .onFailure(e -> HttpErrors.json(ctx.response(), 503, new JsonObject().put("status", "NOT_READY").put("reason", "database unreachable")));
    }

    private void failure(RoutingContext ctx) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"centinela\"");
            HttpErrors.error(ctx.response(), 401, "unauthorized", "log in with a user name and password (HTTP Basic)", null);
            return;
        }
        if (status == 413) {
            HttpErrors.error(ctx.response(), 413, "payload_too_large", "the request body is larger than the server accepts", null);
            return;
        }
        if (status >= 500 && ctx.failure() != null) {
            LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        }
        HttpErrors.error(ctx.response(), status, status >= 500 ? "internal_error" : "request_failed",
                status >= 500 ? "the server could not answer; see its log" : "the request could not be handled", null);
    }
}
