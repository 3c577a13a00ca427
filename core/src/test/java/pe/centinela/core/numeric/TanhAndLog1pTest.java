package pe.centinela.core.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TanhAndLog1pTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(7);

    @Test
    void tanhMatchesTheJdkAcrossItsRange() {
        for (int i = 0; i < 200_000; i++) {
            double x = (RANDOM.nextDouble() - 0.5) * Math.pow(10, RANDOM.nextInt(-12, 3));
            assertThat(TanhAndLog1p.tanh(x))
                    .as("tanh(%s)", x)
                    .isCloseTo(StrictMath.tanh(x), within(Math.max(1e-15, Math.abs(StrictMath.tanh(x)) * 1e-12)));
        }
        assertThat(TanhAndLog1p.tanh(1e4)).isEqualTo(1.0);
        assertThat(TanhAndLog1p.tanh(-1e4)).isEqualTo(-1.0);
        assertThat(TanhAndLog1p.tanh(0.0)).isEqualTo(0.0);
        assertThat(TanhAndLog1p.tanh(Double.NaN)).isNaN();
    }

    @Test
    void floatTanhIsWithinFourTenMillionthsEverywhere() {
        for (int i = -3_000_000; i <= 3_000_000; i++) {
            float x = i * 1e-5f;
            assertThat((double) TanhAndLog1p.tanh(x)).as("tanh(%s)", x).isCloseTo(StrictMath.tanh(x), within(4e-7));
        }
        for (int i = 0; i < 100_000; i++) {
            float x = (float) ((RANDOM.nextDouble() - 0.5) * Math.pow(10, RANDOM.nextInt(-30, 30)));
            assertThat((double) TanhAndLog1p.tanh(x)).as("tanh(%s)", x).isCloseTo(StrictMath.tanh(x), within(4e-7));
            assertThat(TanhAndLog1p.tanh(-x)).isEqualTo(-TanhAndLog1p.tanh(x));
        }
        assertThat(TanhAndLog1p.tanh(Float.NaN)).isNaN();
    }

    @Test
    void log1pMatchesTheJdkFromTinyToHuge() {
        for (int i = 0; i < 200_000; i++) {
            double x = RANDOM.nextDouble() * Math.pow(10, RANDOM.nextInt(-15, 12));
            assertThat(TanhAndLog1p.log1p(x))
                    .as("log1p(%s)", x)
                    .isCloseTo(StrictMath.log1p(x), within(Math.abs(StrictMath.log1p(x)) * 1e-14));
        }
        assertThat(TanhAndLog1p.log1p(0.0)).isEqualTo(0.0);
        assertThat(TanhAndLog1p.log1p(-1.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(TanhAndLog1p.log1p(-0.5)).isCloseTo(StrictMath.log1p(-0.5), within(1e-15));
        assertThat(TanhAndLog1p.log1p(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(TanhAndLog1p.log1p(Double.NaN)).isNaN();
    }
}
