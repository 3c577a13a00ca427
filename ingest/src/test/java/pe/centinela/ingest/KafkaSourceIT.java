package pe.centinela.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.embedded.EmbeddedInfrastructure;
import pe.centinela.embedded.EmbeddedPlatform;
import pe.centinela.embedded.TopicReader;

/** Garbage, half-valid and valid messages on the raw topic: the consumer keeps going and the counts add up. */
class KafkaSourceIT {

    private static final int MESSAGES = 600;

    @TempDir
    static Path dir;

    static EmbeddedPlatform platform;
    static EmbeddedInfrastructure infrastructure;
    static PlatformConfig config;
    static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        platform = EmbeddedPlatform.start(
                dir, Map.of("topics.raw", "ks.raw", "topics.transactions", "ks.tx", "topics.dead-letters", "ks.dlq"));
        infrastructure = platform.infrastructure();
        config = platform.config();
        vertx = platform.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyMessageEndsAsExactlyOneTransactionOrDeadLetter() throws Exception {
        Random random = new Random(7);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < MESSAGES; i++) {
                producer.send(new ProducerRecord<>(config.topics().raw(), "k" + (i % 13), payload(i, random)));
            }
        }
        PipelineStats stats = new PipelineStats();
        vertx.deployVerticle(new KafkaIngestVerticle(config, stats, Clock.systemUTC()))
                .await(30, TimeUnit.SECONDS);
        await("all messages handled")
                .atMost(Duration.ofSeconds(60))
                .until(() -> stats.ingested() + stats.rejected() >= MESSAGES);

        assertThat(stats.ingested() + stats.rejected()).isEqualTo(MESSAGES);
        assertThat(stats.ingested()).isPositive();
        assertThat(stats.rejected()).isPositive();
        assertThat(messages(config.topics().transactions())).isEqualTo(stats.ingested());
        assertThat(messages(config.topics().deadLetters())).isEqualTo(stats.rejected());
        assertThat(stats.registry()
                        .get("centinela.ingest.batch.duration")
                        .timer()
                        .count())
                .as("each published batch timed")
                .isPositive();
    }

    private static byte[] payload(int i, Random random) {
        return switch (i % 6) {
            case 0 -> {
                byte[] noise = new byte[random.nextInt(64)];
                random.nextBytes(noise);
                yield noise;
            }
            case 1 -> new byte[0];
            case 2 ->
                ("{\"transaction_id\":\"ks-" + i + "\",\"amount\":\"" + random.nextInt() + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
            case 3 -> "{\"transaction_id\": [1, 2], \"amount\": {}}".getBytes(StandardCharsets.UTF_16);
            default ->
                ("{\"transaction_id\":\"ks-" + (i % 100 == 4 ? 4 : i) + "\",\"account_id\":\"acc-" + (i % 9)
                                + "\",\"amount\":"
                                + (1 + random.nextInt(900))
                                + ".25,\"timestamp\":\"2026-11-20T12:00:00Z\",\"merchant_id\":\"m\","
                                + "\"merchant_category_code\":\"5812\",\"channel\":\"pos\"}")
                        .getBytes(StandardCharsets.UTF_8);
        };
    }

    private static long messages(String topic) throws Exception {
        return new TopicReader(config.kafka().bootstrapServers()).count(topic);
    }
}
