package pe.centinela.operator.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/** An embedded PostgreSQL holding the platform's model registry table, created by the platform's own migration. */
final class ModelRegistryDatabase implements AutoCloseable {

    static final String USER = "postgres";
    static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;

    private ModelRegistryDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static ModelRegistryDatabase start() throws Exception {
        ModelRegistryDatabase db = new ModelRegistryDatabase(EmbeddedPostgres.builder().start());
        String migration = Files.readString(TestBinaries.repositoryFile("runtime/src/main/resources/db/migration/V4__models.sql"));
        try (Connection c = db.postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(migration);
        }
        return db;
    }

    int port() {
        return postgres.getPort();
    }

    void publish(String version) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO models (version, kind, status, alert_threshold, metrics, "
                     + "sha256, bundle, created_at) VALUES (?, 'autoencoder', 'candidate', 0.8, '{}'::jsonb, 'none', ?, ?)")) {
            insert.setString(1, version);
            insert.setBytes(2, new byte[] {1});
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    @Override
    public void close() throws Exception {
        postgres.close();
    }
}
