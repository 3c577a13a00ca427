package pe.centinela.core.features;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Each merchant's share of confirmed fraud among its labelled transactions, using a label only from the moment it
 * would really have been known: labels wait until the clock of the transactions reaches their time. Labels mostly
 * arrive in the order they become known (a transaction's own label, a fixed delay after it), so those wait in a plain
 * queue; only one that would be known earlier than the last queued (an analyst's decision) goes to a priority queue.
 */
final class MerchantRisk {

    static final double PRIOR_FRAUDS = 0.5;
    static final double PRIOR_LABELLED = 100;
    private static final int MAX_PENDING = 2_000_000;

    private record Pending(String merchantId, boolean fraud, long knownAt) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending other) {
            return Long.compare(knownAt, other.knownAt);
        }
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

    private final ArrayDeque<Pending> inOrder = new ArrayDeque<>();
    private final PriorityQueue<Pending> early = new PriorityQueue<>();
    private final Map<String, Tally> tallies = new HashMap<>();

    void label(String merchantId, boolean fraud, long knownAt) {
        if (merchantId == null || inOrder.size() + early.size() >= MAX_PENDING) {
            return;
        }
        Pending pending = new Pending(merchantId, fraud, knownAt);
        if (inOrder.isEmpty() || inOrder.peekLast().knownAt() <= knownAt) {
            inOrder.addLast(pending);
        } else {
            early.add(pending);
        }
    }

    /** Applies the labels known by {@code now}. */
    void advance(long now) {
        while (!inOrder.isEmpty() && inOrder.peekFirst().knownAt() <= now) {
            apply(inOrder.pollFirst());
        }
        while (!early.isEmpty() && early.peek().knownAt() <= now) {
            apply(early.poll());
        }
    }

    private void apply(Pending p) {
        Tally tally = tallies.computeIfAbsent(p.merchantId(), k -> new Tally());
        tally.frauds += p.fraud() ? 1 : 0;
        tally.labelled++;
    }

    Tally tally(String merchantId) {
        Tally tally = merchantId == null ? null : tallies.get(merchantId);
        return tally == null ? Tally.NONE : tally;
    }
}
