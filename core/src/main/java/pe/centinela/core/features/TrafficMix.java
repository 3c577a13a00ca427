package pe.centinela.core.features;

import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Transaction;

/** How often each kind of transaction, a channel at a merchant-category group, occurs in the traffic seen so far. */
final class TrafficMix {

    private static final int GROUPS = MccGroup.values().length;

    private final long[] counts = new long[Channel.values().length * GROUPS];
    private long total;

    void add(Transaction tx) {
        counts[kindOf(tx)]++;
        total++;
    }

    long total() {
        return total;
    }

    /** The share of the traffic seen that is of the same kind as {@code tx}; 0 before any. */
    double shareOf(Transaction tx) {
        return total == 0 ? 0 : (double) counts[kindOf(tx)] / total;
    }

    private static int kindOf(Transaction tx) {
        return tx.channel().ordinal() * GROUPS
                + MccGroup.of(tx.merchantCategoryCode()).ordinal();
    }
}
