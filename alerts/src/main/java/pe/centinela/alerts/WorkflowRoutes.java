package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.json.Json;
import pe.centinela.core.model.AlertStatus;
import pe.centinela.core.model.AlertWorkflow;
import pe.centinela.core.model.Label;
import pe.centinela.core.model.Role;
import pe.centinela.runtime.KafkaClients;
import pe.centinela.runtime.http.ApiRoutes;
import pe.centinela.runtime.http.HttpErrors;

/**
 * The case workflow: an alert's detail with its audit trail, status changes by the rules of {@link AlertWorkflow},
 * assignment and notes. Every change is recorded in the append-only {@code alert_events}, in the same database
 * transaction; a decision is published as a label on {@code topics.labels}.
 */
public final class WorkflowRoutes implements ApiRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowRoutes.class);
    private static final int MAX_TEXT = 4_000;

    private Pool pool;
    private PlatformConfig config;
    private KafkaProducer<String, byte[]> producer;

    @Override
    public void mount(Router router, Context context) {
        this.pool = context.pool();
        this.config = context.config();
        this.producer = KafkaProducer.create(context.vertx(), KafkaClients.producer(config.kafka(), "alerts-labels"));
        router.get("/api/alerts/:alertId").handler(this::detail);
        router.post("/api/alerts/:alertId/*").handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
        router.post("/api/alerts/:alertId/status").handler(this::move);
        router.post("/api/alerts/:alertId/assignee").handler(this::assign);
        router.post("/api/alerts/:alertId/notes").handler(this::note);
    }

    @Override
    public Future<Void> close() {
        return producer == null ? Future.succeededFuture() : producer.close();
    }

    private void detail(RoutingContext ctx) {
        String alertId = ctx.pathParam("alertId");
        pool.preparedQuery(AlertQueries.ALERT_DETAIL).execute(Tuple.of(alertId)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.succeededFuture((JsonObject) null);
            }
            Row row = rows.iterator().next();
            JsonObject alert = AlertRows.toJson(row).put("assignee", row.getString("assignee"))
                    .put("transaction", new JsonObject(row.getString("transaction")));
            return pool.preparedQuery(AlertQueries.ALERT_EVENTS).execute(Tuple.of(alertId)).map(events -> {
                JsonArray trail = new JsonArray();
                events.forEach(e -> trail.add(new JsonObject().put("at", e.getOffsetDateTime("at").toInstant().toString())
                        .put("actor", e.getString("actor")).put("action", e.getString("action"))
                        .put("from_status", e.getString("from_status")).put("to_status", e.getString("to_status"))
                        .put("detail", e.getString("detail"))));
                return alert.put("events", trail);
            });
        }).onSuccess(alert -> {
            if (alert == null) {
                notFound(ctx, alertId);
            } else {
                HttpErrors.json(ctx.response(), 200, AlertRows.forRole(alert, AlertRows.role(ctx)));
            }
        }).onFailure(ctx::fail);
    }

    private void move(RoutingContext ctx) {
        String alertId = ctx.pathParam("alertId");
        Optional<JsonObject> body = body(ctx);
        if (body.isEmpty()) {
            return;
        }
        AlertStatus to;
        try {
            to = AlertStatus.fromCode(body.get().getString("status", ""));
        } catch (IllegalArgumentException e) {
            HttpErrors.error(ctx.response(), 400, "invalid_field", e.getMessage(), "status");
            return;
        }
        String note = body.get().getString("note");
        if (note != null && note.length() > MAX_TEXT) {
            HttpErrors.error(ctx.response(), 400, "invalid_field", "note is longer than " + MAX_TEXT + " characters", "note");
            return;
        }
        String actor = actor(ctx);
        Role role = Role.fromCode(ctx.user().principal().getString("role"));
        pool.preparedQuery(AlertQueries.ALERT_DETAIL).execute(Tuple.of(alertId)).onSuccess(rows -> {
            if (rows.size() == 0) {
                notFound(ctx, alertId);
                return;
            }
            AlertStatus from = AlertStatus.fromCode(rows.iterator().next().getString("status"));
            Optional<String> refusal = AlertWorkflow.refusal(from, to, role);
            if (refusal.isPresent()) {
                HttpErrors.error(ctx.response(), 409, "transition_refused", refusal.get(), "status");
                return;
            }
            pool.withTransaction(conn -> conn.preparedQuery(AlertQueries.MOVE_STATUS).execute(Tuple.of(to.code(), alertId, from.code()))
                    .compose(moved -> moved.size() == 0 ? Future.succeededFuture((Row) null)
                            : conn.preparedQuery(AlertQueries.ADD_EVENT).execute(Tuple.of(alertId, actor, "status", from.code(), to.code(), note))
                                    .map(v -> moved.iterator().next())))
                    .onSuccess(moved -> {
                        if (moved == null) {
                            HttpErrors.error(ctx.response(), 409, "changed_meanwhile", "the alert changed while you decided; reload it", "status");
                            return;
                        }
                        if (to.decided()) {
                            publishLabel(moved, to == AlertStatus.CONFIRMED_FRAUD, actor);
                        }
                        HttpErrors.json(ctx.response(), 200, new JsonObject().put("alert_id", alertId).put("status", to.code()));
                    })
                    .onFailure(ctx::fail);
        }).onFailure(ctx::fail);
    }

    private void publishLabel(Row alert, boolean fraud, String actor) {
        Label label = new Label(alert.getString("transaction_id"), alert.getString("account_id"), alert.getString("merchant_id"), fraud,
                alert.getString("alert_id"), actor, Instant.now());
        producer.send(KafkaProducerRecord.create(config.topics().labels(), label.accountId(), Json.toBytes(label)))
                .onFailure(e -> LOG.error("label of alert {} not published: {}", label.alertId(), e.getMessage()));
    }

    private void assign(RoutingContext ctx) {
        String alertId = ctx.pathParam("alertId");
        Optional<JsonObject> body = body(ctx);
        if (body.isEmpty()) {
            return;
        }
        String assignee = body.get().getString("assignee", "").trim();
        String actor = actor(ctx);
        Role role = Role.fromCode(ctx.user().principal().getString("role"));
        if (assignee.isEmpty() || assignee.length() > 128) {
            HttpErrors.error(ctx.response(), 400, "invalid_field", "assignee must be a user name", "assignee");
            return;
        }
        if (role == Role.ANALYST && !assignee.equals(actor)) {
            HttpErrors.error(ctx.response(), 403, "forbidden", "analysts may assign alerts only to themselves; supervisors reassign", "assignee");
            return;
        }
        pool.withTransaction(conn -> conn.preparedQuery(AlertQueries.ASSIGN).execute(Tuple.of(assignee, alertId))
                        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(false)
                                : conn.preparedQuery(AlertQueries.ADD_EVENT).execute(Tuple.of(alertId, actor, "assign", null, null, assignee)).map(true)))
                .onSuccess(found -> {
                    if (found) {
                        HttpErrors.json(ctx.response(), 200, new JsonObject().put("alert_id", alertId).put("assignee", assignee));
                    } else {
                        notFound(ctx, alertId);
                    }
                }).onFailure(ctx::fail);
    }

    private void note(RoutingContext ctx) {
        String alertId = ctx.pathParam("alertId");
        Optional<JsonObject> body = body(ctx);
        if (body.isEmpty()) {
            return;
        }
        String text = body.get().getString("text", "").trim();
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            HttpErrors.error(ctx.response(), 400, "invalid_field", "text must hold 1 to " + MAX_TEXT + " characters", "text");
            return;
        }
        pool.preparedQuery(AlertQueries.ALERT_DETAIL).execute(Tuple.of(alertId))
                .compose(rows -> rows.size() == 0 ? Future.succeededFuture(false)
                        : pool.preparedQuery(AlertQueries.ADD_EVENT).execute(Tuple.of(alertId, actor(ctx), "note", null, null, text)).map(true))
                .onSuccess(found -> {
                    if (found) {
                        HttpErrors.json(ctx.response(), 201, new JsonObject().put("alert_id", alertId).put("note", text));
                    } else {
                        notFound(ctx, alertId);
                    }
                }).onFailure(ctx::fail);
    }

    private static Optional<JsonObject> body(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body != null) {
                return Optional.of(body);
            }
        } catch (RuntimeException e) {
            // reported below
        }
        HttpErrors.error(ctx.response(), 400, "malformed_json", "the body must be a JSON object", null);
        return Optional.empty();
    }

    private static String actor(RoutingContext ctx) {
        return ctx.user().principal().getString("username");
    }

    private static void notFound(RoutingContext ctx, String alertId) {
        HttpErrors.error(ctx.response(), 404, "not_found", "no alert " + alertId, null);
    }
}
