package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Reason;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.core.webhook.WebhookSignature;
import pe.centinela.embedded.ApiClient;
import pe.centinela.embedded.EmbeddedPostgresServer;

/**
 * Webhooks on a real PostgreSQL and Kafka, to a real HTTP receiver: alerts stored from the topic and analysts'
 * decisions arrive signed; failing receivers get retries with backoff, then a failed delivery an admin can retry.
 */
class WebhookIT {

    private static final String PASSWORD = "webhook-it";
    private static final String SECRET = "whsec-webhook-it";
    private static final int MAX_ATTEMPTS = 4;
    private static final Duration WAIT = Duration.ofSeconds(60);

    static final Vertx receiverVertx = Vertx.vertx();
    static final Receiver receiver = Receiver.startedOn(receiverVertx);

    @RegisterExtension
    static final PlatformUnderTest platform = new PlatformUnderTest(() -> Map.of(
            "http.host",
            "127.0.0.1",
            "http.port",
            "0",
            "auth.admin-password",
            PASSWORD,
            "auth.demo-users",
            "true",
            "webhooks.url",
            "http://127.0.0.1:" + receiver.server.actualPort() + "/hooks/centinela",
            "webhooks.allow-insecure-urls",
            "true",
            "webhooks.secret",
            SECRET,
            "webhooks.max-attempts",
            Integer.toString(MAX_ATTEMPTS),
            "webhooks.initial-backoff",
            "10ms",
            "webhooks.timeout",
            "5s"));

    static PlatformConfig config;
    static PipelineStats stats = new PipelineStats();
    static KafkaProducer<String, byte[]> producer;
    static ApiClient anonymous;

    /** What arrived at the business's endpoint. */
    record Received(String event, String delivery, String signature, String body, Instant at) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    /**
     * Answers 200, except for alerts of transactions named {@code flaky-…} (500 twice, then 200) and {@code broken-…}
     * (always 503).
     */
    static final class Receiver {
        final Queue<Received> received = new ConcurrentLinkedQueue<>();
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        HttpServer server;

        static Receiver startedOn(Vertx vertx) {
            Receiver receiver = new Receiver();
            receiver.server = vertx.createHttpServer()
                    .requestHandler(request -> request.body().onSuccess(buffer -> {
                        String body = buffer.toString(StandardCharsets.UTF_8);
                        receiver.received.add(new Received(
                                request.getHeader("X-Centinela-Event"),
                                request.getHeader("X-Centinela-Delivery"),
                                request.getHeader(WebhookSignature.HEADER),
                                body,
                                Instant.now()));
                        String eventId = new JsonObject(body).getString("event_id");
                        int call = receiver.calls
                                .computeIfAbsent(eventId, id -> new AtomicInteger())
                                .incrementAndGet();
                        int status = body.contains("broken-") ? 503 : body.contains("flaky-") && call <= 2 ? 500 : 200;
                        request.response().setStatusCode(status).end(status == 503 ? "down for maintenance" : "");
                    }))
                    .listen(0, "127.0.0.1")
                    .await();
            return receiver;
        }

        List<Received> of(String alertId) {
            return received.stream()
                    .filter(r -> r.body().contains("\"" + alertId + "\""))
                    .toList();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        config = platform.config();
        platform.deploy(new AlertStoreVerticle(config, stats));
        platform.deploy(new WebhookDeliveryVerticle(config, stats));
        platform.deploy(new CaseSlaVerticle(config, java.time.Clock.systemUTC(), Duration.ofMillis(300)));
        anonymous = ApiClient.anonymous(
                platform.serve(List.of(new AlertRoutes(), new WorkflowRoutes(), new WebhookRoutes())));
        producer = platform.producer();
    }

