package pe.centinela.workbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SettledWarmUpTest {

    private static final Duration SLICE = Duration.ofMillis(100);

    @Test
    void keepsWarmingWhileTheCompilersWorkAndStopsOnceTheyRest() throws Exception {
        // a second of compiling in the first 100 ms slice, a millisecond in the second
        AtomicInteger slices = new AtomicInteger();
        JsonObject settled =
                SettledWarmUp.run(readings(0, 1.0, 1.0, 1.001), clock, Duration.ofMinutes(1), SLICE, advancing(slices));

        assertThat(slices).hasValue(2);
        assertThat(settled.getInteger("slices")).isEqualTo(2);
        assertThat(settled.getBoolean("settled")).isTrue();
        assertThat(settled.getDouble("compiling_share_of_a_core")).isLessThan(SettledWarmUp.SETTLED_SHARE);
    }

    @Test
    void givesUpAtTheLimitAndSaysSo() throws Exception {
        double[] compiled = {0};
        Supplier<OptionalDouble> busy = () -> OptionalDouble.of(compiled[0] += 1.0);
        AtomicInteger slices = new AtomicInteger();

        JsonObject settled = SettledWarmUp.run(busy, clock, Duration.ofMillis(350), SLICE, advancing(slices));

        assertThat(slices.get()).isBetween(3, 5);
        assertThat(settled.getBoolean("settled")).isFalse();
        assertThat(SettledWarmUp.describe(settled)).contains("not settled within the limit");
    }

    @Test
    void unreadableCountersEndTheWaitAfterOneSliceAndAreNotCalledSettled() throws Exception {
        AtomicInteger slices = new AtomicInteger();

        JsonObject settled =
                SettledWarmUp.run(OptionalDouble::empty, clock, Duration.ofMinutes(1), SLICE, advancing(slices));

        assertThat(slices).hasValue(1);
        assertThat(settled.getBoolean("settled")).isFalse();
        assertThat(settled.getDouble("compiling_share_of_a_core")).isNull();
        assertThat(SettledWarmUp.describe(settled)).contains("unreadable");
    }

    @Test
    void noLimitMeansNoSlice() throws Exception {
        AtomicInteger slices = new AtomicInteger();

        JsonObject settled = SettledWarmUp.run(readings(0, 1), clock, Duration.ZERO, SLICE, advancing(slices));

        assertThat(slices).hasValue(0);
        assertThat(SettledWarmUp.describe(settled)).isEqualTo("no wait for the platform's JIT to settle");
    }

    @Test
    void readsTheCompileTimeOfARunningJvm() {
        OptionalDouble compiled =
                JitActivity.compileSeconds(ProcessHandle.current().pid());

        assertThat(compiled).isPresent();
        assertThat(compiled.getAsDouble()).isPositive();
    }

    @Test
    void knowsTheCompilerThreadsByTheNamesLinuxKeeps() {
        assertThat(JitActivity.compiler("C2 CompilerThre")).isTrue();
        assertThat(JitActivity.compiler("C1 CompilerThre")).isTrue();
        assertThat(JitActivity.compiler("GC Thread#0")).isFalse();
        assertThat(JitActivity.compiler("vert.x-eventloo")).isFalse();
    }

    private static Supplier<OptionalDouble> readings(double... values) {
        Deque<Double> left = new ArrayDeque<>();
        for (double v : values) {
            left.add(v);
        }
        return () -> OptionalDouble.of(left.isEmpty() ? values[values.length - 1] : left.poll());
    }

    /** The wall clock the warm-up reads: each slice moves it on by the slice's length, no real time passes. */
    private final AtomicLong nanos = new AtomicLong();

    private final LongSupplier clock = nanos::get;

    private SettledWarmUp.Slice advancing(AtomicInteger slices) {
        return length -> {
            slices.incrementAndGet();
            nanos.addAndGet(length.toNanos());
        };
    }
}
