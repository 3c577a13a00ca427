package pe.centinela.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10));

    @Test
    void theWaitDoublesAfterEachFailure() {
        assertThat(backoff.base(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.base(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.base(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.base(8)).isEqualTo(Duration.ofSeconds(128));
    }

    @Test
    void theWaitNeverExceedsTheCapEvenAfterVeryManyFailures() {
        assertThat(backoff.base(10)).isEqualTo(Duration.ofSeconds(512));
        assertThat(backoff.base(11)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.base(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.delay(1_000, 0.0)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void jitterOnlyShortensTheWaitAndByAtMostItsFraction() {
        for (int attempt = 1; attempt <= 20; attempt++) {
            Duration base = backoff.base(attempt);
            for (double random : new double[] {0.0, 0.25, 0.5, 0.999_999}) {
                Duration delay = backoff.delay(attempt, random);
                assertThat(delay).isLessThanOrEqualTo(base);
                assertThat(delay.toMillis()).isGreaterThanOrEqualTo(Math.round(base.toMillis() * 0.8));
            }
            assertThat(backoff.delay(attempt)).isBetween(Duration.ofMillis(Math.round(base.toMillis() * 0.8)), base);
        }
    }

    @Test
    void aTinyInitialWaitStillWaitsAtLeastAMillisecond() {
        Backoff tiny = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5));
        assertThat(tiny.delay(1, 0.999)).isEqualTo(Duration.ofMillis(1));
        assertThat(tiny.base(4)).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 1.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.base(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
