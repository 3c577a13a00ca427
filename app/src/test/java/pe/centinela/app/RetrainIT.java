package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.core.signing.SigningKeys;
import pe.centinela.embedded.ApiClient;
import pe.centinela.embedded.EmbeddedPostgresServer;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;
import pe.centinela.scoring.registry.ModelRegistry;

/**
 * One full turn of the retraining loop on a real broker and database: with a weak model in force (the small
 * autoencoder) and a labelled history on the canonical topic, the loop trains a gradient-boosted candidate, finds it
 * better on the same validation window and puts it in shadow; scoring then scores live traffic with both, analysts
 * decide the alerts through the API, and the loop promotes the candidate on those decisions; scoring switches to it.
 */
class RetrainIT {

    private static final String PASSWORD = "Retrain-it-Passw0rd";
    private static final int DECIDED = 60;
    private static final Path SIGNING_KEY = signingKey();

    @RegisterExtension
    static final PlatformUnderTest platform = new PlatformUnderTest(Map.ofEntries(
            Map.entry("retrain.every", "1h"),
            Map.entry("retrain.check-interval", "500ms"),
            Map.entry("retrain.families", "gbdt"),
            Map.entry("retrain.train-days", "3650"),
            Map.entry("retrain.label-delay", "1d"),
            Map.entry("retrain.shadow-for", "1s"),
            Map.entry("retrain.shadow-limit", "10m"),
            Map.entry("retrain.min-decided-alerts", Integer.toString(DECIDED)),
            Map.entry("retrain.signing-key", SIGNING_KEY.toString()),
            Map.entry("scoring.refresh-interval", "200ms"),
            Map.entry("ingest.max-future-skew", "3650d"),
            Map.entry("auth.admin-password", PASSWORD),
            Map.entry("auth.demo-users", "true")));

    @Test
    void theLoopTrainsShadowsAndPromotesACandidateThatBeatsTheModelInForce() throws Exception {
        String inForce = platform.modelVersion();
        TransactionGenerator generator =
                new TransactionGenerator(GeneratorSettings.defaults(21, Instant.parse("2026-03-02T14:00:00Z"))
                        .withAccounts(300)
                        .withFraudRate(0.03));
        Map<String, Boolean> fraud = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        platform.config().kafka().bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "1",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        "false"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            send(producer, platform.config().topics().transactions(), generator, 8_000, fraud);
            producer.flush();

            PipelineStats stats = new PipelineStats();
            int port = platform.deploy(Platform.Role.ALL, stats);
            ModelRegistry registry = new ModelRegistry(platform.config().postgres());
            await("the candidate in shadow")
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() ->
                            registry.list().stream().anyMatch(e -> e.status().equals("shadow"))
                                    || rejectedOrFailed(registry));
            assertThat(registry.events(null, 20))
                    .as("the trail")
                    .noneMatch(e ->
                            e.action().equals("retrain_failed") || e.action().equals("reject"));
            ModelRegistry.Entry candidate = registry.list().stream()
                    .filter(e -> e.status().equals("shadow"))
                    .findFirst()
                    .orElseThrow();
            assertThat(candidate.kind()).isEqualTo("gbdt");
            JsonObject shadowed =
                    new JsonObject(registry.latest("shadow").orElseThrow().detail());
            assertThat(shadowed.getString("in_force")).isEqualTo(inForce);
            assertThat(shadowed.getDouble("validation_average_precision"))
                    .isGreaterThanOrEqualTo(shadowed.getDouble("in_force_validation_average_precision") + 0.01);

