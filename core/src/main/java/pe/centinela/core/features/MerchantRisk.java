package pe.centinela.core.features;

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

    private final PriorityQueue<Pending> pending = new PriorityQueue<>((a, b) -> Long.compare(a.knownAt(), b.knownAt()));
    private final Map<String, long[]> counts = new HashMap<>();

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
            long[] c = counts.computeIfAbsent(p.merchantId(), k -> new long[2]);
            c[0] += p.fraud() ? 1 : 0;
            c[1]++;
        }
    }

    long frauds(String merchantId) {
        long[] c = counts.get(merchantId);
        return c == null ? 0 : c[0];
    }

    long labelled(String merchantId) {
        long[] c = counts.get(merchantId);
        return c == null ? 0 : c[1];
    }

    /** Smoothed fraud rate: a merchant with few labels stays near the prior of 0.5 %. */
    double risk(String merchantId) {
        return (frauds(merchantId) + PRIOR_FRAUDS) / (labelled(merchantId) + PRIOR_LABELLED);
    }
}
