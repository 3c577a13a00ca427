package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Label;
import pe.centinela.core.domain.ScoreRecord;
import pe.centinela.core.features.AccountState;
import pe.centinela.core.json.Json;
import pe.centinela.core.validation.DeadLetter;
import pe.centinela.core.validation.Violation;
import pe.centinela.embedded.EmbeddedPostgresServer;
import pe.centinela.embedded.TopicReader;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;

/**
 * Poison records (garbled bytes, JSON of another shape, JSON null, no value, required fields left out) on every topic
 * the platform consumes, between good traffic: nothing stops. Poison on the raw, canonical, scores and alerts topics
 * becomes exactly one dead letter each, with its reasons; poison labels and account states are skipped and counted,
 * since every scoring instance reads those topics from their start.
 */
class PoisonMessageIT {

    private static final int PER_ROUND = 300;
    private static final String POISON = "poison-";
    private static final byte[] GARBLED = {(byte) 0xff, 0x00, '{', (byte) 0xc3, 0x28, '"', 0x7f};

    @RegisterExtension
    static final PlatformUnderTest platform = new PlatformUnderTest();

    static final PipelineStats stats = new PipelineStats();
    static final Instant AT = Instant.now().minus(Duration.ofDays(1));

    @BeforeAll
    static void start() throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            stateChangelogPoison()
                    .forEach((key, value) -> producer.send(
                            new ProducerRecord<>(platform.config().topics().scoringState(), key, value)));
            producer.send(
                    new ProducerRecord<>(platform.config().topics().scoringState(), POISON + "state-tombstone", null));
            producer.flush();
        }
        platform.deploy(Platform.Role.ALL, stats);
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        platform.config().kafka().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The poison of each kind for a topic whose records must have {@code withoutRequiredField}'s fields. */
    private static List<byte[]> poison(String withoutRequiredField) {
        return Arrays.asList(GARBLED, utf8("[1,2,3]"), utf8("null"), null, utf8(withoutRequiredField));
    }

    /** Per consumed topic, its poison records: each a value to send, in the order sent. */
    private static Map<String, List<byte[]>> poisonByTopic() {
        String at = AT.toString();
        return Map.of(
                platform.config().topics().raw(),
                        poison(
                                "{\"transaction_id\":\"poison-raw\",\"account_id\":\"acc-x\",\"amount\":10.5,\"timestamp\":\""
                                        + at + "\",\"merchant_category_code\":\"5411\",\"channel\":\"pos\"}"),
                platform.config().topics().transactions(),
                        poison(
                                "{\"transaction_id\":\"poison-canonical\",\"amount\":10.50,\"currency\":\"PEN\",\"timestamp\":\""
                                        + at
                                        + "\",\"merchant_id\":\"m-1\",\"merchant_category_code\":\"5411\",\"channel\":\"pos\"}"),
                platform.config().topics().scores(),
                        poison(
                                "{\"account_id\":\"acc-x\",\"score\":0.5,\"model_version\":\"v1\",\"threshold\":0.9,\"alert\":false,"
                                        + "\"timestamp\":\"" + at + "\",\"scored_at\":\"" + at + "\"}"),
                platform.config().topics().alerts(),
                        poison("{\"alert_id\":\"al-poison\",\"score\":0.99,\"threshold\":0.9,\"model_version\":\"v1\","
                                + "\"reasons\":[],\"scored_at\":\"" + at + "\"}"),
                platform.config().topics().labels(),
                        poison("{\"transaction_id\":\"poison-label\",\"account_id\":\"acc-x\",\"fraud\":true,"
                                + "\"alert_id\":\"al-x\",\"decided_by\":\"ana\",\"decided_at\":\"" + at + "\"}"));
    }

    /** Account states that cannot be read: too short, garbled, JSON, and a real state cut in half. */
    private static Map<String, byte[]> stateChangelogPoison() {
        byte[] state = new AccountState().encode();
        return Map.of(
                POISON + "state-short", new byte[] {1, 2, 3},
                POISON + "state-garbled",
                        ByteBuffer.allocate(8 + GARBLED.length)
                                .putLong(5)
                                .put(GARBLED)
                                .array(),
                POISON + "state-json", utf8("{\"count\":12,\"merchants\":[]}"),
                POISON + "state-truncated",
                        ByteBuffer.allocate(8 + state.length / 2)
                                .putLong(5)
                                .put(state, 0, state.length / 2)
                                .array());
    }

    @Test
    void poisonOnEveryConsumedTopicIsSetAsideAndTheGoodTrafficAroundItIsProcessed() throws Exception {
        TransactionGenerator generator =
                new TransactionGenerator(GeneratorSettings.defaults(13, Instant.parse("2026-03-02T14:00:00Z"))
                        .withAccounts(300)
                        .withFraudRate(0.02));
        TopicReader reader = new TopicReader(platform.config().kafka().bootstrapServers());
        Map<String, List<byte[]>> poison = poisonByTopic();
        int kinds = poison.get(platform.config().topics().raw()).size();
        int sent = 0;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int kind = 0; kind < kinds; kind++) {
                sent += Outcomes.send(producer, platform.config().topics().raw(), generator, PER_ROUND);
                for (Map.Entry<String, List<byte[]>> topic : poison.entrySet()) {
                    producer.send(new ProducerRecord<>(
                            topic.getKey(), POISON + kind, topic.getValue().get(kind)));
                }
            }
            sent += Outcomes.send(producer, platform.config().topics().raw(), generator, PER_ROUND);
            producer.send(new ProducerRecord<>(
                    platform.config().topics().labels(),
                    "acc-1",
                    Json.toBytes(new Label("t-1", "acc-1", "m-1", true, "al-t-1", "ana", AT, null, null, null))));
            producer.flush();
        }
        int good = sent;
        await("every good transaction scored")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> goodScoredIds(reader).size() >= good);
        int expectedLetters = 4 * kinds;
        await("the poison dead-lettered")
                .atMost(Duration.ofSeconds(60))
                .until(() -> reader.count(platform.config().topics().deadLetters()) >= expectedLetters);
        Set<String> raised = goodAlertIds(reader);
        await("every alert stored")
                .atMost(Duration.ofSeconds(60))
                .until(() -> Outcomes.storedAlertIds(platform.infrastructure().postgres())
                                .size()
                        >= raised.size());
        await("the good label applied after the poison")
                .atMost(Duration.ofSeconds(30))
                .until(() -> stats.labelsApplied() >= 1);
        await("the history holds every good score")
                .atMost(Duration.ofSeconds(60))
                .until(() -> historyRows() >= good);

        List<String> stored = Outcomes.storedAlertIds(platform.infrastructure().postgres());
        Set<String> scored = goodScoredIds(reader);
        List<DeadLetter> letters = reader
                .readAll(
                        platform.config().topics().deadLetters(),
                        reader.count(platform.config().topics().deadLetters()),
                        Duration.ofSeconds(30))
                .stream()
                .map(r -> Json.fromBytes(r.value(), DeadLetter.class))
                .toList();
        Map<String, List<String>> reasonsBySource = new TreeMap<>(letters.stream()
                .collect(Collectors.groupingBy(
                        DeadLetter::sourceName,
                        Collectors.mapping(
                                l -> l.reasons().stream()
                                        .map(Violation::code)
                                        .distinct()
                                        .collect(Collectors.joining("+")),
                                Collectors.toList()))));
        Map<String, Double> skipped = skippedByTopic();
        long canonicalGood = reader
                .readAll(
                        platform.config().topics().transactions(),
                        reader.count(platform.config().topics().transactions()),
                        Duration.ofSeconds(30))
                .stream()
                .filter(r -> !isPoison(r))
                .count();
        System.out.printf(
                "PoisonMessageIT: sent %d good transactions and %d poison records on each of %d topics (+%d account states); "
                        + "canonical %d good, scored %d distinct, history %d, alerts raised %d, stored %d, labels applied %d; "
                        + "dead letters %d %s; skipped %s%n",
                good,
                kinds,
                poison.size(),
                stateChangelogPoison().size(),
                canonicalGood,
                scored.size(),
                historyRows(),
                raised.size(),
                stored.size(),
                stats.labelsApplied(),
                letters.size(),
                reasonsBySource,
                skipped);

        assertThat(canonicalGood).as("each good transaction ingested once").isEqualTo(good);
        assertThat(scored).as("every good transaction scored").hasSize(good);
        assertThat(historyRows())
                .as("every good score in the history, no poison")
                .isEqualTo(good);
        assertThat(raised)
                .as("some alerts, or the test proves nothing about them")
                .isNotEmpty();
        assertThat(stored)
                .as("each alert stored exactly once, no poison")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(raised);
        assertThat(letters)
                .as("one dead letter per poison record on the raw, canonical, scores and alerts topics")
                .hasSize(expectedLetters)
                .allSatisfy(l -> assertThat(l.reasons()).isNotEmpty());
        assertThat(letters.stream().map(l -> l.sourceName() + " " + l.payload()).toList())
                .as("the dead letters are the poison, as sent")
                .containsExactlyInAnyOrderElementsOf(expectedLetters(poison));
        for (String topic : List.of(
                platform.config().topics().transactions(),
                platform.config().topics().scores(),
                platform.config().topics().alerts())) {
            assertThat(reasonsBySource.get(topic))
                    .as("reasons of " + topic)
                    .containsExactlyInAnyOrder("unreadable", "unreadable", "unreadable", "unreadable", "missing");
        }
        assertThat(reasonsBySource.get(platform.config().ingest().sourceName()))
                .as("reasons of the raw topic")
                .hasSize(kinds)
                .contains("missing")
                .doesNotContain("");
        assertThat(skipped)
                .as("poison labels and account states skipped and counted")
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        platform.config().topics().labels(),
                        (double) kinds,
                        platform.config().topics().scoringState(),
                        (double) stateChangelogPoison().size()));
    }

    private List<String> expectedLetters(Map<String, List<byte[]>> poison) {
        List<String> expected = new ArrayList<>();
        poison.forEach((topic, values) -> {
            if (!topic.equals(platform.config().topics().labels())) {
                String source = topic.equals(platform.config().topics().raw())
                        ? platform.config().ingest().sourceName()
                        : topic;
                values.forEach(
                        v -> expected.add(source + " " + (v == null ? "" : new String(v, StandardCharsets.UTF_8))));
            }
        });
        return expected;
    }

    private static boolean isPoison(ConsumerRecord<String, byte[]> record) {
        return record.key() != null && record.key().startsWith(POISON);
    }

    private static Set<String> goodScoredIds(TopicReader reader) throws Exception {
        Set<String> ids = new HashSet<>();
        reader
                .readAll(
                        platform.config().topics().scores(),
                        reader.count(platform.config().topics().scores()),
                        Duration.ofSeconds(30))
                .stream()
                .filter(r -> !isPoison(r))
                .forEach(r ->
                        ids.add(Json.fromBytes(r.value(), ScoreRecord.class).transactionId()));
        return ids;
    }

    private static Set<String> goodAlertIds(TopicReader reader) throws Exception {
        Set<String> ids = new HashSet<>();
        reader
                .readAll(
                        platform.config().topics().alerts(),
                        reader.count(platform.config().topics().alerts()),
                        Duration.ofSeconds(30))
                .stream()
                .filter(r -> !isPoison(r))
                .forEach(r -> ids.add(Json.fromBytes(r.value(), Alert.class).alertId()));
        return ids;
    }

    private static long historyRows() throws Exception {
        try (var c = DriverManager.getConnection(
                        platform.infrastructure().postgres().jdbcUrl(), EmbeddedPostgresServer.USER, "");
                ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM scored_transactions")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Map<String, Double> skippedByTopic() {
        return stats.registry().find("centinela.records.skipped").counters().stream()
                .collect(Collectors.groupingBy(
                        c -> c.getId().getTag("topic"), TreeMap::new, Collectors.summingDouble(Counter::count)));
    }
}
