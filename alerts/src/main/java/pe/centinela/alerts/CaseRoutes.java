package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import pe.centinela.adapters.http.ApiOperations;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.Caller;
import pe.centinela.adapters.http.HttpErrors;
import pe.centinela.adapters.http.QueryParams;
import pe.centinela.core.cases.CaseStatus;
import pe.centinela.core.cases.CaseWorkflow;
import pe.centinela.core.domain.AlertOwnership;
import pe.centinela.core.domain.AlertStatus;
import pe.centinela.core.domain.Role;

/**
 * Cases: the alerts of one account worked as one. The list by priority, a case with its alerts and timeline, taking
 * the next case, moving it through {@link CaseWorkflow} (a closing decision labels all its alerts in the same
 * transaction, each through the {@link LabelOutbox}), owners and notes. Whose work a case is follows the rules of
 * alerts ({@link AlertOwnership}), checked by the database in the statement that claims the case.
 */
public final class CaseRoutes implements ApiRoutes {

    private static final String UNIQUE_VIOLATION = "23505";

    private Pool pool;
    private Vertx vertx;
    private WebhookOutbox webhooks;

    @Override
    public void mount(ApiOperations operations, Context context) {
        this.pool = context.pool();
        this.vertx = context.vertx();
        this.webhooks = new WebhookOutbox(context.vertx(), context.config().webhooks(), Clock.systemUTC());
        operations
                .handle("listCases", this::list)
                .handle("takeNextCase", this::takeNext)
                .handle("getCase", this::detail)
                .handle("moveCase", this::move)
                .handle("assignCase", this::assign)
                .handle("addCaseNote", this::note)
                .handle("bulkCases", this::bulk);
    }

    private void list(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        CaseRows.Filters filters = new CaseRows.Filters(
                ctx.queryParams().get("status"),
                ctx.queryParams().get("owner"),
                ctx.queryParams().get("band"),
                ctx.queryParams().get("account"),
                ctx.queryParams().get("queue"),
                "true".equals(ctx.queryParams().get("overdue")),
                ctx.queryParams().get("sort"),
                QueryParams.integer(ctx, "limit", 50),
                QueryParams.integer(ctx, "offset", 0));
        CaseRows.ListQuery query = CaseRows.list(filters, caller.username());
        pool.preparedQuery(query.sql())
                .execute(query.parameters())
                .onSuccess(rows -> {
                    JsonArray cases = new JsonArray();
                    rows.forEach(row -> cases.add(CaseRows.toJson(row, caller.role())));
                    HttpErrors.json(ctx.response(), 200, new JsonObject().put("cases", cases));
                })
                .onFailure(ctx::fail);
    }

    private void takeNext(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        String queue = ctx.queryParams().get("queue");
        if (queue == null) {
            take(ctx, caller, null);
            return;
        }
        pool.preparedQuery(QueueQueries.ONE)
                .execute(Tuple.of(queue))
                .onSuccess(rows -> {
                    if (rows.size() == 0) {
                        HttpErrors.error(ctx.response(), 404, "not_found", "no queue " + queue, "queue");
                    } else if (caller.role() == Role.ANALYST
                            && !List.of(rows.iterator().next().getArrayOfStrings("members"))
                                    .contains(caller.username())) {
                        HttpErrors.error(
                                ctx.response(), 403, "not_in_queue", "you are not in the queue " + queue, "queue");
                    } else {
                        take(ctx, caller, queue);
                    }
                })
                .onFailure(ctx::fail);
    }