    @AfterAll
    static void stop() throws Exception {
        receiverVertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void aStoredAlertArrivesSignedWithItsEventAndDeliveryHeaders() throws Exception {
        publish(alert("ok-1"));

        Received received = await("the alert pushed")
                .atMost(WAIT)
                .until(() -> receiver.of("al-ok-1"), r -> !r.isEmpty())
                .get(0);
        assertThat(WebhookSignature.verify(
                        SECRET, received.signature(), received.body(), Instant.now(), Duration.ofMinutes(5)))
                .isTrue();
        assertThat(WebhookSignature.verify(
                        "another-secret", received.signature(), received.body(), Instant.now(), Duration.ofMinutes(5)))
                .isFalse();
        assertThat(received.event()).isEqualTo("alert.created");
        JsonObject payload = received.json();
        assertThat(payload.getString("type")).isEqualTo("alert.created");
        assertThat(payload.getString("event_id")).isEqualTo("alert.created:al-ok-1");
        JsonObject alert = payload.getJsonObject("alert");
        assertThat(alert.getString("transaction_id")).isEqualTo("ok-1");
        assertThat(alert.getString("account_id")).isEqualTo("acc-9");
        assertThat(alert.getString("amount")).isEqualTo("2300.00");
        assertThat(alert.getJsonArray("reasons").getJsonObject(0).getString("message"))
                .contains("12×");
        assertThat(alert.getJsonObject("transaction").getString("merchant_id")).isEqualTo("m-9");

        JsonObject logged = await("the delivery logged as delivered")
                .atMost(WAIT)
                .until(
                        () -> delivery("alert.created:al-ok-1"),
                        d -> d != null && "delivered".equals(d.getString("status")));
        assertThat(logged.getLong("id")).isEqualTo(Long.parseLong(received.delivery()));
        assertThat(logged.getInteger("attempts")).isEqualTo(1);
        assertThat(logged.getInteger("last_status_code")).isEqualTo(200);
        assertThat(logged.getString("delivered_at")).isNotNull();
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheEventAtTheThirdAttempt() throws Exception {
        publish(alert("flaky-1"));

        JsonObject logged = await("delivered after two failures")
                .atMost(WAIT)
                .until(
                        () -> delivery("alert.created:al-flaky-1"),
                        d -> d != null && "delivered".equals(d.getString("status")));
        assertThat(logged.getInteger("attempts")).isEqualTo(3);
        assertThat(logged.getInteger("last_status_code")).isEqualTo(200);
        List<Received> attempts = receiver.of("al-flaky-1");
        assertThat(attempts).hasSize(3);
        assertThat(attempts).extracting(Received::delivery).containsOnly(Long.toString(logged.getLong("id")));
        assertThat(attempts)
                .allSatisfy(r -> assertThat(WebhookSignature.verify(
                                SECRET, r.signature(), r.body(), Instant.now(), Duration.ofMinutes(5)))
                        .isTrue());
    }

    @Test
    void aReceiverThatAlwaysFailsLeavesTheDeliveryFailedUntilAnAdminRetriesIt() throws Exception {
        publish(alert("broken-1"));

        JsonObject failed = await("failed after the last attempt")
                .atMost(WAIT)
                .until(
                        () -> delivery("alert.created:al-broken-1"),
                        d -> d != null && "failed".equals(d.getString("status")));
        assertThat(failed.getInteger("attempts")).isEqualTo(MAX_ATTEMPTS);
        assertThat(failed.getInteger("last_status_code")).isEqualTo(503);
        assertThat(failed.getString("last_error")).isEqualTo("HTTP 503: down for maintenance");
        assertThat(receiver.of("al-broken-1")).hasSize(MAX_ATTEMPTS);
        assertThat(as("supervisor")
                        .get("/api/webhooks/deliveries?status=failed")
                        .body())
                .contains("alert.created:al-broken-1");

        String retry = "/api/webhooks/deliveries/" + failed.getLong("id") + "/retry";
        assertThat(as("supervisor").send("POST", retry, null).statusCode()).isEqualTo(403);
        HttpResponse<String> retried = as("admin").send("POST", retry, null);
        assertThat(retried.statusCode()).isEqualTo(202);
        await("a fresh set of attempts")
                .atMost(WAIT)
                .until(() -> receiver.of("al-broken-1").size() == 2 * MAX_ATTEMPTS);
        await("failed again")
                .atMost(WAIT)
                .until(
                        () -> delivery("alert.created:al-broken-1"),
                        d -> "failed".equals(d.getString("status")) && d.getInteger("attempts") == MAX_ATTEMPTS);
        assertThat(as("admin")
                        .send("POST", "/api/webhooks/deliveries/999999/retry", null)
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> notANumber = as("admin").send("POST", "/api/webhooks/deliveries/abc/retry", null);
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(ApiClient.error(notANumber).getString("field")).isEqualTo("deliveryId");
    }

    @Test
    void aRedeliveredAlertIsAnnouncedOnce() throws Exception {
        long duplicatesBefore = stats.alertsDuplicate();
        Alert alert = alert("dup-1");
        publish(alert);
        publish(alert);

        await("the second copy recognised as a duplicate")
                .atMost(WAIT)
                .until(() -> stats.alertsDuplicate() > duplicatesBefore);
        await("the alert pushed")
                .atMost(WAIT)
                .until(
                        () -> delivery("alert.created:al-dup-1"),
                        d -> d != null && "delivered".equals(d.getString("status")));
        try (Connection db = jdbc();
                PreparedStatement count = db.prepareStatement(
                        "SELECT count(*) FROM webhook_deliveries WHERE payload->'alert'->>'alert_id' = ?")) {
            count.setString(1, "al-dup-1");
            ResultSet rows = count.executeQuery();
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
        assertThat(receiver.of("al-dup-1")).hasSize(1);
    }

    @Test
    void aCasePastItsSlaIsAnnouncedOnceAsCaseOverdue() throws Exception {
        publish(alert("overdue-1"));
        await("the alert stored")
                .atMost(WAIT)
                .until(() -> !receiver.of("al-overdue-1").isEmpty());
        String caseId = platform.pool()
                .preparedQuery("SELECT case_id FROM alerts WHERE alert_id = $1")
                .execute(io.vertx.sqlclient.Tuple.of("al-overdue-1"))
                .await(30, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getString("case_id");
        platform.pool()
                .preparedQuery("UPDATE cases SET opened_at = now() - interval '8 days' WHERE case_id = $1")
                .execute(io.vertx.sqlclient.Tuple.of(caseId))
                .await(30, TimeUnit.SECONDS);

        Received overdue = await("the case announced")
                .atMost(WAIT)
                .until(
                        () -> receiver.of(caseId).stream()
                                .filter(r -> "case.overdue".equals(r.event()))
                                .toList(),
                        r -> !r.isEmpty())
                .get(0);

        JsonObject payload = overdue.json();
        assertThat(payload.getString("event_id")).isEqualTo("case.overdue:" + caseId);
        assertThat(payload.getJsonObject("case").getString("account_id")).isEqualTo("acc-9");
        assertThat(WebhookSignature.verify(
                        SECRET, overdue.signature(), overdue.body(), Instant.now(), Duration.ofMinutes(5)))
                .isTrue();
        await("announced once, through five more checks of the SLA")
                .during(Duration.ofMillis(1_500))
                .atMost(WAIT)
                .until(() -> receiver.of(caseId).stream()
                                .filter(r -> "case.overdue".equals(r.event()))
                                .count()
                        == 1);
    }

    @Test
    void anAnalystsDecisionIsPushedAsAlertDecided() throws Exception {
        publish(alert("decided-1"));
        await("the alert stored and pushed")
                .atMost(WAIT)
                .until(() -> !receiver.of("al-decided-1").isEmpty());

        assertThat(status("al-decided-1", "investigating").statusCode()).isEqualTo(200);
        assertThat(status("al-decided-1", "false_positive").statusCode()).isEqualTo(200);

        Received decided = await("the decision pushed")
                .atMost(WAIT)
                .until(
                        () -> receiver.of("al-decided-1").stream()
                                .filter(r -> "alert.decided".equals(r.event()))
                                .toList(),
                        r -> !r.isEmpty())
                .get(0);
        assertThat(WebhookSignature.verify(
                        SECRET, decided.signature(), decided.body(), Instant.now(), Duration.ofMinutes(5)))
                .isTrue();
        JsonObject payload = decided.json();
        assertThat(payload.getString("event_id")).isEqualTo("alert.decided:al-decided-1:false_positive");
        JsonObject decision = payload.getJsonObject("decision");
        assertThat(decision.getString("status")).isEqualTo("false_positive");
        assertThat(decision.getString("previous_status")).isEqualTo("investigating");
        assertThat(decision.getBoolean("fraud")).isFalse();
        assertThat(decision.getString("decided_by")).isEqualTo("analyst");
        assertThat(decision.getString("note")).isEqualTo("checked with the client");
        assertThat(receiver.of("al-decided-1"))
                .extracting(Received::event)
                .containsExactly("alert.created", "alert.decided");
    }

    @Test
    void theDeliveryLogIsForSupervisorsAndAdmins() throws Exception {
        assertThat(as("analyst").get("/api/webhooks/deliveries").statusCode()).isEqualTo(403);
        HttpResponse<String> asAdmin = as("admin").get("/api/webhooks/deliveries?limit=5");
        assertThat(asAdmin.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(asAdmin).getJsonArray("deliveries").size()).isLessThanOrEqualTo(5);
        HttpResponse<String> badStatus = as("supervisor").get("/api/webhooks/deliveries?status=lost");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(ApiClient.error(badStatus).getString("field")).isEqualTo("status");
        assertThat(as("supervisor").get("/api/webhooks/deliveries?limit=0").statusCode())
                .isEqualTo(400);
    }

    private static Alert alert(String transactionId) {
        Transaction tx = new Transaction(
                transactionId,
                "acc-9",
                new BigDecimal("2300.00"),
                "PEN",
                new BigDecimal("2300.00"),
                "PEN",
                Instant.parse("2026-11-20T07:40:00Z"),
                "m-9",
                "5732",
                Channel.ECOMMERCE,
                null,
                null,
                null,
                "PE",
                null,
                null);
        return new Alert(
                Alert.idFor(transactionId),
                tx,
                0.999,
                0.99,
                "ae-test",
                List.of(new Reason(
                        "amount", 1.0, "amount S/ 2,300.00 is 12× this account's average of S/ 190.00", Map.of())),
                Instant.now());
    }

    private static void publish(Alert alert) throws Exception {
        producer.send(new ProducerRecord<>(
                        config.topics().alerts(), alert.transaction().accountId(), Json.toBytes(alert)))
                .get(10, TimeUnit.SECONDS);
    }

    private static JsonObject delivery(String eventId) throws Exception {
        HttpResponse<String> response = as("supervisor").get("/api/webhooks/deliveries?limit=500");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonArray deliveries = new JsonObject(response.body()).getJsonArray("deliveries");
        return deliveries.stream()
                .map(JsonObject.class::cast)
                .filter(d -> eventId.equals(d.getString("event_id")))
                .findFirst()
                .orElse(null);
    }

    private static HttpResponse<String> status(String alertId, String status) throws Exception {
        return as("analyst")
                .post(
                        "/api/alerts/" + alertId + "/status",
                        "{\"status\":\"" + status + "\",\"note\":\"checked with the client\"}");
    }

    private static ApiClient as(String user) {
        return anonymous.as(user, PASSWORD);
    }

    private static Connection jdbc() throws Exception {
        return DriverManager.getConnection(
                platform.infrastructure().postgres().jdbcUrl(), EmbeddedPostgresServer.USER, "unused");
    }
}
