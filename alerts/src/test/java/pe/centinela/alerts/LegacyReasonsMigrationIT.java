package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.core.features.MccGroup;
import pe.centinela.embedded.EmbeddedPostgresServer;
import pe.centinela.embedded.FreePorts;

/**
 * Alerts stored before a "category" reason carried its group's code get the code when the schema is migrated, so the
 * web UI words every stored alert from codes and keeps no copy of the English descriptions.
 */
class LegacyReasonsMigrationIT {

    @Test
    void categoryReasonsStoredWithTheEnglishDescriptionOnlyGetTheirGroupsCode(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgresServer postgres =
                EmbeddedPostgresServer.forTests(dir, FreePorts.pick()).start()) {
            PlatformConfig.Postgres config = PlatformConfig.Postgres.from(Settings.of(postgres.settings()));
            Flyway.configure()
                    .dataSource(
                            config.jdbcUrl(), config.user(), config.password().value())
                    .locations("classpath:db/migration")
                    .target("11")
                    .load()
                    .migrate();
            try (Connection db = DriverManager.getConnection(
                    config.jdbcUrl(), config.user(), config.password().value())) {
                insert(db, "al-legacy", """
                        [{"code": "amount", "weight": 0.6, "message": "an amount", "params": {"amount": "S/ 900.00"}},
                         {"code": "category", "weight": 0.5, "message": "atm at ATM cash withdrawals (MCC 6011)",
                          "params": {"channel": "atm", "category": "ATM cash withdrawals"}}]""");
                insert(db, "al-unknown", """
                        [{"code": "category", "weight": 0.5, "message": "m",
                          "params": {"channel": "pos", "category": "a description nobody wrote"}}]""");
                insert(db, "al-current", """
                        [{"code": "category", "weight": 0.5, "message": "m",
                          "params": {"channel": "pos", "category": "reworded since", "category_code": "travel"}}]""");

                Database.migrate(config);

                JsonArray legacy = reasons(db, "al-legacy");
                assertThat(legacy.getJsonObject(0).getString("code"))
                        .as("order kept")
                        .isEqualTo("amount");
                assertThat(legacy.getJsonObject(1).getJsonObject("params").getString("category_code"))
                        .isEqualTo(MccGroup.CASH.name().toLowerCase(java.util.Locale.ROOT));
                assertThat(legacy.getJsonObject(1).getJsonObject("params").getString("category"))
                        .isEqualTo("ATM cash withdrawals");
                assertThat(legacy.getJsonObject(0)).isEqualTo(new JsonObject("""
                        {"code": "amount", "weight": 0.6, "message": "an amount", "params": {"amount": "S/ 900.00"}}"""));
                assertThat(reasons(db, "al-unknown")
                                .getJsonObject(0)
                                .getJsonObject("params")
                                .containsKey("category_code"))
                        .isFalse();
                assertThat(reasons(db, "al-current")
                                .getJsonObject(0)
                                .getJsonObject("params")
                                .getString("category_code"))
                        .isEqualTo("travel");
            }
        }
    }

    /** Every English description the migration knows is the one MccGroup has: a group reworded later needs no entry. */
    @Test
    void theMigrationKnowsEveryGroupsDescriptionAsItWasWritten() throws Exception {
        String sql = new String(
                LegacyReasonsMigrationIT.class
                        .getResourceAsStream("/db/migration/V12__reason_category_codes.sql")
                        .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        for (MccGroup group : MccGroup.values()) {
            assertThat(sql)
                    .contains("('" + group.description() + "', '" + group.name().toLowerCase(java.util.Locale.ROOT)
                            + "')");
        }
    }

    private static void insert(Connection db, String id, String reasons) throws Exception {
        try (var insert = db.prepareStatement("""
                INSERT INTO alerts (alert_id, transaction_id, account_id, amount, currency, tx_time, channel, score,
                                    threshold, model_version, reasons, transaction, scored_at)
                VALUES (?, ?, 'acc-1', 900, 'PEN', now(), 'pos', 0.99, 0.9, 'v1', ?::jsonb, '{}'::jsonb, now())""")) {
            insert.setString(1, id);
            insert.setString(2, "tx-" + id);
            insert.setString(3, reasons);
            insert.executeUpdate();
        }
    }

    private static JsonArray reasons(Connection db, String id) throws Exception {
        try (var select = db.prepareStatement("SELECT reasons::text FROM alerts WHERE alert_id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return new JsonArray(rows.getString(1));
            }
        }
    }
}
