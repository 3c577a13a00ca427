package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.embedded.EmbeddedPostgresServer;
import pe.centinela.embedded.FreePorts;
import pe.centinela.embedded.TopicReader;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;

/**
 * The whole platform as one process with a small heap ({@code fraud run --role all -Xmx}{@value #HEAP_MB}m) while
 * PostgreSQL is down and far more raw transactions arrive than that heap could hold: the consumers stop where their
 * last committed batch ended instead of reading on, the process stays alive without running out of memory, and once
 * PostgreSQL is back each transaction is ingested once and scored and each alert stored once.
 */
class BackpressureIT {

    private static final int HEAP_MB = 128;
    private static final int WARM_UP = 1_000;
    /** 16,000 records of 10 KB: 160 MB on the raw topic, more than the heap, in fewer records to catch up on. */
    private static final int DURING_OUTAGE = 16_000;

    private static final int PADDING_CHARS = 10_000;
    private static final Duration OUTAGE_AFTER_SENDING = Duration.ofSeconds(20);
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @RegisterExtension
    static final PlatformUnderTest platform = new PlatformUnderTest(Map.of("scoring.alert-threshold", "0.99"));

    static Path properties;
    static int port;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        port = FreePorts.pick();
        properties = platform.propertiesFile("platform.properties", Map.of("http.port", Integer.toString(port)));
    }

    private static Process startPlatformProcess() throws IOException {
        return FraudProcess.start(
                platform.dir().resolve("platform.log"),
                List.of(
                        "-Xmx" + HEAP_MB + "m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-Xlog:gc:file=" + platform.dir().resolve("gc.log")),
                "run",
                "--role",
                "all",
                "--config",
                properties.toString());
    }

    @Test
    void consumersWaitForTheDatabaseInsteadOfFillingASmallHeap() throws Exception {
        TransactionGenerator generator =
                new TransactionGenerator(GeneratorSettings.defaults(13, Instant.parse("2026-03-02T14:00:00Z"))
                        .withAccounts(300)
                        .withFraudRate(0.02));
        TopicReader reader = new TopicReader(platform.config().kafka().bootstrapServers());
        EmbeddedPostgresServer postgres = platform.infrastructure().postgres();
        Process process = startPlatformProcess();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                platform.config().kafka().bootstrapServers()),
                        new StringSerializer(),
                        new ByteArraySerializer());
                Admin admin = Admin.create(Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        platform.config().kafka().bootstrapServers()))) {
            await("the platform ready").atMost(Duration.ofSeconds(120)).until(() -> readiness() == 200);
            sendPadded(producer, generator, WARM_UP);
            await("alerts stored before the outage")
                    .atMost(Duration.ofSeconds(120))
                    .until(() -> !Outcomes.storedAlertIds(postgres).isEmpty());
            await("the warm-up ingested and committed")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> committedIngest(admin) == WARM_UP);

            postgres.close();
            long outageStarted = System.nanoTime();
            sendPadded(producer, generator, DURING_OUTAGE);
            long rawBytes = rawTopicBytes(admin);
            await("consumers paused while the database is down")
                    .during(OUTAGE_AFTER_SENDING)
                    .atMost(OUTAGE_AFTER_SENDING.plusSeconds(10))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> process.isAlive() && committedIngest(admin) == WARM_UP && readiness() == 503);
            Duration outage = Duration.ofNanos(System.nanoTime() - outageStarted);
            int liveDuringOutage = heapAfterCollections(gcLog()).stream()
                    .mapToInt(Integer::intValue)
                    .max()
                    .orElse(0);
            postgres.start();

            int sent = WARM_UP + DURING_OUTAGE;
            await("everything ingested")
                    .atMost(Duration.ofSeconds(300))
                    .pollInterval(Duration.ofSeconds(2))
                    .failFast(
                            "transactions dead-lettered",
                            () -> reader.count(platform.config().topics().deadLetters()) > 0)
                    .until(() -> reader.count(platform.config().topics().transactions()) >= sent);
            Set<String> scored = await("everything scored")
                    .atMost(Duration.ofSeconds(300))
                    .pollInterval(Duration.ofSeconds(5))
                    .until(
                            () -> Outcomes.scoredTransactionIds(
                                    reader, platform.config().topics().scores()),
                            ids -> ids.size() >= sent);
            Set<String> raised =
                    Outcomes.raisedAlertIds(reader, platform.config().topics().alerts());
            await("every alert stored")
                    .atMost(Duration.ofSeconds(120))
                    .until(() -> Outcomes.storedAlertIds(postgres).size() >= raised.size());
            List<String> stored = Outcomes.storedAlertIds(postgres);
            long canonical = reader.count(platform.config().topics().transactions());
            long deadLetters = reader.count(platform.config().topics().deadLetters());
            List<String> gc = gcLog();
            String log = Files.readString(platform.dir().resolve("platform.log"), StandardCharsets.UTF_8);

            System.out.printf(
                    "BackpressureIT: -Xmx%dm, PostgreSQL down %d s while %d transactions (%d MB on the raw topic) were sent;"
                            + " ingest committed %d throughout; heap after GC at most %d MB during the outage, %d MB over the run, %d MB before GC"
                            + " (%d collections); sent %d, canonical %d, dead letters %d, scored %d distinct, alerts raised %d, stored %d%n",
                    HEAP_MB,
                    outage.toSeconds(),
                    DURING_OUTAGE,
                    rawBytes >> 20,
                    WARM_UP,
                    liveDuringOutage,
                    heapAfterCollections(gc).stream()
                            .mapToInt(Integer::intValue)
                            .max()
                            .orElse(0),
                    heapBeforeCollections(gc),
                    gc.size(),
                    sent,
                    canonical,
                    deadLetters,
                    scored.size(),
                    raised.size(),
                    stored.size());
            assertThat(rawBytes)
                    .as("more on the raw topic than the heap could buffer")
                    .isGreaterThan(HEAP_MB * 1024L * 1024L);
            assertThat(log).doesNotContain("OutOfMemoryError");
            assertThat(process.isAlive()).isTrue();
            assertThat(gc).as("the GC log of the platform process").isNotEmpty();
            assertThat(liveDuringOutage)
                    .as("live heap after collections while the database was down, MB")
                    .isLessThan(HEAP_MB * 3 / 4);
            assertThat(canonical).as("each transaction ingested once").isEqualTo(sent);
            assertThat(deadLetters).isZero();
            assertThat(scored).hasSize(sent);
            assertThat(raised).isNotEmpty();
            assertThat(stored)
                    .as("each alert stored once")
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(raised);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Generated transactions with a field the platform ignores, so the raw topic outweighs the heap. */
    private static void sendPadded(KafkaProducer<String, byte[]> producer, TransactionGenerator generator, int count) {
        String padding = ",\"padding\":\"" + "x".repeat(PADDING_CHARS) + "\"}";
        for (int i = 0; i < count; i++) {
            Transaction tx = generator.next().transaction();
            String json = new String(Json.toBytes(tx), StandardCharsets.UTF_8);
            byte[] padded = (json.substring(0, json.lastIndexOf('}')) + padding).getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(platform.config().topics().raw(), tx.accountId(), padded));
        }
        producer.flush();
    }

    private static long committedIngest(Admin admin) throws Exception {
        Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(
                        platform.config().kafka().groupPrefix() + "-ingest")
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        return offsets.entrySet().stream()
                .filter(e ->
                        e.getKey().topic().equals(platform.config().topics().raw()) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset())
                .sum();
    }

    private static long rawTopicBytes(Admin admin) throws Exception {
        List<Integer> brokers = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
                .map(node -> node.id())
                .toList();
        var logDirs = admin.describeLogDirs(brokers).allDescriptions().get(10, TimeUnit.SECONDS);
        return logDirs.values().stream()
                .flatMap(byDir -> byDir.values().stream())
                .flatMap(d -> d.replicaInfos().entrySet().stream())
                .filter(e ->
                        e.getKey().topic().equals(platform.config().topics().raw()))
                .mapToLong(e -> e.getValue().size())
                .sum();
    }

    private static List<String> gcLog() throws IOException {
        Path file = platform.dir().resolve("gc.log");
        return Files.exists(file)
                ? Files.readAllLines(file).stream()
                        .filter(line -> GC_LINE.matcher(line).find())
                        .toList()
                : List.of();
    }

    private static List<Integer> heapAfterCollections(List<String> gc) {
        return gc.stream()
                .map(GC_LINE::matcher)
                .filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(2)))
                .toList();
    }

    private static int heapBeforeCollections(List<String> gc) {
        return gc.stream()
                .map(GC_LINE::matcher)
                .filter(Matcher::find)
                .mapToInt(m -> Integer.parseInt(m.group(1)))
                .max()
                .orElse(0);
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
