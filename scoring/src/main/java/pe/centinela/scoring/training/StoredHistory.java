package pe.centinela.scoring.training;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Label;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.core.labels.LabelJoin;

/**
 * The platform's stored history, for {@code fraud train --from-topic} and the retraining loop: every transaction on
 * the canonical topic (as far back as its retention keeps), in time order, with the labels of the labels topic put on
 * them (analysts' decisions and imported labels, the latest winning: {@link LabelJoin}). Loads both topics into memory.
 */
public final class StoredHistory {

    private static final Logger LOG = LoggerFactory.getLogger(StoredHistory.class);

    private StoredHistory() {}

    public static List<Transaction> read(PlatformConfig config) {
        List<Transaction> transactions = readAll(config, config.topics().transactions(), Transaction.class);
        List<Transaction> labelled = new ArrayList<>(
                LabelJoin.apply(transactions, readAll(config, config.topics().labels(), Label.class)));
        labelled.sort(Comparator.comparing(Transaction::timestamp));
        return labelled;
    }

    /** Every record of {@code topic} up to its end when called, partition after partition, each in the order written; unreadable ones are skipped. */
    public static <T> List<T> readAll(PlatformConfig config, String topic, Class<T> type) {
        Map<String, Object> props = KafkaClients.connection(
                config.kafka(),
                Map.of(
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000"));
        List<T> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(topic, record.partition()))) {
                        continue;
                    }
                    try {
                        out.add(Json.fromBytes(record.value(), type));
                    } catch (RuntimeException unreadable) {
                        // the consumers of the topic dead-letter what they cannot read; a replay skips it, and says so
                        LOG.warn(
                                "skipping an unreadable record of {} at partition {} offset {}",
                                topic,
                                record.partition(),
                                record.offset());
                    }
                }
            }
        }
        return out;
    }
}
