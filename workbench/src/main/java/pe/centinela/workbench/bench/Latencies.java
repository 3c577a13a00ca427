package pe.centinela.workbench.bench;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Percentiles of latencies in milliseconds. */
record Latencies(int count, long p50, long p95, long p99, long max) {

    static Latencies of(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        return new Latencies(
                sorted.size(),
                percentile(sorted, 0.50),
                percentile(sorted, 0.95),
                percentile(sorted, 0.99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
    }

    static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    JsonObject toJson() {
        return new JsonObject()
                .put("alerts", count)
                .put("p50_ms", p50)
                .put("p95_ms", p95)
                .put("p99_ms", p99)
                .put("max_ms", max);
    }
}
