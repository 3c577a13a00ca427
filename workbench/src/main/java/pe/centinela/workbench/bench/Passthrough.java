package pe.centinela.workbench.bench;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The ceiling: a consume → produce pass-through that does no work, with the platform's own delivery settings (acks
 * from all replicas, idempotence, offsets committed after each batch is acknowledged), on the same broker.
 */
final class Passthrough {

    private static final int PARTITIONS = 4;
    private static final int RECORD_BYTES = 450;

    private final String bootstrap;

    Passthrough(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    JsonObject measure(int records) throws Exception {
        String in = "bench.passthrough.in";
        String out = "bench.passthrough.out";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(
                            List.of(new NewTopic(in, PARTITIONS, (short) 1), new NewTopic(out, PARTITIONS, (short) 1)))
                    .all()
                    .get();
        }
        try (KafkaProducer<String, byte[]> producer = producer()) {
            byte[] value = new byte[RECORD_BYTES];
            Random random = new Random(1);
            for (int i = 0; i < records; i++) {
                random.nextBytes(value);
                var unused = producer.send(new ProducerRecord<>(in, "acc-" + (i % 50_000), value.clone()));
            }
            producer.flush();
        }
        long forwarded = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = consumer();
                KafkaProducer<String, byte[]> producer = producer()) {
            consumer.subscribe(List.of(in));
            while (forwarded < records) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(100));
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (ConsumerRecord<String, byte[]> r : batch) {
                    var unused = producer.send(new ProducerRecord<>(out, r.key(), r.value()));
                    offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                }
                producer.flush();
                consumer.commitSync(offsets);
                forwarded += batch.count();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new JsonObject()
                .put("records", records)
                .put("record_bytes", RECORD_BYTES)
                .put("seconds", Math.round(seconds * 100) / 100.0)
                .put("records_per_second", Math.round(records / seconds));
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        "true",
                        ProducerConfig.LINGER_MS_CONFIG,
                        "2"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "bench-passthrough",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        "1000"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }
}
