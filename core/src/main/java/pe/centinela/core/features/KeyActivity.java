package pe.centinela.core.features;

import static pe.centinela.core.features.FeatureCatalogue.KEY_KINDS;

import java.time.Duration;
import pe.centinela.core.domain.Label;
import pe.centinela.core.domain.Transaction;

/**
 * The fraud record of every merchant, beneficiary and device: which of their transactions fall in the windows that end
 * one label delay ago, and which of those were confirmed fraud ({@link KeyFraudWindows}). Unlike an account's state it
 * belongs to no partition: a merchant is paid by accounts of every partition. A training replay feeds it from the same
 * {@link FeaturePipeline}; a live scoring instance feeds it every transaction of the canonical topic and every label,
 * whichever partitions it scores, so its figures do not depend on which instance scores a transaction or since when.
 * Not thread-safe.
 */
public final class KeyActivity {

    private final KeyFraudWindows[] windows = new KeyFraudWindows[KEY_KINDS.size()];

    public KeyActivity(Duration labelDelay) {
        for (int kind = 0; kind < windows.length; kind++) {
            windows[kind] = new KeyFraudWindows(labelDelay.toSeconds());
        }
    }

    /** Counts {@code tx} for its merchant, beneficiary and device; a label it carries counts one delay after it. */
    public void transaction(Transaction tx) {
        String[] keys = keysOf(tx);
        long time = tx.timestamp().getEpochSecond();
        long id = RecentSet.fingerprint64(tx.transactionId());
        for (int kind = 0; kind < windows.length; kind++) {
            windows[kind].transaction(keys[kind], time, id, tx.fraudLabel());
        }
    }

    /**
     * An analyst's decision, usable from when it was made, and never before its transaction's label delay has passed. It
     * counts only for a transaction already counted, the latest decision winning.
     */
    public void label(Label label) {
        long transactionTime = label.transactionTime() == null
                ? TimedIds.ABSENT
                : label.transactionTime().getEpochSecond();
        long id = RecentSet.fingerprint64(label.transactionId());
        long knownAt = label.decidedAt().getEpochSecond();
        String[] keys = {label.merchantId(), label.counterpartyAccount(), label.deviceId()};
        for (int kind = 0; kind < windows.length; kind++) {
            windows[kind].label(keys[kind], transactionTime, id, label.fraud(), knownAt);
        }
    }

    /** The figures of the {@code kind} key of {@code tx} as known at {@code now}. */
    void read(Transaction tx, int kind, long now, KeyFraudWindows.Tally into) {
        windows[kind].read(keysOf(tx)[kind], now, into);
    }

    private static String[] keysOf(Transaction tx) {
        return new String[] {tx.merchantId(), tx.counterpartyAccount(), tx.deviceId()};
    }
}
