package pe.centinela.adapters.kafka;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.core.config.PlatformConfig;

/**
 * Reads every partition of one topic, outside any consumer group, from its beginning or from the first record written
 * at or after a moment, and keeps following it: state every instance needs whole, whichever partitions it works on.
 * {@link #caughtUp()} completes once the records that were in the topic at the start have been handled.
 */
public final class TopicFollower {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final int MAX_POLL = 1000;

    private final Vertx vertx;
    private final PlatformConfig.Kafka kafka;
    private final String topic;
    private final String clientName;
    private final Duration gather;
    private final Promise<Void> caughtUp = Promise.promise();
    private final Map<Integer, Long> endAtStart = new HashMap<>();
    private final Promise<Void> stopped = Promise.promise();
    private Function<List<KafkaConsumerRecord<String, byte[]>>, Future<Void>> handler;
    private KafkaConsumer<String, byte[]> consumer;
    private boolean running;

    /** A follower that gets each record as soon as it is written. */
    public TopicFollower(Vertx vertx, PlatformConfig.Kafka kafka, String topic, String clientName) {
        this(vertx, kafka, topic, clientName, Duration.ZERO);
    }

    /**
     * A follower whose fetches the broker may hold for up to {@code gather} to collect more records: fewer, larger
     * fetches for state that need not be current to the millisecond.
     */
    public TopicFollower(Vertx vertx, PlatformConfig.Kafka kafka, String topic, String clientName, Duration gather) {
        this.vertx = vertx;
        this.kafka = kafka;
        this.topic = topic;
        this.clientName = clientName;
        this.gather = gather;
    }

    /**
     * Starts reading; {@code from} null reads from the beginning. Each poll's records are handed to {@code handler} on the
     * caller's context, and the next poll waits for the future it returns (so a handler that works on a worker thread
     * holds the reading back instead of queueing records); a failed future is logged and its records are not offered
     * again.
     */
    public Future<Void> start(Instant from, Function<List<KafkaConsumerRecord<String, byte[]>>, Future<Void>> handler) {
        this.handler = handler;
        consumer = KafkaConsumer.create(vertx, settings(kafka, clientName, gather));
        consumer.exceptionHandler(e -> LOG.warn("following {}: {}", topic, e.getMessage()));
        return consumer.partitionsFor(topic)
                .compose(infos -> {
                    Set<TopicPartition> partitions = new HashSet<>();
                    infos.forEach(i -> partitions.add(new TopicPartition(topic, i.getPartition())));
                    return consumer.assign(partitions)
                            .compose(v -> consumer.endOffsets(partitions))
                            .compose(ends -> positionAt(partitions, from).map(starts -> {
                                ends.forEach((partition, end) -> {
                                    if (end > starts.getOrDefault(partition.getPartition(), 0L)) {
                                        endAtStart.put(partition.getPartition(), end);
                                    }
                                });
                                return (Void) null;
                            }));
                })
                .onSuccess(v -> {
                    completeWhenDone();
                    running = true;
                    pollNext();
                });
    }

    /** The consumer's settings: no group (every partition is assigned), each fetch held up to {@code gather}. */
    static Map<String, String> settings(PlatformConfig.Kafka kafka, String clientName, Duration gather) {
        Map<String, String> props = KafkaClients.microBatchConsumer(kafka, clientName, MAX_POLL, gather);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return props;
    }

    /** A handler for {@link #start} that takes the records one at a time, on the caller's context. */
    public static Function<List<KafkaConsumerRecord<String, byte[]>>, Future<Void>> each(
            Handler<KafkaConsumerRecord<String, byte[]>> handler) {
        return records -> {
            records.forEach(handler::handle);
            return Future.succeededFuture();
        };
    }

    private void pollNext() {
        if (!running) {
            stopped.tryComplete();
            return;
        }
        consumer.poll(POLL_TIMEOUT)
                .onSuccess(polled -> handled(TopicRecords.listOf(polled)).onComplete(done -> pollNext()))
                .onFailure(e -> {
                    LOG.warn("polling {} failed, retrying: {}", topic, e.getMessage());
                    vertx.setTimer(500, id -> pollNext());
                });
    }

    private Future<Void> handled(List<KafkaConsumerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return Future.succeededFuture();
        }
        Future<Void> handling;
        try {
            handling = handler.apply(records);
        } catch (RuntimeException e) {
            handling = Future.failedFuture(e);
        }
        return handling.onFailure(e -> LOG.warn(
                        "{} records of {} from {} not handled: {}",
                        records.size(),
                        topic,
                        TopicRecords.location(records.get(0)),
                        e.toString()))
                .eventually(() -> {
                    for (KafkaConsumerRecord<String, byte[]> record : records) {
                        Long end = endAtStart.get(record.partition());
                        if (end != null && record.offset() + 1 >= end) {
                            endAtStart.remove(record.partition());
                        }
                    }
                    completeWhenDone();
                    return Future.succeededFuture();
                });
    }

    /** Seeks each partition to {@code from} (null: the beginning) and returns where each starts. */
    private Future<Map<Integer, Long>> positionAt(Set<TopicPartition> partitions, Instant from) {
        if (from == null) {
            return consumer.seekToBeginning(partitions).map(v -> Map.of());
        }
        Map<Integer, Long> starts = new HashMap<>();
        List<Future<Void>> seeks = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            seeks.add(consumer.offsetsForTimes(partition, from.toEpochMilli()).compose(found -> {
                if (found == null) {
                    return consumer.endOffsets(partition).compose(end -> {
                        starts.put(partition.getPartition(), end);
                        return consumer.seek(partition, end);
                    });
                }
                starts.put(partition.getPartition(), found.getOffset());
                return consumer.seek(partition, found.getOffset());
            }));
        }
        return Future.all(seeks).map(v -> starts);
    }

    private void completeWhenDone() {
        if (endAtStart.isEmpty()) {
            caughtUp.tryComplete();
        }
    }

    /** Completes once every record present at the start has been handled. */
    public Future<Void> caughtUp() {
        return caughtUp.future();
    }

    public Future<Void> close() {
        if (consumer == null) {
            return Future.succeededFuture();
        }
        if (!running) {
            return consumer.close();
        }
        running = false;
        return stopped.future().eventually(consumer::close);
    }
}
