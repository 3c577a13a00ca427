package pe.centinela.workbench.bench;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * What a soak shows: the drift of p99 latency from its first minute to its last, how fast each process's memory grows
 * over the soak's second half (the least-squares slope, MB per minute), and the platform's live heap before and after.
 */
record SoakVerdict(
        long firstP99,
        long lastP99,
        int fromMinute,
        int toMinute,
        double heapSlope,
        double platformRssSlope,
        double benchRssSlope,
        double postgresRssSlope,
        long liveHeapStartMb,
        long liveHeapEndMb) {

    /** Steady: the last minute's p99 within half again the first's, or 10 ms of it. */
    static final double STEADY_RATIO = 1.5;

    static final long STEADY_MARGIN_MS = 10;
    /** Flat: growing less than this, in MB per minute (10 MB over a 10-minute soak). */
    static final double FLAT_MB_PER_MINUTE = 1.0;

    /** The verdict on {@code minutes}, with the platform's live heap (after a full collection) before and after them. */
    static SoakVerdict of(List<SoakMinute> minutes, long liveHeapStartMb, long liveHeapEndMb) {
        if (minutes.isEmpty()) {
            throw new IllegalArgumentException("a soak of no minutes");
        }
        List<SoakMinute> secondHalf = minutes.subList(
                minutes.size() - Math.min(minutes.size(), Math.max(2, minutes.size() / 2)), minutes.size());
        return new SoakVerdict(
                minutes.get(0).latency().p99(),
                minutes.get(minutes.size() - 1).latency().p99(),
                secondHalf.get(0).minute(),
                secondHalf.get(secondHalf.size() - 1).minute(),
                slope(secondHalf, SoakMinute::heapAfterGcMb),
                slope(secondHalf, SoakMinute::platformRssMb),
                slope(secondHalf, SoakMinute::benchRssMb),
                slope(secondHalf, SoakMinute::postgresRssMb),
                liveHeapStartMb,
                liveHeapEndMb);
    }

    /** The least-squares slope of {@code value} against the minute, over the minutes where it is known (not negative); 0 with fewer than two. */
    static double slope(List<SoakMinute> minutes, ToLongFunction<SoakMinute> value) {
        List<SoakMinute> known =
                minutes.stream().filter(m -> value.applyAsLong(m) >= 0).toList();
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
        return lastP99 <= Math.max((double) firstP99 * STEADY_RATIO, (double) (firstP99 + STEADY_MARGIN_MS));
    }

    /**
     * Flat: the platform's RSS and the broker's process growing less than {@link #FLAT_MB_PER_MINUTE} over the second
     * half, and the platform's live heap (after full collections) less over the whole soak. The heap left by young
     * collections is reported, not judged (it holds garbage until G1's next marking cycle), nor is PostgreSQL's RSS
     * (it counts the pages of a growing database that each backend has touched).
     */
    boolean flatMemory() {
        boolean liveFlat = liveHeapStartMb < 0
                || liveHeapEndMb < 0
                || liveHeapEndMb - liveHeapStartMb < FLAT_MB_PER_MINUTE * toMinute;
        return liveFlat && platformRssSlope < FLAT_MB_PER_MINUTE && benchRssSlope < FLAT_MB_PER_MINUTE;
    }

    String line() {
        return String.format(
                Locale.ROOT,
                "latency %s: p99 %d ms in the first minute, %d ms in the last (%+d ms); memory %s: platform live heap "
                        + "%d MB after warm-up, %d MB at the end (full GCs); over minutes %d–%d platform RSS %+.1f MB/min, broker + bench RSS %+.1f MB/min "
                        + "(not judged: platform heap after young GCs %+.1f MB/min, PostgreSQL RSS %+.1f MB/min)",
                steadyLatency() ? "steady" : "drifts",
                firstP99,
                lastP99,
                driftMs(),
                flatMemory() ? "flat" : "grows",
                liveHeapStartMb,
                liveHeapEndMb,
                fromMinute,
                toMinute,
                platformRssSlope,
                benchRssSlope,
                heapSlope,
                postgresRssSlope);
    }

    JsonObject toJson() {
        return new JsonObject()
                .put("first_minute_p99_ms", firstP99)
                .put("last_minute_p99_ms", lastP99)
                .put("p99_drift_ms", driftMs())
                .put("steady_latency", steadyLatency())
                .put("slope_from_minute", fromMinute)
                .put("slope_to_minute", toMinute)
                .put("platform_heap_after_gc_mb_per_minute", heapSlope)
                .put("platform_rss_mb_per_minute", platformRssSlope)
                .put("bench_and_broker_rss_mb_per_minute", benchRssSlope)
                .put("postgres_rss_mb_per_minute", postgresRssSlope)
                .put("platform_live_heap_after_warmup_mb", liveHeapStartMb)
                .put("platform_live_heap_at_end_mb", liveHeapEndMb)
                .put("flat_memory", flatMemory())
                .put("text", line());
    }
}
