package pe.centinela.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardizerTest {

    @Test
    void centresOnTheMedianAndScalesByTheInterquartileRange() {
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            rows.add(new double[] {i, 5});
        }
        rows.add(new double[] {1_000_000, 5});
        Standardizer s = Standardizer.fit(rows);
        assertThat(s.center()[0]).isEqualTo(5.5);
        assertThat(s.scale()[0]).isCloseTo((7.75 - 3.25) / 1.349, within(1e-9));
        assertThat(s.scale()[1]).isEqualTo(1.0);
        assertThat(s.apply(new double[] {5.5, 5})).containsExactly(0.0, 0.0);
        assertThat(s.apply(new double[] {1_000_000, 5})[0]).isEqualTo(Standardizer.DEFAULT_CLIP);
    }

    @Test
    void aFlagWithoutSpreadInItsMiddleHalfFallsBackToItsStandardDeviation() {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(new double[] {i == 0 ? 1 : 0});
        }
        Standardizer s = Standardizer.fit(rows);
        assertThat(s.center()[0]).isZero();
        assertThat(s.scale()[0]).isCloseTo(Math.sqrt(0.05 * 0.95 * 20 / 19), within(1e-9));
    }

    @Test
    void aMissingValueIsImputedWithTheTrainingMedian() {
        Standardizer s = Standardizer.fit(
                List.of(new double[] {1}, new double[] {2}, new double[] {Double.NaN}, new double[] {4}));
        assertThat(s.center()[0]).isEqualTo(2.0);
        assertThat(s.apply(new double[] {Double.NaN})[0]).isZero();
        assertThat(s.apply(new double[] {Double.POSITIVE_INFINITY})[0]).isZero();
    }
}
