package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import pe.centinela.adapters.http.ApiOperations;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.Caller;
import pe.centinela.adapters.http.HttpErrors;
import pe.centinela.core.domain.AlertOwnership;
import pe.centinela.core.domain.AlertStatus;
import pe.centinela.core.domain.AlertWorkflow;

/**
 * The case workflow: an alert's detail with its audit trail, status changes by the rules of {@link AlertWorkflow},
 * assignment and notes, each only by someone the alert belongs to ({@link AlertOwnership}; acting on an unassigned
 * alert claims it first). Every change is recorded in the append-only {@code alert_events}, in the same database
 * transaction; a decision's label is written to the {@link LabelOutbox} in that transaction too.
 */
public final class WorkflowRoutes implements ApiRoutes {

    private Pool pool;
    private Vertx vertx;
    private WebhookOutbox webhooks;

    @Override
    public void mount(ApiOperations operations, Context context) {
        this.pool = context.pool();
        this.vertx = context.vertx();
        this.webhooks = new WebhookOutbox(context.vertx(), context.config().webhooks(), Clock.systemUTC());
        operations
                .handle("getAlert", this::detail)
                .handle("moveAlert", this::move)
                .handle("assignAlert", this::assign)
                .handle("addNote", this::note)
                .handle("bulkAlerts", this::bulk);
    }

