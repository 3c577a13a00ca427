package pe.centinela.adapters.auth;

/** A login refused before its password is checked: too many attempts, or too many failures, for that user name. */
public final class TooManyLogins extends RuntimeException {

    private final long retryAfterSeconds;

    TooManyLogins(String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
