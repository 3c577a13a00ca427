package pe.centinela.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.embedded.EmbeddedInfrastructure;
import pe.centinela.embedded.EmbeddedPostgresServer;

/**
 * The demo keeps its alerts and decisions between runs: its PostgreSQL must not acknowledge a commit it could lose.
 * And an embedded PostgreSQL never takes another's database for its own.
 */
class DemoDurabilityIT {

    @Test
    void theDemosDatabaseFlushesEveryCommitToDisk(@TempDir Path dataDir) throws Exception {
        try (EmbeddedInfrastructure infrastructure = DemoCommand.infrastructure(dataDir, 0, 0)) {
            infrastructure.startPostgres();
            EmbeddedPostgresServer postgres = infrastructure.postgres();
            try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                    Statement sql = db.createStatement()) {
                assertThat(show(sql, "fsync")).isEqualTo("on");
                assertThat(show(sql, "synchronous_commit")).isEqualTo("on");
                assertThat(show(sql, "full_page_writes")).isEqualTo("on");
            }
        }
    }

    @Test
    void aServerWhosePortAnotherPostgresqlHoldsRefusesToStartInsteadOfSharingItsDatabase(@TempDir Path dir)
            throws Exception {
        try (EmbeddedPostgresServer first =
                        EmbeddedPostgresServer.forTests(dir.resolve("first"), 0).start();
                EmbeddedPostgresServer second = EmbeddedPostgresServer.forTests(dir.resolve("second"), first.port())) {
            assertThatThrownBy(second::start)
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("held by another PostgreSQL");
        }
    }

    private static String show(Statement sql, String setting) throws Exception {
        try (ResultSet row = sql.executeQuery("SHOW " + setting)) {
            row.next();
            return row.getString(1);
        }
    }
}
