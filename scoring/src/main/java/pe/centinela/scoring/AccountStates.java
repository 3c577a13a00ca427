package pe.centinela.scoring;

import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pe.centinela.core.features.FeaturePipeline;

/**
 * The per-account feature state of the partitions this instance scores, kept in step with the state changelog. When a
 * partition arrives (start-up or rebalance) its accounts' states are read back from the changelog first, each with the
 * offset of the last transaction it includes, so scoring continues with the same aggregates and applies no transaction
 * twice. A batch's states are published after its scores and alerts; a batch that failed is rolled back so that its
 * retry starts again from the changelog.
 */
final class AccountStates {

    private final FeaturePipeline features;
    private final StateChangelog changelog;
    private final Set<Integer> restoredPartitions = new HashSet<>();
    private final Map<String, Long> appliedOffsets = new HashMap<>();

    AccountStates(FeaturePipeline features, StateChangelog changelog) {
        this.features = features;
        this.changelog = changelog;
    }

    /** Which of {@code partitions} have not been read back here yet. */
    Set<Integer> notRestored(Collection<Integer> partitions) {
        Set<Integer> missing = new HashSet<>();
        for (int partition : partitions) {
            if (!restoredPartitions.contains(partition)) {
                missing.add(partition);
            }
        }
        return missing;
    }

    /** Reads the states of {@code partitions} from the changelog. Blocking: call it on a worker thread. */
    Map<String, StateChangelog.Restored> read(Set<Integer> partitions) {
        Map<String, StateChangelog.Restored> states = new HashMap<>();
        for (int partition : partitions) {
            states.putAll(changelog.restore(partition));
        }
        return states;
    }

    /** Puts the states read for {@code partitions} in force. */
    void restore(Set<Integer> partitions, Map<String, StateChangelog.Restored> states) {
        states.forEach((account, restored) -> {
            features.restore(account, restored.state());
            appliedOffsets.put(account, restored.offset());
        });
        restoredPartitions.addAll(partitions);
    }

    /** Whether the transaction at {@code offset} of {@code account} is already in its state. */
    boolean applied(String account, long offset) {
        Long applied = appliedOffsets.get(account);
        return applied != null && offset <= applied;
    }

    /** The changelog records of the accounts of a batch, each at the offset of its last transaction in it. */
    List<KafkaProducerRecord<String, byte[]>> records(Map<String, Long> lastOffsets) {
        List<KafkaProducerRecord<String, byte[]>> records = new ArrayList<>(lastOffsets.size());
        lastOffsets.forEach(
                (account, offset) -> records.add(changelog.record(account, offset, features.snapshot(account))));
        return records;
    }

    /** A batch's states were published: its transactions are applied. */
    void published(Map<String, Long> lastOffsets) {
        appliedOffsets.putAll(lastOffsets);
    }

    /**
     * A batch failed and will be retried: its accounts are forgotten and its partitions read back from the changelog
     * before the retry, which gives each account the state of its last published transaction. The changelog never counts
     * a transaction whose score was not sent, since states are published after scores and alerts.
     */
    void rollBack(Set<String> accounts, Set<Integer> partitions) {
        accounts.forEach(features::forget);
        accounts.forEach(appliedOffsets::remove);
        restoredPartitions.removeAll(partitions);
    }

    /** Partitions moved to another instance: read them back should they return. */
    void revoked(Collection<Integer> partitions) {
        restoredPartitions.removeAll(partitions);
    }
}
