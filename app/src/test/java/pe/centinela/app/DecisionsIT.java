package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.adapters.rules.RuleRegistry;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.RuleOutcome;
import pe.centinela.core.domain.ScoreRecord;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.core.rules.Rule;
import pe.centinela.core.rules.RuleStatus;
import pe.centinela.embedded.ApiClient;
import pe.centinela.embedded.EmbeddedPostgresServer;
import pe.centinela.embedded.TopicReader;

/**
 * {@code POST /api/decisions} on a running platform: the answer is the streaming path's own decision (same score as on
 * the scores topic), a retry gets it again without a second scoring, bad input is refused naming the field, and an
 * answer that comes too late is review with {@code timed_out}.
 */
class DecisionsIT {

    private static final String PASSWORD = "decisions-it-password";

    @RegisterExtension
    static final PlatformUnderTest platform = new PlatformUnderTest(Map.of(
            "scoring.alert-threshold",
            "1",
            "scoring.rules-refresh-interval",
            "200ms",
            "auth.admin-password",
            PASSWORD));

    static final PipelineStats stats = new PipelineStats();
    static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        int port = platform.deploy(Platform.Role.ALL, stats);
        admin = ApiClient.anonymous(port).as("admin", PASSWORD);
        new RuleRegistry(Database.pool(platform.vertx(), platform.config().postgres()))
                .create(
                        new Rule(
                                "big_wallet",
                                1,
                                "channel == \"wallet\" && amount_pen > 5000",
                                RuleOutcome.DECLINE,
                                RuleStatus.ACTIVE,
                                "Transferencia grande por billetera",
                                "Large wallet transfer"),
                        "supervisor",
                        "api")
                .await(30, TimeUnit.SECONDS);
        await("the rule in force").atMost(Duration.ofSeconds(30)).until(() -> stats.rulesInForce() == 1);
    }

    private static String tx(String id, String account, double amount, Channel channel) {
        return Json.toString(new Transaction(
                id,
                account,
                BigDecimal.valueOf(amount),
                "PEN",
                BigDecimal.valueOf(amount),
                "PEN",
                Instant.parse("2026-03-02T15:00:00Z"),
                "m-7",
                channel == Channel.WALLET ? "4829" : "5411",
                channel,
                "dev-" + account,
                "10.1.1.1",
                channel == Channel.WALLET ? "cp-9" : null,
                "PE",
                null,
                null));
    }

    private static JsonObject decide(String body, int timeoutMillis) {
        HttpResponse<String> response = admin.post("/api/decisions?timeout_ms=" + timeoutMillis, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    @Test
    void aPaymentIsDecidedOnceWithTheStreamingPathsScoreAndARetryGetsTheSameAnswer() throws Exception {
        JsonObject approved = decide(tx("d-small", "acc-1", 40, Channel.ECOMMERCE), 20_000);
        assertThat(approved.getString("decision")).isEqualTo("approve");
        assertThat(approved.getBoolean("timed_out")).isFalse();
        assertThat(approved.getString("model_version")).isEqualTo(platform.modelVersion());
        assertThat(approved.getDouble("published_in_ms"))
                .as(approved.encode())
                .isPositive()
                .isLessThanOrEqualTo(approved.getDouble("decided_in_ms"));

        JsonObject declined = decide(tx("d-big", "acc-2", 6000, Channel.WALLET), 20_000);
        assertThat(declined.getString("decision")).isEqualTo("decline");
        assertThat(declined.getJsonArray("rules").getJsonObject(0).getString("id"))
                .isEqualTo("big_wallet");
        assertThat(declined.getJsonArray("rules").getJsonObject(0).getString("reason"))
                .isEqualTo("Transferencia grande por billetera");

        JsonObject retried = decide(tx("d-big", "acc-2", 6000, Channel.WALLET), 20_000);
        assertThat(retried.getString("decision")).isEqualTo("decline");
        assertThat(retried.getDouble("score")).isEqualTo(declined.getDouble("score"));
        assertThat(retried.getJsonArray("rules")).isEqualTo(declined.getJsonArray("rules"));

        // the same account, so the same partition: a retry that had been published would be scored before it
        decide(tx("d-after", "acc-2", 20, Channel.POS), 20_000);
        List<ConsumerRecord<String, byte[]>> scores = new TopicReader(
                        platform.config().kafka().bootstrapServers())
                .readAll(platform.config().topics().scores(), 3, Duration.ofSeconds(30));
        Map<String, ScoreRecord> byId = new java.util.HashMap<>();
        scores.forEach(r -> {
            ScoreRecord s = Json.fromBytes(r.value(), ScoreRecord.class);
            assertThat(byId.put(s.transactionId(), s))
                    .as("scored once: " + s.transactionId())
                    .isNull();
        });
        assertThat(byId.get("d-small").score()).isEqualTo(approved.getDouble("score"));
        assertThat(byId.get("d-big").score()).isEqualTo(declined.getDouble("score"));
        assertThat(byId.get("d-big").decision().code()).isEqualTo("decline");
        assertThat(byId).containsKey("d-after");
    }

    @Test
    void callsArrivingTogetherAreEachAnsweredAndARepeatedIdIsScoredOnce() throws Exception {
        // calls that arrive while others are being published leave together: each must still get its own answer
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            List<java.util.concurrent.Future<JsonObject>> together = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String body = tx("d-together-" + i, "acc-t" + (i % 5), 30 + i, Channel.ECOMMERCE);
                together.add(callers.submit(() -> decide(body, 20_000)));
            }
            List<java.util.concurrent.Future<JsonObject>> repeated = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                repeated.add(callers.submit(() -> decide(tx("d-twice", "acc-t9", 6200, Channel.WALLET), 20_000)));
            }
            for (int i = 0; i < together.size(); i++) {
                JsonObject answer = together.get(i).get(60, TimeUnit.SECONDS);
                assertThat(answer.getString("transaction_id")).isEqualTo("d-together-" + i);
                assertThat(answer.getBoolean("timed_out")).as(answer.encode()).isFalse();
                assertThat(answer.getString("decision")).isEqualTo("approve");
            }
            List<JsonObject> answers = new java.util.ArrayList<>();
            for (var call : repeated) {
                answers.add(call.get(60, TimeUnit.SECONDS));
            }
            assertThat(answers).allSatisfy(a -> {
                assertThat(a.getString("decision")).isEqualTo("decline");
                assertThat(a.getBoolean("timed_out")).as(a.encode()).isFalse();
                assertThat(a.getDouble("score")).isEqualTo(answers.get(0).getDouble("score"));
            });
        } finally {
            callers.shutdownNow();
        }
        Map<String, Integer> scored = new java.util.HashMap<>();
        new TopicReader(platform.config().kafka().bootstrapServers())
                .readAll(platform.config().topics().scores(), 21, Duration.ofSeconds(30))
                .forEach(r -> scored.merge(
                        Json.fromBytes(r.value(), ScoreRecord.class).transactionId(), 1, Integer::sum));
        assertThat(scored.get("d-twice")).isEqualTo(1);
        for (int i = 0; i < 20; i++) {
            assertThat(scored.get("d-together-" + i)).as("d-together-" + i).isEqualTo(1);
        }
    }

    @Test
    void aRetryLongAfterTheAnswerIsAnsweredFromTheHistory() throws Exception {
        JsonObject first = decide(tx("d-history", "acc-3", 6100, Channel.WALLET), 20_000);
        await("stored in the history").atMost(Duration.ofSeconds(30)).until(() -> historyDecision("d-history") != null);
        // a fresh platform process would not remember the answer: the history does
        JsonObject again = decide(tx("d-history", "acc-3", 6100, Channel.WALLET), 1);
        assertThat(again.getString("decision")).isEqualTo(first.getString("decision"));
        assertThat(again.getBoolean("timed_out")).isFalse();
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndALateAnswerIsReview() throws Exception {
        HttpResponse<String> invalid = admin.post(
                "/api/decisions", "{\"transaction_id\":\"d-bad\",\"account_id\":\"acc-1\",\"currency\":\"PEN\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(invalid.body()).getJsonObject("error").getString("code"))
                .isEqualTo("invalid_transaction");
        assertThat(new JsonObject(invalid.body()).getJsonObject("error").getString("field"))
                .isNotBlank();
        HttpResponse<String> array = admin.post("/api/decisions", "[" + tx("d-arr", "acc-1", 10, Channel.POS) + "]");
        assertThat(array.statusCode()).isEqualTo(400);

        long timedOutBefore = stats.inlineTimedOut();
        JsonObject late = decide(tx("d-late", "acc-4", 55, Channel.ECOMMERCE), 1);
        assertThat(late.getString("decision")).isEqualTo("review");
        assertThat(late.getBoolean("timed_out")).isTrue();
        assertThat(stats.inlineTimedOut()).isEqualTo(timedOutBefore + 1);
        await("the late one is still scored and kept")
                .atMost(Duration.ofSeconds(30))
                .until(() -> historyDecision("d-late") != null);
    }

    private static String historyDecision(String transactionId) throws SQLException {
        try (Connection db = DriverManager.getConnection(
                        platform.infrastructure().postgres().jdbcUrl(), EmbeddedPostgresServer.USER, "unused");
                ResultSet rows = db.createStatement()
                        .executeQuery("SELECT decision FROM scored_transactions WHERE transaction_id = '"
                                + transactionId.replace("'", "") + "'")) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
