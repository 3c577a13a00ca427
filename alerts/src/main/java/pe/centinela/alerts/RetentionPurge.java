package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import pe.centinela.core.config.PlatformConfig;

/**
 * Deletes what is older than each kind's retention ({@link PlatformConfig.Retention}) and records one row per kind in
 * {@code retention_purges}: scored transactions, closed cases with everything of theirs, then the trails not tied to a
 * case. What an open case needs stays, and is counted as kept. One replica purges at a time; the others find the
 * lock taken and skip.
 */
final class RetentionPurge {

    /** Rows or cases per statement, so no purge holds long locks on a busy table. */
    static final int CHUNK = 5_000;

    static final int CASES_PER_TRANSACTION = 200;

    private final Pool pool;
    private final PlatformConfig.Retention retention;

    RetentionPurge(Pool pool, PlatformConfig.Retention retention) {
        this.pool = pool;
        this.retention = retention;
    }

    /** The purge's records, one per kind; empty when another replica is purging. */
    Future<Optional<JsonArray>> run(Instant now, String actor) {
        return pool.withConnection(conn -> conn.query(RetentionQueries.TRY_LOCK)
                .execute()
                .compose(locked -> {
                    if (!locked.iterator().next().getBoolean("locked")) {
                        return Future.succeededFuture(Optional.<JsonArray>empty());
                    }
                    return purge(conn, now, actor)
                            .map(Optional::of)
                            .eventually(
                                    () -> conn.query(RetentionQueries.UNLOCK).execute());
                }));
    }

    private Future<JsonArray> purge(SqlConnection conn, Instant now, String actor) {
        JsonArray records = new JsonArray();
        return transactions(conn, at(now.minus(retention.transactions())), actor)
                .map(records::add)
                .compose(v -> cases(conn, at(now.minus(retention.cases())), actor))
                .map(records::add)
                .compose(v -> audit(conn, at(now.minus(retention.audit())), actor))
                .map(records::add);
    }

    private Future<JsonObject> transactions(SqlConnection conn, OffsetDateTime cutoff, String actor) {
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
        return repeat(
                        () -> conn.preparedQuery(RetentionQueries.DELETE_TRANSACTIONS)
                                .execute(Tuple.of(cutoff, CHUNK))
                                .map(rows -> (long) rows.rowCount()),
                        CHUNK)
                .compose(deleted -> count(conn, RetentionQueries.TRANSACTIONS_PAST_CUTOFF, cutoff)
                        .compose(kept ->
                                record(conn, "transactions", cutoff, deleted, kept, new JsonObject(), actor, started)));
    }

    private Future<JsonObject> cases(SqlConnection conn, OffsetDateTime cutoff, String actor) {
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
        long[] alerts = {0};
        return repeat(
                        () -> conn.preparedQuery(RetentionQueries.CASES_TO_PURGE)
                                .execute(Tuple.of(cutoff, CASES_PER_TRANSACTION))
                                .compose(found -> {
                                    List<String> ids = new ArrayList<>();
                                    found.forEach(row -> ids.add(row.getString("case_id")));
                                    return ids.isEmpty()
                                            ? Future.succeededFuture(0L)
                                            : deleteCases(conn, ids.toArray(String[]::new))
                                                    .map(deletedAlerts -> {
                                                        alerts[0] += deletedAlerts;
                                                        return (long) ids.size();
                                                    });
                                }),
                        CASES_PER_TRANSACTION)
                .compose(deleted -> count(conn, RetentionQueries.CASES_PAST_CUTOFF, cutoff)
                        .compose(kept -> record(
                                conn,
                                "cases",
                                cutoff,
                                deleted,
                                kept,
                                new JsonObject().put("alerts", alerts[0]),
                                actor,
                                started)));
    }

