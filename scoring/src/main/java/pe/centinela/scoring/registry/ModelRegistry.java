package pe.centinela.scoring.registry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.inference.ModelManifest;
import pe.centinela.core.json.Json;
import pe.centinela.scoring.bundle.ChecksumMismatchException;

/**
 * Model bundles in PostgreSQL, so every scoring replica loads the same bytes: each version with its status
 * (candidate, active, shadow, retired, rejected), metrics and the sha256 of its archive, verified on every fetch. Promotion and
 * rollback are transactions and leave an event trail. Blocking (JDBC): call it from a worker thread or a command.
 */
public final class ModelRegistry {

    /** One registered version. */
    public record Entry(
            String version,
            String kind,
            String status,
            double alertThreshold,
            String sha256,
            Instant createdAt,
            Instant activatedAt,
            String previousActive,
            String metrics) {}

    /** One step of the trail: a code (publish, shadow, promote, reject, rollback, threshold, retrain_started, retrain_failed), its figures as JSON. */
    public record Event(long id, String version, String action, String actor, Instant at, String detail) {}

    private final PlatformConfig.Postgres postgres;

    public ModelRegistry(PlatformConfig.Postgres postgres) {
        this.postgres = postgres;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(
                postgres.jdbcUrl(), postgres.user(), postgres.password().value());
    }

    /** Registers a bundle folder as a candidate; returns its entry. Publishing the same version twice is refused. */
    public Entry publish(Path bundleDir, String actor) throws IOException, SQLException {
        ModelManifest manifest = Json.mapper()
                .readValue(bundleDir.resolve(ModelManifest.FILE_NAME).toFile(), ModelManifest.class);
        byte[] archive = zip(bundleDir);
        String sha = sha256(archive);
        try (Connection c = connect();
                PreparedStatement insert = c.prepareStatement("""
                INSERT INTO models (version, kind, status, alert_threshold, metrics, sha256, bundle, created_at)
                VALUES (?, ?, 'candidate', ?, ?::jsonb, ?, ?, ?) ON CONFLICT (version) DO NOTHING""")) {
            insert.setString(1, manifest.version());
            insert.setString(2, manifest.kind());
            insert.setDouble(3, manifest.alertThreshold());
            insert.setString(4, Json.toString(manifest.metrics()));
            insert.setString(5, sha);
            insert.setBytes(6, archive);
            insert.setTimestamp(7, Timestamp.from(manifest.createdAt()));
            if (insert.executeUpdate() == 0) {
                throw new IllegalArgumentException("model " + manifest.version() + " is already in the registry");
            }
            event(c, manifest.version(), "publish", actor, "{}");
        }
        return find(manifest.version()).orElseThrow();
    }

