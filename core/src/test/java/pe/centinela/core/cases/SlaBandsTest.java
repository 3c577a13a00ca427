package pe.centinela.core.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlaBandsTest {

    private static List<SlaBands.Band> bands(double... thresholdsAndHours) {
        List<SlaBands.Band> bands = new ArrayList<>();
        for (int i = 0; i < SlaBands.NAMES.size(); i++) {
            bands.add(
                    new SlaBands.Band(SlaBands.NAMES.get(i), thresholdsAndHours[2 * i], thresholdsAndHours[2 * i + 1]));
        }
        return bands;
    }

    @Test
    void theDefaultsAndATeamsOwnBandsAreAccepted() {
        assertThat(SlaBands.problem(bands(0.85, 4, 0.70, 24, 0.50, 72, 0, 168))).isEmpty();
        assertThat(SlaBands.problem(bands(0.9, 1, 0.6, 8, 0.3, 8, 0, 48))).isEmpty();
    }

    @Test
    void thresholdsMustFallFromCriticalToLow() {
        assertThat(SlaBands.problem(bands(0.85, 4, 0.90, 24, 0.50, 72, 0, 168)))
                .contains(new SlaBands.Problem(
                        "high.min_severity", "the high band must start below the critical band (0.85)"));
        assertThat(SlaBands.problem(bands(0.85, 4, 0.70, 24, 0.70, 72, 0, 168)))
                .map(SlaBands.Problem::field)
                .contains("medium.min_severity");
    }

    @Test
    void aLessSevereBandCannotAllowLessTime() {
        assertThat(SlaBands.problem(bands(0.85, 4, 0.70, 2, 0.50, 72, 0, 168)))
                .map(SlaBands.Problem::field)
                .contains("high.sla_hours");
        assertThat(SlaBands.problem(bands(0.85, 4, 0.70, 24, 0.50, 72, 0, 48)))
                .map(SlaBands.Problem::field)
                .contains("low.sla_hours");
    }

    @Test
    void lowStartsAtZeroAndTheOthersAboveIt() {
        assertThat(SlaBands.problem(bands(0.85, 4, 0.70, 24, 0.50, 72, 0.1, 168)))
                .map(SlaBands.Problem::field)
                .contains("low.min_severity");
        assertThat(SlaBands.problem(bands(0.85, 4, 0.70, 24, 0, 72, 0, 168)))
                .map(SlaBands.Problem::field)
                .contains("medium.min_severity");
        assertThat(SlaBands.problem(bands(1.2, 4, 0.70, 24, 0.5, 72, 0, 168)))
                .map(SlaBands.Problem::field)
                .contains("critical.min_severity");
    }

    @Test
    void timesAreAboveZeroAndAtMostAYear() {
        assertThat(SlaBands.problem(bands(0.85, 0, 0.70, 24, 0.50, 72, 0, 168)))
                .map(SlaBands.Problem::field)
                .contains("critical.sla_hours");
        assertThat(SlaBands.problem(bands(0.85, 4, 0.70, 24, 0.50, 72, 0, 9000)))
                .map(SlaBands.Problem::field)
                .contains("low.sla_hours");
    }

    @Test
    void allFourBandsInOrder() {
        assertThat(SlaBands.problem(bands(0.85, 4, 0.70, 24, 0.50, 72, 0, 168).subList(0, 3)))
                .map(SlaBands.Problem::field)
                .contains("bands");
    }
}
