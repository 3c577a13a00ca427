package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import pe.centinela.core.domain.Decision;
import pe.centinela.core.domain.Reason;
import pe.centinela.core.domain.RuleHit;
import pe.centinela.core.domain.RuleOutcome;
import pe.centinela.core.domain.ScoreRecord;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.core.validation.DeadLetter;
import pe.centinela.core.validation.Violation;
import pe.centinela.embedded.EmbeddedPostgresServer;
import pe.centinela.embedded.TopicReader;

/**
 * How the alert and history stages write to PostgreSQL. The history's COPY writes every column as the insert would,
 * awkward text intact, and a batch repeating a stored row is refused whole and stored by the idempotent insert. Alerts
 * and scores that PostgreSQL refuses (a U+0000 in the merchant id: no text column can hold it), produced onto
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
        assertThat(ids("SELECT transaction_id FROM alerts WHERE transaction_id IN ('ok-1', 'ok-2', 'refused')"))
                .containsExactlyInAnyOrder("ok-1", "ok-2");
        assertThat(
                        ids(
                                "SELECT transaction_id FROM scored_transactions WHERE transaction_id IN ('ok-1', 'ok-2', 'refused')"))
                .containsExactlyInAnyOrder("ok-1", "ok-2");
    }

    @Test
    void aBatchDeliveredAgainWithAScoreAlreadyStoredIsStoredWholeWithoutADeadLetter() throws Exception {
        TopicReader reader = new TopicReader(config.kafka().bootstrapServers());
        long lettersBefore = reader.count(config.topics().deadLetters());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        config.kafka().bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        "50"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(
                    new ProducerRecord<>(config.topics().scores(), "acc-7", Json.toBytes(score("again-1", "m-9"))));
            producer.flush();
            await("the first delivery stored")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> ids("SELECT transaction_id FROM scored_transactions WHERE transaction_id = 'again-1'")
                                    .size()
                            == 1);
            for (String id : List.of("again-2", "again-1", "again-3")) {
                producer.send(new ProducerRecord<>(config.topics().scores(), "acc-7", Json.toBytes(score(id, "m-9"))));
            }
            producer.flush();
        }
        await("the batch holding the repeat stored")
                .atMost(Duration.ofSeconds(30))
                .until(() -> ids("SELECT transaction_id FROM scored_transactions WHERE transaction_id LIKE 'again-%'")
                                .size()
                        == 3);
        assertThat(reader.count(config.topics().deadLetters()))
                .as("no dead letter: the repeated score is not refused")
                .isEqualTo(lettersBefore);
    }

    private static long rows(String table) throws Exception {
        return ids("SELECT transaction_id FROM " + table + " WHERE transaction_id IN ('ok-1', 'ok-2', 'refused')")
                .size();
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

    private static ScoreRecord copied(String id, String merchant, List<RuleHit> rules, Double shadowScore) {
        Instant at = Instant.parse("2026-11-20T07:40:00.123Z");
        return new ScoreRecord(
                id,
                "acc-copy",
                0.97,
                "ae-test",
                0.95,
                true,
                at,
                at.plusMillis(15),
                new BigDecimal("2300.50"),
                new BigDecimal("610.00"),
                "USD",
                merchant,
                "5732",
                Channel.WALLET,
                shadowScore == null ? null : "gbdt-next",
                shadowScore,
                shadowScore == null ? null : Boolean.FALSE,
                true,
                Decision.DECLINE,
                rules,
                "dev-\\1",
                "190.42.7.1",
                null);
    }

    private static Row row(String id) throws Exception {
        return platform.pool()
                .preparedQuery("SELECT *, amount::text AS amount_text, amount_pen::text AS pen_text,"
                        + " rule_hits::text AS hits FROM scored_transactions WHERE transaction_id = $1")
                .execute(Tuple.of(id))
                .await(30, TimeUnit.SECONDS)
                .iterator()
                .next();
    }

    @Test
    void everyColumnArrivesAsWrittenAndTabsNewlinesAndBackslashesSurvive() throws Exception {
        String awkward = "m-\t\\n\n\r\"ñ'-9";
        RuleHit hit =
                new RuleHit("wallet_night", 2, RuleOutcome.DECLINE, false, "Billetera de noche", "Wallet at night");
        try (HistoryCopy copy = new HistoryCopy(config.postgres())) {
            assertThat(copy.copy(List.of(
                            copied("copy-1", awkward, List.of(hit), 0.12), copied("copy-2", "m-9", List.of(), null))))
                    .isTrue();
        }

        Row first = row("copy-1");
        assertThat(first.getString("merchant_id")).isEqualTo(awkward);
        assertThat(first.getString("device_id")).isEqualTo("dev-\\1");
        assertThat(first.getString("amount_text")).isEqualTo("610.00");
        assertThat(first.getString("pen_text")).isEqualTo("2300.50");
        assertThat(first.getString("currency")).isEqualTo("USD");
        assertThat(first.getString("channel")).isEqualTo("wallet");
        assertThat(first.getDouble("score")).isEqualTo(0.97);
        assertThat(first.getBoolean("alert")).isTrue();
        assertThat(first.getBoolean("review")).isTrue();
        assertThat(first.getString("decision")).isEqualTo("decline");
        assertThat(first.getOffsetDateTime("tx_time").toInstant()).isEqualTo(Instant.parse("2026-11-20T07:40:00.123Z"));
        assertThat(first.getOffsetDateTime("scored_at").toInstant())
                .isEqualTo(Instant.parse("2026-11-20T07:40:00.138Z"));
        assertThat(first.getString("shadow_version")).isEqualTo("gbdt-next");
        assertThat(first.getDouble("shadow_score")).isEqualTo(0.12);
        assertThat(first.getBoolean("shadow_alert")).isFalse();
        assertThat(first.getString("hits")).contains("\"rule_id\": \"wallet_night\"");
        assertThat(first.getString("ip")).isEqualTo("190.42.7.1");
        assertThat(first.getString("counterparty_account")).isNull();
        Row second = row("copy-2");
        assertThat(second.getString("hits")).isNull();
        assertThat(second.getString("shadow_version")).isNull();
        assertThat(second.getValue("shadow_alert")).isNull();
    }

    @Test
    void aBatchRepeatingAStoredRowWritesNothingAndSaysSo() throws Exception {
        try (HistoryCopy copy = new HistoryCopy(config.postgres())) {
            assertThat(copy.copy(List.of(copied("copy-again-1", "m-9", List.of(), null))))
                    .isTrue();
            assertThat(copy.copy(List.of(
                            copied("copy-again-2", "m-9", List.of(), null),
                            copied("copy-again-1", "m-9", List.of(), null))))
                    .isFalse();
            assertThat(copy.copy(List.of(copied("copy-again-3", "m-9", List.of(), null))))
                    .as("the connection is usable after the refusal")
                    .isTrue();
        }
        assertThat(platform
                        .pool()
                        .query("SELECT transaction_id FROM scored_transactions WHERE transaction_id LIKE 'copy-again-%'"
                                + " ORDER BY 1")
                        .execute()
                        .await(30, TimeUnit.SECONDS)
                        .stream()
                        .map(r -> r.getString(0))
                        .toList())
                .containsExactly("copy-again-1", "copy-again-3");
    }
}
