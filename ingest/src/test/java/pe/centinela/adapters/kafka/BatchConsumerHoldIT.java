package pe.centinela.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.embedded.EmbeddedKafka;

/**
 * A batch that keeps failing for longer than {@code max.poll.interval.ms} (3 s here, 5 min by default; say, PostgreSQL
 * down that long): the consumer holds its partitions paused and keeps polling, so it stays in its group, fetches
 * nothing meanwhile, and once the batch goes through every record has been processed exactly once and committed.
 * A consumer that just waited would be dropped from the group and get the same records again. And offsets wait for the
 * step that must precede them (scoring writes its account states there): none is committed while it fails.
 */
class BatchConsumerHoldIT {

    private static final String TOPIC = "hold.in";
    private static final int RECORDS = 200;

    @TempDir
    static Path dir;

    static EmbeddedKafka kafka;
    static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "k" + i, new byte[] {(byte) i}));
            }
        }
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aBatchFailingLongerThanThePollIntervalIsProcessedOnceWithoutLeavingTheGroup() throws Exception {
        Map<String, Integer> processed = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        long failUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        PlatformConfig config = PlatformConfig.from(Settings.of(
                Map.of("kafka.bootstrap-servers", kafka.bootstrapServers(), "postgres.password", "unused")));
        Map<String, String> properties = new HashMap<>(KafkaClients.consumer(config.kafka(), "hold", 500));
        properties.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "3000");
        @SuppressWarnings({"unchecked", "rawtypes"}) // a holder of one, written by the verticle below
        BatchConsumer<byte[]>[] consumer = new BatchConsumer[1];
        vertx.deployVerticle(new VerticleBase() {
                    @Override
                    public Future<?> start() {
                        consumer[0] =
                                new BatchConsumer<>(vertx, KafkaConsumer.create(vertx, properties), TOPIC, batch -> {
                                    if (System.nanoTime() < failUntil) {
                                        failures.incrementAndGet();
                                        return Future.failedFuture("the database is down");
                                    }
                                    batch.forEach(
                                            r -> processed.merge(r.partition() + "/" + r.offset(), 1, Integer::sum));
                                    return Future.succeededFuture();
                                });
                        return consumer[0].start();
                    }
                })
                .await(30, TimeUnit.SECONDS);

        await("every record processed").atMost(Duration.ofSeconds(60)).until(() -> processed.size() >= RECORDS);
        await("offsets committed").atMost(Duration.ofSeconds(30)).until(() -> committed("centinela-hold") == RECORDS);
        await("no record delivered again")
                .during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> processed.values().stream().allMatch(times -> times == 1));
        System.out.printf(
                "BatchConsumerHoldIT: %d failed attempts over 10 s, %d records processed, %d times in all, %d committed%n",
                failures.get(),
                processed.size(),
                processed.values().stream().mapToInt(Integer::intValue).sum(),
                committed("centinela-hold"));
        assertThat(failures.get())
                .as("the batch failed for longer than max.poll.interval.ms")
                .isGreaterThan(3);
        assertThat(processed).hasSize(RECORDS);
        assertThat(Set.copyOf(processed.values()))
                .as("each record processed once, none delivered again")
                .containsExactly(1);
    }

    @Test
    void noOffsetIsCommittedUntilTheStepBeforeTheCommitSucceeds() throws Exception {
        AtomicInteger processed = new AtomicInteger();
        AtomicInteger stepsFailed = new AtomicInteger();
        long failUntil = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        PlatformConfig config = PlatformConfig.from(Settings.of(
                Map.of("kafka.bootstrap-servers", kafka.bootstrapServers(), "postgres.password", "unused")));
        Map<String, String> properties = KafkaClients.consumer(config.kafka(), "gate", 50);
        vertx.deployVerticle(new VerticleBase() {
                    @Override
                    public Future<?> start() {
                        return new BatchConsumer<>(vertx, KafkaConsumer.create(vertx, properties), TOPIC, batch -> {
                                    processed.addAndGet(batch.size());
                                    return Future.succeededFuture();
                                })
                                .beforeCommit(() -> {
                                    if (System.nanoTime() < failUntil) {
                                        stepsFailed.incrementAndGet();
                                        return Future.failedFuture("the changelog is away");
                                    }
                                    return Future.succeededFuture();
                                })
                                .start();
                    }
                })
                .await(30, TimeUnit.SECONDS);

        await("every record processed").atMost(Duration.ofSeconds(30)).until(() -> processed.get() >= RECORDS);
        await("the step failed a few times").atMost(Duration.ofSeconds(10)).until(() -> stepsFailed.get() >= 3);
        assertThat(committed("centinela-gate"))
                .as("nothing committed while the step fails")
                .isZero();
        await("committed once the step succeeds")
                .atMost(Duration.ofSeconds(30))
                .until(() -> committed("centinela-gate") == RECORDS);
        assertThat(processed.get()).as("no record processed again").isEqualTo(RECORDS);
    }

    private static long committed(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            return offsets.values().stream()
                    .mapToLong(OffsetAndMetadata::offset)
                    .sum();
        }
    }
}
