package pe.centinela.runtime.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.core.access.TokenBuckets;
import pe.centinela.core.config.HttpTls;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.model.Role;
import pe.centinela.runtime.Database;
import pe.centinela.runtime.Readiness;
import pe.centinela.runtime.auth.Authenticator;
import pe.centinela.runtime.auth.TokenStore;
import pe.centinela.runtime.auth.UserStore;

/**
 * The HTTP server of a platform process, built from the API contract ({@code openapi.yaml}): every request is
 * rate-limited and authenticated by {@link AccessGate}, validated against the contract, then handled by the stage
 * that binds its operation. Operations no stage of this process binds answer 404. One JSON error shape throughout.
 */
public final class ApiServerVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServerVerticle.class);

    private final PlatformConfig config;
    private final List<ApiRoutes> routes;
    private final Readiness readiness;
    private Pool pool;
    private HttpServer server;

    public ApiServerVerticle(PlatformConfig config, List<ApiRoutes> routes, Readiness readiness) {
        this.config = config;
        this.routes = List.copyOf(routes);
        this.readiness = readiness;
    }

    public ApiServerVerticle(PlatformConfig config, List<ApiRoutes> routes) {
        this(config, routes, new Readiness());
    }

    @Override
    public Future<?> start() {
        pool = Database.pool(vertx, config.postgres());
        UserStore users = new UserStore(vertx, pool);
        Authenticator authenticator = new Authenticator(vertx, users, new TokenStore(pool));
        return ApiContract.forRouting(vertx)
                .map(contract -> router(contract, users, authenticator))
                .compose(router -> bootstrapUsers(users).map(router))
                .compose(router -> vertx.createHttpServer(serverOptions(config.http().tls())).requestHandler(router).listen(config.http().port(), config.http().host()))
                .onSuccess(s -> server = s);
    }

    private static HttpServerOptions serverOptions(HttpTls tls) {
        HttpServerOptions options = new HttpServerOptions();
        if (tls.enabled()) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(tls.certFile().toString()).setKeyPath(tls.keyFile().toString()));
        }
        return options;
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

    private Router router(OpenAPIContract contract, UserStore users, Authenticator authenticator) {
        RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
        builder.rootHandler(BodyHandler.create(false).setBodyLimit(config.http().maxBodyBytes()));
        builder.rootHandler(QueryValuesForContract::encodeOnceMore);
        AccessGate gate = new AccessGate(contract,
                new TokenBuckets(config.http().rateLimit(), config.http().rateBurst(), 100_000, System::nanoTime), authenticator);
        builder.rootHandler(gate.authenticate());
        builder.rootHandler(gate.authorize());
        ApiOperations operations = new ApiOperations(builder);
        operations.handle("health", ctx -> HttpErrors.json(ctx.response(), 200, new JsonObject().put("status", "UP")));
        operations.handle("ready", this::ready);
        ApiRoutes.Context context = new ApiRoutes.Context(vertx, pool, config, authenticator);
        new AccessRoutes(users).mount(operations, context);
        routes.forEach(r -> r.mount(operations, context));
        for (OpenAPIRoute route : builder.getRoutes()) {
            String operationId = route.getOperation().getOperationId();
            if (!operations.bound().contains(operationId)) {
                route.addHandler(ctx -> HttpErrors.error(ctx.response(), 404, "not_served_here",
                        "this process does not serve " + operationId + "; it runs in the process of another role", null));
            }
        }
        Router router = builder.createRouter();
        router.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(ApiContract.yaml()));
        routes.forEach(r -> r.mountPages(router));
        router.route().last().handler(ctx -> HttpErrors.error(ctx.response(), 404, "not_found", "no such endpoint: " + ctx.request().path(), null));
        router.route().failureHandler(this::failure);
        return router;
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
        var waiting = readiness.notReadyReason();
        if (waiting.isPresent()) {
            HttpErrors.json(ctx.response(), 503, new JsonObject().put("status", "NOT_READY").put("reason", waiting.get()));
            return;
        }
        pool.query("SELECT 1").execute()
                .onSuccess(rows -> HttpErrors.json(ctx.response(), 200, new JsonObject().put("status", "READY")))
                .onFailure(e -> HttpErrors.json(ctx.response(), 503, new JsonObject().put("status", "NOT_READY").put("reason", "database unreachable")));
    }

    private void failure(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        ValidatorException invalid = ctx.failure() instanceof HttpException http && http.getCause() instanceof ValidatorException v ? v
                : ctx.failure() instanceof ValidatorException v ? v : null;
        if (invalid != null) {
            ValidationErrors.Finding finding = ValidationErrors.of(invalid);
            HttpErrors.error(ctx.response(), 400, "invalid_request", finding.message(), finding.field());
            return;
        }
        switch (status) {
            case 401 -> {
                ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"centinela\"");
                HttpErrors.error(ctx.response(), 401, "unauthorized", "log in with HTTP Basic or a bearer token from POST /api/session", null);
            }
            case 413 -> HttpErrors.error(ctx.response(), 413, "payload_too_large",
                    "the request body is larger than " + config.http().maxBodyBytes() + " bytes", null);
            case 400 -> HttpErrors.error(ctx.response(), 400, "malformed_request", "the request could not be read", null);
            default -> {
                if (status >= 500) {
                    LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
                }
                HttpErrors.error(ctx.response(), status, status >= 500 ? "internal_error" : "request_failed",
                        status >= 500 ? "the server could not answer; see its log" : "the request could not be handled", null);
            }
        }
    }
}
