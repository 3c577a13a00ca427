package pe.centinela.app.bench;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * What a soak shows: the drift of p99 latency from its first minute to its last, and how fast each process's memory
 * grows over the soak's second half (the least-squares slope, MB per minute).
 */
record SoakVerdict(long firstP99, long lastP99, int fromMinute, int toMinute, double heapSlope, double platformRssSlope, double benchRssSlope,
                   double postgresRssSlope) {

    /** Steady: the last minute's p99 within half again the first's, or 10 ms of it. */
    static final double STEADY_RATIO = 1.5;
    static final long STEADY_MARGIN_MS = 10;
    /** Flat: growing less than this, in MB per minute (10 MB over a 10-minute soak). */
    static final double FLAT_MB_PER_MINUTE = 1.0;

    static SoakVerdict of(List<SoakMinute> minutes) {
        if (minutes.isEmpty()) {
            throw new IllegalArgumentException("a soak of no minutes");
        }
        List<SoakMinute> secondHalf = minutes.subList(minutes.size() - Math.min(minutes.size(), Math.max(2, minutes.size() / 2)), minutes.size());
        return new SoakVerdict(minutes.get(0).latency().p99(), minutes.get(minutes.size() - 1).latency().p99(), secondHalf.get(0).minute(),
                secondHalf.get(secondHalf.size() - 1).minute(), slope(secondHalf, SoakMinute::heapAfterGcMb), slope(secondHalf, SoakMinute::platformRssMb),
                slope(secondHalf, SoakMinute::benchRssMb), slope(secondHalf, SoakMinute::postgresRssMb));
    }

    /** The least-squares slope of {@code value} against the minute, over the minutes where it is known (not negative); 0 with fewer than two. */
    static double slope(List<SoakMinute> minutes, ToLongFunction<SoakMinute> value) {
        List<SoakMinute> known = minutes.stream().filter(m -> value.applyAsLong(m) >= 0).toList();
        int n = known.size();
        if (n < 2) {
            return 0;
        }
        double meanX = known.stream().mapToDouble(SoakMinute::minute).average().orElseThrow();
        double meanY = known.stream().mapToDouble(value::applyAsLong).average().orElseThrow();
        double covariance = 0;
        double variance = 0;
        for (SoakMinute m : known) {
            double dx = m.minute() - meanX;
            covariance += dx * (value.applyAsLong(m) - meanY);
            variance += dx * dx;
        }
        return covariance / variance;
    }

    long driftMs() {
        return lastP99 - firstP99;
    }

    boolean steadyLatency() {
        return lastP99 <= Math.max(firstP99 * STEADY_RATIO, firstP99 + STEADY_MARGIN_MS);
    }

    boolean flatMemory() {
        return heapSlope < FLAT_MB_PER_MINUTE && platformRssSlope < FLAT_MB_PER_MINUTE && benchRssSlope < FLAT_MB_PER_MINUTE
                && postgresRssSlope < FLAT_MB_PER_MINUTE;
    }

    String line() {
        return String.format(Locale.ROOT, "latency %s: p99 %d ms in the first minute, %d ms in the last (%+d ms); memory %s over minutes %d–%d: "
                        + "platform heap after GC %+.1f MB/min, platform RSS %+.1f MB/min, broker + bench RSS %+.1f MB/min, PostgreSQL RSS %+.1f MB/min",
                steadyLatency() ? "steady" : "drifts", firstP99, lastP99, driftMs(), flatMemory() ? "flat" : "grows", fromMinute, toMinute, heapSlope,
                platformRssSlope, benchRssSlope, postgresRssSlope);
    }

    JsonObject toJson() {
        return new JsonObject().put("first_minute_p99_ms", firstP99).put("last_minute_p99_ms", lastP99).put("p99_drift_ms", driftMs())
                .put("steady_latency", steadyLatency()).put("slope_from_minute", fromMinute).put("slope_to_minute", toMinute)
                .put("platform_heap_after_gc_mb_per_minute", heapSlope).put("platform_rss_mb_per_minute", platformRssSlope)
                .put("bench_and_broker_rss_mb_per_minute", benchRssSlope).put("postgres_rss_mb_per_minute", postgresRssSlope)
                .put("flat_memory", flatMemory()).put("text", line());
    }
}
