package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.embedded.EmbeddedKafka;
import pe.centinela.embedded.TopicReader;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;

/**
 * The Kafka broker stopped for 15 seconds while transactions flow through ingest, scoring and alerts, then started
 * again on the same port and log. The outage outlasts the platform's request and commit timeouts, so requests time out,
 * commits fail and batches are retried, but not its delivery timeout: the producers' own retries are idempotent, so
 * a batch whose acknowledgement was lost when the broker stopped is written once. The platform and the sender carry
 * on, every transaction is ingested once and scored, and every alert stored once.
 */
class BrokerRestartIT {

    private static final Duration OUTAGE = Duration.ofSeconds(15);
    /** Requests time out after 3 s and commits after 2 × 3 s, during the outage; sends are retried for a minute. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final PlatformUnderTest platform = new PlatformUnderTest(Map.of(
            "kafka.request-timeout",
            REQUEST_TIMEOUT.toSeconds() + "s",
            "kafka.delivery-timeout",
            DELIVERY_TIMEOUT.toSeconds() + "s"));

    @BeforeAll
    static void start() throws Exception {
        platform.deploy(Platform.Role.ALL);
    }

    @Test
    void nothingIsLostOrStoredTwiceWhenTheBrokerRestartsMidStream() throws Exception {
        TransactionGenerator generator =
                new TransactionGenerator(GeneratorSettings.defaults(9, Instant.parse("2026-03-02T14:00:00Z"))
                        .withAccounts(300)
                        .withFraudRate(0.02));
        TopicReader reader = new TopicReader(platform.config().kafka().bootstrapServers());
        EmbeddedKafka broker = platform.infrastructure().kafka();
        int sent = 0;
        long scoredBeforeOutage;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        platform.config().kafka().bootstrapServers(),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        "60000",
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        "120000"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            sent += Outcomes.send(producer, platform.config().topics().raw(), generator, 1_000);
            await("the platform at work")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> reader.count(platform.config().topics().scores()) >= 500);
            sent += Outcomes.send(producer, platform.config().topics().raw(), generator, 1_500);
            scoredBeforeOutage = reader.count(platform.config().topics().scores());

            broker.close();
            CompletableFuture<Integer> sentDuringOutage = CompletableFuture.supplyAsync(
                    () -> Outcomes.send(producer, platform.config().topics().raw(), generator, 1_000));
            await("the sender waits for the broker throughout the outage")
                    .during(OUTAGE)
                    .atMost(OUTAGE.plusSeconds(10))
                    .until(() -> !sentDuringOutage.isDone());
            assertThat(sentDuringOutage).as("the sender waits for the broker").isNotDone();
            broker.start();
            sent += sentDuringOutage.get(60, TimeUnit.SECONDS);
            sent += Outcomes.send(producer, platform.config().topics().raw(), generator, 1_000);
        }
        int expected = sent;
        await("everything ingested")
                .atMost(Duration.ofSeconds(90))
                .until(() -> reader.count(platform.config().topics().transactions()) >= expected);
        Set<String> scored = await("everything scored")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> Outcomes.scoredTransactionIds(
                                reader, platform.config().topics().scores()),
                        ids -> ids.size() >= expected);
        Set<String> raised =
                Outcomes.raisedAlertIds(reader, platform.config().topics().alerts());
        await("every alert stored")
                .atMost(Duration.ofSeconds(60))
                .until(() -> Outcomes.storedAlertIds(platform.infrastructure().postgres())
                                .size()
                        >= raised.size());
        List<String> stored = Outcomes.storedAlertIds(platform.infrastructure().postgres());
        long canonical = reader.count(platform.config().topics().transactions());
        Set<String> canonicalIds = new HashSet<>();
        reader.readAll(platform.config().topics().transactions(), canonical, Duration.ofSeconds(30))
                .forEach(r -> canonicalIds.add(
                        Json.fromBytes(r.value(), Transaction.class).transactionId()));
        long deadLetters = reader.count(platform.config().topics().deadLetters());
        System.out.printf(
                "BrokerRestartIT: sent %d (1,000 of them while the broker was down for %d s), canonical %d (%d distinct), dead letters %d, "
                        + "scored %d distinct (%d score records, %d before the outage), alerts raised %d distinct (%d records), stored %d%n",
                sent,
                OUTAGE.toSeconds(),
                canonical,
                canonicalIds.size(),
                deadLetters,
                scored.size(),
                reader.count(platform.config().topics().scores()),
                scoredBeforeOutage,
                raised.size(),
                reader.count(platform.config().topics().alerts()),
                stored.size());
        assertThat(canonical).as("each transaction ingested once").isEqualTo(sent);
        assertThat(canonicalIds).hasSize(sent);
        assertThat(deadLetters).as("nothing rejected").isZero();
        assertThat(scored).as("every ingested transaction scored").isEqualTo(canonicalIds);
        assertThat(raised)
                .as("some alerts, or the test proves nothing about them")
                .isNotEmpty();
        assertThat(stored)
                .as("each alert stored exactly once")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(raised);
    }
}
