package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import pe.centinela.adapters.postgres.Database;
import pe.centinela.adapters.rules.RuleRegistry;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.RuleOutcome;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.core.rules.NamedList;
import pe.centinela.core.rules.Rule;
import pe.centinela.core.rules.RuleStatus;
import pe.centinela.embedded.EmbeddedPostgresServer;

/**
 * Rules and lists saved in the registry decide on the streaming path of a running platform, within seconds and
 * without a restart: a block list and a decline rule stop payments the model lets through, a shadow rule only records
 * its hits, an allow list added later wins over both. The alert threshold is 1, so the model alone raises nothing.
 */
class RulesPipelineIT {

    /** The declared rules' file, as the operator writes it beside the runtime file. */
    static final Path DECLARED = Path.of(
            System.getProperty("java.io.tmpdir"),
            "centinela-declared-rules-" + ProcessHandle.current().pid() + ".yaml");

    @RegisterExtension
    static final PlatformUnderTest platform = new PlatformUnderTest(Map.of(
            "scoring.alert-threshold",
            "1",
            "scoring.rules-refresh-interval",
            "200ms",
            "scoring.rules-file",
            DECLARED.toString(),
            "auth.admin-password",
            "rules-pipeline-it-password"));

    static final PipelineStats stats = new PipelineStats();
    static KafkaProducer<String, byte[]> producer;
    static Pool pool;
    static RuleRegistry registry;

    static int port;

    @BeforeAll
    static void startPlatform() throws Exception {
        Files.writeString(DECLARED, "");
        port = platform.deploy(Platform.Role.ALL, stats);
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        platform.config().kafka().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
        pool = Database.pool(platform.vertx(), platform.config().postgres());
        registry = new RuleRegistry(pool);
    }

    @AfterAll
    static void stop() throws Exception {
        if (producer != null) {
            producer.close();
        }
        Files.deleteIfExists(DECLARED);
    }

    /** Until scoring decides with the registry as it is now. */
    private static void awaitInForce() throws Exception {
        long revision = registry.revision().await(30, TimeUnit.SECONDS);
        await("scoring at the registry's revision " + revision)
                .atMost(Duration.ofSeconds(30))
                .until(() -> stats.rulesRevision() >= revision);
    }

    private static RuleRegistry.StoredRule declared(String id) throws Exception {
        return registry.rules().await(30, TimeUnit.SECONDS).stream()
                .filter(r -> r.rule().id().equals(id))
                .findFirst()
                .orElse(null);
    }

