package pe.centinela.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErrorCalibrationTest {

    private final ErrorCalibration calibration = ErrorCalibration.fit(errors(1000), 101);

    private static double[] errors(int n) {
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = (i + 1) / (double) n;
        }
        return e;
    }

    @Test
    void scoreIsTheShareOfTrainingErrorsBelow() {
        assertThat(calibration.score(0.5)).isCloseTo(0.5 * 0.999, within(0.002));
        assertThat(calibration.score(0.9)).isCloseTo(0.9 * 0.999, within(0.002));
    }

    @Test
    void scoreIsMonotonicAndWithinZeroAndOne() {
        double previous = -1;
        for (double e = 0; e < 5; e += 0.01) {
            double s = calibration.score(e);
            assertThat(s).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
            previous = s;
        }
    }

    @Test
    void errorsBeyondTrainingStillRankAboveEachOther() {
        assertThat(calibration.score(2.0)).isGreaterThan(calibration.score(1.0)).isLessThan(calibration.score(4.0));
        assertThat(calibration.score(1.0)).isGreaterThanOrEqualTo(0.999);
    }
}
