package pe.centinela.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void perfectRankingHasAucOneAndInvertedZero() {
        boolean[] fraud = {false, false, true, true};
        assertThat(Metrics.rocAuc(new double[] {0.1, 0.2, 0.8, 0.9}, fraud)).isEqualTo(1.0);
        assertThat(Metrics.rocAuc(new double[] {0.9, 0.8, 0.2, 0.1}, fraud)).isEqualTo(0.0);
    }

    @Test
    void tiesCountHalf() {
        assertThat(Metrics.rocAuc(new double[] {0.5, 0.5, 0.5, 0.5}, new boolean[] {false, true, false, true}))
                .isEqualTo(0.5);
    }

    @Test
    void aucIsUndefinedWithOneClass() {
        assertThat(Metrics.rocAuc(new double[] {0.1, 0.2}, new boolean[] {false, false}))
                .isNaN();
    }

    @Test
    void averagePrecisionAveragesPrecisionAtEachFraud() {
        // ranking: fraud, legit, fraud -> (1/1 + 2/3) / 2
        double ap = Metrics.averagePrecision(new double[] {0.9, 0.8, 0.7}, new boolean[] {true, false, true});
        assertThat(ap).isCloseTo((1.0 + 2.0 / 3) / 2, within(1e-12));
    }

    @Test
    void tiedScoresGiveTheSameAveragePrecisionWhateverTheirOrder() {
        assertThat(Metrics.averagePrecision(new double[] {0.5, 0.5}, new boolean[] {true, false}))
                .isEqualTo(0.5);
        assertThat(Metrics.averagePrecision(new double[] {0.5, 0.5}, new boolean[] {false, true}))
                .isEqualTo(0.5);
    }

    @Test
    void averagePrecisionStepsOnlyAtDistinctScoresAsScikitLearnDoes() {
        // sklearn.metrics.average_precision_score([1, 0, 1, 0, 1], [0.9, 0.7, 0.7, 0.7, 0.2]) = 1/3 * 1 + 1/3 * 2/4 +
        // 1/3 * 3/5
        double ap = Metrics.averagePrecision(
                new double[] {0.9, 0.7, 0.7, 0.7, 0.2}, new boolean[] {true, false, true, false, true});
        assertThat(ap).isCloseTo((1.0 + 2.0 / 4 + 3.0 / 5) / 3, within(1e-12));
    }
}
