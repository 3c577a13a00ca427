package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Label;
import pe.centinela.core.domain.Reason;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.core.validation.DeadLetter;
import pe.centinela.embedded.EmbeddedPostgresServer;
import pe.centinela.embedded.TopicReader;
import pe.centinela.generator.GeneratedTransaction;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;

/** Generated transactions through ingest → scoring → alerts on a real Kafka broker and a real PostgreSQL. */
class PipelineIT {

    private static final int TRANSACTIONS = 2_000;

    @RegisterExtension
    static final PlatformUnderTest platform = new PlatformUnderTest(Map.of("scoring.alert-threshold", "0.99"));

    static final PipelineStats stats = new PipelineStats();
    static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform.deploy(Platform.Role.ALL, stats);
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        platform.config().kafka().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterAll
    static void stopProducer() {
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void generatedTransactionsAreScoredAndTheirAlertsStoredOnceInPostgres() throws Exception {
        TransactionGenerator generator =
                new TransactionGenerator(GeneratorSettings.defaults(99, Instant.parse("2026-03-02T14:00:00Z"))
                        .withAccounts(200)
                        .withFraudRate(0.05));
        Set<String> produced = new HashSet<>();
        for (int i = 0; i < TRANSACTIONS; i++) {
            GeneratedTransaction row = generator.next();
            produced.add(row.transaction().transactionId());
            // not acknowledged one by one: the flush below waits for all of them
            producer.send(new ProducerRecord<>(
                    platform.config().topics().raw(), row.transaction().accountId(), Json.toBytes(row.transaction())));
        }
        send(platform.config().topics().raw(), "x", "{not json".getBytes(StandardCharsets.UTF_8));
        send(
                platform.config().topics().raw(),
                "x",
                "{\"transaction_id\":\"bad-1\",\"amount\":-5}".getBytes(StandardCharsets.UTF_8));
        producer.flush();

        await("all transactions scored and dead letters written")
                .atMost(Duration.ofSeconds(90))
                .until(() -> stats.scored() >= TRANSACTIONS && stats.rejected() >= 2);
        await("every raised alert stored")
                .atMost(Duration.ofSeconds(60))
                .until(() -> stats.alertsStored() + stats.alertsDuplicate() >= stats.alertsRaised());

        List<ConsumerRecord<String, byte[]>> alertsTopic =
                readAll(platform.config().topics().alerts(), stats.alertsRaised());
        assertThat(alertsTopic).isNotEmpty();
        Set<String> alertedTransactions = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : alertsTopic) {
            Alert alert = Json.fromBytes(record.value(), Alert.class);
            assertThat(record.key()).isEqualTo(alert.transaction().accountId());
            if (produced.contains(alert.transaction().transactionId())) {
                alertedTransactions.add(alert.transaction().transactionId());
            }
        }

        try (Connection db = jdbc()) {
            Set<String> stored = new HashSet<>();
            ResultSet rows = db.createStatement()
                    .executeQuery(
                            "SELECT transaction_id, account_id, score, threshold, model_version, reasons::text, status FROM alerts");
            while (rows.next()) {
                if (!produced.contains(rows.getString(1))) {
                    continue;
                }
                stored.add(rows.getString(1));
                assertThat(rows.getDouble(3)).isGreaterThanOrEqualTo(rows.getDouble(4));
                assertThat(rows.getString(5)).startsWith("ae-");
                assertThat(rows.getString(6)).contains("\"message\"");
                assertThat(rows.getString(7)).isEqualTo("new");
            }
            assertThat(alertedTransactions).isNotEmpty();
            assertThat(stored).isEqualTo(alertedTransactions);
        }

        List<ConsumerRecord<String, byte[]>> deadLetters =
                readAll(platform.config().topics().deadLetters(), 2);
        assertThat(deadLetters)
                .extracting(r -> Json.fromBytes(r.value(), DeadLetter.class))
                .anySatisfy(d -> assertThat(d.reasons()).extracting("code").containsExactly("malformed_json"))
                .anySatisfy(d -> {
                    assertThat(d.payload()).contains("bad-1");
                    assertThat(d.reasons()).extracting("field").contains("amount", "account_id", "timestamp");
                });
        List<ConsumerRecord<String, byte[]>> canonical =
                readAll(platform.config().topics().transactions(), TRANSACTIONS);
        assertThat(canonical)
                .allSatisfy(r -> assertThat(r.key())
                        .isEqualTo(Json.fromBytes(r.value(), Transaction.class).accountId()));
    }

    @Test
    void aRedeliveredAlertIsStoredOnce() throws Exception {
        Transaction tx = new Transaction(
                "redelivered-1",
                "acc-r",
                new BigDecimal("999.00"),
                "PEN",
                new BigDecimal("999.00"),
                "PEN",
                Instant.parse("2026-11-20T08:00:00Z"),
                "m-1",
                "5732",
                Channel.ECOMMERCE,
                null,
                null,
                null,
                "PE",
                null,
                null);
        Alert alert = new Alert(
                Alert.idFor(tx.transactionId()),
                tx,
                0.999,
                0.99,
                "ae-test",
                List.of(new Reason(
                        "amount", 1.0, "amount S/ 999.00 is 10× this account's average of S/ 99.90", Map.of())),
                Instant.now());
        long duplicatesBefore = stats.alertsDuplicate();
        send(platform.config().topics().alerts(), tx.accountId(), Json.toBytes(alert));
        send(platform.config().topics().alerts(), tx.accountId(), Json.toBytes(alert));
        producer.flush();

        await("the second delivery recognised as a duplicate")
                .atMost(Duration.ofSeconds(60))
                .until(() -> stats.alertsDuplicate() > duplicatesBefore);
        try (Connection db = jdbc()) {
            ResultSet count = db.createStatement()
                    .executeQuery("SELECT count(*) FROM alerts WHERE transaction_id = 'redelivered-1'");
            count.next();
            assertThat(count.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void anAnalystsDecisionReachesTheScoringFeatures() throws Exception {
        long before = stats.labelsApplied();
        Label label = new Label(
                "tx-decided",
                "acc-d",
                "m-skimmed",
                true,
                "al-tx-decided",
                "supervisor",
                Instant.now(),
                null,
                null,
                null);
        send(platform.config().topics().labels(), label.accountId(), Json.toBytes(label));
        send(platform.config().topics().labels(), "acc-x", "not a label".getBytes(StandardCharsets.UTF_8));
        await("the label applied by the scoring instance")
                .atMost(Duration.ofSeconds(30))
                .until(() -> stats.labelsApplied() > before);
        assertThat(stats.labelsApplied()).isEqualTo(before + 1);
    }

    private static void send(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
    }

    private static Connection jdbc() throws SQLException {
        return DriverManager.getConnection(
                platform.infrastructure().postgres().jdbcUrl(), EmbeddedPostgresServer.USER, "unused");
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, long atLeast) {
        return new TopicReader(platform.config().kafka().bootstrapServers())
                .readAll(topic, atLeast, Duration.ofSeconds(30));
    }
}
