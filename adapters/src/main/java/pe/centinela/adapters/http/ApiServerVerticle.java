package pe.centinela.adapters.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.adapters.auth.AccessChanges;
import pe.centinela.adapters.auth.Authenticator;
import pe.centinela.adapters.auth.LoginGuard;
import pe.centinela.adapters.auth.TokenStore;
import pe.centinela.adapters.auth.TooManyLogins;
import pe.centinela.adapters.auth.UserStore;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.HttpTls;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Role;
import pe.centinela.core.ratelimit.TokenBuckets;

/**
 * The HTTP server of a platform process, built from the API contract ({@code openapi.yaml}): each operation's route
 * is rate-limited, authenticated, authorized and validated by {@link OperationGuard}, then handled by the stage that
 * binds it. Operations no stage of this process binds answer 404 behind the same checks; a request that reaches no
 * operation is a 404 before any handler. One JSON error shape throughout.
 */
public final class ApiServerVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServerVerticle.class);

    private final PlatformConfig config;
    private final List<ApiRoutes> routes;
    private final Readiness readiness;
    private static final int LOGIN_ATTEMPTS_BURST = 10;
    private static final double LOGIN_ATTEMPTS_PER_SECOND = 10 / 60.0;

    private Pool pool;
    private AccessChanges accessChanges;
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
        LoginGuard logins = new LoginGuard(
                pool,
                new TokenBuckets(LOGIN_ATTEMPTS_PER_SECOND, LOGIN_ATTEMPTS_BURST, 10_000, System::nanoTime),
                config.auth().maxFailedLogins(),
                config.auth().lockout());
        accessChanges = new AccessChanges(vertx, pool, Database.connectOptions(config.postgres()));
        Authenticator authenticator = new Authenticator(vertx, users, new TokenStore(pool), logins, accessChanges);
        vertx.setPeriodic(Duration.ofHours(1).toMillis(), id -> logins.forgetOld());
        return authenticator
                .listen()
                .compose(v -> ApiContract.forRouting(vertx))
                .map(contract -> router(contract, users, logins, authenticator))
                .compose(router -> bootstrapUsers(users).map(router))
                .compose(router -> vertx.createHttpServer(
                                serverOptions(config.http().tls()))
                        .requestHandler(router)
                        .listen(config.http().port(), config.http().host()))
                .onSuccess(s -> server = s);
    }

    private static HttpServerOptions serverOptions(HttpTls tls) {
        HttpServerOptions options = new HttpServerOptions();
        if (tls.enabled()) {
            options.setSsl(true)
                    .setKeyCertOptions(new PemKeyCertOptions()
                            .setCertPath(tls.certFile().toString())
                            .setKeyPath(tls.keyFile().toString()));
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
        return closed.compose(v -> Future.join(closing))
                .eventually(() -> accessChanges.close())
                .eventually(() -> pool.close());
    }

    private Router router(OpenAPIContract contract, UserStore users, LoginGuard logins, Authenticator authenticator) {
        RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
        OperationGuard guard = new OperationGuard(
                new TokenBuckets(config.http().rateLimit(), config.http().rateBurst(), 100_000, System::nanoTime),
                authenticator,
                config.http().maxBodyBytes(),
                RequestValidator.create(vertx, contract));
        builder.rootHandler(ApiServerVerticle::refuseEncodedSeparators);
        ApiOperations operations = new ApiOperations(builder, guard);
        operations.handle("health", ctx -> HttpErrors.json(ctx.response(), 200, new JsonObject().put("status", "UP")));
        operations.handle("ready", this::ready);
        ApiRoutes.Context context = new ApiRoutes.Context(vertx, pool, config, authenticator);
        new AccessRoutes(users, logins).mount(operations, context);
        routes.forEach(r -> r.mount(operations, context));
        for (OpenAPIRoute route : builder.getRoutes()) {
            String operationId = route.getOperation().getOperationId();
            if (!operations.bound().contains(operationId)) {
                operations.handleUnvalidatedBody(
                        operationId,
                        ctx -> HttpErrors.error(
                                ctx.response(),
                                404,
                                "not_served_here",
                                "this process does not serve " + operationId
                                        + "; it runs in the process of another role",
                                null));
            }
        }
        Router router = builder.createRouter();
        Route contractDocument = router.get("/openapi.yaml");
        guard.loginOnly().forEach(contractDocument::handler);
        contractDocument.handler(ctx ->
                ctx.response().putHeader("Content-Type", "application/yaml").end(ApiContract.yaml()));
        routes.forEach(r -> r.mountPages(router));
        router.route().last().handler(ApiServerVerticle::notFound);
        router.route().failureHandler(this::failure);
        return router;
    }

    /**
     * An encoded slash or backslash would reach an operation whose path parameter holds it (an alert id
     * {@code a%2Fros.csv}), so a path means one thing only: such requests reach no operation.
     */
    private static void refuseEncodedSeparators(RoutingContext ctx) {
        String path = ctx.request().path().toLowerCase(java.util.Locale.ROOT);
        if (path.contains("%2f") || path.contains("%5c") || path.contains("%00")) {
            notFound(ctx);
        } else {
            ctx.next();
        }
    }

    private static void notFound(RoutingContext ctx) {
        HttpErrors.error(ctx.response(), 404, "not_found", "no such endpoint: " + ctx.normalizedPath(), null);
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
            HttpErrors.json(
                    ctx.response(),
                    503,
                    new JsonObject().put("status", "NOT_READY").put("reason", waiting.get()));
            return;
        }
        pool.query("SELECT 1")
                .execute()
                .onSuccess(rows -> HttpErrors.json(ctx.response(), 200, new JsonObject().put("status", "READY")))
                .onFailure(e -> HttpErrors.json(
                        ctx.response(),
                        503,
                        new JsonObject().put("status", "NOT_READY").put("reason", "database unreachable")));
    }

    private void failure(RoutingContext ctx) {
        Login.resume(ctx); // a refused body is read to its end and dropped, or its sender would wait on it
        if (ctx.response().ended()) {
            return;
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        ValidatorException invalid =
                ctx.failure() instanceof HttpException http && http.getCause() instanceof ValidatorException v
                        ? v
                        : ctx.failure() instanceof ValidatorException v ? v : null;
        if (invalid != null) {
            ValidationErrors.Finding finding = ValidationErrors.of(invalid);
            HttpErrors.error(ctx.response(), 400, "invalid_request", finding.message(), finding.field());
            return;
        }
        switch (status) {
            case 401 -> {
                ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"centinela\"");
                HttpErrors.error(
                        ctx.response(),
                        401,
                        "unauthorized",
                        "log in with HTTP Basic or a bearer token from POST /api/session",
                        null);
            }
            case 429 -> {
                TooManyLogins refused =
                        ctx.failure() != null && ctx.failure().getCause() instanceof TooManyLogins t ? t : null;
                long retryAfter = refused == null ? 60 : refused.retryAfterSeconds();
                ctx.response().putHeader("Retry-After", Long.toString(retryAfter));
                HttpErrors.error(
                        ctx.response(),
                        429,
                        "too_many_logins",
                        refused == null
                                ? "too many login attempts; retry in " + retryAfter + " s"
                                : refused.getMessage(),
                        null);
            }
            case 413 ->
                HttpErrors.error(
                        ctx.response(),
                        413,
                        "payload_too_large",
                        "the request body is larger than " + config.http().maxBodyBytes() + " bytes",
                        null);
            case 400 ->
                HttpErrors.error(ctx.response(), 400, "malformed_request", "the request could not be read", null);
            default -> {
                if (status >= 500) {
                    LOG.error(
                            "request {} {} failed",
                            ctx.request().method(),
                            ctx.request().path(),
                            ctx.failure());
                }
                HttpErrors.error(
                        ctx.response(),
                        status,
                        status >= 500 ? "internal_error" : "request_failed",
                        status >= 500 ? "the server could not answer; see its log" : "the request could not be handled",
                        null);
            }
        }
    }
}
