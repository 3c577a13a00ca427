package pe.centinela.ingest.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.core.validation.DeadLetter;
import pe.centinela.embedded.EmbeddedInfrastructure;
import pe.centinela.embedded.EmbeddedPlatform;
import pe.centinela.embedded.TopicReader;

/** Polls a core-banking table in a real PostgreSQL: across a restart no row is skipped and none is delivered twice. */
class DatabaseSourceIT {

    @TempDir
    static Path dir;

    static EmbeddedPlatform platform;
    static EmbeddedInfrastructure infrastructure;
    static PlatformConfig config;
    static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        Path mapping = dir.resolve("movimientos.properties");
        Files.writeString(
                mapping,
                String.join(
                        "\n",
                        "transaction_id=id",
                        "account_id=cuenta",
                        "amount=monto",
                        "currency=moneda",
                        "timestamp=fecha",
                        "merchant_id=comercio",
                        "merchant_category_code=mcc",
                        "channel=canal",
                        ""),
                StandardCharsets.UTF_8);
        platform = EmbeddedPlatform.start(
                dir,
                started -> Map.of(
                        "source.database.name", "core-banking",
                        "source.database.jdbc-url", started.postgres().jdbcUrl(),
                        "source.database.user", "postgres",
                        "source.database.table", "movimientos",
                        "source.database.position-column", "id",
                        "source.database.mapping", mapping.toString(),
                        "source.database.batch-size", "7",
                        "source.database.poll-interval", "200ms",
                        "topics.transactions", "db.tx",
                        "topics.dead-letters", "db.dlq"));
        infrastructure = platform.infrastructure();
        config = platform.config();
        vertx = platform.vertx();
        try (Connection db = jdbc()) {
            db.createStatement().execute("""
                    CREATE TABLE movimientos (
                        id bigint PRIMARY KEY, cuenta text, monto numeric(12, 2), moneda text, fecha timestamptz,
                        comercio text, mcc text, canal text)""");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    private static Connection jdbc() throws Exception {
        return DriverManager.getConnection(infrastructure.postgres().jdbcUrl(), "postgres", "");
    }

    private static void insert(int fromId, int toId) throws Exception {
        try (Connection db = jdbc();
                PreparedStatement insert = db.prepareStatement(
                        "INSERT INTO movimientos VALUES (?, ?, ?, 'PEN', now() - interval '1 hour', 'm-1', ?, 'pos')")) {
            for (int id = fromId; id <= toId; id++) {
                insert.setLong(1, id);
                insert.setString(2, "acc-" + (id % 4));
                insert.setBigDecimal(3, new java.math.BigDecimal(id % 10 == 0 ? "-1.00" : id + ".50"));
                insert.setString(4, "5411");
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static String deploy(PipelineStats stats) throws Exception {
        return vertx.deployVerticle(
                        new DatabaseSourceVerticle(config, stats, Clock.systemUTC()),
                        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
                .await(30, TimeUnit.SECONDS);
    }

    @Test
    void aRestartNeitherSkipsNorRepeatsRows() throws Exception {
        insert(1, 25);
        PipelineStats first = new PipelineStats();
        String deployment = deploy(first);
        await("first 25 rows").atMost(Duration.ofSeconds(30)).until(() -> first.ingested() + first.rejected() >= 25);
        vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);

        insert(26, 40);
        PipelineStats second = new PipelineStats();
        deploy(second);
        await("the 15 new rows")
                .atMost(Duration.ofSeconds(30))
                .until(() -> second.ingested() + second.rejected() >= 15);

        List<Transaction> published = read("db.tx", Transaction.class, 36);
        assertThat(published)
                .extracting(Transaction::transactionId)
                .doesNotHaveDuplicates()
                .hasSize(36);
        assertThat(published).allSatisfy(tx -> {
            assertThat(tx.source().kind()).isEqualTo("database");
            assertThat(tx.source().name()).isEqualTo("core-banking");
        });
        List<DeadLetter> rejected = read("db.dlq", DeadLetter.class, 4);
        assertThat(rejected).hasSize(4).allSatisfy(d -> {
            assertThat(d.reasons()).extracting("code").containsExactly("not_positive");
            assertThat(d.location()).startsWith("id ");
            assertThat(d.payload()).contains("\"monto\":\"-1.00\"");
        });
        assertThat(second.ingested() + second.rejected()).isEqualTo(15);
    }

    private static <T> List<T> read(String topic, Class<T> type, int expected) {
        return new TopicReader(config.kafka().bootstrapServers())
                .readAll(topic, expected, Duration.ofSeconds(20)).stream()
                        .map(r -> Json.fromBytes(r.value(), type))
                        .toList();
    }
}
