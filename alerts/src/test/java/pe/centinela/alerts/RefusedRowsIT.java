package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Reason;
import pe.centinela.core.domain.ScoreRecord;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.core.validation.DeadLetter;
import pe.centinela.core.validation.Violation;
import pe.centinela.embedded.EmbeddedPostgresServer;
import pe.centinela.embedded.TopicReader;

/**
 * Alerts and scores that PostgreSQL refuses (a U+0000 in the merchant id: no text column can hold it), produced onto
 * the platform's own topics between good ones: each refused record becomes a dead letter with PostgreSQL's reason and
 * the records around it are stored, where before the stage retried its batch for ever.
 */
class RefusedRowsIT {

    private static final Instant AT = Instant.parse("2026-11-20T07:40:00Z");
    private static final String REFUSED_MERCHANT = "m-\u0000-9";

    @RegisterExtension
    static final PlatformUnderTest platform = new PlatformUnderTest(Map.of());

    static PlatformConfig config;

    @BeforeAll
    static void start() throws Exception {
        config = platform.config();
        PipelineStats stats = new PipelineStats();
        platform.deploy(new AlertStoreVerticle(config, stats));
        platform.deploy(new TransactionHistoryVerticle(config, stats));
    }

    private static Transaction transaction(String id, String merchant) {
        return new Transaction(
                id,
                "acc-7",
                new BigDecimal("2300.00"),
                "PEN",
                new BigDecimal("2300.00"),
                "PEN",
                AT,
                merchant,
                "5732",
                Channel.ECOMMERCE,
                null,
                null,
                null,
                "PE",
                null,
                null);
    }

    private static Alert alert(String id, String merchant) {
        return new Alert(
                Alert.idFor(id),
                transaction(id, merchant),
                0.999,
                0.99,
                "ae-test",
                List.of(new Reason("amount", 1.0, "amount S/ 2,300.00 is 12× this account's average", Map.of())),
                AT);
    }

    private static ScoreRecord score(String id, String merchant) {
        return new ScoreRecord(
                id,
                "acc-7",
                0.999,
                "ae-test",
                0.99,
                true,
                AT,
                AT,
                new BigDecimal("2300.00"),
                new BigDecimal("2300.00"),
                "PEN",
                merchant,
                "5732",
                Channel.ECOMMERCE,
                null,
                null,
                null,
                false);
    }

    @Test
    void aRecordPostgresqlRefusesIsDeadLetteredAndTheRestOfItsBatchIsStored() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        config.kafka().bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        "50"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (String id : List.of("ok-1", "refused", "ok-2")) {
                String merchant = id.equals("refused") ? REFUSED_MERCHANT : "m-9";
                producer.send(
                        new ProducerRecord<>(config.topics().alerts(), "acc-7", Json.toBytes(alert(id, merchant))));
                producer.send(
                        new ProducerRecord<>(config.topics().scores(), "acc-7", Json.toBytes(score(id, merchant))));
            }
            producer.flush();
        }
        TopicReader reader = new TopicReader(config.kafka().bootstrapServers());
        await("both refused records dead-lettered")
                .atMost(Duration.ofSeconds(60))
                .until(() -> reader.count(config.topics().deadLetters()) >= 2);
        await("the good records stored")
                .atMost(Duration.ofSeconds(30))
                .until(() -> rows("alerts") == 2 && rows("scored_transactions") == 2);

        List<DeadLetter> letters = reader.readAll(config.topics().deadLetters(), 2, Duration.ofSeconds(30)).stream()
                .map(r -> Json.fromBytes(r.value(), DeadLetter.class))
                .toList();
        assertThat(letters)
                .extracting(DeadLetter::sourceName)
                .containsExactlyInAnyOrder(
                        config.topics().alerts(), config.topics().scores());
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.reasons()).extracting(Violation::code).containsExactly("refused_by_database");
            assertThat(letter.reasons().get(0).message())
                    .startsWith("PostgreSQL refused it:")
                    .contains("22");
            assertThat(letter.payload()).contains("\"refused\"");
        });
        assertThat(ids("SELECT transaction_id FROM alerts")).containsExactlyInAnyOrder("ok-1", "ok-2");
        assertThat(ids("SELECT transaction_id FROM scored_transactions")).containsExactlyInAnyOrder("ok-1", "ok-2");
    }

    private static long rows(String table) throws Exception {
        return ids("SELECT transaction_id FROM " + table).size();
    }

    private static List<String> ids(String query) throws Exception {
        EmbeddedPostgresServer postgres = platform.infrastructure().postgres();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                ResultSet rows = c.createStatement().executeQuery(query)) {
            List<String> ids = new java.util.ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }
}
