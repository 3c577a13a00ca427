package pe.centinela.operator.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import pe.centinela.core.signing.BundleSignature;
import pe.centinela.core.signing.SigningKeys;

/** An embedded PostgreSQL holding the platform's model registry table, created by the platform's own migration. */
final class ModelRegistryDatabase implements AutoCloseable {

    static final String USER = "postgres";
    static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;

    private ModelRegistryDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static ModelRegistryDatabase start() throws Exception {
        ModelRegistryDatabase db =
                new ModelRegistryDatabase(EmbeddedPostgres.builder().start());
        String migration = Files.readString(
                TestBinaries.repositoryFile("adapters/src/main/resources/db/migration/V4__models.sql"));
        try (Connection c = db.postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute(migration);
        }
        return db;
    }

    int port() {
        return postgres.getPort();
    }

    /** A version whose stored bundle matches its recorded sha256, signed with {@link #SIGNING}. */
    void publish(String version) throws Exception {
        publishSignedBy(version, SIGNING.getPrivate());
    }

    /** A version whose stored bundle matches its recorded sha256, signed with {@code key}. */
    void publishSignedBy(String version, PrivateKey key) throws Exception {
        byte[] bundle = signedBundle(version, key);
        insert(
                version,
                bundle,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bundle)));
    }

    /** The key pair the registry's bundles are signed with, and that the test FraudDetectors trust. */
    static final KeyPair SIGNING = SigningKeys.generate();

    /** An archive like a real bundle's: a manifest and the signature over it. */
    static byte[] signedBundle(String version, PrivateKey key) throws Exception {
        byte[] manifest = ("{\"version\":\"" + version + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] signature = BundleSignature.sign(
                Map.of(
                        "manifest.json",
                        HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(manifest))),
                key);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(manifest);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(BundleSignature.FILE_NAME));
            zip.write(signature);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** A version whose stored bundle was changed after its sha256 was recorded. */
    void publishTampered(String version) throws Exception {
        byte[] published = signedBundle(version, SIGNING.getPrivate());
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(published));
        published[0] ^= 0x20;
        insert(version, published, sha256);
    }

    private void insert(String version, byte[] bundle, String sha256) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO models (version, kind, status, alert_threshold, metrics, "
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
