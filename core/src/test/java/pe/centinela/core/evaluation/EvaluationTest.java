package pe.centinela.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static final long DAY = 86_400;
    private final double[] scores = {0.9, 0.8, 0.7, 0.2, 0.95, 0.1, 0.6, 0.3};
    private final boolean[] fraud = {true, false, true, false, true, false, false, false};
    private final long[] times = {
        DAY + 18_000,
        DAY + 20_000,
        DAY + 30_000,
        DAY + 40_000,
        2 * DAY + 18_000,
        2 * DAY + 20_000,
        2 * DAY + 21_000,
        2 * DAY + 22_000
    };

    @Test
    void confusionMatrixAndRatesAtTheThreshold() {
        Evaluation e = Evaluation.of(scores, fraud, times, 0.75, 1);
        assertThat(e.truePositives()).isEqualTo(2);
        assertThat(e.falsePositives()).isEqualTo(1);
        assertThat(e.falseNegatives()).isEqualTo(1);
        assertThat(e.trueNegatives()).isEqualTo(4);
        assertThat(e.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(e.recall()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(e.f1()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void topKPrecisionLooksAtEachLimaDaySeparately() {
        assertThat(Evaluation.of(scores, fraud, times, 0.5, 1).precisionAtTopK())
                .isEqualTo(1.0);
        assertThat(Evaluation.of(scores, fraud, times, 0.5, 2).precisionAtTopK())
                .isEqualTo(0.5);
    }

    @Test
    void curvesStartAndEndWhereTheyShould() {
        Evaluation e = Evaluation.of(scores, fraud, times, 0.5, 1);
        assertThat(e.roc().get(0)).containsExactly(0, 0);
        assertThat(e.roc().get(e.roc().size() - 1)).containsExactly(1, 1);
        assertThat(e.pr().get(e.pr().size() - 1)[0]).isEqualTo(1.0);
    }

    @Test
    void thresholdFromAnAlertBudget() {
        double threshold = Thresholds.forAlertBudget(scores, times, 2);
        long alerts =
                java.util.Arrays.stream(scores).filter(s -> s >= threshold).count();
        assertThat(alerts).isBetween(2L, 3L);
    }

    @Test
    void thresholdFromATargetPrecision() {
        assertThat(Thresholds.forPrecision(scores, fraud, 1.0)).isEqualTo(0.9);
        assertThat(Thresholds.forPrecision(scores, fraud, 0.7)).isEqualTo(0.7);
        assertThat(Thresholds.forPrecision(scores, fraud, 0.6)).isEqualTo(0.6);
    }
}
