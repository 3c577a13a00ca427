package pe.centinela.workbench.bench;

import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The floor under the pipeline's latency: the same three broker hops a transaction takes to its alert (sent → ingest →
 * scoring → alert store), each stage a relay that does no work, with the platform's delivery settings (acks from all
 * replicas, idempotence, each batch acknowledged before the next is read, offsets committed every 200 ms) and the
 * scoring stage's 5 ms micro-batch wait, on the same broker, at the same offered rate, with the benchmark's load
 * settings (2 ms linger, lz4). What the platform measures above it is its own work and the database's.
 */
final class HopFloor {

    private static final int PARTITIONS = 4;
    private static final int RECORD_BYTES = 450;
    private static final int ACCOUNTS = 2_000;
    private static final long COMMIT_INTERVAL_NANOS = 200_000_000L;
    private static final Duration POLL = Duration.ofMillis(100);

    private final String bootstrap;
    private volatile boolean running = true;
    private volatile Exception failure;
    private final AtomicLong refused = new AtomicLong();
    private final List<Long> latenciesNanos = new ArrayList<>();

    HopFloor(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Offers {@code rate} for {@code warmupSeconds} unmeasured, then for {@code seconds} measured. */
    JsonObject measure(int rate, int warmupSeconds, int seconds) throws Exception {
        String[] topics = {"bench.floor.sent", "bench.floor.ingested", "bench.floor.scored"};
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(
                            new NewTopic(topics[0], PARTITIONS, (short) 1),
                            new NewTopic(topics[1], PARTITIONS, (short) 1),
                            new NewTopic(topics[2], PARTITIONS, (short) 1)))
                    .all()
                    .get();
        }
        List<Thread> stages = List.of(
                new Thread(() -> relay(topics[0], topics[1], "bench-floor-ingest", Map.of()), "floor-ingest"),
                new Thread(
                        () -> relay(
                                topics[1],
                                topics[2],
                                "bench-floor-scoring",
                                Map.of(
                                        ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "200000",
                                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5")),
                        "floor-scoring"),
                new Thread(() -> arrive(topics[2]), "floor-alerts"));
        stages.forEach(Thread::start);
        long measured;
        try (KafkaProducer<String, byte[]> load = loadProducer()) {
            offer(load, topics[0], rate, warmupSeconds, false);
            measured = offer(load, topics[0], rate, seconds, true);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (arrived() < measured && System.nanoTime() < deadline && failure == null) {
                Thread.sleep(20);
            }
        } finally {
            running = false;
            for (Thread stage : stages) {
                stage.join();
            }
        }
        if (failure != null) {
            throw new IllegalStateException("a stage of the floor stopped: " + failure.getMessage(), failure);
        }
        List<Long> millis;
        synchronized (latenciesNanos) {
            millis = latenciesNanos.stream().map(n -> (n + 999_999) / 1_000_000).toList();
        }
        Latencies latencies = Latencies.of(millis);
        return new JsonObject()
                .put("offered_rate", rate)
                .put("seconds", seconds)
                .put("hops", 3)
                .put("sent", measured)
                .put("refused", refused.get())
                .put("records", latencies.count())
                .put("p50_ms", latencies.p50())
                .put("p95_ms", latencies.p95())
                .put("p99_ms", latencies.p99())
                .put("max_ms", latencies.max());
    }

    private int arrived() {
        synchronized (latenciesNanos) {
            return latenciesNanos.size();
        }
    }

    /**
     * Paced as the benchmark's load is; each record carries the moment it was handed to the producer and whether it is
     * measured. Returns how many were sent.
     */
    private long offer(KafkaProducer<String, byte[]> producer, String topic, int rate, int seconds, boolean measured) {
        Random random = new Random(7);
        long sent = Pacing.run(rate, Duration.ofSeconds(seconds), Duration.ofMillis(1), (index, scheduled) -> {
            byte[] value = new byte[RECORD_BYTES];
            random.nextBytes(value);
            ByteBuffer.wrap(value).putLong(System.nanoTime()).put((byte) (measured ? 1 : 0));
            var unused = producer.send(
                    new ProducerRecord<>(topic, "acc-" + random.nextInt(ACCOUNTS), value), (metadata, e) -> {
                        if (e != null && measured) {
                            refused.incrementAndGet();
                        }
                    });
        });
        producer.flush();
        return sent;
    }

    private void relay(String in, String out, String group, Map<String, String> fetch) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(group, fetch);
                KafkaProducer<String, byte[]> producer = stageProducer()) {
            consumer.subscribe(List.of(in));
            Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
            long lastCommit = System.nanoTime();
            while (running) {
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    sends.add(producer.send(new ProducerRecord<>(out, r.key(), r.value())));
                    uncommitted.put(
                            new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                }
                for (Future<RecordMetadata> send : sends) {
                    send.get();
                }
                if (!uncommitted.isEmpty() && System.nanoTime() - lastCommit >= COMMIT_INTERVAL_NANOS) {
                    consumer.commitAsync(new HashMap<>(uncommitted), null);
                    uncommitted.clear();
                    lastCommit = System.nanoTime();
                }
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    private void arrive(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer("bench-floor-alerts", Map.of())) {
            arriveFrom(consumer, topic);
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void arriveFrom(KafkaConsumer<String, byte[]> consumer, String topic) {
        consumer.subscribe(List.of(topic));
        while (running) {
            var records = consumer.poll(POLL);
            long now = System.nanoTime();
            synchronized (latenciesNanos) {
                for (ConsumerRecord<String, byte[]> r : records) {
                    ByteBuffer value = ByteBuffer.wrap(r.value());
                    long sentAt = value.getLong();
                    if (value.get() == 1) {
                        latenciesNanos.add(now - sentAt);
                    }
                }
            }
        }
    }

    static String describe(JsonObject floor) {
        long refusedSends = floor.getLong("refused", 0L);
        return String.format(
                        java.util.Locale.ROOT,
                        "%,d tx/s through the same %d broker hops relayed with no work: p50 %d ms · p95 %d · p99 %d · max %d",
                        floor.getInteger("offered_rate"),
                        floor.getInteger("hops"),
                        floor.getLong("p50_ms"),
                        floor.getLong("p95_ms"),
                        floor.getLong("p99_ms"),
                        floor.getLong("max_ms"))
                + (refusedSends == 0
                        ? ""
                        : String.format(
                                java.util.Locale.ROOT, " (%,d of its sends refused by the broker)", refusedSends));
    }

    private KafkaProducer<String, byte[]> loadProducer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.LINGER_MS_CONFIG, "2",
                        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private KafkaProducer<String, byte[]> stageProducer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                        ProducerConfig.LINGER_MS_CONFIG, "0"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private KafkaConsumer<String, byte[]> consumer(String group, Map<String, String> fetch) {
        Map<String, Object> c = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500"));
        c.putAll(fetch);
        return new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