    @Test
    void rulesDeclaredInTheFileAreBroughtInChangedAndRetiredAndTheApiLeavesThemAlone() throws Exception {
        Files.writeString(DECLARED, """
                rules:
                  - id: declarada_grande
                    expression: amount_pen > 9000
                    outcome: decline
                    status: active
                    description_es: Monto muy grande
                    description_en: Very large amount
                """);
        await("brought into the registry")
                .atMost(Duration.ofSeconds(30))
                .until(() -> declared("declarada_grande") != null);
        awaitInForce();
        RuleRegistry.StoredRule first = declared("declarada_grande");
        assertThat(first.managedBy()).isEqualTo("kubernetes");
        assertThat(first.rule().version()).isEqualTo(1);
        send(tx("k-declared", "acc-9", 9500, Channel.ECOMMERCE, "dev-9"));
        await("decided by the declared rule")
                .atMost(Duration.ofSeconds(60))
                .until(() -> decisions("k-%").containsKey("k-declared"));
        assertThat(decisions("k-%").get("k-declared")[0]).isEqualTo("decline");
        assertThat(decisions("k-%").get("k-declared")[1]).contains("declarada_grande");

        pe.centinela.embedded.ApiClient supervisor =
                pe.centinela.embedded.ApiClient.anonymous(port).as("admin", "rules-pipeline-it-password");
        java.net.http.HttpResponse<String> refused =
                supervisor.send("PUT", "/api/rules/declarada_grande", "{\"version\":1,\"status\":\"retired\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("managed_by_kubernetes");

        Files.writeString(DECLARED, Files.readString(DECLARED).replace("9000", "9900"));
        await("the change saved as version 2")
                .atMost(Duration.ofSeconds(30))
                .until(() -> declared("declarada_grande").rule().version() == 2);
        assertThat(declared("declarada_grande").rule().expression()).isEqualTo("amount_pen > 9900");
        Files.writeString(DECLARED, "");
        await("retired once no longer declared")
                .atMost(Duration.ofSeconds(30))
                .until(() -> declared("declarada_grande").rule().status() == RuleStatus.RETIRED);
    }

    private static Transaction tx(String id, String account, double amount, Channel channel, String device) {
        return new Transaction(
                id,
                account,
                BigDecimal.valueOf(amount),
                "PEN",
                BigDecimal.valueOf(amount),
                "PEN",
                Instant.parse("2026-03-02T15:00:00Z"),
                "m-7",
                channel == Channel.WALLET ? "4829" : "5411",
                channel,
                device,
                "10.1.1.1",
                channel == Channel.WALLET ? "cp-" + id : null,
                "PE",
                null,
                null);
    }

    private static void send(Transaction tx) throws Exception {
        producer.send(new ProducerRecord<>(platform.config().topics().raw(), tx.accountId(), Json.toBytes(tx)))
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void rulesAndListsDecideOnTheStreamWithinSeconds() throws Exception {
        registry.createList("blocked_devices", NamedList.Kind.DEVICE, NamedList.Purpose.BLOCK, "", "supervisor")
                .compose(v -> registry.addEntries("blocked_devices", List.of("dev-stolen"), "robado", "supervisor"))
                .compose(v -> registry.create(
                        new Rule(
                                "big_wallet",
                                1,
                                "channel == \"wallet\" && amount_pen > 3000",
                                RuleOutcome.DECLINE,
                                RuleStatus.ACTIVE,
                                "Transferencia grande por billetera",
                                "Large wallet transfer"),
                        "supervisor",
                        "api"))
                .compose(v -> registry.create(
                        new Rule(
                                "tiny",
                                1,
                                "amount_pen < 5",
                                RuleOutcome.REVIEW,
                                RuleStatus.SHADOW,
                                "Monto muy pequeño",
                                "Tiny amount"),
                        "supervisor",
                        "api"))
                .await(30, TimeUnit.SECONDS);
        awaitInForce();

        long scoredBefore = stats.scored();
        send(tx("r-blocked", "acc-1", 40, Channel.ECOMMERCE, "dev-stolen"));
        send(tx("r-wallet", "acc-2", 4500, Channel.WALLET, "dev-2"));
        send(tx("r-plain", "acc-3", 60, Channel.ECOMMERCE, "dev-3"));
        send(tx("r-tiny", "acc-4", 3, Channel.ECOMMERCE, "dev-4"));
        await("the four accepted and scored")
                .atMost(Duration.ofSeconds(60))
                .until(() -> stats.scored() >= scoredBefore + 4 || stats.rejected() > 0);
        assertThat(stats.rejected())
                .as(() -> "dead letters: "
                        + new pe.centinela.embedded.TopicReader(
                                        platform.config().kafka().bootstrapServers())
                                .readAll(platform.config().topics().deadLetters(), 1, Duration.ofSeconds(10)).stream()
                                        .map(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
                                        .toList())
                .isZero();
        await("the four stored in the history")
                .atMost(Duration.ofSeconds(60))
                .until(() -> decisions().size() == 4);

        Map<String, String[]> stored = decisions();
        assertThat(stored.get("r-blocked")[0]).isEqualTo("decline");
        assertThat(stored.get("r-blocked")[1]).contains("list_blocked_devices");
        assertThat(stored.get("r-wallet")[0]).isEqualTo("decline");
        assertThat(stored.get("r-wallet")[1]).contains("big_wallet");
        assertThat(stored.get("r-plain")[0]).isEqualTo("approve");
        assertThat(stored.get("r-tiny")[0]).as("a shadow rule does not act").isEqualTo("approve");
        assertThat(stored.get("r-tiny")[1]).contains("tiny").contains("\"shadow\": true");
        assertThat(alerts())
                .as("a decline raises an alert; an approval does not")
                .containsOnlyKeys("r-blocked", "r-wallet")
                .containsEntry("r-wallet", "decline");

        registry.createList("trusted_accounts", NamedList.Kind.ACCOUNT, NamedList.Purpose.ALLOW, "", "supervisor")
                .compose(v -> registry.addEntries("trusted_accounts", List.of("acc-2"), "empresa", "supervisor"))
                .await(30, TimeUnit.SECONDS);
        awaitInForce();
        send(tx("r-trusted", "acc-2", 4600, Channel.WALLET, "dev-2"));
        await("scored and stored")
                .atMost(Duration.ofSeconds(60))
                .until(() -> decisions().containsKey("r-trusted"));
        assertThat(decisions().get("r-trusted")[0]).isEqualTo("approve");
        assertThat(decisions().get("r-trusted")[1]).contains("big_wallet").contains("list_trusted_accounts");
        assertThat(alerts()).doesNotContainKey("r-trusted");
    }

    /** Decision and rule hits of the history, by transaction. */
    private static Map<String, String[]> decisions() throws SQLException {
        return decisions("r-%");
    }

    private static Map<String, String[]> decisions(String pattern) throws SQLException {
        Map<String, String[]> byId = new HashMap<>();
        try (Connection db = jdbc();
                java.sql.PreparedStatement query = db.prepareStatement(
                        "SELECT transaction_id, decision, coalesce(rule_hits::text, '') FROM scored_transactions"
                                + " WHERE transaction_id LIKE ?")) {
            query.setString(1, pattern);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    byId.put(rows.getString(1), new String[] {rows.getString(2), rows.getString(3)});
                }
            }
        }
        return byId;
    }

    private static Map<String, String> alerts() throws SQLException {
        Map<String, String> byId = new HashMap<>();
        try (Connection db = jdbc();
                ResultSet rows = db.createStatement()
                        .executeQuery("SELECT transaction_id, decision FROM alerts WHERE transaction_id LIKE 'r-%'")) {
            while (rows.next()) {
                byId.put(rows.getString(1), rows.getString(2));
            }
        }
        return byId;
    }

    private static Connection jdbc() throws SQLException {
        return DriverManager.getConnection(
                platform.infrastructure().postgres().jdbcUrl(), EmbeddedPostgresServer.USER, "unused");
    }
}
