package pe.centinela.scoring;

import io.vertx.core.Future;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import pe.centinela.core.features.FeaturePipeline;

/**
 * The per-account feature state of the partitions this instance scores, kept in step with the state changelog. When a
 * partition arrives (start-up or rebalance) its accounts' states are read back from the changelog first, each with the
 * offset of the last transaction it includes, so scoring continues with the same aggregates and applies no transaction
 * twice.
 *
 * <p>A processed batch leaves its accounts' states here, unflushed; {@link #flush} sends the last state of each account
 * to the changelog, once per commit, just before the consumer commits its offsets. So the changelog never lags a
 * committed offset (what a restart or the next owner of a partition reads back matches where it resumes), and an
 * account busy within a commit interval is written once, not once per batch. A batch that failed is rolled back to the
 * last state it left here, or, for an account with none, to the changelog's.
 */
final class AccountStates {

    /** Where an account's last transaction in a batch was read: its partition and offset. */
    record Position(int partition, long offset) {}

    /** A state not yet in the changelog: its account's position and the encoded state. */
    private record Unflushed(Position position, byte[] state) {}

    private final FeaturePipeline features;
    private final StateChangelog changelog;
    private final Set<Integer> restoredPartitions = new HashSet<>();
    private final Map<String, Long> appliedOffsets = new HashMap<>();
    /** The last state of each account processed since the last flush began. */
    private Map<String, Unflushed> unflushed = new HashMap<>();
    /** The states of the flush on its way to the broker (empty when none): they count until it has them. */
    private Map<String, Unflushed> sending = Map.of();
    /** The last flush asked for; each begins when the one before it has ended. */
    private Future<Void> lastFlush = Future.succeededFuture();

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

    /**
     * Puts the states read for {@code partitions} in force, except for accounts with a newer state here that the
     * changelog does not have yet.
     */
    void restore(Set<Integer> partitions, Map<String, StateChangelog.Restored> states) {
        states.forEach((account, restored) -> {
            if (latestUnflushed(account) == null) {
                features.restore(account, restored.state());
                appliedOffsets.put(account, restored.offset());
            }
        });
        restoredPartitions.addAll(partitions);
    }

    /** Whether the transaction at {@code offset} of {@code account} is already in its state. */
    boolean applied(String account, long offset) {
        Long applied = appliedOffsets.get(account);
        return applied != null && offset <= applied;
    }

    /**
     * The states a batch left its accounts in, encoded: taken once the batch is scored, while its scores are on their
     * way to the broker, so the encoding does not wait for the acknowledgement; they count once {@link #processed}.
     */
    Encoded encode(Map<String, Position> lastPositions) {
        Map<String, Unflushed> states = new HashMap<>(lastPositions.size() * 2);
        lastPositions.forEach(
                (account, position) -> states.put(account, new Unflushed(position, features.snapshot(account))));
        return new Encoded(states);
    }

    /** A batch's account states, as {@link #encode} took them. */
    static final class Encoded {
        private final Map<String, Unflushed> states;

        private Encoded(Map<String, Unflushed> states) {
            this.states = states;
        }
    }

    /** A batch's scores were published: its transactions are applied, and its accounts' states wait for the flush. */
    void processed(Encoded batch) {
        batch.states.forEach((account, state) -> {
            appliedOffsets.put(account, state.position().offset());
            unflushed.put(account, state);
        });
    }

    /**
     * Sends the last state of every account processed so far to the changelog with {@code send}, once the flush before
     * has ended. Flushes go one at a time, so a failed one's states, taken back unless newer ones replaced them, leave
     * with the next and never overwrite a newer state; offsets committed after the returned future succeeds are never
     * ahead of the changelog.
     */
    Future<Void> flush(Function<List<KafkaProducerRecord<String, byte[]>>, Future<Void>> send) {
        lastFlush = lastFlush.transform(previous -> sendUnflushed(send));
        return lastFlush;
    }

    private Future<Void> sendUnflushed(Function<List<KafkaProducerRecord<String, byte[]>>, Future<Void>> send) {
        if (unflushed.isEmpty()) {
            return Future.succeededFuture();
        }
        Map<String, Unflushed> states = unflushed;
        unflushed = new HashMap<>();
        sending = states;
        List<KafkaProducerRecord<String, byte[]>> records = new ArrayList<>(states.size());
        states.forEach((account, state) ->
                records.add(changelog.record(account, state.position().offset(), state.state())));
        return send.apply(records).andThen(done -> {
            sending = Map.of();
            if (done.failed()) {
                states.forEach(unflushed::putIfAbsent);
            }
        });
    }

    /**
     * A batch failed and will be retried: each of its accounts goes back to the last state a processed batch left here
     * or, with none, is forgotten, and its partitions are read back from the changelog before the retry.
     */
    void rollBack(Set<String> accounts, Set<Integer> partitions) {
        for (String account : accounts) {
            Unflushed last = latestUnflushed(account);
            if (last == null) {
                features.forget(account);
                appliedOffsets.remove(account);
            } else {
                features.restore(account, last.state());
                appliedOffsets.put(account, last.position().offset());
            }
        }
        restoredPartitions.removeAll(partitions);
    }

    /**
     * Partitions moved to another instance: their unflushed states are dropped (their offsets are not committed here
     * either, so the next owner reads the changelog and resumes where it matches), and they are read back should they
     * return.
     */
    void revoked(Collection<Integer> partitions) {
        restoredPartitions.removeAll(partitions);
        dropPartitions(unflushed, partitions);
        dropPartitions(sending, partitions);
    }

    private void dropPartitions(Map<String, Unflushed> states, Collection<Integer> partitions) {
        states.entrySet().removeIf(entry -> {
            if (!partitions.contains(entry.getValue().position().partition())) {
                return false;
            }
            features.forget(entry.getKey());
            appliedOffsets.remove(entry.getKey());
            return true;
        });
    }

    private Unflushed latestUnflushed(String account) {
        Unflushed last = unflushed.get(account);
        return last != null ? last : sending.get(account);
    }
}
