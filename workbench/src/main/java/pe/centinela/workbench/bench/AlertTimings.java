package pe.centinela.workbench.bench;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import pe.centinela.embedded.EmbeddedPostgresServer;

/**
 * When each alert's transaction was produced, received by ingest, scored and stored, so a latency splits into the
 * platform's stages: to ingest (the raw topic and ingest's consumer), ingest to scored (validation, the duplicate check,
 * the canonical topic, features and models) and scored to stored (the alerts topic and the insert). One clock: the
 * benchmark, the platform and PostgreSQL run on the same machine.
 */
record AlertTimings(List<Timing> timings) {

    record Timing(long sent, long received, long scored, long stored) {}

    static final String CSV_HEADER = "offered_rate,sent_ms,received_ms,scored_ms,stored_ms\n";

    /** One line per alert, in the order sent, under {@link #CSV_HEADER}. */
    String csvRows(int offeredRate) {
        StringBuilder csv = new StringBuilder();
        timings.stream()
                .sorted(java.util.Comparator.comparingLong(Timing::sent))
                .forEach(t -> csv.append(offeredRate)
                        .append(',')
                        .append(t.sent)
                        .append(',')
                        .append(t.received)
                        .append(',')
                        .append(t.scored)
                        .append(',')
                        .append(t.stored)
                        .append('\n'));
        return csv.toString();
    }

    /** The alerts stored since {@code sinceMillis} for transactions in {@code sentAt} (epoch ms by transaction id). */
    static AlertTimings read(EmbeddedPostgresServer postgres, long sinceMillis, Map<String, Long> sentAt)
            throws SQLException {
        List<Timing> timings = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                PreparedStatement q = c.prepareStatement(
                        "SELECT transaction_id, transaction->'source'->>'received_at', scored_at, created_at"
                                + " FROM alerts WHERE created_at >= ?")) {
            q.setObject(1, OffsetDateTime.ofInstant(Instant.ofEpochMilli(sinceMillis), ZoneOffset.UTC));
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    Long sent = sentAt.get(rows.getString(1));
                    if (sent != null) {
                        timings.add(new Timing(
                                sent,
                                Instant.parse(rows.getString(2)).toEpochMilli(),
                                millis(rows, 3),
                                millis(rows, 4)));
                    }
                }
            }
        }
        return new AlertTimings(timings);
    }

    Latencies total() {
        return of(t -> t.stored - t.sent);
    }

    JsonObject stages() {
        return new JsonObject()
                .put("to_ingest", of(t -> t.received - t.sent).toJson())
                .put("ingest_to_scored", of(t -> t.scored - t.received).toJson())
                .put("scored_to_stored", of(t -> t.stored - t.scored).toJson());
    }

    private Latencies of(ToLongFunction<Timing> span) {
        return Latencies.of(timings.stream().map(t -> span.applyAsLong(t)).toList());
    }

    private static long millis(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant().toEpochMilli();
    }
}
