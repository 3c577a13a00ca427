package pe.centinela.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import pe.centinela.adapters.http.Readiness;
import pe.centinela.adapters.kafka.TopicAdmin;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.core.domain.ScoreRecord;
import pe.centinela.core.json.Json;
import pe.centinela.core.signing.BundleSignature;
import pe.centinela.core.signing.SigningKeys;
import pe.centinela.embedded.EmbeddedInfrastructure;
import pe.centinela.embedded.TopicReader;
import pe.centinela.scoring.bundle.ModelBundles;
import pe.centinela.scoring.bundle.TestSigning;
import pe.centinela.scoring.registry.ModelRegistry;

/**
 * While transactions flow on a real broker, versions whose bytes were changed after publishing are promoted: one
 * whose archive no longer matches the registry's sha256, one whose network no longer matches its manifest (the
 * archive's sha256 rewritten to match). Scoring refuses both, says so, and keeps scoring every transaction once with
 * the verified model. So are a version stored without its signature and one re-signed with a key scoring does not trust
 * (what someone with write access to the registry's table, but not the business's private key, could store).
 */
class TamperedModelIT {

    private static final int TRANSACTIONS = 4_000;

    @TempDir
    static Path dir;

    static EmbeddedInfrastructure infrastructure;
    static PlatformConfig config;
    static ModelRegistry registry;
    static String verified;
    static String tamperedArchive;
    static String tamperedNetwork;
    static String unsigned;
    static String foreignSigned;

