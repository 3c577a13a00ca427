package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.embedded.EmbeddedPostgresServer;
import pe.centinela.embedded.TopicReader;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;

/**
 * PostgreSQL stopped for 30 seconds while transactions flow, then started again: the platform reports itself not
 * ready meanwhile, and afterwards every transaction has been ingested once and scored, and every alert stored once.
 */
class DatabaseOutageIT {

    @RegisterExtension
    static final PlatformUnderTest platform = new PlatformUnderTest();

    static int port;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        port = platform.deploy(Platform.Role.ALL);
    }

    @Test
    void nothingIsLostOrStoredTwiceWhenTheDatabaseStopsForThirtySeconds() throws Exception {
        TransactionGenerator generator =
                new TransactionGenerator(GeneratorSettings.defaults(8, Instant.parse("2026-03-02T14:00:00Z"))
                        .withAccounts(300)
                        .withFraudRate(0.02));
        TopicReader reader = new TopicReader(platform.config().kafka().bootstrapServers());
        EmbeddedPostgresServer postgres = platform.infrastructure().postgres();
        int sent = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        platform.config().kafka().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            sent += Outcomes.send(producer, platform.config().topics().raw(), generator, 1_500);
            await("alerts stored before the outage")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> !Outcomes.storedAlertIds(postgres).isEmpty());

            postgres.close();
            sent += Outcomes.send(producer, platform.config().topics().raw(), generator, 1_500);
            await("not ready for the whole outage")
                    .during(Duration.ofSeconds(30))
                    .atMost(Duration.ofSeconds(40))
                    .until(() -> readiness() == 503);
            postgres.start();
            await("ready again").atMost(Duration.ofSeconds(60)).until(() -> readiness() == 200);
            sent += Outcomes.send(producer, platform.config().topics().raw(), generator, 1_000);
        }
        int expected = sent;
        await("everything ingested")
                .atMost(Duration.ofSeconds(120))
                .until(() -> reader.count(platform.config().topics().transactions()) >= expected);
        Set<String> scored = await("everything scored")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> Outcomes.scoredTransactionIds(
                                reader, platform.config().topics().scores()),
                        ids -> ids.size() >= expected);
        Set<String> raised =
                Outcomes.raisedAlertIds(reader, platform.config().topics().alerts());
        await("every alert stored")
                .atMost(Duration.ofSeconds(120))
                .until(() -> Outcomes.storedAlertIds(platform.infrastructure().postgres())
                                .size()
                        >= raised.size());
        List<String> stored = Outcomes.storedAlertIds(platform.infrastructure().postgres());
        long canonical = reader.count(platform.config().topics().transactions());
        System.out.printf(
                "DatabaseOutageIT: sent %d, canonical %d, dead letters %d, scored %d distinct, alerts raised %d, stored %d%n",
                sent,
                canonical,
                reader.count(platform.config().topics().deadLetters()),
                scored.size(),
                raised.size(),
                stored.size());
        assertThat(canonical).as("each transaction ingested once").isEqualTo(sent);
        assertThat(reader.count(platform.config().topics().deadLetters())).isZero();
        assertThat(scored).hasSize(sent);
        assertThat(raised).isNotEmpty();
        assertThat(stored).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(raised);
    }

    private static int readiness() {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
