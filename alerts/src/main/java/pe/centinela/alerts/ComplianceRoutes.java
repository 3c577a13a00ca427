package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import pe.centinela.adapters.http.ApiOperations;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.HttpErrors;
import pe.centinela.core.compliance.RosDraft;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.json.Json;

/**
 * The compliance export: for a case closed as fraud (or an alert confirmed as fraud), a draft suspicious-transaction
 * report (ROS) for UIF-Perú in the sections and fields of the UIF's form ({@link RosDraft}), as a printable page, as
 * CSV (one row a field) and as JSON. The contract gives it to supervisors and admins only: the report names the
 * client.
 */
public final class ComplianceRoutes implements ApiRoutes {

    /** The draft page styles itself inline and needs nothing else: no script, no fetch, no frame, no form. */
    static final String DRAFT_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'";

    /** The three layouts of the one form. */
    private enum Format {
        HTML("text/html; charset=utf-8", "html", "inline"),
        CSV("text/csv; charset=utf-8", "csv", "attachment"),
        JSON("application/json", "json", "attachment");

        final String contentType;
        final String extension;
        final String disposition;

        Format(String contentType, String extension, String disposition) {
            this.contentType = contentType;
            this.extension = extension;
            this.disposition = disposition;
        }

        String render(RosDraft.Case draft, Instant drafted) {
            return switch (this) {
                case HTML -> RosDraft.html(draft, drafted);
                case CSV -> RosDraft.csv(draft, drafted);
                case JSON -> Json.toString(RosDraft.json(draft, drafted));
            };
        }
    }

    private final Clock clock;
    private Pool pool;
    private PlatformConfig.Compliance filer;

    public ComplianceRoutes(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void mount(ApiOperations operations, Context context) {
        this.pool = context.pool();
        this.filer = context.config().compliance();
        operations
                .handle("rosCsv", ctx -> export(ctx, Format.CSV))
                .handle("rosHtml", ctx -> export(ctx, Format.HTML))
                .handle("rosJson", ctx -> export(ctx, Format.JSON))
                .handle("caseRosCsv", ctx -> exportCase(ctx, Format.CSV))
                .handle("caseRosHtml", ctx -> exportCase(ctx, Format.HTML))
                .handle("caseRosJson", ctx -> exportCase(ctx, Format.JSON));
    }

    private void export(RoutingContext ctx, Format format) {
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
                            .onSuccess(draft -> send(ctx, draft, alertId, format))
                            .mapEmpty();
                })
                .onFailure(ctx::fail);
    }

    /**
     * The draft of a whole case closed as fraud: every confirmed alert of it as an operation, the narrative from the
     * case's notes and decisions and its alerts' notes, in the order they were written (a note repeated on each alert
     * by the case's decision appears once).
     */
    private void exportCase(RoutingContext ctx, Format format) {
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
                    List<String> accounts = new ArrayList<>(List.of(found.getString("account_id")));
                    return pool.preparedQuery(CaseQueries.CASE_LINKS)
                            .execute(Tuple.of(caseId))
                            .compose(links -> {
                                links.forEach(link -> accounts.add(link.getString("account_id")));
                                return pool.preparedQuery(CaseQueries.CONFIRMED_OF_CASE)
                                        .execute(Tuple.of(caseId));
                            })
                            .compose(confirmed -> pool.preparedQuery(CaseQueries.TIMELINE)
                                    .execute(Tuple.of(caseId))
                                    .map(timeline -> caseDraft(caseId, accounts, operations(confirmed), timeline)))
                            .onSuccess(draft -> send(ctx, draft, caseId, format))
                            .mapEmpty();
                })
                .onFailure(ctx::fail);
    }

    private RosDraft.Case caseDraft(
            String caseId, List<String> accounts, List<RosDraft.Operation> operations, Iterable<Row> timeline) {
        Set<String> narrative = new LinkedHashSet<>();
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
                "Caso " + caseId, filer, accounts, decidedBy, decidedAt, operations, List.copyOf(narrative));
    }

    private void send(RoutingContext ctx, RosDraft.Case draft, String id, Format format) {
        ctx.response()
                .putHeader("Content-Type", format.contentType)
                .putHeader(
                        "Content-Disposition",
                        format.disposition + "; filename=\"" + fileName(id, format.extension) + "\"")
                .putHeader("Content-Security-Policy", DRAFT_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(format.render(draft, clock.instant()));
    }

    /** The alert id comes from upstream systems: only plain characters reach the header. */
    static String fileName(String id, String extension) {
        return "ros-borrador-" + id.replaceAll("[^A-Za-z0-9._-]", "_") + "." + extension;
    }

    private Future<RosDraft.Case> draft(String alertId, String accountId) {
        return pool.preparedQuery(AlertQueries.CONFIRMED_OF_ACCOUNT)
                .execute(Tuple.of(accountId))
                .compose(confirmed -> {
                    List<RosDraft.Operation> operations = operations(confirmed);
                    return pool.preparedQuery(AlertQueries.ALERT_EVENTS)
                            .execute(Tuple.of(alertId))
                            .map(events -> {
                                Set<String> narrative = new LinkedHashSet<>();
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
                                        filer,
                                        List.of(accountId),
                                        decidedBy,
                                        decidedAt,
                                        operations,
                                        List.copyOf(narrative));
                            });
                });
    }

    /** An amount as the report writes it: two decimals, whether the snapshot held 2300 or 2300.0. */
    private static BigDecimal cents(Object amount) {
        return new BigDecimal(amount.toString()).setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * The confirmed alerts' transactions as the report's operations, with the reasons each alert gave and the rules
     * that held (shadow rules acted on nothing and are left out).
     */
    private static List<RosDraft.Operation> operations(Iterable<Row> confirmed) {
        List<RosDraft.Operation> operations = new ArrayList<>();
        for (Row row : confirmed) {
            JsonObject tx = new JsonObject(row.getString("transaction"));
            List<String> reasons = new ArrayList<>();
            new JsonArray(row.getString("reasons")).forEach(r -> reasons.add(((JsonObject) r).getString("message")));
            new JsonArray(row.getString("rule_hits")).forEach(r -> {
                JsonObject hit = (JsonObject) r;
                if (!hit.getBoolean("shadow", false)) {
                    reasons.add("regla " + hit.getString("rule_id") + ": " + hit.getString("description_es"));
                }
            });
            operations.add(new RosDraft.Operation(
                    tx.getString("transaction_id"),
                    tx.getString("account_id"),
                    Instant.parse(tx.getString("timestamp")),
                    cents(tx.getValue("amount")),
                    tx.getString("original_currency"),
                    tx.getValue("original_amount") == null ? null : cents(tx.getValue("original_amount")),
                    tx.getString("channel"),
                    tx.getString("merchant_id"),
                    tx.getString("merchant_category_code"),
                    tx.getString("counterparty_account"),
                    tx.getString("country"),
                    tx.getString("device_id"),
                    tx.getString("ip"),
                    reasons));
        }
        return operations;
    }
}