            // live traffic until the model in force has raised enough alerts that the shadow scored too (scoring takes
            // the
            // shadow on at its next refresh)
            await("alerts scored by both")
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        if (shadowScoredAlerts(candidate.version()).size() >= 150) {
                            return true;
                        }
                        send(producer, platform.config().topics().raw(), generator, 500, fraud);
                        producer.flush();
                        return false;
                    });
            assertThat(registry.active().orElseThrow().version())
                    .as("nothing decided yet, the model in force stays")
                    .isEqualTo(inForce);

            ApiClient analyst = ApiClient.anonymous(port).as("analyst", PASSWORD);
            for (String[] alert : toDecide(shadowScoredAlerts(candidate.version()), fraud)) {
                String status = Boolean.TRUE.equals(fraud.get(alert[1])) ? "confirmed_fraud" : "false_positive";
                assertThat(analyst.post("/api/alerts/" + alert[0] + "/status", "{\"status\":\"investigating\"}")
                                .statusCode())
                        .isEqualTo(200);
                assertThat(analyst.post("/api/alerts/" + alert[0] + "/status", "{\"status\":\"" + status + "\"}")
                                .statusCode())
                        .isEqualTo(200);
            }
            await("the candidate promoted")
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> registry.active().orElseThrow().version().equals(candidate.version()));
            JsonObject promoted =
                    new JsonObject(registry.latest("promote").orElseThrow().detail());
            assertThat(promoted.getString("reason")).isEqualTo("beat_in_force");
            assertThat(promoted.getInteger("decided_alerts")).isEqualTo(DECIDED);
            assertThat(promoted.getDouble("shadow_average_precision"))
                    .isGreaterThanOrEqualTo(promoted.getDouble("in_force_shadow_average_precision"));
            assertThat(registry.events(candidate.version(), 10))
                    .extracting(ModelRegistry.Event::action)
                    .containsExactly("promote", "shadow", "publish");
            assertThat(registry.events(candidate.version(), 10))
                    .allSatisfy(e -> assertThat(e.actor()).isEqualTo("retrain"));
            JsonObject trail = ApiClient.json(analyst.get("/api/models/events?version=" + candidate.version()));
            assertThat(trail.getJsonArray("events").stream()
                            .map(e -> ((JsonObject) e).getString("action"))
                            .toList())
                    .as("the trail in the API")
                    .containsExactly("promote", "shadow", "publish");
            await("scoring switched to it")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> stats.activeModel().version().equals(candidate.version()));
        }
    }

    private static boolean rejectedOrFailed(ModelRegistry registry) throws Exception {
        return registry.events(null, 20).stream()
                .anyMatch(e -> e.action().equals("retrain_failed") || e.action().equals("reject"));
    }

    private static void send(
            KafkaProducer<String, byte[]> producer,
            String topic,
            TransactionGenerator generator,
            int count,
            Map<String, Boolean> fraud) {
        for (int i = 0; i < count; i++) {
            Transaction tx = generator.next().transaction();
            fraud.put(tx.transactionId(), tx.fraudLabel());
            producer.send(new ProducerRecord<>(topic, tx.accountId(), Json.toBytes(tx)));
        }
    }

    /** Alert id and transaction id of the alerts the shadow also scored. */
    private static List<String[]> shadowScoredAlerts(String shadow) throws Exception {
        EmbeddedPostgresServer postgres = platform.infrastructure().postgres();
        List<String[]> alerts = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                var q = c.prepareStatement(
                        "SELECT a.alert_id, a.transaction_id FROM alerts a JOIN scored_transactions s ON s.transaction_id = a.transaction_id"
                                + " WHERE s.shadow_version = ? ORDER BY a.alert_id")) {
            q.setString(1, shadow);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    alerts.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return alerts;
    }

    /** {@link #DECIDED} of them, the frauds among them first, so that the decisions hold both kinds. */
    private static List<String[]> toDecide(List<String[]> alerts, Map<String, Boolean> fraud) {
        List<String[]> ordered = new ArrayList<>(alerts.stream()
                .filter(a -> Boolean.TRUE.equals(fraud.get(a[1])))
                .limit(DECIDED / 3)
                .toList());
        alerts.stream()
                .filter(a -> !Boolean.TRUE.equals(fraud.get(a[1])))
                .limit(DECIDED - ordered.size())
                .forEach(ordered::add);
        assertThat(ordered).hasSize(DECIDED);
        assertThat(ordered).anyMatch(a -> Boolean.TRUE.equals(fraud.get(a[1])));
        return ordered;
    }

    private static Path signingKey() {
        try {
            Path dir = Files.createTempDirectory("retrain-it-key");
            SigningKeys.write(TestKeys.PAIR, dir.resolve("signing.pem"), dir.resolve("signing.pub.pem"));
            dir.toFile().deleteOnExit();
            return dir.resolve("signing.pem");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
