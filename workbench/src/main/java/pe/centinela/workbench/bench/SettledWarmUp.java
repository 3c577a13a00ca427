package pe.centinela.workbench.bench;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Keeps a warm-up going, slice by slice at the measured load, until the platform's JIT has settled: until a slice in
 * which its compilers worked less than {@link #SETTLED_SHARE} of a core, or {@code limit} has passed. A platform that
 * runs for days has long finished compiling; a benchmark that measures while it still compiles reports the compiler.
 */
final class SettledWarmUp {

    /** A compiler busy for less than this share of one core is taken as settled. */
    static final double SETTLED_SHARE = 0.05;

    static final Duration SLICE = Duration.ofSeconds(10);

    /** One slice of the measured load, unmeasured. */
    @FunctionalInterface
    interface Slice {
        void run(Duration length) throws Exception;
    }

    private SettledWarmUp() {}

    /** Runs slices until settled or out of time; returns how long it ran and the last slice's compiling share. */
    static JsonObject run(long platformPid, Duration limit, Slice slice) throws Exception {
        return run(() -> JitActivity.compileSeconds(platformPid), System::nanoTime, limit, SLICE, slice);
    }

    static JsonObject run(
            Supplier<OptionalDouble> compileSeconds,
            java.util.function.LongSupplier nanoTime,
            Duration limit,
            Duration sliceLength,
            Slice slice)
            throws Exception {
        long started = nanoTime.getAsLong();
        double share = Double.NaN;
        int slices = 0;
        while (nanoTime.getAsLong() - started < limit.toNanos()) {
            OptionalDouble before = compileSeconds.get();
            long sliceStarted = nanoTime.getAsLong();
            slice.run(sliceLength);
            slices++;
            share = JitActivity.share(before, compileSeconds.get(), (nanoTime.getAsLong() - sliceStarted) / 1e9);
            if (!(share >= SETTLED_SHARE)) {
                break;
            }
        }
        return new JsonObject()
                .put("slices", slices)
                .put("seconds", Math.round((nanoTime.getAsLong() - started) / 1e9))
                .put("settled", share < SETTLED_SHARE)
                .put("compiling_share_of_a_core", Double.isNaN(share) ? null : Math.round(share * 1000) / 1000.0);
    }

    /** The console's words for a result of {@link #run}. */
    static String describe(JsonObject settle) {
        if (settle.getInteger("slices") == 0) {
            return "no wait for the platform's JIT to settle";
        }
        Double share = settle.getDouble("compiling_share_of_a_core");
        String last = share == null
                ? "the JIT's counters unreadable"
                : String.format(java.util.Locale.ROOT, "compiling %.0f %% of a core in the last 10 s", share * 100);
        return settle.getLong("seconds") + " s more at the measured load until the platform's JIT settled ("
                + (settle.getBoolean("settled") ? "" : "not settled within the limit, ") + last + ")";
    }
}
