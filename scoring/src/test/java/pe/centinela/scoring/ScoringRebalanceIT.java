package pe.centinela.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.adapters.kafka.TopicAdmin;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.ScoreRecord;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.inference.ScoringEngine;
import pe.centinela.core.json.Json;
import pe.centinela.embedded.EmbeddedInfrastructure;
import pe.centinela.embedded.TopicReader;
import pe.centinela.scoring.bundle.ModelBundles;
import pe.centinela.scoring.bundle.TestSigning;
import pe.centinela.scoring.registry.ModelRegistry;

/**
 * Two scoring instances on a real broker: when every partition moves from the first to the second, the second
 * continues with the same per-account aggregates (restored from the state changelog), so its scores equal those of one
 * uninterrupted engine.
 */
class ScoringRebalanceIT {

    private static final int FIRST = 1_200;
    private static final int SECOND = 600;

    @TempDir
    static Path dir;

    static EmbeddedInfrastructure infrastructure;
    static Map<String, String> settings;
    static PlatformConfig config;
    static ModelBundles.LoadedModel model;

    @BeforeAll
    static void start() throws Exception {
        infrastructure = EmbeddedInfrastructure.startForTests(dir);
        Map<String, String> s = new HashMap<>(infrastructure.settings());
        s.putAll(TestSigning.settings());
        s.put("scoring.model-dir", dir.resolve("cache").toString());
        s.put("scoring.max-batch", "100");
        settings = Map.copyOf(s);
        config = PlatformConfig.from(Settings.of(s));
        TopicAdmin.ensureTopics(config);
        Database.migrate(config.postgres());
        ModelRegistry registry = new ModelRegistry(config.postgres());
        String version = TrainedModels.publish(registry, dir, Instant.parse("2026-11-24T00:00:00Z"), 200, 4_000);
        registry.promote(version, "it");
        model = TrainedModels.bundles(dir).load(version);
    }

    @AfterAll
    static void stop() throws Exception {
        infrastructure.close();
    }

    /** Transactions without device, IP or label, so every feature comes from the account's own state. */
    private static List<Transaction> history() {
        Random random = new Random(12);
        List<Transaction> txs = new ArrayList<>();
        Instant t = Instant.parse("2026-11-01T12:00:00Z");
        for (int i = 0; i < FIRST + SECOND; i++) {
            t = t.plusSeconds(30 + random.nextInt(900));
            String account = "acc-" + random.nextInt(40);
            BigDecimal amount = BigDecimal.valueOf(5 + random.nextInt(90_000), 2);
            Channel channel = Channel.values()[random.nextInt(3)];
            txs.add(new Transaction(
                    "rb-" + i,
                    account,
                    amount,
                    "PEN",
                    amount,
                    "PEN",
                    t,
                    "m-" + random.nextInt(15),
                    "5411",
                    channel,
                    null,
                    null,
                    null,
                    "PE",
                    null,
                    null));
        }
        return txs;
    }

    @Test
    void aPartitionThatMovesKeepsItsAccountsAggregates() throws Exception {
        List<Transaction> history = history();
        Vertx first = Vertx.vertx();
        Vertx second = Vertx.vertx();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            send(producer, history.subList(0, FIRST));
            PipelineStats firstStats = new PipelineStats();
            String deployment = first.deployVerticle(new ScoringVerticle(config, firstStats, Clock.systemUTC()))
                    .await(60, TimeUnit.SECONDS);
            await("the first instance scored the first part")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> firstStats.scored() >= FIRST);

