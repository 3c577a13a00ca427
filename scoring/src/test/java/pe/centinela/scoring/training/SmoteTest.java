package pe.centinela.scoring.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmoteTest {

    @Test
    void syntheticRowsLieBetweenAFraudAndANeighbour() {
        List<double[]> frauds = List.of(new double[] {0, 0}, new double[] {1, 0}, new double[] {10, 10});
        List<double[]> synthetic = Smote.synthesize(frauds, 200, 1, 3);
        assertThat(synthetic).hasSize(200);
        for (double[] row : synthetic) {
            boolean betweenFirstTwo = row[1] == 0 && row[0] >= 0 && row[0] <= 1;
            boolean towardsFar = row[0] >= 1 && row[0] <= 10 && Math.abs(row[1] - (row[0] - 1) * 10 / 9) < 1e-9;
            assertThat(betweenFirstTwo || towardsFar)
                    .as(java.util.Arrays.toString(row))
                    .isTrue();
        }
    }

    @Test
    void tooFewFraudsGiveNothing() {
        assertThat(Smote.synthesize(List.of(new double[] {1}), 10, 5, 1)).isEmpty();
    }
}
