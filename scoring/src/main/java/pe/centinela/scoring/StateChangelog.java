package pe.centinela.scoring;

import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import pe.centinela.core.config.PlatformConfig;

/**
 * Each account's feature state on a compacted topic keyed by account, partitioned like the transactions, so that
 * whichever scoring instance owns a partition can continue with the same aggregates. A record holds the offset of the
 * last transaction the state includes; transactions at or below it are not applied twice.
 */
final class StateChangelog {

    /** A restored state and the transaction offset it includes. */
    record Restored(long offset, byte[] state) {
    }

    private final PlatformConfig config;

    StateChangelog(PlatformConfig config) {
        this.config = config;
    }

    KafkaProducerRecord<String, byte[]> record(String accountId, long offset, byte[] state) {
        ByteBuffer value = ByteBuffer.allocate(Long.BYTES + state.length).putLong(offset).put(state);
        return KafkaProducerRecord.create(config.topics().scoringState(), accountId, value.array());
    }

    /** Reads one changelog partition to its end (blocking): the latest state of every account in it. */
    Map<String, Restored> restore(int partition) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Map<String, Restored> states = new HashMap<>();
        TopicPartition tp = new TopicPartition(config.topics().scoringState(), partition);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        states.remove(record.key());
                        continue;
                    }
                    ByteBuffer value = ByteBuffer.wrap(record.value());
                    long offset = value.getLong();
                    byte[] state = new byte[value.remaining()];
                    value.get(state);
                    states.put(record.key(), new Restored(offset, state));
                }
            }
        }
        return states;
    }
}
