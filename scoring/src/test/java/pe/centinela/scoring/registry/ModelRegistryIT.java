package pe.centinela.scoring.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.inference.ModelManifest;
import pe.centinela.embedded.EmbeddedPostgresServer;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;
import pe.centinela.scoring.bundle.ModelBundles;
import pe.centinela.scoring.bundle.TestSigning;
import pe.centinela.scoring.training.AutoencoderTrainer;
import pe.centinela.scoring.training.AutoencoderTraining;

/** The registry on a real PostgreSQL: publish, promote, roll back, and refuse tampered bundles. */
class ModelRegistryIT {

    @TempDir
    static Path dir;

    static EmbeddedPostgresServer postgres;
    static ModelRegistry registry;
    static ModelBundles bundles;
    static String first;
    static String second;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgresServer.forTests(dir.resolve("pg"), 0).start();
        PlatformConfig.Postgres pg = PlatformConfig.Postgres.from(Settings.of(Map.of(
                "postgres.host",
                postgres.host(),
                "postgres.port",
                Integer.toString(postgres.port()),
                "postgres.database",
                "postgres",
                "postgres.user",
                "postgres")));
        Database.migrate(pg);
        registry = new ModelRegistry(pg);
        bundles = TestSigning.bundles(dir.resolve("trained"));
        first = trainAt("2026-11-20T10:00:00Z");
        second = trainAt("2026-11-21T10:00:00Z");
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static String trainAt(String time) throws Exception {
        TransactionGenerator g =
                new TransactionGenerator(GeneratorSettings.defaults(2, Instant.parse("2026-01-01T00:00:00Z"))
                        .withAccounts(100));
        Iterator<Transaction> history = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Transaction next() {
                return g.next().transaction();
            }
        };
        var options = new AutoencoderTraining.Options(
                0.25, 0.99, new AutoencoderTrainer.Hyperparameters(8, 4, 1, 256, 1e-2, 1));
        var result = new AutoencoderTraining(options, Clock.fixed(Instant.parse(time), ZoneOffset.UTC))
                .train(history, 1_000, new AutoencoderTraining.Progress() {
                    @Override
                    public void replayed(int rows) {}

                    @Override
                    public void epochDone(int epoch, int epochs, double trainLoss, double validationLoss) {}
                });
        ModelManifest saved = bundles.save(result.manifest(), result.model());
        registry.publish(bundles.directory(saved.version()), "test");
        return saved.version();
    }

    @Test
    void promotionRetiresThePreviousModelAndRollbackRestoresIt() throws Exception {
        assertThat(registry.find(first).orElseThrow().status()).isIn("candidate", "active", "retired");
        registry.promote(first, "alice");
        var promoted = registry.promote(second, "bob");
        assertThat(promoted.status()).isEqualTo("active");
        assertThat(promoted.previousActive()).isEqualTo(first);
        assertThat(registry.find(first).orElseThrow().status()).isEqualTo("retired");

        var restored = registry.rollback("carol");
        assertThat(restored.version()).isEqualTo(first);
        assertThat(registry.active().orElseThrow().version()).isEqualTo(first);
        assertThat(registry.find(second).orElseThrow().status()).isEqualTo("retired");
        try (Connection c = jdbc()) {
            var rs = c.createStatement()
                    .executeQuery(
                            "SELECT count(*) FROM model_events WHERE action LIKE 'rollback%' AND actor = 'carol'");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
        assertThat(registry.latest("rollback").orElseThrow().detail()).isEqualTo("{\"from\": \"" + second + "\"}");
    }

    @Test
    void oneVersionAtATimeIsInShadowAndARejectedOneStaysOnRecordWithItsReasons() throws Exception {
        String third = trainAt("2026-11-23T10:00:00Z");
        String fourth = trainAt("2026-11-24T10:00:00Z");
        registry.shadow(third, "retrain", "{\"validation_average_precision\": 0.9}");
        assertThat(registry.find(third).orElseThrow().status()).isEqualTo("shadow");
        registry.shadow(fourth, "dora", "{}");
        assertThat(registry.find(fourth).orElseThrow().status()).isEqualTo("shadow");
        assertThat(registry.find(third).orElseThrow().status())
                .as("the earlier shadow steps back")
                .isEqualTo("candidate");

        registry.reject(fourth, "retrain", "{\"reason\": \"shadow\"}");
        assertThat(registry.find(fourth).orElseThrow().status()).isEqualTo("rejected");
        assertThatThrownBy(() -> registry.shadow(registry.active().orElseThrow().version(), "dora", "{}"))
                .hasMessageContaining("is active");
        assertThatThrownBy(() -> registry.reject(fourth, "dora", "{}")).hasMessageContaining("is rejected");

        assertThat(registry.events(fourth, 10))
                .extracting(ModelRegistry.Event::action)
                .containsExactly("reject", "shadow", "publish");
        assertThat(registry.events(fourth, 10).get(0).detail()).isEqualTo("{\"reason\": \"shadow\"}");
        assertThat(registry.latest("shadow").orElseThrow().version()).isEqualTo(fourth);
        assertThat(registry.events(null, 1000))
                .extracting(ModelRegistry.Event::version)
                .contains(third, fourth, first);
    }

    @Test
    void aFetchedBundleLoadsAndScores(@TempDir Path cache) throws Exception {
        registry.fetch(first, cache);
        ModelBundles.LoadedModel loaded = TestSigning.bundles(cache).load(first);
        assertThat(loaded.scorer().score(new double[2][FeatureCatalogue.SIZE], 0))
                .hasSize(2);
    }

    @Test
    void aTamperedBundleInTheDatabaseIsRefused(@TempDir Path cache) throws Exception {
        String version = trainAt("2026-11-22T10:00:00Z");
        try (Connection c = jdbc()) {
            c.createStatement()
                    .executeUpdate(
                            "UPDATE models SET bundle = bundle || '\\x00'::bytea WHERE version = '" + version + "'");
        }
        assertThatThrownBy(() -> registry.fetch(version, cache)).hasMessageContaining("failed its checksum");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> registry.publish(bundles.directory(first), "test"))
                .hasMessageContaining("already in the registry");
        assertThatThrownBy(() -> registry.promote("ae-nothing", "test")).hasMessageContaining("no model ae-nothing");
    }

    private static Connection jdbc() throws Exception {
        return DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
    }
}