    @BeforeAll
    static void start() throws Exception {
        infrastructure = EmbeddedInfrastructure.startForTests(dir);
        Map<String, String> s = new HashMap<>(infrastructure.settings());
        s.putAll(TestSigning.settings());
        s.put("scoring.model-dir", dir.resolve("cache").toString());
        s.put("scoring.max-batch", "50");
        s.put("scoring.refresh-interval", "200ms");
        config = PlatformConfig.from(Settings.of(s));
        TopicAdmin.ensureTopics(config);
        Database.migrate(config.postgres());
        registry = new ModelRegistry(config.postgres());
        verified = TrainedModels.publish(registry, dir, Instant.parse("2026-11-24T00:00:00Z"));
        tamperedArchive = TrainedModels.publish(registry, dir, Instant.parse("2026-11-24T01:00:00Z"));
        tamperedNetwork = TrainedModels.publish(registry, dir, Instant.parse("2026-11-24T02:00:00Z"));
        unsigned = TrainedModels.publish(registry, dir, Instant.parse("2026-11-24T03:00:00Z"));
        foreignSigned = TrainedModels.publish(registry, dir, Instant.parse("2026-11-24T04:00:00Z"));
        registry.promote(verified, "it");
        byte[] archive = bundle(tamperedArchive);
        archive[archive.length / 2] ^= 0x20;
        store(tamperedArchive, archive, sha256Of(tamperedArchive));
        byte[] rewritten = withNetworkChanged(bundle(tamperedNetwork));
        store(
                tamperedNetwork,
                rewritten,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rewritten)));
        byte[] withoutSignature = resigned(bundle(unsigned), null);
        store(unsigned, withoutSignature, sha256(withoutSignature));
        byte[] signedByAnother =
                resigned(bundle(foreignSigned), SigningKeys.generate().getPrivate());
        store(foreignSigned, signedByAnother, sha256(signedByAnother));
    }

    @AfterAll
    static void stop() throws Exception {
        infrastructure.close();
    }

    @Test
    void promotedBundlesThatFailTheirChecksumAreNeverLoadedAndTheVerifiedModelScoresEveryTransactionOnce()
            throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(ModelHotSwap.class)).addAppender(log);
        Vertx vertx = Vertx.vertx();
        PipelineStats stats = new PipelineStats();
        Readiness readiness = new Readiness();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            vertx.deployVerticle(new ScoringVerticle(config, stats, Clock.systemUTC(), readiness))
                    .await(60, TimeUnit.SECONDS);
            AtomicBoolean midStream = new AtomicBoolean(true);
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> PacedTraffic.send(
                    producer,
                    config.topics().transactions(),
                    "tm-",
                    TRANSACTIONS,
                    Duration.ofMillis(200),
                    midStream::get));

            await("some traffic scored").atMost(Duration.ofSeconds(60)).until(() -> stats.scored() >= 300);
            registry.promote(tamperedArchive, "it");
            await("the tampered archive refused")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> new PipelineStats.RefusedModel(tamperedArchive, "checksum_mismatch")
                            .equals(stats.refusedModel()));
            assertThat(stats.registry().scrape())
                    .contains("centinela_model_refused{reason=\"checksum_mismatch\",version=\"" + tamperedArchive
                            + "\"} 1");
            long scoredWhileRefused = stats.scored();

            await("more traffic scored with the verified model")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> stats.scored() >= scoredWhileRefused + 500);
            registry.promote(tamperedNetwork, "it");
            await("the tampered network refused")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> new PipelineStats.RefusedModel(tamperedNetwork, "checksum_mismatch")
                            .equals(stats.refusedModel()));
            assertThat(stats.activeModel().version()).isEqualTo(verified);
            assertThat(readiness.notReadyReason())
                    .as("still serving the verified model")
                    .isEmpty();
            long scoredBeforeUnsigned = stats.scored();

            await("more traffic scored")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> stats.scored() >= scoredBeforeUnsigned + 300);
            registry.promote(unsigned, "it");
            await("the unsigned bundle refused")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> new PipelineStats.RefusedModel(unsigned, "unsigned").equals(stats.refusedModel()));
            assertThat(stats.registry().scrape())
                    .contains("centinela_model_refused{reason=\"unsigned\",version=\"" + unsigned + "\"} 1");
            long scoredBeforeForeign = stats.scored();

            await("more traffic scored")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> stats.scored() >= scoredBeforeForeign + 300);
            registry.promote(foreignSigned, "it");
            await("the bundle signed with an untrusted key refused")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> new PipelineStats.RefusedModel(foreignSigned, "signature_invalid")
                            .equals(stats.refusedModel()));
            assertThat(stats.activeModel().version()).isEqualTo(verified);
            assertThat(readiness.notReadyReason())
                    .as("still serving the verified model")
                    .isEmpty();
            long scoredBeforeRestore = stats.scored();

            await("more traffic scored")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> stats.scored() >= scoredBeforeRestore + 500);
            registry.promote(verified, "it");
            await("nothing refused once the verified model is promoted again")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> stats.refusedModel() == null);
            assertThat(stats.registry().scrape()).doesNotContain("centinela_model_refused{");
            midStream.set(false); // every promotion landed mid-stream: the rest of the traffic need not wait

            sending.get(120, TimeUnit.SECONDS);
            await("everything scored").atMost(Duration.ofSeconds(60)).until(() -> stats.scored() >= TRANSACTIONS);
            assertThat(scoredBeforeRestore)
                    .as("the refused promotions happened mid-stream")
                    .isLessThan(TRANSACTIONS);
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
            ((Logger) LoggerFactory.getLogger(ModelHotSwap.class)).detachAppender(log);
        }

        List<ScoreRecord> scores = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : new TopicReader(config.kafka().bootstrapServers())
                .readAll(config.topics().scores(), TRANSACTIONS, Duration.ofSeconds(30))) {
            scores.add(Json.fromBytes(r.value(), ScoreRecord.class));
        }
        Set<String> ids = new HashSet<>();
        scores.forEach(s -> ids.add(s.transactionId()));
        assertThat(scores).hasSize(TRANSACTIONS);
        assertThat(ids).as("each transaction scored exactly once").hasSize(TRANSACTIONS);
        assertThat(scores).allSatisfy(s -> assertThat(s.modelVersion()).isEqualTo(verified));
        List<String> warnings =
                log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings)
                .anySatisfy(w -> assertThat(w)
                        .contains(
                                "model " + tamperedArchive + " in the registry failed its checksum",
                                "still scoring with model " + verified));
        assertThat(warnings)
                .anySatisfy(w -> assertThat(w)
                        .contains(
                                "model " + tamperedNetwork + " failed its checksum",
                                ModelBundles.NETWORK_FILE,
                                "still scoring with model " + verified));
        assertThat(warnings)
                .anySatisfy(w -> assertThat(w)
                        .contains("model " + unsigned + " is not signed", "still scoring with model " + verified));
        assertThat(warnings)
                .anySatisfy(w -> assertThat(w)
                        .contains(
                                "model " + foreignSigned + " has a signature that none of the trusted keys verifies",
                                "still scoring with model " + verified));
        assertThat(warnings.stream().filter(w -> w.contains("model " + unsigned + " is not signed")))
                .as("logged once, not on every refresh")
                .hasSize(1);
    }

    private static byte[] bundle(String version) throws Exception {
        try (Connection c = jdbc();
                PreparedStatement q = c.prepareStatement("SELECT bundle FROM models WHERE version = ?")) {
            q.setString(1, version);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }

    private static String sha256Of(String version) throws Exception {
        return registry.find(version).orElseThrow().sha256();
    }

    private static void store(String version, byte[] archive, String sha256) throws Exception {
        try (Connection c = jdbc();
                PreparedStatement u =
                        c.prepareStatement("UPDATE models SET bundle = ?, sha256 = ? WHERE version = ?")) {
            u.setBytes(1, archive);
            u.setString(2, sha256);
            u.setString(3, version);
            assertThat(u.executeUpdate()).isEqualTo(1);
        }
    }

    /** The same archive with one byte of the network file changed. */
    private static byte[] withNetworkChanged(byte[] archive) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals(ModelBundles.NETWORK_FILE)) {
                    content[content.length / 2] ^= 0x20;
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** The same archive with its signature.json replaced by one made with {@code key} (none when null). */
    private static byte[] resigned(byte[] archive, PrivateKey key) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.getName().equals(BundleSignature.FILE_NAME)) {
                    files.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        if (key != null) {
            Map<String, String> digests = new TreeMap<>();
            files.forEach((name, content) -> digests.put(name, sha256(content)));
            files.put(BundleSignature.FILE_NAME, BundleSignature.sign(digests, key));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection jdbc() throws Exception {
        return DriverManager.getConnection(
                config.postgres().jdbcUrl(),
                config.postgres().user(),
                config.postgres().password().value());
    }
}
