package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.inference.ScoringEngine;
import pe.centinela.core.json.Json;
import pe.centinela.embedded.ApiClient;
import pe.centinela.scoring.bundle.ModelBundles;

/**
 * Two replicas, each with the decision API and a scoring instance, share the partitions of the canonical topic: every
 * decision is answered whichever replica's API took the call and whichever replica's scoring owns the account, and its
 * score is the one a single engine gives after the account's whole history, in order.
 */
class DecisionReplicasIT {

    private static final String PASSWORD = "decision-replicas-it-password";
    private static final int ACCOUNTS = 20;
    private static final int HISTORY = 400;

    @RegisterExtension
    static final PlatformUnderTest platform =
            new PlatformUnderTest(Map.of("scoring.alert-threshold", "1", "auth.admin-password", PASSWORD));

    /** Without device, IP or counterparty, so every feature comes from the account's own history. */
    private static Transaction tx(String id, int account, Instant at, Random random) {
        BigDecimal amount = BigDecimal.valueOf(5 + random.nextInt(90_000), 2);
        return new Transaction(
                id,
                "acc-r" + account,
                amount,
                "PEN",
                amount,
                "PEN",
                at,
                "m-" + random.nextInt(15),
                "5411",
                Channel.values()[random.nextInt(2)],
                null,
                null,
                null,
                "PE",
                null,
                null);
    }

    @Test
    void everyReplicaAnswersWithTheAccountsWholeHistory() throws Exception {
        Random random = new Random(31);
        Instant t = Instant.parse("2026-11-02T12:00:00Z");
        List<Transaction> history = new ArrayList<>();
        for (int i = 0; i < HISTORY; i++) {
            t = t.plusSeconds(30 + random.nextInt(600));
            history.add(tx("rh-" + i, random.nextInt(ACCOUNTS), t, random));
        }
        // two decisions per account, one through each replica's API: for every account one of them crosses replicas
        List<Transaction> decisions = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int account = 0; account < ACCOUNTS; account++) {
                t = t.plusSeconds(60);
                decisions.add(tx("rd-" + round + "-" + account, account, t, random));
            }
        }

        Vertx first = Vertx.vertx();
        Vertx second = Vertx.vertx();
        try {
            PipelineStats firstStats = new PipelineStats();
            PipelineStats secondStats = new PipelineStats();
            int firstApi = replica(first, firstStats);
            int secondApi = replica(second, secondStats);
            awaitBothScoring();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            platform.config().kafka().bootstrapServers()),
                    new StringSerializer(),
                    new ByteArraySerializer())) {
                for (Transaction tx : history) {
                    producer.send(new ProducerRecord<>(
                            platform.config().topics().transactions(), tx.accountId(), Json.toBytes(tx)));
                }
            }
            await("the history scored")
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> firstStats.scored() + secondStats.scored() >= HISTORY);
            assertThat(firstStats.scored())
                    .as("the first replica owns partitions")
                    .isPositive();
            assertThat(secondStats.scored())
                    .as("the second replica owns partitions")
                    .isPositive();

            ApiClient[] apis = {
                ApiClient.anonymous(firstApi).as("admin", PASSWORD),
                ApiClient.anonymous(secondApi).as("admin", PASSWORD)
            };
            Map<String, Double> answered = new HashMap<>();
            for (int i = 0; i < decisions.size(); i++) {
                Transaction tx = decisions.get(i);
                ApiClient api = apis[i < ACCOUNTS ? 0 : 1];
                HttpResponse<String> response = api.post("/api/decisions?timeout_ms=20000", Json.toString(tx));
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonObject answer = new JsonObject(response.body());
                assertThat(answer.getBoolean("timed_out")).as(answer.encode()).isFalse();
                answered.put(tx.transactionId(), answer.getDouble("score"));
            }

            ModelBundles bundles = new ModelBundles(
                    platform.dir().resolve("trained"),
                    platform.config().scoring().modelTrust());
            ScoringEngine single = new ScoringEngine(
                    new ScoringEngine.ActiveModel(
                            platform.modelVersion(),
                            bundles.load(platform.modelVersion()).scorer(),
                            1),
                    Clock.systemUTC());
            List<Transaction> all = new ArrayList<>(history);
            all.addAll(decisions);
            var prepared = single.prepare(all);
            Map<String, Double> expected = new HashMap<>();
            single.complete(prepared, single.score(prepared))
                    .forEach(o ->
                            expected.put(o.score().transactionId(), o.score().score()));
            for (Transaction tx : decisions) {
                assertThat(answered.get(tx.transactionId()))
                        .as("%s of %s", tx.transactionId(), tx.accountId())
                        .isCloseTo(expected.get(tx.transactionId()), within(1e-6));
            }
        } finally {
            first.close().await(30, TimeUnit.SECONDS);
            second.close().await(30, TimeUnit.SECONDS);
        }
    }

    /** Until the scoring group is stable with both instances holding partitions, so that both score the history. */
    private static void awaitBothScoring() throws Exception {
        String group = platform.config().kafka().groupPrefix() + "-scoring";
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.config().kafka().bootstrapServers()))) {
            await("both scoring instances hold partitions")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        ConsumerGroupDescription described = admin.describeConsumerGroups(List.of(group))
                                .describedGroups()
                                .get(group)
                                .get();
                        return described.groupState() == GroupState.STABLE
                                && described.members().size() == 2
                                && described.members().stream()
                                        .allMatch(m -> !m.assignment()
                                                .topicPartitions()
                                                .isEmpty());
                    });
        }
    }

    /** A replica: the decision API (with ingest) and a scoring instance in a Vert.x of its own; returns its API port. */
    private static int replica(Vertx vertx, PipelineStats stats) throws Exception {
        int api = Platform.deploy(vertx, platform.config(), Platform.Role.INGEST, stats)
                .await(120, TimeUnit.SECONDS);
        Platform.deploy(vertx, platform.config(), Platform.Role.SCORING, stats).await(120, TimeUnit.SECONDS);
        return api;
    }
}
