package pe.centinela.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
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
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.embedded.EmbeddedInfrastructure;
import pe.centinela.embedded.TopicReader;
import pe.centinela.runtime.Database;
import pe.centinela.runtime.PipelineStats;
import pe.centinela.runtime.TopicAdmin;

/** Garbage, half-valid and valid messages on the raw topic: the consumer keeps going and the counts add up. */
class KafkaSourceIT {

    private static final int MESSAGES = 600;

    @TempDir
    static Path dir;
    static EmbeddedInfrastructure infrastructure;
    static PlatformConfig config;
    static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        infrastructure = EmbeddedInfrastructure.start(dir);
        Map<String, String> s = new HashMap<>(infrastructure.settings());
        s.put("topics.raw", "ks.raw");
        s.put("topics.transactions", "ks.tx");
        s.put("topics.dead-letters", "ks.dlq");
        config = PlatformConfig.from(Settings.of(s));
        TopicAdmin.ensureTopics(config);
        Database.migrate(config.postgres());
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    void everyMessageEndsAsExactlyOneTransactionOrDeadLetter() throws Exception {
        Random random = new Random(7);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                config.kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < MESSAGES; i++) {
                producer.send(new ProducerRecord<>(config.topics().raw(), "k" + (i % 13), payload(i, random)));
            }
        }
        PipelineStats stats = new PipelineStats();
        vertx.deployVerticle(new KafkaIngestVerticle(config, stats, Clock.systemUTC())).await(30, TimeUnit.SECONDS);
        await("all messages handled").atMost(Duration.ofSeconds(60)).until(() -> stats.ingested.get() + stats.deadLettered.get() >= MESSAGES);

        assertThat(stats.ingested.get() + stats.deadLettered.get()).isEqualTo(MESSAGES);
        assertThat(stats.ingested.get()).isPositive();
        assertThat(stats.deadLettered.get()).isPositive();
        assertThat(messages(config.topics().transactions())).isEqualTo(stats.ingested.get());
        assertThat(messages(config.topics().deadLetters())).isEqualTo(stats.deadLettered.get());
    }

    private static byte[] payload(int i, Random random) {
        return switch (i % 6) {
            case 0 -> {
                byte[] noise = new byte[random.nextInt(64)];
                random.nextBytes(noise);
                yield noise;
            }
            case 1 -> new byte[0];
            case 2 -> ("{\"transaction_id\":\"ks-" + i + "\",\"amount\":\"" + random.nextInt() + "\"}").getBytes(StandardCharsets.UTF_8);
            case 3 -> "{\"transaction_id\": [1, 2], \"amount\": {}}".getBytes(StandardCharsets.UTF_16);
            default -> ("{\"transaction_id\":\"ks-" + (i % 100 == 4 ? 4 : i) + "\",\"account_id\":\"acc-" + (i % 9) + "\",\"amount\":"
                    + (1 + random.nextInt(900)) + ".25,\"timestamp\":\"2026-11-20T12:00:00Z\",\"merchant_id\":\"m\","
                    + "\"merchant_category_code\":\"5812\",\"channel\":\"pos\"}").getBytes(StandardCharsets.UTF_8);
        };
    }

    private static long messages(String topic) throws Exception {
        return new TopicReader(config.kafka().bootstrapServers()).count(topic);
    }
}