            PipelineStats secondStats = new PipelineStats();
            second.deployVerticle(new ScoringVerticle(config, secondStats, Clock.systemUTC()))
                    .await(60, TimeUnit.SECONDS);
            first.undeploy(deployment).await(60, TimeUnit.SECONDS);
            send(producer, history.subList(FIRST, FIRST + SECOND));
            await("the second instance scored the rest")
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> secondStats.scored() >= SECOND);
        } finally {
            first.close().await(30, TimeUnit.SECONDS);
            second.close().await(30, TimeUnit.SECONDS);
        }

        Map<String, Double> published = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : new TopicReader(config.kafka().bootstrapServers())
                .readAll(config.topics().scores(), FIRST + SECOND, Duration.ofSeconds(30))) {
            ScoreRecord score = Json.fromBytes(r.value(), ScoreRecord.class);
            published.put(score.transactionId(), score.score());
        }
        assertThat(published).hasSize(FIRST + SECOND);

        Map<String, Double> uninterrupted = scores(history, 0);
        Map<String, Double> withoutHistory = scores(history, FIRST);
        int differingWithoutHistory = 0;
        for (Transaction tx : history.subList(FIRST, FIRST + SECOND)) {
            double expected = uninterrupted.get(tx.transactionId());
            assertThat(published.get(tx.transactionId()))
                    .as("%s (float32 network, other batch sizes)", tx.transactionId())
                    .isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-6));
            differingWithoutHistory += Math.abs(withoutHistory.get(tx.transactionId()) - expected) > 1e-6 ? 1 : 0;
        }
        assertThat(differingWithoutHistory)
                .as("the history matters: a fresh engine scores differently")
                .isGreaterThan(SECOND / 2);
    }

    /**
     * States go to the changelog once per commit, not once per batch, and a stop flushes what is left: after a run in
     * batches of at most 20, each account's last changelog record carries the offset of its last transaction and a
     * state that reads back.
     */
    @Test
    void afterAStopEachAccountsLastStateCarriesItsLastTransaction() throws Exception {
        Map<String, String> s = new HashMap<>(settings);
        s.put("topics.transactions", "flush.tx");
        s.put("topics.scores", "flush.scores");
        s.put("topics.alerts", "flush.alerts");
        s.put("topics.dead-letters", "flush.dlq");
        s.put("topics.scoring-state", "flush.state");
        s.put("kafka.group-prefix", "flush");
        s.put("scoring.max-batch", "20");
        PlatformConfig flush = PlatformConfig.from(Settings.of(s));
        TopicAdmin.ensureTopics(flush);
        List<Transaction> history = history();
        Map<String, Long> lastOffsets = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            // sent all at once, not one round trip each: the idempotent producer keeps each partition's order
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Transaction tx : history) {
                sent.add(producer.send(
                        new ProducerRecord<>(flush.topics().transactions(), tx.accountId(), Json.toBytes(tx))));
            }
            for (int i = 0; i < history.size(); i++) {
                lastOffsets.put(history.get(i).accountId(), sent.get(i).get().offset());
            }
        }
        Vertx vertx = Vertx.vertx();
        try {
            PipelineStats stats = new PipelineStats();
            String deployment = vertx.deployVerticle(new ScoringVerticle(flush, stats, Clock.systemUTC()))
                    .await(60, TimeUnit.SECONDS);
            await("every transaction scored")
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> stats.scored() >= history.size());
            vertx.undeploy(deployment).await(60, TimeUnit.SECONDS);
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }

        Map<String, StateChangelog.Restored> written = new HashMap<>();
        List<ConsumerRecord<String, byte[]>> records = new TopicReader(
                        config.kafka().bootstrapServers())
                .readAll(flush.topics().scoringState(), lastOffsets.size(), Duration.ofSeconds(30));
        records.forEach(r -> written.put(r.key(), StateChangelog.read(r.value())));
        assertThat(written.keySet()).isEqualTo(lastOffsets.keySet());
        written.forEach((account, state) -> {
            assertThat(state).as("%s's state reads back", account).isNotNull();
            assertThat(state.offset()).as("%s's last offset", account).isEqualTo(lastOffsets.get(account));
        });
        System.out.printf(
                "ScoringRebalanceIT: %d transactions of %d accounts in batches of 20, %d state records written%n",
                history.size(), lastOffsets.size(), records.size());
    }

    private static Map<String, Double> scores(List<Transaction> history, int from) {
        ScoringEngine engine =
                new ScoringEngine(new ScoringEngine.ActiveModel("ref", model.scorer(), 0.99), Clock.systemUTC());
        Map<String, Double> scores = new HashMap<>();
        List<Transaction> part = history.subList(from, history.size());
        var prepared = engine.prepare(part);
        var outcomes = engine.complete(prepared, engine.score(prepared));
        outcomes.forEach(o -> scores.put(o.score().transactionId(), o.score().score()));
        return scores;
    }

    private static void send(KafkaProducer<String, byte[]> producer, List<Transaction> txs) throws Exception {
        for (Transaction tx : txs) {
            producer.send(new ProducerRecord<>(config.topics().transactions(), tx.accountId(), Json.toBytes(tx)));
        }
        producer.flush();
    }
}
