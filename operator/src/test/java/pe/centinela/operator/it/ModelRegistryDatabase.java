package pe.centinela.operator.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;

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

    /** A version whose stored bundle matches its recorded sha256. */
    void publish(String version) throws Exception {
        byte[] bundle = version.getBytes(StandardCharsets.UTF_8);
        insert(version, bundle, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bundle)));
    }

    /** A version whose stored bundle was changed after its sha256 was recorded. */
    void publishTampered(String version) throws Exception {
        byte[] published = version.getBytes(StandardCharsets.UTF_8);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(published));
        published[0] ^= 0x20;
        insert(version, published, sha256);
    }

    private void insert(String version, byte[] bundle, String sha256) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO models (version, kind, status, alert_threshold, metrics, "
                     + "sha256, bundle, created_at) VALUES (?, 'autoencoder', 'candidate', 0.8, '{}'::jsonb, ?, ?, ?)")) {
            insert.setString(1, version);
            insert.setString(2, sha256);
            insert.setBytes(3, bundle);
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    @Override
    public void close() throws Exception {
        postgres.close();
    }
}
