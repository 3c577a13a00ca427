package pe.centinela.core.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import pe.centinela.core.config.PlatformConfig;

class RetrainPlannerTest {

    static final PlatformConfig.Retrain SETTINGS = new PlatformConfig.Retrain(
            Duration.ofDays(7),
            90,
            Duration.ofDays(3),
            List.of("gbdt"),
            50,
            Duration.ofDays(2),
            Duration.ofDays(6),
            30,
            0.01,
            0.0,
            Path.of("key.pem"),
            Duration.ofMinutes(1));
    static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void trainsWhenItNeverHasAndWhenThePeriodHasPassed() {
        assertThat(RetrainPlanner.next(NOW, SETTINGS, Optional.empty(), Optional.empty()))
                .isInstanceOf(RetrainStep.Train.class);
        assertThat(RetrainPlanner.next(NOW, SETTINGS, Optional.of(NOW.minus(Duration.ofDays(7))), Optional.empty()))
                .isInstanceOf(RetrainStep.Train.class);
    }

    @Test
    void waitsForTheNextPeriod() {
        Instant started = NOW.minus(Duration.ofDays(6));
        assertThat(RetrainPlanner.next(NOW, SETTINGS, Optional.of(started), Optional.empty()))
                .isEqualTo(new RetrainStep.Wait(
                        started.plus(Duration.ofDays(7)), "the last training started at " + started));
    }

    @Test
    void judgesItsShadowOnceTheShadowPeriodHasPassedAndNotBefore() {
        Instant since = NOW.minus(Duration.ofDays(2));
        var shadow = Optional.of(new RetrainPlanner.Shadow("gbdt-1", RetrainPlanner.ACTOR, since));
        assertThat(RetrainPlanner.next(NOW, SETTINGS, Optional.of(since), shadow))
                .isEqualTo(new RetrainStep.Judge("gbdt-1", since));
        assertThat(RetrainPlanner.next(NOW.minusSeconds(1), SETTINGS, Optional.of(since), shadow))
                .isInstanceOf(RetrainStep.Wait.class);
    }

    @Test
    void leavesAShadowSomeoneElsePutThereAlone() {
        var shadow = Optional.of(new RetrainPlanner.Shadow("dense-1", "alice", NOW.minus(Duration.ofDays(30))));
        RetrainStep step = RetrainPlanner.next(NOW, SETTINGS, Optional.empty(), shadow);
        assertThat(step).isInstanceOf(RetrainStep.Wait.class);
        assertThat(((RetrainStep.Wait) step).reason()).contains("dense-1", "alice");
    }
}
