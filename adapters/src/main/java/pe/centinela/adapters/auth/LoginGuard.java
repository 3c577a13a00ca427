package pe.centinela.adapters.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import pe.centinela.core.ratelimit.TokenBuckets;

/**
 * Throttles and locks out password guessing per user name, for HTTP Basic and the login endpoint alike: a rate of
 * attempts per name on this replica, and a lockout after consecutive failures kept in PostgreSQL for every replica.
 * Both count every name tried, existing or not, so neither tells whether a user exists.
 */
public final class LoginGuard {

    private static final String LOCKED_UNTIL = "SELECT locked_until FROM login_failures WHERE username = $1";
    private static final String FAILED = """
            INSERT INTO login_failures (username, failures, locked_until) VALUES ($1, 1, CASE WHEN 1 >= $2 THEN now() + $3 * interval '1 second' END)
            ON CONFLICT (username) DO UPDATE SET failures = login_failures.failures + 1, last_failure_at = now(),
                locked_until = CASE WHEN login_failures.failures + 1 >= $2 THEN now() + $3 * interval '1 second' END""";
    private static final String CLEAR = "DELETE FROM login_failures WHERE username = $1";
    private static final String FORGET_OLD =
            "DELETE FROM login_failures WHERE last_failure_at < now() - interval '1 day' AND "
                    + "(locked_until IS NULL OR locked_until < now())";

    private final Pool pool;
    private final TokenBuckets attempts;
    private final int maxFailures;
    private final Duration lockout;

    public LoginGuard(Pool pool, TokenBuckets attempts, int maxFailures, Duration lockout) {
        this.pool = pool;
        this.attempts = attempts;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    /** Succeeds when a password may be checked for this name now; fails with {@link TooManyLogins} otherwise. */
    Future<Void> admit(String username) {
        TokenBuckets.Decision attempt = attempts.take(username);
        if (!attempt.allowed()) {
            return Future.failedFuture(new TooManyLogins(
                    "too many login attempts for this user name; retry in " + attempt.retryAfterSeconds() + " s",
                    attempt.retryAfterSeconds()));
        }
        return pool.preparedQuery(LOCKED_UNTIL).execute(Tuple.of(username)).compose(rows -> {
            for (Row row : rows) {
                if (row.getOffsetDateTime("locked_until") != null) {
                    long seconds = Duration.between(
                                            Instant.now(),
                                            row.getOffsetDateTime("locked_until")
                                                    .toInstant())
                                    .toSeconds()
                            + 1;
                    if (seconds > 0) {
                        return Future.failedFuture(new TooManyLogins(
                                "this user name is locked after " + maxFailures + " failed logins; retry in " + seconds
                                        + " s or ask an admin to unlock it",
                                seconds));
                    }
                }
            }
            return Future.succeededFuture();
        });
    }

    Future<Void> failed(String username) {
        return pool.preparedQuery(FAILED)
                .execute(Tuple.of(username, maxFailures, lockout.toSeconds()))
                .mapEmpty();
    }

    Future<Void> succeeded(String username) {
        return pool.preparedQuery(CLEAR).execute(Tuple.of(username)).mapEmpty();
    }

    /** An admin's unlock: the name's failures are forgotten on every replica. */
    public Future<Void> unlock(String username) {
        return succeeded(username);
    }

    /** Forgets failures a day old that lock nothing, so names tried once do not pile up. */
    public Future<Void> forgetOld() {
        return pool.query(FORGET_OLD).execute().mapEmpty();
    }
}
