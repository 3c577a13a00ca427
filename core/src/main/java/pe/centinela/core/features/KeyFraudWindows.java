package pe.centinela.core.features;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * For each key of one kind (merchants, beneficiaries, devices or terminals): how many of its transactions, and how many
 * of those confirmed fraud, fall in the 1, 7 and 30 days that end one label delay before now, and in its whole history
 * up to then. That is what a team waiting the label delay knows: a transaction counts once it is older than the delay
 * (as legitimate unless labelled fraud), and a fraud label from then on, or from when it is known if that is later (an
 * analyst's decision). Labels are placed at their transaction's time, and only on a transaction this object saw and
 * still holds in its windows: a decision on a transaction it never counted cannot raise the share, and the latest
 * decision on a transaction wins. Bounded: {@link #MAX_KEYS} keys (the least recently used forgotten) and
 * {@link #MAX_PER_KEY} transactions a key (the oldest leave the windows early). Not thread-safe.
 */
final class KeyFraudWindows {

    static final long DAY = 86_400;
    static final long[] SPANS = {DAY, 7 * DAY, 30 * DAY};
    static final int WINDOWS = SPANS.length;
    static final int MAX_KEYS = 500_000;
    static final int MAX_PER_KEY = 1 << 16;
    private static final int MAX_PENDING = 1_000_000;

    /** One key's figures at a moment; filled by {@link #read}, meant to be reused. */
    static final class Tally {
        final long[] transactions = new long[WINDOWS];
        final long[] frauds = new long[WINDOWS];
        long allTransactions;
        long allFrauds;
        /** The epoch second the windows end at: one label delay before the moment read. */
        long end;

        double fraudShare(int window) {
            return transactions[window] == 0 ? 0 : (double) frauds[window] / transactions[window];
        }

        private void clear() {
            java.util.Arrays.fill(transactions, 0);
            java.util.Arrays.fill(frauds, 0);
            allTransactions = 0;
            allFrauds = 0;
        }
    }

    private static final class History {
        final TimedIds transactions = new TimedIds();
        final TimedIds frauds = new TimedIds();
        long transactionsBefore;
        long fraudsBefore;

        void dropUpTo(long cutoff) {
            transactionsBefore += transactions.dropUpTo(cutoff);
            fraudsBefore += frauds.dropUpTo(cutoff);
        }
    }

    private record Pending(String key, long transactionTime, long id, boolean fraud, long knownAt) {}

    private final long delaySeconds;
    private final Map<String, History> keys = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, History> eldest) {
            return size() > MAX_KEYS;
        }
    };
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(Comparator.comparingLong(Pending::knownAt));
    private long clock = Long.MIN_VALUE;

    KeyFraudWindows(long delaySeconds) {
        this.delaySeconds = delaySeconds;
    }

    /** A transaction of {@code key} (null: none); a label it carries is known one delay after it, as its legitimacy is. */
    void transaction(String key, long time, long id, Boolean fraud) {
        if (key == null) {
            return;
        }
        History history = keys.computeIfAbsent(key, k -> new History());
        history.transactions.add(time, id);
        if (Boolean.TRUE.equals(fraud)) {
            history.frauds.add(time, id);
        }
        while (history.transactions.size() > MAX_PER_KEY) {
            history.dropUpTo(history.transactions.oldestTime());
        }
    }

    /**
     * A decision on the transaction {@code id} of {@code key}, usable from {@code knownAt}; {@code transactionTime} may be
     * {@link TimedIds#ABSENT} when the decision does not say.
     */
    void label(String key, long transactionTime, long id, boolean fraud, long knownAt) {
        if (key == null) {
            return;
        }
        if (knownAt <= clock) {
            apply(key, transactionTime, id, fraud);
        } else if (pending.size() < MAX_PENDING) {
            pending.add(new Pending(key, transactionTime, id, fraud, knownAt));
        }
    }

    /** The figures of {@code key} as known at {@code now}. */
    void read(String key, long now, Tally into) {
        advance(now);
        into.clear();
        long end = now - delaySeconds;
        into.end = end;
        History history = key == null ? null : keys.get(key);
        if (history == null) {
            return;
        }
        history.dropUpTo(end - SPANS[WINDOWS - 1]);
        history.transactions.countWindows(end, SPANS, into.transactions);
        history.frauds.countWindows(end, SPANS, into.frauds);
        into.allTransactions = history.transactionsBefore + into.transactions[WINDOWS - 1];
        into.allFrauds = history.fraudsBefore + into.frauds[WINDOWS - 1];
    }

    private void advance(long now) {
        clock = Math.max(clock, now);
        while (!pending.isEmpty() && pending.peek().knownAt() <= clock) {
            Pending p = pending.poll();
            apply(p.key(), p.transactionTime(), p.id(), p.fraud());
        }
    }

    private void apply(String key, long transactionTime, long id, boolean fraud) {
        History history = keys.get(key);
        long time = history == null ? TimedIds.ABSENT : history.transactions.timeOf(transactionTime, id);
        if (time == TimedIds.ABSENT) {
            return;
        }
        boolean counted = history.frauds.timeOf(time, id) != TimedIds.ABSENT;
        if (fraud && !counted) {
            history.frauds.add(time, id);
        } else if (!fraud && counted) {
            history.frauds.remove(time, id);
        }
    }
}
