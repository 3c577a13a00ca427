package pe.centinela.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlidingWindowsTest {

    private static final int HOUR = 0;
    private static final int DAY = 1;
    private static final int MONTH = 3;

    @Test
    void eachWindowKeepsOnlyItsSpan() {
        SlidingWindows w = new SlidingWindows();
        w.add(0, 100);
        w.add(3_000, 50);
        w.add(86_000, 10);
        w.advance(86_500);
        assertThat(w.count(HOUR)).isEqualTo(1);
        assertThat(w.count(DAY)).isEqualTo(2);
        assertThat(w.count(MONTH)).isEqualTo(3);
        assertThat(w.max(HOUR)).isEqualTo(10);
        assertThat(w.max(DAY)).isEqualTo(50);
        assertThat(w.max(MONTH)).isEqualTo(100);
        assertThat(w.mean(DAY)).isEqualTo(30);
        assertThat(w.std(DAY)).isCloseTo(20, within(1e-9));
    }

    @Test
    void emptyWindowsAreZero() {
        SlidingWindows w = new SlidingWindows();
        w.add(0, 100);
        w.advance(40 * 86_400L);
        for (int i = 0; i < SlidingWindows.WINDOWS; i++) {
            assertThat(w.count(i)).isZero();
            assertThat(w.mean(i)).isZero();
            assertThat(w.max(i)).isZero();
            assertThat(w.std(i)).isZero();
        }
    }

    @Test
    void matchesARecomputationOnRandomHistories() {
        Random random = new Random(5);
        SlidingWindows w = new SlidingWindows();
        List<long[]> times = new ArrayList<>();
        List<Double> amounts = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 3_000; i++) {
            t += (long) (random.nextDouble() * (random.nextBoolean() ? 600 : 40_000));
            w.advance(t);
            for (int window = 0; window < SlidingWindows.WINDOWS; window++) {
                long cutoff = t - SlidingWindows.SPANS[window];
                long n = 0;
                double sum = 0;
                double max = 0;
                for (int j = 0; j < times.size(); j++) {
                    if (times.get(j)[0] > cutoff) {
                        n++;
                        sum += amounts.get(j);
                        max = Math.max(max, amounts.get(j));
                    }
                }
                assertThat(w.count(window))
                        .as("count window %d at %d", window, i)
                        .isEqualTo(n);
                assertThat(w.sum(window)).isCloseTo(sum, within(1e-6));
                assertThat(w.max(window)).isEqualTo(max);
            }
            double amount = Math.round(random.nextDouble() * 50_000) / 100.0;
            w.add(t, amount);
            times.add(new long[] {t});
            amounts.add(amount);
        }
    }
}
