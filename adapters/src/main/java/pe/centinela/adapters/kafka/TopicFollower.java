package pe.centinela.adapters.kafka;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import pe.centinela.core.config.PlatformConfig;

/**
 * Reads every partition of one topic, outside any consumer group, from its beginning or from the first record written
 * at or after a moment, and keeps following it: state every instance needs whole, whichever partitions it works on.
 * {@link #caughtUp()} completes once the records that were in the topic at the start have been handled.
 */
public final class TopicFollower {

    private final Vertx vertx;
    private final PlatformConfig.Kafka kafka;
    private final String topic;
    private final String clientName;
    private final Promise<Void> caughtUp = Promise.promise();
    private final Map<Integer, Long> endAtStart = new HashMap<>();
    private KafkaConsumer<String, byte[]> consumer;

    public TopicFollower(Vertx vertx, PlatformConfig.Kafka kafka, String topic, String clientName) {
        this.vertx = vertx;
        this.kafka = kafka;
        this.topic = topic;
        this.clientName = clientName;
    }

    /**
     * Starts reading; {@code from} null reads from the beginning. TopicRecords are handed to {@code handler} on the caller's
     * context, one at a time.
     */
    public Future<Void> start(Instant from, Handler<KafkaConsumerRecord<String, byte[]>> handler) {
        Map<String, String> props = KafkaClients.consumer(kafka, clientName, 1000);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer = KafkaConsumer.create(vertx, props);
        consumer.handler(record -> {
            handler.handle(record);
            Long end = endAtStart.get(record.partition());
            if (end != null && record.offset() + 1 >= end) {
                endAtStart.remove(record.partition());
                completeWhenDone();
            }
        });
        consumer.pause();
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
                    consumer.resume();
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
        return consumer == null ? Future.succeededFuture() : consumer.close();
    }
}
