package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.embedded.EmbeddedPostgresServer;
import pe.centinela.embedded.FreePorts;

/** Alerts stored before cases existed join cases when the schema is migrated: one open and one closed per account. */
class CaseMigrationIT {

    @Test
    void eachAccountsUndecidedAlertsJoinOneOpenCaseAndItsDecidedOnesOneClosedCase(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgresServer postgres =
                EmbeddedPostgresServer.forTests(dir, FreePorts.pick()).start()) {
            PlatformConfig.Postgres config = PlatformConfig.Postgres.from(Settings.of(postgres.settings()));
            Flyway.configure()
                    .dataSource(
                            config.jdbcUrl(), config.user(), config.password().value())
                    .locations("classpath:db/migration")
                    .target("13")
                    .load()
                    .migrate();
            try (Connection db = DriverManager.getConnection(
                    config.jdbcUrl(), config.user(), config.password().value())) {
                insert(db, "a1", "acc-1", "new", null);
                insert(db, "a2", "acc-1", "investigating", "ana");
                insert(db, "a3", "acc-1", "confirmed_fraud", "ana");
                insert(db, "a4", "acc-1", "false_positive", "luis");
                insert(db, "b1", "acc-2", "false_positive", "ana");
                insert(db, "c1", "acc-3", "escalated", "ana");
                insert(db, "c2", "acc-3", "new", "luis");

                Database.migrate(config);

                assertThat(cases(db))
                        .containsExactly(
                                "acc-1 investigating ana [a1, a2]",
                                "acc-1 closed_fraud null [a3, a4]",
                                "acc-2 closed_not_fraud ana [b1]",
                                "acc-3 escalated null [c1, c2]");
                assertThat(count(db, "SELECT count(*) FROM alerts WHERE case_id IS NULL"))
                        .isZero();
                assertThat(count(db, "SELECT count(*) FROM case_events WHERE action = 'opened'"))
                        .isEqualTo(4);
            }
        }
    }

    private static void insert(Connection db, String id, String account, String status, String assignee)
            throws Exception {
        try (var insert = db.prepareStatement("""
                INSERT INTO alerts (alert_id, transaction_id, account_id, amount, currency, tx_time, channel, score,
                                    threshold, model_version, reasons, transaction, scored_at, status, assignee)
                VALUES (?, ?, ?, 900, 'PEN', now(), 'pos', 0.99, 0.9, 'v1', '[]'::jsonb, '{}'::jsonb, now(), ?, ?)""")) {
            insert.setString(1, id);
            insert.setString(2, "tx-" + id);
            insert.setString(3, account);
            insert.setString(4, status);
            insert.setString(5, assignee);
            insert.executeUpdate();
        }
    }

    /** Each case as "account status owner [its alerts]", open ones first within an account. */
    private static List<String> cases(Connection db) throws Exception {
        List<String> cases = new ArrayList<>();
        try (var select = db.prepareStatement("""
                SELECT c.account_id, c.status, c.owner, string_agg(a.alert_id, ', ' ORDER BY a.alert_id) AS alerts
                FROM cases c JOIN alerts a ON a.case_id = c.case_id
                GROUP BY c.case_id, c.account_id, c.status, c.owner
                ORDER BY c.account_id, c.status LIKE 'closed%', c.case_id""");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                cases.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + " ["
                        + rows.getString(4) + "]");
            }
        }
        return cases;
    }

    private static long count(Connection db, String sql) throws Exception {
        try (var select = db.prepareStatement(sql);
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
