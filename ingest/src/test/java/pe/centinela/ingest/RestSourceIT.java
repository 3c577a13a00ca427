package pe.centinela.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.adapters.http.ApiServerVerticle;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.core.validation.DeadLetter;
import pe.centinela.embedded.EmbeddedInfrastructure;
import pe.centinela.embedded.EmbeddedPlatform;
import pe.centinela.embedded.TopicReader;

/** POST /api/transactions on a real Kafka broker and PostgreSQL: per-item results, field errors, limits, dead letters. */
class RestSourceIT {

    private static final String PASSWORD = "rest-it-password";

    @TempDir
    static Path dir;

    static EmbeddedPlatform platform;
    static EmbeddedInfrastructure infrastructure;
    static PlatformConfig config;
    static Vertx vertx;
    static int port;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        platform = EmbeddedPlatform.start(
                dir,
                Map.of(
                        "http.host",
                        "127.0.0.1",
                        "http.port",
                        "0",
                        "auth.admin-password",
                        PASSWORD,
                        "ingest.max-batch",
                        "5",
                        "http.max-body-bytes",
                        "4096"));
        infrastructure = platform.infrastructure();
        config = platform.config();
        vertx = platform.vertx();
        ApiServerVerticle api =
                new ApiServerVerticle(config, List.of(new TransactionRoutes(Clock.systemUTC(), new PipelineStats())));
        vertx.deployVerticle(api).await(60, TimeUnit.SECONDS);
        port = api.actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    private static String tx(String id, String amount) {
        return "{\"transaction_id\":\"" + id + "\",\"account_id\":\"acc-9\",\"amount\":" + amount
                + ",\"timestamp\":\"2026-11-20T10:15:00-05:00\","
                + "\"merchant_id\":\"m-1\",\"channel\":\"wallet\",\"counterparty_account\":\"acc-7\",\"device_id\":\"d\",\"ip\":\"200.1.1.1\"}";
    }

    private static HttpResponse<String> post(String body) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/transactions"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aValidTransactionIsAcceptedImputedAndPublishedKeyedByAccount() throws Exception {
        HttpResponse<String> response = post(tx("rest-1", "35.50"));
        assertThat(response.statusCode()).isEqualTo(202);
        JsonObject result = new JsonObject(response.body());
        assertThat(result.getString("status")).isEqualTo("accepted");
        assertThat(result.getJsonArray("quality_flags").stream().toList())
                .contains("imputed:merchant_category_code", "imputed:country");
        ConsumerRecord<String, byte[]> published = find(config.topics().transactions(), "rest-1");
        Transaction tx = Json.fromBytes(published.value(), Transaction.class);
        assertThat(published.key()).isEqualTo("acc-9");
        assertThat(tx.merchantCategoryCode()).isEqualTo("4829");
        assertThat(tx.source().kind()).isEqualTo("rest");
        assertThat(tx.source().name()).isEqualTo("rest:admin");
        assertThat(tx.source().receivedAt()).isNotNull();
    }

    @Test
    void anInvalidTransactionIsA400ListingEachFieldAndIsDeadLettered() throws Exception {
        HttpResponse<String> response = post("{\"transaction_id\":\"rest-bad\",\"amount\":-1,\"channel\":\"fax\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonArray errors =
                new JsonObject(response.body()).getJsonObject("error").getJsonArray("errors");
        List<String> fields = new ArrayList<>();
        errors.forEach(e -> fields.add(((JsonObject) e).getString("field")));
        assertThat(fields).contains("account_id", "amount", "timestamp", "merchant_id", "channel");
        DeadLetter letter = Json.fromBytes(findDeadLetter("rest-bad").value(), DeadLetter.class);
        assertThat(letter.sourceKind()).isEqualTo("rest");
        assertThat(letter.payload()).contains("\"amount\":-1");
    }

    @Test
    void aBatchGetsOneResultPerItemAndDuplicatesAreRejected() throws Exception {
        String body = "[" + tx("rest-b1", "10") + "," + tx("rest-b2", "0") + "," + tx("rest-b1", "10") + "]";
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).isEqualTo(202);
        JsonObject answer = new JsonObject(response.body());
        assertThat(answer.getInteger("accepted")).isEqualTo(1);
        assertThat(answer.getInteger("rejected")).isEqualTo(2);
        JsonArray results = answer.getJsonArray("results");
        assertThat(results.getJsonObject(0).getString("status")).isEqualTo("accepted");
        assertThat(results.getJsonObject(1)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("code"))
                .isEqualTo("not_positive");
        assertThat(results.getJsonObject(2)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("code"))
                .isEqualTo("duplicate");

        HttpResponse<String> again = post(tx("rest-b1", "10"));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("duplicate");
    }

    @Test
    void tooManyItemsOrTooManyBytesAre413() throws Exception {
        StringBuilder six = new StringBuilder("[");
        for (int i = 0; i < 6; i++) {
            six.append(i == 0 ? "" : ",").append(tx("rest-many-" + i, "1"));
        }
        HttpResponse<String> tooMany = post(six.append("]").toString());
        assertThat(tooMany.statusCode()).isEqualTo(413);
        assertThat(tooMany.body()).contains("at most 5");
        HttpResponse<String> tooBig = post("[" + "\"x\",".repeat(2000) + "\"x\"]");
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(new JsonObject(tooBig.body()).getJsonObject("error").getString("code"))
                .isEqualTo("payload_too_large");
    }

    @Test
    void aBodyThatIsNotJsonIsA400AndKeptAsADeadLetter() throws Exception {
        HttpResponse<String> response = post("transaction_id=rest-form");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("malformed_json");
        assertThat(Json.fromBytes(findDeadLetter("transaction_id=rest-form").value(), DeadLetter.class)
                        .reasons())
                .extracting("code")
                .containsExactly("malformed_json");
    }

    @Test
    void theDataQualityReportCountsAcceptedAndRejectedByReason() throws Exception {
        post(tx("rest-q1", "12"));
        post("{\"transaction_id\":\"rest-q2\"}");
        await("counts flushed to PostgreSQL").atMost(Duration.ofSeconds(30)).until(() -> {
            JsonObject report = report();
            return report.getLong("accepted") >= 1
                    && report.getJsonObject("rejected_by_reason").containsKey("account_id:missing");
        });
        JsonObject report = report();
        assertThat(report.getJsonObject("by_source").getJsonObject("rest:admin").getLong("rejected"))
                .isPositive();
        assertThat(report.getJsonArray("by_hour")).isNotEmpty();
        assertThat(report.getJsonObject("flags").getLong("imputed:country")).isPositive();
    }

    private static JsonObject report() throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return new JsonObject(http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/data-quality?hours=2"))
                                .header("Authorization", "Basic " + basic)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }

    private static ConsumerRecord<String, byte[]> find(String topic, String transactionId) {
        return new TopicReader(config.kafka().bootstrapServers())
                .find(
                        topic,
                        r -> new String(r.value(), StandardCharsets.UTF_8)
                                .contains("\"transaction_id\":\"" + transactionId + "\""),
                        Duration.ofSeconds(30));
    }

    private static ConsumerRecord<String, byte[]> findDeadLetter(String payloadPart) {
        return new TopicReader(config.kafka().bootstrapServers())
                .find(
                        config.topics().deadLetters(),
                        r -> Json.fromBytes(r.value(), DeadLetter.class)
                                .payload()
                                .contains(payloadPart),
                        Duration.ofSeconds(30));
    }
}