    /** One transaction: the cases, their alerts, both trails, their links and published labels; returns the alerts deleted. */
    private Future<Long> deleteCases(SqlConnection conn, String[] caseIds) {
        Tuple ids = Tuple.of(caseIds);
        return inPurgeTransaction(
                conn,
                () -> conn.preparedQuery(RetentionQueries.DELETE_CASE_LABELS)
                        .execute(ids)
                        .compose(v -> conn.preparedQuery(RetentionQueries.DELETE_CASE_ALERT_EVENTS)
                                .execute(ids))
                        .compose(v -> conn.preparedQuery(RetentionQueries.DELETE_CASE_ALERTS)
                                .execute(ids))
                        .compose(deletedAlerts -> conn.preparedQuery(RetentionQueries.DELETE_CASE_EVENTS)
                                .execute(ids)
                                .compose(v -> conn.preparedQuery(RetentionQueries.DELETE_CASE_LINKS)
                                        .execute(ids))
                                .compose(v -> conn.preparedQuery(RetentionQueries.DELETE_CASES)
                                        .execute(ids))
                                .map(v -> (long) deletedAlerts.rowCount())));
    }

    /** Runs {@code work} in a transaction whose deletes the append-only trails accept (see V18). */
    private static <T> Future<T> inPurgeTransaction(SqlConnection conn, Supplier<Future<T>> work) {
        return conn.begin()
                .compose(tx -> conn.query(RetentionQueries.ALLOW_DELETES)
                        .execute()
                        .compose(v -> work.get())
                        .compose(done -> tx.commit().map(done))
                        .recover(e -> tx.rollback().transform(r -> Future.failedFuture(e))));
    }

    private Future<JsonObject> audit(SqlConnection conn, OffsetDateTime cutoff, String actor) {
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
        Tuple before = Tuple.of(cutoff);
        return inPurgeTransaction(
                        conn,
                        () -> conn.preparedQuery(RetentionQueries.DELETE_RULE_EVENTS)
                                .execute(before)
                                .compose(rules -> conn.preparedQuery(RetentionQueries.DELETE_EXPORTS)
                                        .execute(before)
                                        .compose(exports -> conn.preparedQuery(RetentionQueries.DELETE_DELIVERIES)
                                                .execute(before)
                                                .map(deliveries -> new JsonObject()
                                                        .put("rule_events", rules.rowCount())
                                                        .put("data_subject_exports", exports.rowCount())
                                                        .put("webhook_deliveries", deliveries.rowCount())))))
                .compose(detail -> count(conn, RetentionQueries.DELIVERIES_PAST_CUTOFF, cutoff)
                        .compose(kept -> record(
                                conn,
                                "audit",
                                cutoff,
                                detail.getLong("rule_events")
                                        + detail.getLong("data_subject_exports")
                                        + detail.getLong("webhook_deliveries"),
                                kept,
                                detail,
                                actor,
                                started)));
    }

    /** Runs {@code step} until it deletes less than {@code full}; returns the total deleted. */
    private static Future<Long> repeat(Supplier<Future<Long>> step, int full) {
        return step.get()
                .compose(deleted -> deleted < full
                        ? Future.succeededFuture(deleted)
                        : repeat(step, full).map(more -> deleted + more));
    }

    private static Future<Long> count(SqlConnection conn, String sql, OffsetDateTime cutoff) {
        return conn.preparedQuery(sql)
                .execute(Tuple.of(cutoff))
                .map(rows -> rows.iterator().next().getLong("kept"));
    }

    private static Future<JsonObject> record(
            SqlConnection conn,
            String kind,
            OffsetDateTime cutoff,
            long deleted,
            long kept,
            JsonObject detail,
            String actor,
            OffsetDateTime started) {
        return conn.preparedQuery(RetentionQueries.RECORD)
                .execute(Tuple.of(kind, cutoff, deleted, kept, detail, actor, started))
                .map(rows -> toJson(rows.iterator().next()));
    }

    static JsonObject toJson(Row row) {
        return new JsonObject()
                .put("id", row.getLong("id"))
                .put("kind", row.getString("kind"))
                .put("cutoff", row.getOffsetDateTime("cutoff").toInstant().toString())
                .put("deleted", row.getLong("deleted"))
                .put("kept", row.getLong("kept"))
                .put("detail", row.getJsonObject("detail"))
                .put("actor", row.getString("actor"))
                .put(
                        "started_at",
                        row.getOffsetDateTime("started_at").toInstant().toString())
                .put(
                        "finished_at",
                        row.getOffsetDateTime("finished_at").toInstant().toString());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
