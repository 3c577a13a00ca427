package pe.centinela.app.bench;

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
import pe.centinela.embedded.EmbeddedPostgresServer;

/** Latencies from producing a transaction to its alert row in PostgreSQL, and their percentiles. */
record Latencies(int count, long p50, long p95, long p99, long max) {

    static Latencies of(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        return new Latencies(sorted.size(), percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
    }

    /** The alerts stored since {@code sinceMillis} for transactions in {@code sentAt} (epoch ms by transaction id). */
    static Latencies ofAlerts(EmbeddedPostgresServer postgres, long sinceMillis, Map<String, Long> sentAt) throws SQLException {
        List<Long> latencies = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
             PreparedStatement q = c.prepareStatement("SELECT transaction_id, created_at FROM alerts WHERE created_at >= ?")) {
            q.setObject(1, OffsetDateTime.ofInstant(Instant.ofEpochMilli(sinceMillis), ZoneOffset.UTC));
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    Long sent = sentAt.get(rows.getString(1));
                    if (sent != null) {
                        latencies.add(rows.getObject(2, OffsetDateTime.class).toInstant().toEpochMilli() - sent);
                    }
                }
            }
        }
        return of(latencies);
    }

    static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    JsonObject toJson() {
        return new JsonObject().put("alerts", count).put("p50_ms", p50).put("p95_ms", p95).put("p99_ms", p99).put("max_ms", max);
    }
}
