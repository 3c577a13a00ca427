package pe.centinela.adapters.kafka;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a topic in batches and hands each batch to a processor; commits offsets only after the processor's future
 * succeeded, so every record is processed at least once. A failed batch is retried with backoff, never skipped.
 * Offsets are committed at most every {@link #COMMIT_INTERVAL}, when the topic is idle and on stop, not after every
 * batch: a commit is a round trip to the broker that holds up the next poll, and the stages are idempotent, so a crash
 * only redelivers what was processed since the last commit. A failed commit (the broker away) is not a failed batch:
 * its offsets are committed with the next ones instead of processing the batch again; those of partitions taken away
 * by a rebalance are dropped. All of it runs on the verticle's event loop; the poll itself runs on Vert.x's worker.
 */
public final class BatchConsumer<V> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final long MAX_BACKOFF_MS = 5_000;
    static final Duration COMMIT_INTERVAL = Duration.ofMillis(200);

    private final Vertx vertx;
    private final KafkaConsumer<String, V> consumer;
    private final String topic;
    private final Function<List<KafkaConsumerRecord<String, V>>, Future<Void>> processor;
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private java.util.function.Consumer<java.util.Set<TopicPartition>> revoked = partitions -> {};
    private java.util.function.Supplier<Future<Void>> beforeCommit = Future::succeededFuture;
    private long lastCommit = System.nanoTime();
    private Future<Void> committing = Future.succeededFuture();
    private boolean holding;
    private volatile boolean running;
    private Promise<Void> stopped;

    public BatchConsumer(
            Vertx vertx,
            KafkaConsumer<String, V> consumer,
            String topic,
            Function<List<KafkaConsumerRecord<String, V>>, Future<Void>> processor) {
        this.vertx = vertx;
        this.consumer = consumer;
        this.topic = topic;
        this.processor = processor;
    }

    /** Told, on the event loop, when partitions are taken away from this consumer by a rebalance. */
    public BatchConsumer<V> onRevoked(java.util.function.Consumer<java.util.Set<TopicPartition>> handler) {
        revoked = handler;
        return this;
    }

    /**
     * A step each commit waits for, started on the event loop between batches: the offsets are committed only if it
     * succeeds, and are otherwise committed with the next ones. For state that must reach the broker before the offsets
     * that include it.
     */
    public BatchConsumer<V> beforeCommit(java.util.function.Supplier<Future<Void>> step) {
        beforeCommit = step;
        return this;
    }

    public Future<Void> start() {
        running = true;
        stopped = Promise.promise();
        consumer.exceptionHandler(e -> LOG.warn("Kafka consumer of {}: {}", topic, e.getMessage()));
        consumer.partitionsRevokedHandler(partitions -> {
            uncommitted.keySet().removeAll(partitions);
            revoked.accept(partitions);
        });
        return consumer.subscribe(topic).onSuccess(v -> pollNext());
    }

    public Future<Void> stop() {
        running = false;
        return stopped.future()
                .eventually(() -> committing)
                .eventually(this::commitProcessed)
                .eventually(consumer::close);
    }

    private void pollNext() {
        if (!running) {
            stopped.tryComplete();
            return;
        }
        consumer.poll(POLL_TIMEOUT).onSuccess(this::handle).onFailure(e -> {
            LOG.warn("polling {} failed, retrying: {}", topic, e.getMessage());
            vertx.setTimer(500, id -> pollNext());
        });
    }

    private void handle(KafkaConsumerRecords<String, V> records) {
        if (records.isEmpty()) {
            commitProcessed();
            pollNext();
            return;
        }
        processWithRetry(TopicRecords.listOf(records), 100);
    }

    private void processWithRetry(List<KafkaConsumerRecord<String, V>> batch, long backoffMs) {
        Future<Void> processed;
        try {
            processed = processor.apply(batch);
        } catch (RuntimeException e) {
            processed = Future.failedFuture(e);
        }
        processed
                .onSuccess(v -> {
                    offsetsAfter(batch)
                            .forEach((partition, next) -> uncommitted.merge(partition, next, BatchConsumer::later));
                    if (System.nanoTime() - lastCommit >= COMMIT_INTERVAL.toNanos()) {
                        commitProcessed();
                    }
                    (holding ? release() : Future.<Void>succeededFuture()).onComplete(r -> pollNext());
                })
                .onFailure(e -> {
                    if (!running) {
                        stopped.tryComplete();
                        return;
                    }
                    LOG.warn(
                            "batch of {} records from {} failed, retrying in {} ms: {}",
                            batch.size(),
                            topic,
                            backoffMs,
                            e.toString());
                    hold(System.nanoTime() + backoffMs * 1_000_000)
                            .onComplete(r -> processWithRetry(batch, Math.min(MAX_BACKOFF_MS, backoffMs * 2)));
                });
    }

    /**
     * While a batch waits for its retry, every assigned partition is paused and the consumer keeps polling: it fetches
     * nothing, so memory stays bounded however long the outage, and the group keeps it as a member (a consumer that
     * stops polling for {@code max.poll.interval.ms} is dropped, and its partitions and uncommitted work move elsewhere).
     */
    private Future<Void> hold(long untilNanos) {
        holding = true;
        return consumer.assignment()
                .compose(consumer::pause)
                .recover(e -> Future.succeededFuture())
                .compose(v -> keepPolling(untilNanos));
    }

    private Future<Void> keepPolling(long untilNanos) {
        if (!running || System.nanoTime() >= untilNanos) {
            return Future.succeededFuture();
        }
        return consumer.poll(POLL_TIMEOUT)
                .compose(this::putBack, e -> Future.succeededFuture())
                .compose(v -> keepPolling(untilNanos));
    }

    /** TopicRecords of a partition assigned during the hold (so not paused) go back to be fetched after it, and it is paused too. */
    private Future<Void> putBack(KafkaConsumerRecords<String, V> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            KafkaConsumerRecord<String, V> record = records.recordAt(i);
            first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        List<Future<Void>> seeks = new ArrayList<>();
        first.forEach((partition, offset) -> seeks.add(consumer.seek(partition, offset)));
        return Future.all(seeks).compose(v -> consumer.pause(first.keySet())).mapEmpty();
    }

    private Future<Void> release() {
        holding = false;
        return consumer.paused().compose(consumer::resume).recover(e -> Future.succeededFuture());
    }

    /**
     * Commits the offsets processed so far, after the {@link #beforeCommit} step; one commit at a time, so an older one
     * that fails and is put back can never land after a newer one. While one is on its way, the offsets wait for the
     * next call.
     */
    private Future<Void> commitProcessed() {
        if (!committing.isComplete() || uncommitted.isEmpty()) {
            return committing;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(uncommitted);
        uncommitted.clear();
        lastCommit = System.nanoTime();
        Future<Void> ready;
        try {
            ready = beforeCommit.get();
        } catch (RuntimeException e) {
            ready = Future.failedFuture(e);
        }
        committing = ready.compose(v -> consumer.commit(offsets))
                .<Void>mapEmpty()
                .onFailure(e -> {
                    LOG.warn(
                            "committing offsets of {} failed, will commit them with the next ones: {}",
                            topic,
                            e.toString());
                    offsets.forEach((partition, next) -> uncommitted.merge(partition, next, BatchConsumer::later));
                });
        return committing;
    }

    private static OffsetAndMetadata later(OffsetAndMetadata a, OffsetAndMetadata b) {
        return a.getOffset() >= b.getOffset() ? a : b;
    }

    static <V> Map<TopicPartition, OffsetAndMetadata> offsetsAfter(List<KafkaConsumerRecord<String, V>> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (KafkaConsumerRecord<String, V> record : batch) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            OffsetAndMetadata next = new OffsetAndMetadata(record.offset() + 1, null);
            offsets.merge(partition, next, BatchConsumer::later);
        }
        return offsets;
    }
}
