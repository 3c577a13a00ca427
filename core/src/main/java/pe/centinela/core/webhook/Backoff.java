package pe.centinela.core.webhook;

import java.time.Duration;

/**
 * How long to wait before the next delivery attempt: {@code initial} after the first failure, doubling after each
 * further one, never above {@code max}. Jitter shortens each wait by up to {@code jitter} (a fraction), so
 * deliveries that failed together do not all come back at the same moment.
 */
public record Backoff(Duration initial, Duration max, double jitter) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max but got " + initial + " and " + max);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1) but is " + jitter);
        }
    }

    /** The default 20% jitter. */
    public Backoff(Duration initial, Duration max) {
        this(initial, max, 0.2);
    }

    /** The wait without jitter after {@code failedAttempts} failures (1 or more). */
    public Duration base(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1 but is " + failedAttempts);
        }
        long maxMs = max.toMillis();
        long ms = Math.max(1, initial.toMillis());
        for (int i = 1; i < failedAttempts && ms < maxMs; i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, maxMs));
    }

    /**
     * The wait after {@code failedAttempts} failures, given a uniform random number in {@code [0, 1)}: between
     * {@code (1 - jitter)} times {@link #base} and {@link #base} itself.
     */
    public Duration delay(int failedAttempts, double random) {
        long base = base(failedAttempts).toMillis();
        return Duration.ofMillis(Math.max(1, Math.round(base * (1 - jitter * random))));
    }

    public Duration delay(int failedAttempts) {
        return delay(
                failedAttempts, java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }
}
