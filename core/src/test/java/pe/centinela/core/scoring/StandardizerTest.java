package pe.centinela.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StandardizerTest {

    @Test
    void scalesToZeroMeanAndUnitDeviationAndClips() {
        Standardizer s = Standardizer.fit(List.of(new double[] {1, 5}, new double[] {3, 5}, new double[] {5, 5}));
        assertThat(s.mean()).containsExactly(3, 5);
        assertThat(s.scale()[0]).isCloseTo(2.0, within(1e-12));
        assertThat(s.scale()[1]).isEqualTo(1.0);
        assertThat(s.apply(new double[] {5, 5})).containsExactly(1.0, 0.0);
        assertThat(s.apply(new double[] {1000, 5})[0]).isEqualTo(Standardizer.DEFAULT_CLIP);
    }
}
