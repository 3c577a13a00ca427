package pe.centinela.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.adapters.http.Readiness;
import pe.centinela.adapters.kafka.TopicAdmin;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.ScoreRecord;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.embedded.EmbeddedInfrastructure;
import pe.centinela.embedded.TopicReader;
import pe.centinela.scoring.bundle.TestSigning;
import pe.centinela.scoring.registry.ModelRegistry;

/**
 * While transactions flow on a real broker, a new threshold (from the runtime file) and a new active version (from
 * the registry) take effect without a restart, and every transaction is scored exactly once.
 */
class HotSwapIT {

    private static final int TRANSACTIONS = 2_400;

    @TempDir
    static Path dir;

    static EmbeddedInfrastructure infrastructure;
    static PlatformConfig config;
    static Path runtimeFile;
    static String first;
    static String second;
    static String third;

    @BeforeAll
    static void start() throws Exception {
        infrastructure = EmbeddedInfrastructure.startForTests(dir);
        runtimeFile = dir.resolve("runtime.properties");
        Files.writeString(runtimeFile, "# thresholds set by the operator\n");
        Map<String, String> s = new HashMap<>(infrastructure.settings());
        s.putAll(TestSigning.settings());
        s.put("scoring.model-dir", dir.resolve("cache").toString());
        s.put("scoring.max-batch", "50");
        s.put("scoring.refresh-interval", "200ms");
        s.put("runtime.file", runtimeFile.toString());
        config = PlatformConfig.from(Settings.of(s));
        TopicAdmin.ensureTopics(config);
        Database.migrate(config.postgres());
        ModelRegistry registry = new ModelRegistry(config.postgres());
        first = TrainedModels.publish(registry, dir, Instant.parse("2026-11-24T00:00:00Z"));
        second = TrainedModels.publish(registry, dir, Instant.parse("2026-11-24T01:00:00Z"));
        third = TrainedModels.publish(registry, dir, Instant.parse("2026-11-24T02:00:00Z"));
        registry.promote(first, "it");
    }

    @AfterAll
    static void stop() throws Exception {
        infrastructure.close();
    }

    @Test
    void aNewThresholdAndANewVersionTakeEffectWhileTrafficFlowsAndNothingIsScoredTwiceOrLost() throws Exception {
        assertThat(first).isNotEqualTo(second);
        Vertx vertx = Vertx.vertx();
        PipelineStats stats = new PipelineStats();
        Readiness readiness = new Readiness();
        CompletableFuture<Void> sending;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            vertx.deployVerticle(new ScoringVerticle(config, stats, Clock.systemUTC(), readiness))
                    .await(60, TimeUnit.SECONDS);
            assertThat(readiness.notReadyReason()).isEmpty();
            assertThat(stats.activeModel().version()).isEqualTo(first);
            sending = CompletableFuture.runAsync(() -> PacedTraffic.send(
                    producer, config.topics().transactions(), "hs-", TRANSACTIONS, Duration.ofMillis(25)));

            await("some traffic scored").atMost(Duration.ofSeconds(60)).until(() -> stats.scored() >= 300);
            Files.writeString(runtimeFile, "scoring.alert-threshold=0.5\n");
            await("the runtime threshold in force")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> stats.activeModel().alertThreshold() == 0.5);