    private void detail(RoutingContext ctx) {
        String alertId = ctx.pathParam("alertId");
        pool.preparedQuery(AlertQueries.ALERT_DETAIL)
                .execute(Tuple.of(alertId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture((JsonObject) null);
                    }
                    Row row = rows.iterator().next();
                    JsonObject alert = AlertRows.toJson(row)
                            .put("assignee", row.getString("assignee"))
                            .put("transaction", new JsonObject(row.getString("transaction")));
                    return pool.preparedQuery(AlertQueries.ALERT_EVENTS)
                            .execute(Tuple.of(alertId))
                            .map(events -> {
                                JsonArray trail = new JsonArray();
                                events.forEach(e -> trail.add(new JsonObject()
                                        .put(
                                                "at",
                                                e.getOffsetDateTime("at")
                                                        .toInstant()
                                                        .toString())
                                        .put("actor", e.getString("actor"))
                                        .put("action", e.getString("action"))
                                        .put("from_status", e.getString("from_status"))
                                        .put("to_status", e.getString("to_status"))
                                        .put("detail", e.getString("detail"))));
                                return alert.put("events", trail);
                            });
                })
                .onSuccess(alert -> {
                    if (alert == null) {
                        Refusal.answer(ctx, notFound(alertId));
                    } else {
                        HttpErrors.json(
                                ctx.response(),
                                200,
                                AlertRows.forRole(alert, Caller.of(ctx).role()));
                    }
                })
                .onFailure(ctx::fail);
    }

    private void move(RoutingContext ctx) {
        String alertId = ctx.pathParam("alertId");
        JsonObject body = ctx.body().asJsonObject();
        AlertStatus to = AlertStatus.fromCode(body.getString("status"));
        moveAlert(alertId, to, body.getString("note"), Caller.of(ctx))
                .onSuccess(v -> HttpErrors.json(
                        ctx.response(),
                        200,
                        new JsonObject().put("alert_id", alertId).put("status", to.code())))
                .onFailure(e -> Refusal.answer(ctx, e));
    }

    /**
     * Moves the alert by the rules of {@link AlertWorkflow}, claiming it first when no one holds it; a decision's
     * label goes to the outbox and its webhook event to theirs, in the same transaction.
     */
    private Future<Void> moveAlert(String alertId, AlertStatus to, String note, Caller caller) {
        return pool.preparedQuery(AlertQueries.ALERT_DETAIL)
                .execute(Tuple.of(alertId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(notFound(alertId));
                    }
                    AlertStatus from =
                            AlertStatus.fromCode(rows.iterator().next().getString("status"));
                    var refusal = AlertWorkflow.refusal(from, to, caller.role());
                    if (refusal.isPresent()) {
                        return Future.failedFuture(new Refusal(409, "transition_refused", refusal.get(), "status"));
                    }
                    return pool.withTransaction(conn -> AlertAssignments.claim(conn, alertId, caller)
                            .compose(v -> conn.preparedQuery(AlertQueries.MOVE_STATUS)
                                    .execute(Tuple.of(to.code(), alertId, from.code())))
                            .compose(moved -> moved.size() == 0
                                    ? Future.failedFuture(changedMeanwhile())
                                    : conn.preparedQuery(AlertQueries.ADD_EVENT)
                                            .execute(Tuple.of(
                                                    alertId, caller.username(), "status", from.code(), to.code(), note))
                                            .compose(v -> to.decided()
                                                    ? LabelOutbox.enqueue(
                                                            conn,
                                                            LabelOutbox.label(
                                                                    moved.iterator()
                                                                            .next(),
                                                                    to,
                                                                    caller.username()))
                                                    : Future.succeededFuture())
                                            .compose(v -> webhooks.decided(
                                                    conn,
                                                    moved.iterator().next(),
                                                    from,
                                                    to,
                                                    caller.username(),
                                                    note))));
                })
                .onSuccess(v -> {
                    if (to.decided()) {
                        vertx.eventBus().send(LabelOutbox.PENDING_ADDRESS, alertId);
                    }
                })
                .mapEmpty();
    }

    private static Refusal changedMeanwhile() {
        return new Refusal(409, "changed_meanwhile", "the alert changed while you decided; reload it", "status");
    }

    private void assign(RoutingContext ctx) {
        String alertId = ctx.pathParam("alertId");
        String requested = ctx.body().asJsonObject().getString("assignee");
        String assignee = requested == null ? null : requested.trim();
        assignAlert(alertId, assignee, Caller.of(ctx))
                .onSuccess(v -> HttpErrors.json(
                        ctx.response(),
                        200,
                        new JsonObject().put("alert_id", alertId).put("assignee", assignee)))
                .onFailure(e -> Refusal.answer(ctx, e));
    }

    private Future<Void> assignAlert(String alertId, String assignee, Caller caller) {
        if (assignee != null && assignee.isEmpty()) {
            return Future.failedFuture(new Refusal(
                    400, "invalid_field", "assignee must be a user name, or null to hand the alert back", "assignee"));
        }
        var refusal = AlertOwnership.assignmentRefusal(assignee, caller.username(), caller.role());
        if (refusal.isPresent()) {
            return Future.failedFuture(new Refusal(403, "forbidden", refusal.get(), "assignee"));
        }
        return pool.withTransaction(conn -> AlertAssignments.assign(conn, alertId, assignee, caller));
    }

    private void note(RoutingContext ctx) {
        String alertId = ctx.pathParam("alertId");
        String text = ctx.body().asJsonObject().getString("text").trim();
        noteAlert(alertId, text, Caller.of(ctx))
                .onSuccess(v -> HttpErrors.json(
                        ctx.response(),
                        201,
                        new JsonObject().put("alert_id", alertId).put("note", text)))
                .onFailure(e -> Refusal.answer(ctx, e));
    }

    private Future<Void> noteAlert(String alertId, String text, Caller caller) {
        if (text.isBlank()) {
            return Future.failedFuture(new Refusal(400, "invalid_field", "text must not be blank", "text"));
        }
        return pool.withTransaction(conn -> AlertAssignments.claim(conn, alertId, caller)
                        .compose(v -> conn.preparedQuery(AlertQueries.ADD_EVENT)
                                .execute(Tuple.of(alertId, caller.username(), "note", null, null, text.trim()))))
                .mapEmpty();
    }

    /** One move, assignment or note on many alerts, each done and audited as if done alone ({@link BulkAction}). */
    private void bulk(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        BulkAction.answer(ctx, "alert_id", "assignee", (alertId, body) -> switch (body.getString("action")) {
            case "status" ->
                moveAlert(alertId, AlertStatus.fromCode(body.getString("status")), body.getString("note"), caller);
            case "assignee" -> {
                String assignee = body.getString("assignee");
                yield assignAlert(alertId, assignee == null ? null : assignee.trim(), caller);
            }
            default -> noteAlert(alertId, body.getString("text", ""), caller);
        });
    }

    private static Refusal notFound(String alertId) {
        return new Refusal(404, "not_found", "no alert " + alertId, null);
    }
}