    public List<Entry> list() throws SQLException {
        try (Connection c = connect();
                PreparedStatement q = c.prepareStatement(
                        "SELECT version, kind, status, alert_threshold, sha256, created_at, activated_at, previous_active, metrics::text FROM models ORDER BY created_at DESC")) {
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    entries.add(entry(rs));
                }
            }
            return entries;
        }
    }

    public Optional<Entry> find(String version) throws SQLException {
        return list().stream().filter(e -> e.version().equals(version)).findFirst();
    }

    public Optional<Entry> active() throws SQLException {
        return list().stream().filter(e -> e.status().equals("active")).findFirst();
    }

    /** As {@link #promote(String, String)}, with the event's figures as JSON. */
    public Entry promote(String version, String actor, String detail) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            String previous = null;
            try (PreparedStatement current =
                            c.prepareStatement("SELECT version FROM models WHERE status = 'active' FOR UPDATE");
                    ResultSet rs = current.executeQuery()) {
                if (rs.next()) {
                    previous = rs.getString(1);
                }
            }
            if (version.equals(previous)) {
                c.rollback();
                throw new IllegalArgumentException("model " + version + " is already active");
            }
            if (previous != null) {
                update(c, "UPDATE models SET status = 'retired' WHERE version = ?", previous);
            }
            try (PreparedStatement activate = c.prepareStatement(
                    "UPDATE models SET status = 'active', activated_at = now(), previous_active = ? WHERE version = ?")) {
                activate.setString(1, previous);
                activate.setString(2, version);
                if (activate.executeUpdate() == 0) {
                    c.rollback();
                    throw new IllegalArgumentException("no model " + version + " in the registry; publish it first");
                }
            }
            event(c, version, "promote", actor, detail);
            c.commit();
        }
        return find(version).orElseThrow();
    }

    /** Makes {@code version} the active model; the one it replaces is retired and remembered for a rollback. */
    public Entry promote(String version, String actor) throws SQLException {
        return promote(version, actor, "{}");
    }

    /**
     * Puts a registered version in shadow: scoring replicas score beside the model in force with it, within their
     * refresh interval. A version already in shadow goes back to candidate. {@code detail} is the event's JSON.
     */
    public Entry shadow(String version, String actor, String detail) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            String status = lockedStatus(c, version);
            if (!status.equals("candidate") && !status.equals("retired")) {
                c.rollback();
                throw new IllegalArgumentException("model " + version + " is " + status
                        + ": only a candidate or a retired version goes in shadow");
            }
            update(c, "UPDATE models SET status = 'candidate' WHERE status = 'shadow' AND version <> ?", version);
            update(c, "UPDATE models SET status = 'shadow' WHERE version = ?", version);
            event(c, version, "shadow", actor, detail);
            c.commit();
        }
        return find(version).orElseThrow();
    }

    /** Marks a candidate or shadow version rejected (it did not beat the model in force); {@code detail} says why, as JSON. */
    public Entry reject(String version, String actor, String detail) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            String status = lockedStatus(c, version);
            if (!status.equals("candidate") && !status.equals("shadow")) {
                c.rollback();
                throw new IllegalArgumentException(
                        "model " + version + " is " + status + ": only a candidate or a shadow is rejected");
            }
            update(c, "UPDATE models SET status = 'rejected' WHERE version = ?", version);
            event(c, version, "reject", actor, detail);
            c.commit();
        }
        return find(version).orElseThrow();
    }

    /** Records a step that concerns no single version yet, or no change of status (retrain_started, retrain_failed). */
    public void record(String version, String action, String actor, String detail) throws SQLException {
        try (Connection c = connect()) {
            event(c, version, action, actor, detail);
        }
    }

    /** The trail, newest first: of one version, or of all ({@code version} null). */
    public List<Event> events(String version, int limit) throws SQLException {
        try (Connection c = connect();
                PreparedStatement q = c.prepareStatement("""
                SELECT id, version, action, actor, at, detail::text FROM model_events WHERE ?::text IS NULL OR version = ?
                ORDER BY at DESC, id DESC LIMIT ?""")) {
            q.setString(1, version);
            q.setString(2, version);
            q.setInt(3, limit);
            List<Event> events = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    events.add(event(rs));
                }
            }
            return events;
        }
    }

    /** The newest event with this action, of any version. */
    public Optional<Event> latest(String action) throws SQLException {
        try (Connection c = connect();
                PreparedStatement q = c.prepareStatement("""
                SELECT id, version, action, actor, at, detail::text FROM model_events WHERE action = ? ORDER BY at DESC, id DESC LIMIT 1""")) {
            q.setString(1, action);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(event(rs)) : Optional.empty();
            }
        }
    }

    private static Event event(ResultSet rs) throws SQLException {
        return new Event(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant(),
                rs.getString(6));
    }

    private static String lockedStatus(Connection c, String version) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT status FROM models WHERE version = ? FOR UPDATE")) {
            q.setString(1, version);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    c.rollback();
                    throw new IllegalArgumentException("no model " + version + " in the registry; publish it first");
                }
                return rs.getString(1);
            }
        }
    }

    /** Puts back the model the active one replaced. */
    public Entry rollback(String actor) throws SQLException {
        Entry active = active().orElseThrow(() -> new IllegalArgumentException("no active model to roll back"));
        if (active.previousActive() == null) {
            throw new IllegalArgumentException(
                    "model " + active.version() + " replaced nothing: there is no earlier model to roll back to");
        }
        Entry restored = promote(active.previousActive(), actor);
        try (Connection c = connect()) {
            event(c, restored.version(), "rollback", actor, Json.toString(java.util.Map.of("from", active.version())));
        }
        return restored;
    }

    /** Extracts a version's bundle under {@code cacheDir} after checking its archive's sha256; returns the bundle folder. */
    public Path fetch(String version, Path cacheDir) throws IOException, SQLException {
        byte[] archive;
        String expected;
        try (Connection c = connect();
                PreparedStatement q = c.prepareStatement("SELECT bundle, sha256 FROM models WHERE version = ?")) {
            q.setString(1, version);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new IOException("no model " + version + " in the registry");
                }
                archive = rs.getBytes(1);
                expected = rs.getString(2);
            }
        }
        String actual = sha256(archive);
        if (!actual.equals(expected)) {
            throw new ChecksumMismatchException("model " + version + " in the registry failed its checksum: expected "
                    + expected + " but got " + actual);
        }
        Path dir = cacheDir.resolve(version);
        Files.createDirectories(dir);
        emptyFolder(dir);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (!entry.getName().matches("[A-Za-z0-9._-]+")
                        || entry.getName().matches("\\.+")) {
                    throw new IOException("model " + version + " holds an unsafe path: " + entry.getName());
                }
                Files.copy(zip, dir.resolve(entry.getName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    /** A bundle folder holds exactly what the archive held, so the signature check sees no file left from before. */
    private static void emptyFolder(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                if (Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(
                            "model cache folder " + dir + " holds a folder " + file.getFileName() + ": remove it");
                }
                Files.delete(file);
            }
        }
    }

    private static void update(Connection c, String sql, String version) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, version);
            s.executeUpdate();
        }
    }

    private static void event(Connection c, String version, String action, String actor, String detail)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO model_events (version, action, actor, detail) VALUES (?, ?, ?, ?::jsonb)")) {
            s.setString(1, version);
            s.setString(2, action);
            s.setString(3, actor);
            s.setString(4, detail);
            s.executeUpdate();
        }
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        Timestamp activated = rs.getTimestamp(7);
        return new Entry(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getDouble(4),
                rs.getString(5),
                rs.getTimestamp(6).toInstant(),
                activated == null ? null : activated.toInstant(),
                rs.getString(8),
                rs.getString(9));
    }

    private static byte[] zip(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes);
                Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(file.getFileName().toString()));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