            await("more traffic scored").atMost(Duration.ofSeconds(60)).until(() -> stats.scored() >= 1_000);
            new ModelRegistry(config.postgres()).promote(second, "it");
            await("the new version in force")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> stats.activeModel().version().equals(second));

            sending.get(60, TimeUnit.SECONDS);
            await("everything scored").atMost(Duration.ofSeconds(60)).until(() -> stats.scored() >= TRANSACTIONS);
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }

        List<ScoreRecord> scores = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : new TopicReader(config.kafka().bootstrapServers())
                .readAll(config.topics().scores(), TRANSACTIONS, Duration.ofSeconds(30))) {
            scores.add(Json.fromBytes(r.value(), ScoreRecord.class));
        }
        assertThat(scores).hasSize(TRANSACTIONS);
        Set<String> ids = new HashSet<>();
        scores.forEach(s -> ids.add(s.transactionId()));
        assertThat(ids).as("each transaction scored exactly once").hasSize(TRANSACTIONS);
        assertThat(scores).allSatisfy(s -> assertThat(s.alert()).isEqualTo(s.score() >= s.threshold()));
        assertThat(scores.stream().map(ScoreRecord::modelVersion).distinct()).containsExactlyInAnyOrder(first, second);
        assertThat(scores.stream().filter(s -> s.modelVersion().equals(second)))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.threshold()).isEqualTo(0.5));
        assertThat(scores.stream().filter(s -> s.threshold() != 0.5))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.modelVersion()).isEqualTo(first));
    }

    @Test
    void aCanaryScoresItsShareOfAccountsAndAShadowScoresEverythingWithoutRaisingAlerts() throws Exception {
        Path runtime = dir.resolve("canary.properties");
        Files.writeString(
                runtime,
                "scoring.alert-threshold=0.5\nscoring.review-threshold=0.3\nscoring.canary-version=" + second
                        + "\nscoring.canary-share=0.3\n" + "scoring.shadow-version=" + third + "\n");
        Map<String, String> s = new HashMap<>(infrastructure.settings());
        s.putAll(TestSigning.settings());
        s.put("scoring.model-dir", dir.resolve("cache-canary").toString());
        s.put("scoring.model-version", first);
        s.put("runtime.file", runtime.toString());
        s.put("topics.transactions", "canary.tx");
        s.put("topics.scores", "canary.scores");
        s.put("topics.alerts", "canary.alerts");
        s.put("topics.scoring-state", "canary.state");
        s.put("kafka.group-prefix", "canary");
        PlatformConfig canaryConfig = PlatformConfig.from(Settings.of(s));
        TopicAdmin.ensureTopics(canaryConfig);
        Vertx vertx = Vertx.vertx();
        PipelineStats stats = new PipelineStats();
        int sent = 600;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            vertx.deployVerticle(new ScoringVerticle(canaryConfig, stats, Clock.systemUTC(), new Readiness()))
                    .await(60, TimeUnit.SECONDS);
            Random random = new Random(3);
            for (int i = 0; i < sent; i++) {
                String account = "acc-" + random.nextInt(200);
                BigDecimal amount = BigDecimal.valueOf(5 + random.nextInt(90_000), 2);
                Transaction tx = new Transaction(
                        "cn-" + i,
                        account,
                        amount,
                        "PEN",
                        amount,
                        "PEN",
                        Instant.parse("2026-11-01T12:00:00Z").plusSeconds(60L * i),
                        "m-" + random.nextInt(15),
                        "5411",
                        Channel.values()[random.nextInt(3)],
                        null,
                        null,
                        null,
                        "PE",
                        null,
                        null);
                producer.send(new ProducerRecord<>(canaryConfig.topics().transactions(), account, Json.toBytes(tx)));
            }
            producer.flush();
            await("everything scored").atMost(Duration.ofSeconds(60)).until(() -> stats.scored() >= sent);
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
        TopicReader reader = new TopicReader(config.kafka().bootstrapServers());
        List<ScoreRecord> scores = new ArrayList<>();
        reader.readAll(canaryConfig.topics().scores(), sent, Duration.ofSeconds(30))
                .forEach(r -> scores.add(Json.fromBytes(r.value(), ScoreRecord.class)));
        assertThat(scores).hasSize(sent).allSatisfy(score -> {
            assertThat(score.shadowVersion()).isEqualTo(third);
            assertThat(score.shadowScore()).isBetween(0.0, 1.0);
            assertThat(score.modelVersion()).isIn(first, second);
            assertThat(score.review()).isEqualTo(score.score() >= 0.3 && !score.alert());
            assertThat(score.modelVersion().equals(second))
                    .isEqualTo(pe.centinela.core.inference.CanaryRouting.inCanary(score.accountId(), 0.3));
        });
        Map<String, Set<String>> versionsByAccount = new HashMap<>();
        scores.forEach(score -> versionsByAccount
                .computeIfAbsent(score.accountId(), a -> new HashSet<>())
                .add(score.modelVersion()));
        assertThat(versionsByAccount.values()).allSatisfy(v -> assertThat(v).hasSize(1));
        assertThat(versionsByAccount.values().stream()
                        .filter(v -> v.contains(second))
                        .count())
                .isBetween(30L, 90L);
        List<String> alertVersions = new ArrayList<>();
        long alerts = scores.stream().filter(ScoreRecord::alert).count();
        reader.readAll(canaryConfig.topics().alerts(), alerts, Duration.ofSeconds(30))
                .forEach(r -> alertVersions.add(Json.fromBytes(r.value(), pe.centinela.core.domain.Alert.class)
                        .modelVersion()));
        assertThat(alertVersions).hasSize((int) alerts).doesNotContain(third);
    }
}
