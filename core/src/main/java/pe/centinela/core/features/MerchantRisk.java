package pe.centinela.core.features;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Each merchant's share of confirmed fraud among its labelled transactions, using a label only from the moment it
 * would really have been known: labels wait in a queue until the clock of the transactions reaches their time.
 */
final class MerchantRisk {

    static final double PRIOR_FRAUDS = 0.5;
    static final double PRIOR_LABELLED = 100;
    private static final int MAX_PENDING = 2_000_000;

    private record Pending(String merchantId, boolean fraud, long knownAt) {
    }

    /** A merchant's confirmed labels so far. */
    static final class Tally {
        static final Tally NONE = new Tally();
        private long frauds;
        private long labelled;

        long frauds() {
            return frauds;
        }

        long labelled() {
            return labelled;
        }

        /** Smoothed fraud rate: a merchant with few labels stays near the prior of 0.5 %. */
        double risk() {
            return (frauds + PRIOR_FRAUDS) / (labelled + PRIOR_LABELLED);
        }
    }

    private final PriorityQueue<Pending> pending = new PriorityQueue<>(Comparator.comparingLong(Pending::knownAt));
    private final Map<String, Tally> tallies = new HashMap<>();

    void label(String merchantId, boolean fraud, long knownAt) {
        if (merchantId == null || pending.size() >= MAX_PENDING) {
            return;
        }
        pending.add(new Pending(merchantId, fraud, knownAt));
    }

    /** Applies the labels known by {@code now}. */
    void advance(long now) {
        while (!pending.isEmpty() && pending.peek().knownAt() <= now) {
            Pending p = pending.poll();
            Tally tally = tallies.computeIfAbsent(p.merchantId(), k -> new Tally());
            tally.frauds += p.fraud() ? 1 : 0;
            tally.labelled++;
        }
    }

    Tally tally(String merchantId) {
        Tally tally = merchantId == null ? null : tallies.get(merchantId);
        return tally == null ? Tally.NONE : tally;
    }
}
