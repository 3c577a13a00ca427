package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BasicAuthHandler;
import pe.centinela.alerts.auth.PasswordAuthentication;
import pe.centinela.alerts.auth.Role;
import pe.centinela.alerts.auth.UserStore;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.core.config.PlatformConfig;

/** The analysts' HTTP API: alerts as JSON, a live stream of new alerts, health and readiness. */
public final class AlertApiVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(AlertApiVerticle.class);
    private static final Set<String> STATUSES = Set.of("new", "investigating", "confirmed_fraud", "false_positive", "escalated");
    private static final int MAX_LIMIT = 500;

    private final PlatformConfig config;
    private Pool pool;
    private HttpServer server;

    public AlertApiVerticle(PlatformConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        pool = AlertDatabase.pool(vertx, config.postgres());
        UserStore users = new UserStore(vertx, pool);
        Router router = Router.router(vertx);
        router.get("/health").handler(ctx -> json(ctx.response(), 200, new JsonObject().put("status", "UP")));
        router.get("/ready").handler(this::ready);
        router.route("/api/*").handler(BasicAuthHandler.create(new PasswordAuthentication(vertx, users), "centinela"));
        router.get("/api/alerts").handler(this::listAlerts);
        router.get("/api/alerts/stream").handler(this::streamAlerts);
        router.route().last().handler(ctx -> error(ctx.response(), 404, "not_found", "no such endpoint: " + ctx.request().path(), null));
        router.route().failureHandler(this::failure);
        return bootstrapUsers(users)
                .compose(v -> vertx.createHttpServer().requestHandler(router).listen(config.http().port(), config.http().host()))
                .onSuccess(s -> server = s);
    }

    private Future<Void> bootstrapUsers(UserStore users) {
        String password = config.auth().adminPassword().value();
        if (password == null || password.isEmpty()) {
            return Future.succeededFuture();
        }
        Future<Void> admin = users.createIfMissing("admin", password, Role.ADMIN);
        if (!config.auth().demoUsers()) {
            return admin;
        }
        return admin.compose(v -> users.createIfMissing("supervisor", password, Role.SUPERVISOR))
                .compose(v -> users.createIfMissing("analyst", password, Role.ANALYST));
    }

    public int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.eventually(() -> pool.close());
    }

    private void ready(RoutingContext ctx) {
        pool.query(AlertQueries.PING).execute()
                .onSuccess(rows -> json(ctx.response(), 200, new JsonObject().put("status", "READY")))
                .onFailure(e -> json(ctx.response(), 503, new JsonObject().put("status", "NOT_READY").put("reason", "database unreachable")));
    }

    private void listAlerts(RoutingContext ctx) {
        String status = ctx.request().getParam("status");
        String limitParam = ctx.request().getParam("limit", "50");
        int limit;
        try {
            limit = Integer.parseInt(limitParam);
        } catch (NumberFormatException e) {
            error(ctx.response(), 400, "invalid_parameter", "limit must be a whole number between 1 and " + MAX_LIMIT, "limit");
            return;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            error(ctx.response(), 400, "invalid_parameter", "limit must be between 1 and " + MAX_LIMIT, "limit");
            return;
        }
        if (status != null && !STATUSES.contains(status)) {
            error(ctx.response(), 400, "invalid_parameter", "status must be one of " + String.join(", ", STATUSES.stream().sorted().toList()), "status");
            return;
        }
        Future<io.vertx.sqlclient.RowSet<Row>> rows = status == null
                ? pool.preparedQuery(AlertQueries.LIST_ALERTS).execute(Tuple.of(limit))
                : pool.preparedQuery(AlertQueries.LIST_ALERTS_BY_STATUS).execute(Tuple.of(status, limit));
        rows.onSuccess(result -> {
            JsonArray alerts = new JsonArray();
            result.forEach(row -> alerts.add(AlertRows.toJson(row)));
            json(ctx.response(), 200, new JsonObject().put("alerts", alerts).put("count", alerts.size()));
        }).onFailure(ctx::fail);
    }

    private void streamAlerts(RoutingContext ctx) {
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache");
        response.write(": connected\n\n");
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(AlertStoreVerticle.STORED_ADDRESS,
                message -> response.write("event: alert\ndata: " + message.body().encode() + "\n\n"));
        ctx.request().connection().closeHandler(v -> consumer.unregister());
    }

    private void failure(RoutingContext ctx) {
        if (ctx.failure() != null && ctx.statusCode() != 401) {
            LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"centinela\"");
            error(ctx.response(), 401, "unauthorized", "log in with a user name and password (HTTP Basic)", null);
            return;
        }
        error(ctx.response(), status, status == 500 ? "internal_error" : "request_failed", status == 500 ? "the server could not answer; see its log" : "request failed", null);
    }

    static void json(HttpServerResponse response, int status, JsonObject body) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    static void error(HttpServerResponse response, int status, String code, String message, String field) {
        JsonObject error = new JsonObject().put("code", code).put("message", message);
        if (field != null) {
            error.put("field", field);
        }
        json(response, status, new JsonObject().put("error", error));
    }
}