    private void take(RoutingContext ctx, Caller caller, String queue) {
        pool.withTransaction(conn -> conn.preparedQuery(CaseQueries.TAKE_NEXT)
                        .execute(Tuple.of(caller.username(), queue))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                return Future.succeededFuture((String) null);
                            }
                            String caseId = rows.iterator().next().getString("case_id");
                            return event(conn, caseId, caller.username(), "assign", null, null, caller.username())
                                    .compose(v -> event(
                                            conn,
                                            caseId,
                                            caller.username(),
                                            "status",
                                            CaseStatus.OPEN.code(),
                                            CaseStatus.INVESTIGATING.code(),
                                            null))
                                    .map(caseId);
                        }))
                .onSuccess(caseId -> {
                    if (caseId == null) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        respondWithCase(ctx, caseId, 200);
                    }
                })
                .onFailure(ctx::fail);
    }

    private void detail(RoutingContext ctx) {
        respondWithCase(ctx, ctx.pathParam("caseId"), 200);
    }

    private void respondWithCase(RoutingContext ctx, String caseId, int status) {
        Role role = Caller.of(ctx).role();
        pool.preparedQuery(CaseQueries.CASE)
                .execute(Tuple.of(caseId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture((JsonObject) null);
                    }
                    JsonObject found = CaseRows.toJson(rows.iterator().next(), role);
                    return pool.preparedQuery(CaseQueries.CASE_ALERTS)
                            .execute(Tuple.of(caseId))
                            .compose(alerts -> {
                                JsonArray list = new JsonArray();
                                alerts.forEach(a -> list.add(AlertRows.forRole(AlertRows.toJson(a), role)));
                                found.put("alert_list", list);
                                return pool.preparedQuery(CaseQueries.CASE_LINKS)
                                        .execute(Tuple.of(caseId));
                            })
                            .compose(links -> {
                                JsonArray linked = new JsonArray();
                                links.forEach(l -> linked.add(CaseRows.linkToJson(l, role)));
                                found.put("linked_accounts", linked);
                                return pool.preparedQuery(CaseQueries.TIMELINE).execute(Tuple.of(caseId));
                            })
                            .map(events -> found.put("timeline", timeline(events)));
                })
                .onSuccess(found -> {
                    if (found == null) {
                        notFound(ctx, caseId);
                    } else {
                        HttpErrors.json(ctx.response(), status, found);
                    }
                })
                .onFailure(ctx::fail);
    }

    private static JsonArray timeline(RowSet<Row> events) {
        JsonArray timeline = new JsonArray();
        events.forEach(e -> timeline.add(new JsonObject()
                .put("at", e.getOffsetDateTime("at").toInstant().toString())
                .put("actor", e.getString("actor"))
                .put("action", e.getString("action"))
                .put("from_status", e.getString("from_status"))
                .put("to_status", e.getString("to_status"))
                .put("detail", e.getString("detail"))
                .put("alert_id", e.getString("alert_id"))));
        return timeline;
    }

    private void move(RoutingContext ctx) {
        String caseId = ctx.pathParam("caseId");
        JsonObject body = ctx.body().asJsonObject();
        CaseStatus to = CaseStatus.fromCode(body.getString("status"));
        moveCase(caseId, to, body.getString("note"), Caller.of(ctx))
                .onSuccess(decided -> HttpErrors.json(
                        ctx.response(),
                        200,
                        new JsonObject()
                                .put("case_id", caseId)
                                .put("status", to.code())
                                .put("alerts_decided", decided)))
                .onFailure(e -> Refusal.answer(ctx, e));
    }

    /** Moves the case in one transaction; how many of its alerts the move decided, or a {@link Refusal}. */
    private Future<Integer> moveCase(String caseId, CaseStatus to, String note, Caller caller) {
        List<String> labelled = new ArrayList<>();
        return pool.withTransaction(conn -> claim(conn, caseId, caller).compose(from -> {
                    var refusal = CaseWorkflow.refusal(from, to, caller.role());
                    if (refusal.isPresent()) {
                        return Future.failedFuture(new Refusal(409, "transition_refused", refusal.get(), "status"));
                    }
                    return conn.preparedQuery(CaseQueries.MOVE)
                            .execute(Tuple.of(to.code(), caseId, from.code()))
                            .recover(e -> Future.failedFuture(reopenRefused(e)))
                            .compose(moved ->
                                    event(conn, caseId, caller.username(), "status", from.code(), to.code(), note))
                            .compose(v -> to.alertDecision()
                                    .map(decision -> decideAlerts(conn, caseId, decision, caller, note, labelled))
                                    .orElse(Future.succeededFuture()));
                }))
                .map(v -> {
                    labelled.forEach(alertId -> vertx.eventBus().send(LabelOutbox.PENDING_ADDRESS, alertId));
                    return labelled.size();
                });
    }

    /** Every alert of the case given the case's decision: its status, its audit trail, its label and its webhook. */
    private Future<Void> decideAlerts(
            SqlConnection conn,
            String caseId,
            AlertStatus decision,
            Caller caller,
            String note,
            List<String> labelled) {
        return conn.preparedQuery(CaseQueries.DECIDE_ALERTS)
                .execute(Tuple.of(caseId, decision.code(), caller.username()))
                .compose(rows -> {
                    Future<Void> chain = Future.succeededFuture();
                    for (Row alert : rows) {
                        String alertId = alert.getString("alert_id");
                        AlertStatus from = AlertStatus.fromCode(alert.getString("from_status"));
                        labelled.add(alertId);
                        chain = chain.compose(v -> conn.preparedQuery(AlertQueries.ADD_EVENT)
                                        .execute(Tuple.of(
                                                alertId,
                                                caller.username(),
                                                "status",
                                                from.code(),
                                                decision.code(),
                                                note)))
                                .compose(v -> LabelOutbox.enqueue(
                                        conn, LabelOutbox.label(alert, decision, caller.username())))
                                .compose(v -> webhooks.decided(conn, alert, from, decision, caller.username(), note));
                    }
                    return chain;
                });
    }

    private static Throwable reopenRefused(Throwable e) {
        if (e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
            return new Refusal(
                    409,
                    "account_has_open_case",
                    "the account has another open case since this one closed; work its alerts there",
                    "status");
        }
        return e;
    }

    private void assign(RoutingContext ctx) {
        String caseId = ctx.pathParam("caseId");
        String owner = ctx.body().asJsonObject().getString("owner");
        assignCase(caseId, owner, Caller.of(ctx))
                .onSuccess(v -> HttpErrors.json(
                        ctx.response(),
                        200,
                        new JsonObject().put("case_id", caseId).put("owner", owner)))
                .onFailure(e -> Refusal.answer(ctx, e));
    }

    /** Gives the case to {@code owner} (null: back to the queue) by the alerts' ownership rules, or a {@link Refusal}. */
    private Future<Void> assignCase(String caseId, String owner, Caller caller) {
        var refusal = AlertOwnership.assignmentRefusal(owner, caller.username(), caller.role());
        if (refusal.isPresent()) {
            return Future.failedFuture(new Refusal(403, "forbidden", refusal.get(), "owner"));
        }
        return pool.withTransaction(conn -> conn.preparedQuery(CaseQueries.ASSIGN)
                .execute(Tuple.of(caseId, owner, caller.username(), AlertOwnership.actsOnAnyAlert(caller.role())))
                .compose(rows -> rows.size() == 0
                        ? refused(conn, caseId)
                        : ownerChanged(
                                conn,
                                caseId,
                                caller.username(),
                                rows.iterator().next().getString("previous_owner"),
                                owner)));
    }

    private void note(RoutingContext ctx) {
        String caseId = ctx.pathParam("caseId");
        String text = ctx.body().asJsonObject().getString("text").trim();
        noteCase(caseId, text, Caller.of(ctx))
                .onSuccess(v -> HttpErrors.json(
                        ctx.response(),
                        201,
                        new JsonObject().put("case_id", caseId).put("note", text)))
                .onFailure(e -> Refusal.answer(ctx, e));
    }

    private Future<Void> noteCase(String caseId, String text, Caller caller) {
        if (text.isBlank()) {
            return Future.failedFuture(new Refusal(400, "invalid_field", "text must not be blank", "text"));
        }
        return pool.withTransaction(conn -> claim(conn, caseId, caller)
                .compose(status -> event(conn, caseId, caller.username(), "note", null, null, text.trim())));
    }

    /**
     * One action on many cases, each in its own transaction and audited as if done alone: a case refused (a
     * colleague's, a move its status does not allow) does not hold back the others, and the answer says, per case,
     * done or why not.
     */
    private void bulk(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        BulkAction.answer(
                ctx, "case_id", "owner", (caseId, body) -> bulkOne(caseId, body.getString("action"), body, caller));
    }

    private Future<?> bulkOne(String caseId, String action, JsonObject body, Caller caller) {
        return switch (action) {
            case "status" ->
                moveCase(caseId, CaseStatus.fromCode(body.getString("status")), body.getString("note"), caller);
            case "owner" -> assignCase(caseId, body.getString("owner"), caller);
            default -> noteCase(caseId, body.getString("text", ""), caller);
        };
    }

    /** Lets the caller act on the case, making it theirs when no one owns it; its status, or a {@link Refusal}. */
    private static Future<CaseStatus> claim(SqlConnection conn, String caseId, Caller caller) {
        String actor = caller.username();
        return conn.preparedQuery(CaseQueries.CLAIM)
                .execute(Tuple.of(caseId, actor, AlertOwnership.actsOnAnyAlert(caller.role())))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return refused(conn, caseId);
                    }
                    Row claimed = rows.iterator().next();
                    CaseStatus status = CaseStatus.fromCode(claimed.getString("status"));
                    return claimed.getString("previous_owner") == null
                            ? event(conn, caseId, actor, "assign", null, null, actor)
                                    .map(status)
                            : Future.succeededFuture(status);
                });
    }

    private static Future<Void> ownerChanged(
            SqlConnection conn, String caseId, String actor, String previous, String owner) {
        if (Objects.equals(previous, owner)) {
            return Future.succeededFuture();
        }
        return owner == null
                ? event(conn, caseId, actor, "unassign", null, null, previous)
                : event(conn, caseId, actor, "assign", null, null, owner);
    }

    private static <T> Future<T> refused(SqlConnection conn, String caseId) {
        return conn.preparedQuery(CaseQueries.OWNER).execute(Tuple.of(caseId)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(new Refusal(404, "not_found", "no case " + caseId, null));
            }
            String owner = rows.iterator().next().getString("owner");
            return Future.failedFuture(
                    owner == null
                            ? new Refusal(
                                    409,
                                    "changed_meanwhile",
                                    "the case changed while you worked on it; reload it",
                                    null)
                            : new Refusal(
                                    403,
                                    "not_yours",
                                    "case " + caseId + " is " + owner + "'s; ask a supervisor to reassign it",
                                    null));
        });
    }

    private static Future<Void> event(
            SqlConnection conn,
            String caseId,
            String actor,
            String action,
            String fromStatus,
            String toStatus,
            String detail) {
        return conn.preparedQuery(CaseQueries.ADD_EVENT)
                .execute(Tuple.of(caseId, actor, action, fromStatus, toStatus, detail))
                .mapEmpty();
    }

    private static void notFound(RoutingContext ctx, String caseId) {
        HttpErrors.error(ctx.response(), 404, "not_found", "no case " + caseId, null);
    }
}
