package pe.centinela.generator.terminals;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * What the terminals data set is drawn from: the seed, how many accounts and terminals, and the first instant. The
 * terminals (two for every three accounts) and the daily number of fraud incidents grow with the accounts, so the
 * fraud share stays about the same.
 */
public record TerminalsSettings(long seed, int accounts, int terminals, Instant start) {

    public static final int DEFAULT_ACCOUNTS = 3000;
    public static final String DEFAULT_START = "2025-03-01T00:00:00-05:00";
    private static final int FEWEST_TERMINALS = 40;

    public TerminalsSettings {
        if (accounts < 1) {
            throw new IllegalArgumentException("the terminals data set needs at least one account");
        }
    }

    public static TerminalsSettings of(long seed, int accounts, Instant start) {
        return new TerminalsSettings(seed, accounts, Math.max(FEWEST_TERMINALS, Math.round(accounts * 2f / 3)), start);
    }

    public static TerminalsSettings defaults(long seed) {
        return of(seed, DEFAULT_ACCOUNTS, OffsetDateTime.parse(DEFAULT_START).toInstant());
    }

    /** How many times the default population this is: the factor on every incident rate. */
    double incidentScale() {
        return accounts / (double) DEFAULT_ACCOUNTS;
    }
}
