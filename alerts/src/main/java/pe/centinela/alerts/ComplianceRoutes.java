package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import pe.centinela.adapters.http.ApiOperations;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.HttpErrors;
import pe.centinela.core.compliance.RosDraft;

/**
 * The compliance export: for an alert confirmed as fraud, a draft suspicious-transaction report (ROS) for UIF-Perú as
 * CSV or as a printable page, with every confirmed operation of the account and the analysts' narrative. The
 * contract gives it to supervisors and admins only: the report names the client.
 */
public final class ComplianceRoutes implements ApiRoutes {

    /** The draft page styles itself inline and needs nothing else: no script, no fetch, no frame, no form. */
    static final String DRAFT_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'";

    private Pool pool;
    private String reportingEntity;

    @Override
    public void mount(ApiOperations operations, Context context) {
        this.pool = context.pool();
        this.reportingEntity = context.config().reportingEntity();
        operations
                .handle("rosCsv", ctx -> export(ctx, true))
                .handle("rosHtml", ctx -> export(ctx, false))
                .handle("caseRosCsv", ctx -> exportCase(ctx, true))
                .handle("caseRosHtml", ctx -> exportCase(ctx, false));
    }

    private void export(RoutingContext ctx, boolean csv) {
        String alertId = ctx.pathParam("alertId");
        pool.preparedQuery(AlertQueries.ALERT_DETAIL)
                .execute(Tuple.of(alertId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        HttpErrors.error(ctx.response(), 404, "not_found", "no alert " + alertId, null);
                        return Future.succeededFuture();
                    }
                    Row alert = rows.iterator().next();
                    if (!"confirmed_fraud".equals(alert.getString("status"))) {
                        HttpErrors.error(
                                ctx.response(),
                                409,
                                "not_confirmed",
                                "a report is drafted only for alerts confirmed as fraud; this one is "
                                        + alert.getString("status"),
                                null);
                        return Future.succeededFuture();
                    }
                    return draft(alertId, alert.getString("account_id"))
                            .onSuccess(draft -> send(ctx, draft, fileName(alertId, csv), csv))
                            .mapEmpty();
                })
                .onFailure(ctx::fail);
    }

    /**
     * The draft of a whole case closed as fraud: every confirmed alert of it as an operation, the narrative from the
     * case's notes and decisions and its alerts' notes, in the order they were written (a note repeated on each alert
     * by the case's decision appears once).
     */
    private void exportCase(RoutingContext ctx, boolean csv) {
        String caseId = ctx.pathParam("caseId");
        pool.preparedQuery(CaseQueries.CASE)
                .execute(Tuple.of(caseId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        HttpErrors.error(ctx.response(), 404, "not_found", "no case " + caseId, null);
                        return Future.succeededFuture();
                    }
                    Row found = rows.iterator().next();
                    if (!"closed_fraud".equals(found.getString("status"))) {
                        HttpErrors.error(
                                ctx.response(),
                                409,
                                "not_confirmed",
                                "a report is drafted only for cases closed as fraud; this one is "
                                        + found.getString("status"),
                                null);
                        return Future.succeededFuture();
                    }
                    return pool.preparedQuery(CaseQueries.CONFIRMED_OF_CASE)
                            .execute(Tuple.of(caseId))
                            .compose(confirmed -> pool.preparedQuery(CaseQueries.TIMELINE)
                                    .execute(Tuple.of(caseId))
                                    .map(timeline -> caseDraft(
                                            caseId, found.getString("account_id"), operations(confirmed), timeline)))
                            .onSuccess(draft -> send(ctx, draft, fileName(caseId, csv), csv))
                            .mapEmpty();
                })
                .onFailure(ctx::fail);
    }

    private RosDraft.Case caseDraft(
            String caseId, String accountId, List<RosDraft.Operation> operations, Iterable<Row> timeline) {
        java.util.Set<String> narrative = new java.util.LinkedHashSet<>();
        String decidedBy = null;
        Instant decidedAt = null;
        for (Row e : timeline) {
            String action = e.getString("action");
            if (e.getString("detail") != null && (action.equals("note") || action.equals("status"))) {
                narrative.add(e.getString("actor") + ": " + e.getString("detail"));
            }
            if (e.getString("alert_id") == null && "closed_fraud".equals(e.getString("to_status"))) {
                decidedBy = e.getString("actor");
                decidedAt = e.getOffsetDateTime("at").toInstant();
            }
        }
        return new RosDraft.Case(
                "Caso " + caseId, reportingEntity, accountId, decidedBy, decidedAt, operations, List.copyOf(narrative));
    }

    private static void send(RoutingContext ctx, RosDraft.Case draft, String fileName, boolean csv) {
        ctx.response()
                .putHeader("Content-Type", csv ? "text/csv; charset=utf-8" : "text/html; charset=utf-8")
                .putHeader("Content-Disposition", (csv ? "attachment" : "inline") + "; filename=\"" + fileName + "\"")
                .putHeader("Content-Security-Policy", DRAFT_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(csv ? RosDraft.csv(draft) : RosDraft.html(draft));
    }

    /** The alert id comes from upstream systems: only plain characters reach the header. */
    static String fileName(String alertId, boolean csv) {
        return "ros-borrador-" + alertId.replaceAll("[^A-Za-z0-9._-]", "_") + (csv ? ".csv" : ".html");
    }

    private Future<RosDraft.Case> draft(String alertId, String accountId) {
        return pool.preparedQuery(AlertQueries.CONFIRMED_OF_ACCOUNT)
                .execute(Tuple.of(accountId))
                .compose(confirmed -> {
                    List<RosDraft.Operation> operations = operations(confirmed);
                    return pool.preparedQuery(AlertQueries.ALERT_EVENTS)
                            .execute(Tuple.of(alertId))
                            .map(events -> {
                                List<String> narrative = new ArrayList<>();
                                String decidedBy = null;
                                Instant decidedAt = null;
                                for (Row e : events) {
                                    if (e.getString("detail") != null && !"assign".equals(e.getString("action"))) {
                                        narrative.add(e.getString("actor") + ": " + e.getString("detail"));
                                    }
                                    if ("confirmed_fraud".equals(e.getString("to_status"))) {
                                        decidedBy = e.getString("actor");
                                        decidedAt = e.getOffsetDateTime("at").toInstant();
                                    }
                                }
                                return new RosDraft.Case(
                                        "Alerta " + alertId,
                                        reportingEntity,
                                        accountId,
                                        decidedBy,
                                        decidedAt,
                                        operations,
                                        narrative);
                            });
                });
    }

    /** The confirmed alerts' transactions as the report's operations, with the reasons each alert gave. */
    private static List<RosDraft.Operation> operations(Iterable<Row> confirmed) {
        List<RosDraft.Operation> operations = new ArrayList<>();
        for (Row row : confirmed) {
            JsonObject tx = new JsonObject(row.getString("transaction"));
            List<String> reasons = new ArrayList<>();
            new JsonArray(row.getString("reasons")).forEach(r -> reasons.add(((JsonObject) r).getString("message")));
            operations.add(new RosDraft.Operation(
                    tx.getString("transaction_id"),
                    Instant.parse(tx.getString("timestamp")),
                    new BigDecimal(tx.getValue("amount").toString()),
                    tx.getString("original_currency"),
                    tx.getValue("original_amount") == null
                            ? null
                            : new BigDecimal(tx.getValue("original_amount").toString()),
                    tx.getString("channel"),
                    tx.getString("merchant_id"),
                    tx.getString("merchant_category_code"),
                    tx.getString("counterparty_account"),
                    reasons));
        }
        return operations;
    }
}
