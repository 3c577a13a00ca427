package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashMap;
import java.util.Map;
import pe.centinela.adapters.http.ApiOperations;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.Caller;
import pe.centinela.adapters.http.HttpErrors;

/**
 * {@code GET /api/accounts/{accountId}/data-export}: everything the platform stores about one account, for a data
 * subject's request of access under Ley 29733 (supervisors and admins, by the contract). The export itself is recorded
 * first, in the same transaction that reads the data, so no export goes unrecorded.
 */
public final class DataSubjectRoutes implements ApiRoutes {

    /** Each section of the export and the statement that reads it, in the order the file lists them. */
    private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("transactions", DataSubjectQueries.TRANSACTIONS);
        SECTIONS.put("payments_received", DataSubjectQueries.RECEIVED);
        SECTIONS.put("alerts", DataSubjectQueries.ALERTS);
        SECTIONS.put("alert_events", DataSubjectQueries.ALERT_EVENTS);
        SECTIONS.put("cases", DataSubjectQueries.CASES);
        SECTIONS.put("case_events", DataSubjectQueries.CASE_EVENTS);
        SECTIONS.put("labels", DataSubjectQueries.LABELS);
        SECTIONS.put("list_entries", DataSubjectQueries.LIST_ENTRIES);
        SECTIONS.put("exports", DataSubjectQueries.EARLIER_EXPORTS);
    }

    private Pool pool;

    @Override
    public void mount(ApiOperations operations, Context context) {
        this.pool = context.pool();
        operations.handle("exportAccountData", this::export);
    }

    private void export(RoutingContext ctx) {
        String account = ctx.pathParam("accountId");
        String actor = Caller.of(ctx).username();
        pool.withTransaction(conn -> conn.preparedQuery(DataSubjectQueries.RECORD_EXPORT)
                        .execute(Tuple.of(account, actor))
                        .compose(recorded -> {
                            JsonObject export = new JsonObject()
                                    .put("account_id", account)
                                    .put("exported_by", actor)
                                    .put(
                                            "exported_at",
                                            recorded.iterator()
                                                    .next()
                                                    .getOffsetDateTime("at")
                                                    .toInstant()
                                                    .toString());
                            Future<Void> chain = Future.succeededFuture();
                            for (Map.Entry<String, String> section : SECTIONS.entrySet()) {
                                chain = chain.compose(v -> read(conn, section.getValue(), account)
                                        .map(items -> {
                                            export.put(section.getKey(), items);
                                            return null;
                                        }));
                            }
                            return chain.map(export);
                        }))
                .onSuccess(export -> {
                    ctx.response()
                            .putHeader(
                                    "Content-Disposition",
                                    "attachment; filename=\"datos-" + account.replaceAll("[^A-Za-z0-9._-]", "_")
                                            + ".json\"");
                    HttpErrors.json(ctx.response(), 200, export);
                })
                .onFailure(ctx::fail);
    }

    private static Future<JsonArray> read(SqlConnection conn, String sql, String account) {
        return conn.preparedQuery(sql)
                .execute(Tuple.of(account))
                .map(rows -> new JsonArray(rows.iterator().next().getString("items")));
    }
}
