package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.embedded.FreePorts;
import pe.centinela.embedded.TopicReader;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;

/**
 * The scoring process killed with SIGKILL while transactions flow, then started again: every ingested transaction is
 * still scored, no alert is lost and none is stored twice. Ingest and alerts run in this JVM; scoring runs as its own
 * process ({@code fraud run --role scoring}), as in production.
 */
class ScoringCrashIT {

    private static final int PER_PHASE = 2_000;

    @RegisterExtension
    static final PlatformUnderTest platform = new PlatformUnderTest(Map.of("scoring.max-batch", "100"));

    static Path properties;

    @BeforeAll
    static void start() throws Exception {
        platform.deploy(Platform.Role.INGEST);
        platform.deploy(Platform.Role.ALERTS);
        properties =
                platform.propertiesFile("scoring.properties", Map.of("http.port", Integer.toString(FreePorts.pick())));
    }

    private static Process scoring(String name) throws IOException {
        return FraudProcess.start(
                platform.dir().resolve(name + ".log"),
                List.of("-Xmx1g"),
                "run",
                "--role",
                "scoring",
                "--config",
                properties.toString());
    }

    @Test
    void everyTransactionIsScoredAndEveryAlertStoredOnceAfterScoringIsKilled() throws Exception {
        TransactionGenerator generator =
                new TransactionGenerator(GeneratorSettings.defaults(5, Instant.parse("2026-03-02T14:00:00Z"))
                        .withAccounts(300)
                        .withFraudRate(0.02));
        TopicReader reader = new TopicReader(platform.config().kafka().bootstrapServers());
        Process first = scoring("scoring-1");
        Process second = null;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        platform.config().kafka().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            Outcomes.send(producer, platform.config().topics().raw(), generator, PER_PHASE);
            await("the first scoring process at work")
                    .atMost(Duration.ofSeconds(120))
                    .until(() -> reader.count(platform.config().topics().scores()) >= PER_PHASE / 2);
            Outcomes.send(producer, platform.config().topics().raw(), generator, PER_PHASE / 2);
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long scoredBeforeKill = reader.count(platform.config().topics().scores());
            Outcomes.send(producer, platform.config().topics().raw(), generator, PER_PHASE / 2);
            second = scoring("scoring-2");
            Outcomes.send(producer, platform.config().topics().raw(), generator, PER_PHASE);
            int sent = 2 * PER_PHASE + PER_PHASE;

            Set<String> scored = await("every transaction scored")
                    .atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(
                            () -> Outcomes.scoredTransactionIds(
                                    reader, platform.config().topics().scores()),
                            ids -> ids.size() >= sent);
            long canonical = reader.count(platform.config().topics().transactions());
            long deadLetters = reader.count(platform.config().topics().deadLetters());
            long scoreRecords = reader.count(platform.config().topics().scores());

            Set<String> raised =
                    Outcomes.raisedAlertIds(reader, platform.config().topics().alerts());
            long alertRecords = reader.count(platform.config().topics().alerts());
            await("every alert stored")
                    .atMost(Duration.ofSeconds(60))
                    .until(() ->
                            Outcomes.storedAlertIds(platform.infrastructure().postgres())
                                            .size()
                                    >= raised.size());
            List<String> stored =
                    Outcomes.storedAlertIds(platform.infrastructure().postgres());

            System.out.printf(
                    "ScoringCrashIT: sent %d, canonical %d, dead letters %d, scored %d distinct (%d records, %d before the kill), "
                            + "alerts raised %d distinct (%d records), stored %d%n",
                    sent,
                    canonical,
                    deadLetters,
                    scored.size(),
                    scoreRecords,
                    scoredBeforeKill,
                    raised.size(),
                    alertRecords,
                    stored.size());
            assertThat(canonical).as("every sent transaction ingested").isEqualTo(sent);
            assertThat(deadLetters).isZero();
            assertThat(scored).as("every ingested transaction scored").hasSize(sent);
            assertThat(raised)
                    .as("some alerts, or the test proves nothing about them")
                    .isNotEmpty();
            assertThat(stored)
                    .as("each alert stored exactly once")
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(raised);
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
