package pe.centinela.workbench.bench;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * One minute of a soak: the transactions sent in it, the latency of their alerts, the consumer lag at its end, the
 * least heap the platform's collections left in it ({@code -1} when none ran) and each process's resident memory at its end.
 */
record SoakMinute(
        int minute,
        long sent,
        Latencies latency,
        long lag,
        long heapAfterGcMb,
        long platformRssMb,
        long benchRssMb,
        long postgresRssMb) {

    static final String HEADER =
            "| minute | sent | alerts | p50 | p95 | p99 | max | lag at end | platform heap after GC | platform RSS | broker + bench RSS | PostgreSQL RSS |\n"
                    + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    String row() {
        return String.format(
                Locale.ROOT,
                "| %d | %,d | %,d | %d ms | %d ms | %d ms | %d ms | %,d | %s | %,d MB | %,d MB | %,d MB |",
                minute,
                sent,
                latency.count(),
                latency.p50(),
                latency.p95(),
                latency.p99(),
                latency.max(),
                lag,
                heapAfterGcMb < 0 ? "no collection" : String.format(Locale.ROOT, "%,d MB", heapAfterGcMb),
                platformRssMb,
                benchRssMb,
                postgresRssMb);
    }

    JsonObject toJson() {
        return new JsonObject()
                .put("minute", minute)
                .put("sent", sent)
                .mergeIn(latency.toJson())
                .put("lag_at_end", lag)
                .put("platform_heap_after_gc_mb", heapAfterGcMb)
                .put("platform_rss_mb", platformRssMb)
                .put("bench_and_broker_rss_mb", benchRssMb)
                .put("postgres_rss_mb", postgresRssMb);
    }
}
