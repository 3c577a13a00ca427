package pe.centinela.core.features;

import java.time.Instant;

/**
 * What was known of a transaction's merchant, beneficiary or device one label delay before it: how many of its
 * transactions, and how many of those confirmed fraud, fell in the 1, 7 and 30 days ending then
 * ({@link FeatureCatalogue#KEY_WINDOW_NAMES}), and in its whole history up to then. All zero when the transaction names
 * no such key or nothing is known of it.
 */
public final class KeyFraudCounts {

    private static final long DAY = 86_400;

    private final long until;
    private final long[] transactions;
    private final long[] frauds;
    private final long allTransactions;
    private final long allFrauds;

    /** Figures of windows ending at {@code until}, one per window of {@link #days(int)}. */
    public KeyFraudCounts(Instant until, long[] transactions, long[] frauds, long allTransactions, long allFrauds) {
        this(until.getEpochSecond(), transactions, frauds, allTransactions, allFrauds);
    }

    private KeyFraudCounts(long until, long[] transactions, long[] frauds, long allTransactions, long allFrauds) {
        if (transactions.length != windows() || frauds.length != windows()) {
            throw new IllegalArgumentException("one figure per window: " + windows());
        }
        this.until = until;
        this.transactions = transactions.clone();
        this.frauds = frauds.clone();
        this.allTransactions = allTransactions;
        this.allFrauds = allFrauds;
    }

    static KeyFraudCounts of(KeyFraudWindows.Tally tally) {
        return new KeyFraudCounts(tally.end, tally.transactions, tally.frauds, tally.allTransactions, tally.allFrauds);
    }

    /** Nothing known of the key, as of {@code until}. */
    public static KeyFraudCounts none(Instant until) {
        return new KeyFraudCounts(until, new long[windows()], new long[windows()], 0, 0);
    }

    public static int windows() {
        return KeyFraudWindows.WINDOWS;
    }

    /** The length of a window in days. */
    public static int days(int window) {
        return (int) (KeyFraudWindows.SPANS[window] / DAY);
    }

    /** When the windows end: one label delay before the transaction. */
    public Instant until() {
        return Instant.ofEpochSecond(until);
    }

    public long transactions(int window) {
        return transactions[window];
    }

    public long frauds(int window) {
        return frauds[window];
    }

    /** The key's transactions from its first seen up to {@link #until()}. */
    public long allTransactions() {
        return allTransactions;
    }

    public long allFrauds() {
        return allFrauds;
    }
}
