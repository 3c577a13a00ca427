package pe.centinela.runtime;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import pe.centinela.core.config.PlatformConfig;

/** Client settings every stage uses: string keys, JSON bytes as values, manual commits, idempotent producers. */
public final class KafkaClients {

    private KafkaClients() {
    }

    public static Map<String, String> consumer(PlatformConfig.Kafka kafka, String group, int maxPollRecords) {
        Map<String, String> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.groupPrefix() + "-" + group);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        c.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(kafka.requestTimeout().toMillis()));
        c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(2 * kafka.requestTimeout().toMillis()));
        return c;
    }

    /** Bytes a canonical transaction takes on the wire, roughly, to size a micro-batch in bytes. */
    private static final int TRANSACTION_BYTES = 400;

    /**
     * A consumer whose polls are micro-batches that close when full or when {@code batchWait} has passed: the broker
     * holds a fetch until it has about a full batch of bytes or the wait is over.
     */
    public static Map<String, String> microBatchConsumer(PlatformConfig.Kafka kafka, String group, int maxBatch, java.time.Duration batchWait) {
        Map<String, String> c = consumer(kafka, group, maxBatch);
        c.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Long.toString((long) maxBatch * TRANSACTION_BYTES));
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Long.toString(batchWait.toMillis()));
        return c;
    }

    public static Map<String, String> producer(PlatformConfig.Kafka kafka, String clientId) {
        Map<String, String> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, kafka.groupPrefix() + "-" + clientId);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(kafka.linger().toMillis()));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(kafka.requestTimeout().toMillis()));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(4 * kafka.requestTimeout().toMillis()));
        return p;
    }
}
