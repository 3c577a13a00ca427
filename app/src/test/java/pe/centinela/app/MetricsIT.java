package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.embedded.ApiClient;
import pe.centinela.embedded.EmbeddedPostgresServer;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;

/**
 * {@code /metrics} after transactions went through ingest → scoring → alerts on a real Kafka broker and PostgreSQL:
 * the counters match what went through, by source and by reason, and the page needs a login.
 */
class MetricsIT {

    private static final String PASSWORD = "metrics-it";
    private static final int FROM_KAFKA = 400;
    private static final int FROM_REST = 2;
    private static final int MALFORMED = 3;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    static final PlatformUnderTest platform = new PlatformUnderTest(
            Map.of("auth.admin-password", PASSWORD, "auth.demo-users", "true", "scoring.alert-threshold", "0.9"));

    static KafkaProducer<String, byte[]> producer;
    static ApiClient anonymous;

    @BeforeAll
    static void startPlatform() throws Exception {
        anonymous = ApiClient.anonymous(platform.deploy(Platform.Role.ALL));
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        platform.config().kafka().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
        sendTraffic();
    }

    /** FROM_KAFKA good transactions, MALFORMED unreadable ones and one duplicate on the raw topic; FROM_REST by the API. */
    private static void sendTraffic() throws Exception {
        TransactionGenerator generator = new TransactionGenerator(
                // a fixed start, not now: the seeded traffic, and so whether the small model raises alerts on it, must
                // not depend on the hour the suite runs (it raised none on some afternoons)
                GeneratorSettings.defaults(7, Instant.parse("2026-03-02T14:00:00Z"))
                        .withAccounts(100)
                        .withFraudRate(0.05));
        Transaction first = null;
        for (int i = 0; i < FROM_KAFKA; i++) {
            Transaction tx = generator.next().transaction();
            first = first == null ? tx : first;
            send(tx.accountId(), Json.toBytes(tx));
        }
        for (int i = 0; i < MALFORMED; i++) {
            send("x", ("{not json " + i).getBytes(StandardCharsets.UTF_8));
        }
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < FROM_REST; i++) {
            rest.add(Json.toString(generator.next().transaction()));
        }
        HttpResponse<String> posted =
                as("admin", PASSWORD).post("/api/transactions", "[" + String.join(",", rest) + "]");
        assertThat(posted.statusCode()).isEqualTo(202);
        await("the first transactions ingested")
                .atMost(WAIT)
                .until(() ->
                        metric(scrape(), "centinela_transactions_ingested_total", "source", "kafka-raw") >= FROM_KAFKA);
        send(first.accountId(), Json.toBytes(first));
    }

    @AfterAll
    static void stopProducer() {
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void countersMatchWhatWentThroughBySourceAndReason() throws Exception {
        String page = await("everything scored and every rejection counted")
                .atMost(WAIT)
                .until(
                        MetricsIT::scrape,
                        p -> metric(p, "centinela_transactions_scored_total") >= FROM_KAFKA + FROM_REST
                                && metric(p, "centinela_transactions_rejected_total") >= MALFORMED + 1);

        assertThat(metric(page, "centinela_transactions_ingested_total", "source", "kafka-raw"))
                .isEqualTo(FROM_KAFKA);
        assertThat(metric(page, "centinela_transactions_ingested_total", "source", "rest:admin"))
                .isEqualTo(FROM_REST);
        assertThat(metric(
                        page,
                        "centinela_transactions_rejected_total",
                        "source",
                        "kafka-raw",
                        "reason",
                        "malformed_json"))
                .isEqualTo(MALFORMED);
        assertThat(metric(page, "centinela_transactions_rejected_total", "source", "kafka-raw", "reason", "duplicate"))
                .isEqualTo(1);
        assertThat(metric(page, "centinela_transactions_rejected_total")).isEqualTo(MALFORMED + 1);
        assertThat(metric(page, "centinela_transactions_scored_total")).isEqualTo(FROM_KAFKA + FROM_REST);
        assertThat(metric(page, "centinela_transaction_score_count")).isEqualTo(FROM_KAFKA + FROM_REST);
        assertThat(metric(page, "centinela_transaction_score_bucket", "le", "+Inf"))
                .isEqualTo(FROM_KAFKA + FROM_REST);
        assertThat(metric(page, "centinela_end_to_end_latency_seconds_count")).isEqualTo(FROM_KAFKA + FROM_REST);
        assertThat(metric(page, "centinela_scoring_batch_duration_seconds_count"))
                .isPositive();
        assertThat(metric(page, "centinela_model_active", "version", platform.modelVersion()))
                .isEqualTo(1);
        assertThat(metric(page, "centinela_model_alert_threshold", "version", platform.modelVersion()))
                .isEqualTo(0.9);
        assertThat(page).contains("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads");
    }

    @Test
    void everyRaisedAlertIsCountedAsStoredOrDuplicateAndTheStoredOnesAreInPostgres() throws Exception {
        String page = await("every raised alert stored")
                .atMost(WAIT)
                .until(
                        MetricsIT::scrape,
                        p -> metric(p, "centinela_transactions_scored_total") >= FROM_KAFKA + FROM_REST
                                && metric(p, "centinela_alerts_stored_total")
                                                + metric(p, "centinela_alerts_duplicate_total")
                                        >= metric(p, "centinela_alerts_raised_total"));
        assertThat(metric(page, "centinela_alerts_raised_total")).isPositive();
        assertThat(metric(page, "centinela_alerts_stored_total") + metric(page, "centinela_alerts_duplicate_total"))
                .isEqualTo(metric(page, "centinela_alerts_raised_total"));
        assertThat(metric(page, "centinela_alert_store_duration_seconds_count")).isPositive();
        try (Connection db = DriverManager.getConnection(
                platform.infrastructure().postgres().jdbcUrl(), EmbeddedPostgresServer.USER, "unused")) {
            ResultSet count = db.createStatement().executeQuery("SELECT count(*) FROM alerts");
            count.next();
            assertThat(metric(page, "centinela_alerts_stored_total")).isEqualTo(count.getInt(1));
        }
    }

    @Test
    void consumerLagFallsToZeroOnceEverythingIsProcessed() {
        await("the scoring group caught up").atMost(WAIT).until(() -> {
            String page = scrape();
            return page.contains(
                            "centinela_consumer_lag_records{group=\"centinela-scoring\",topic=\"fraud.transactions\"}")
                    && metric(page, "centinela_transactions_scored_total") >= FROM_KAFKA + FROM_REST
                    && metric(page, "centinela_consumer_lag_records", "group", "centinela-scoring") == 0
                    && metric(page, "centinela_consumer_lag_records", "group", "centinela-ingest") == 0;
        });
    }

    @Test
    void theMetricsPageNeedsALoginAndSpeaksTheTextFormat() throws Exception {
        HttpResponse<String> withoutLogin = anonymous.get("/metrics");
        assertThat(withoutLogin.statusCode()).isEqualTo(401);
        assertThat(withoutLogin.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(as("analyst", "guess").get("/metrics").statusCode()).isEqualTo(401);
        assertThat(anonymous.withToken("cnt_not_a_token").get("/metrics").statusCode())
                .isEqualTo(401);
        HttpResponse<String> scraped = as("analyst", PASSWORD).get("/metrics");
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(scraped.body()).contains("# TYPE centinela_transactions_ingested_total counter");
        HttpResponse<String> token = as("analyst", PASSWORD).post("/api/tokens", "{\"name\":\"prometheus\"}");
        assertThat(token.statusCode()).isEqualTo(201);
        HttpResponse<String> withToken =
                anonymous.withToken(ApiClient.json(token).getString("token")).get("/metrics");
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).contains("centinela_transactions_scored_total");
    }

    private static String scrape() throws Exception {
        HttpResponse<String> response = as("admin", PASSWORD).get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The sum of the samples of {@code name} whose labels include the given name/value pairs; 0 when there is none. */
    static double metric(String page, String name, String... labels) {
        double sum = 0;
        for (String line : page.split("\n", -1)) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int valueAt = line.lastIndexOf(' ');
            String series = line.substring(0, valueAt);
            boolean matches = true;
            for (int i = 0; i < labels.length; i += 2) {
                matches &= series.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (matches) {
                sum += Double.parseDouble(line.substring(valueAt + 1));
            }
        }
        return sum;
    }

    private static ApiClient as(String user, String password) {
        return anonymous.as(user, password);
    }

    private static void send(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(platform.config().topics().raw(), key, value))
                .get(10, TimeUnit.SECONDS);
    }
}
