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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.adapters.kafka.KafkaClients;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.features.AccountState;

/**
 * Each account's feature state on a compacted topic keyed by account, partitioned like the transactions, so that
 * whichever scoring instance owns a partition can continue with the same aggregates. A record holds the offset of the
 * last transaction the state includes; transactions at or below it are not applied twice. A record that does not hold a
 * readable state is skipped and counted, not dead-lettered: it is internal state, and the account keeps the last
 * readable one.
 */
final class StateChangelog {

    /** A restored state and the transaction offset it includes. */
    record Restored(long offset, byte[] state) {}

    private static final Logger LOG = LoggerFactory.getLogger(StateChangelog.class);

    private final PlatformConfig config;
    private final PipelineStats stats;

    StateChangelog(PlatformConfig config, PipelineStats stats) {
        this.config = config;
        this.stats = stats;
    }

    KafkaProducerRecord<String, byte[]> record(String accountId, long offset, byte[] state) {
        ByteBuffer value =
                ByteBuffer.allocate(Long.BYTES + state.length).putLong(offset).put(state);
        return KafkaProducerRecord.create(config.topics().scoringState(), accountId, value.array());
    }

    /** Reads one changelog partition to its end (blocking): the latest state of every account in it. */
    Map<String, Restored> restore(int partition) {
        Map<String, Object> props = KafkaClients.connection(
                config.kafka(),
                Map.of(
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"));
        Map<String, Restored> states = new HashMap<>();
        TopicPartition tp = new TopicPartition(config.topics().scoringState(), partition);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        states.remove(record.key());
                        continue;
                    }
                    Restored restored = read(record.value());
                    if (restored == null) {
                        LOG.warn(
                                "skipping an unreadable account state of {} at partition {} offset {}",
                                record.key(),
                                partition,
                                record.offset());
                        stats.skipped(tp.topic(), "unreadable");
                    } else {
                        states.put(record.key(), restored);
                    }
                }
            }
        }
        return states;
    }

    /** The offset and state a record holds, or null when it holds none that can be decoded. */
    static Restored read(byte[] value) {
        if (value.length < Long.BYTES + 1) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(value);
        long offset = buffer.getLong();
        byte[] state = new byte[buffer.remaining()];
        buffer.get(state);
        try {
            AccountState.decode(state);
        } catch (RuntimeException e) {
            return null;
        }
        return new Restored(offset, state);
    }
}
