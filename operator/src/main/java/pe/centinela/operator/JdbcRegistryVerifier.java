package pe.centinela.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import pe.centinela.core.signing.ModelTrust;
import pe.centinela.core.signing.SigningKeys;
import pe.centinela.operator.planning.RegistryCheck;
import pe.centinela.operator.planning.SignedBundle;

/**
 * Looks versions up in the {@code models} table with plain JDBC, one short connection per check (encrypted as the
 * resource's {@code sslMode} says). PostgreSQL hashes each stored bundle; a bundle's bytes travel to the operator only
 * to check its signature, once per stored sha256 and set of trusted keys (the verdicts are remembered).
 */
public final class JdbcRegistryVerifier implements RegistryVerifier {

    private static final String SELECT_KNOWN =
            "SELECT version, sha256 = encode(sha256(bundle), 'hex'), sha256 FROM models WHERE version = ANY (?)";
    private static final String SELECT_BUNDLE = "SELECT bundle FROM models WHERE version = ? AND sha256 = ?";
    private static final int REMEMBERED = 256;

    private final Map<String, Optional<String>> verdicts = new ConcurrentHashMap<>();

    @Override
    public RegistryCheck check(Connection c, Set<String> versions, ModelTrust trust) throws UnavailableException {
        Properties props = new Properties();
        props.setProperty("user", c.user());
        props.setProperty("password", c.password());
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", "10");
        props.setProperty("ApplicationName", "centinela-operator");
        props.setProperty("sslmode", c.sslMode());
        String url = "jdbc:postgresql://" + c.host() + ":" + c.port() + "/" + c.database();
        Path rootCert = null;
        try {
            rootCert = rootCertFile(c);
            if (rootCert != null) {
                props.setProperty("sslrootcert", rootCert.toString());
            }
            return query(url, props, versions, trust);
        } catch (SQLException | IOException e) {
            throw new UnavailableException(c + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(rootCert);
        }
    }

    private RegistryCheck query(String url, Properties props, Set<String> versions, ModelTrust trust)
            throws SQLException {
        Set<String> missing = new TreeSet<>(versions);
        Set<String> mismatched = new TreeSet<>();
        Map<String, String> intact = new TreeMap<>();
        Map<String, String> unverified = new TreeMap<>();
        try (java.sql.Connection db = DriverManager.getConnection(url, props);
                PreparedStatement select = db.prepareStatement(SELECT_KNOWN)) {
            Array array = db.createArrayOf("text", versions.toArray());
            select.setArray(1, array);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    missing.remove(rows.getString(1));
                    if (!rows.getBoolean(2)) {
                        mismatched.add(rows.getString(1));
                    } else {
                        intact.put(rows.getString(1), rows.getString(3));
                    }
                }
            }
            for (Map.Entry<String, String> version : intact.entrySet()) {
                verdict(db, version.getKey(), version.getValue(), trust)
                        .ifPresent(problem -> unverified.put(version.getKey(), problem));
            }
        }
        return RegistryCheck.found(missing, mismatched, unverified);
    }

    /** The driver reads the certificate authority from a file: a private temporary one, deleted after the check. */
    private static Path rootCertFile(Connection c) throws IOException {
        if (c.rootCertPem().isEmpty()) {
            return null;
        }
        Path file = Files.createTempFile("centinela-postgres-ca", ".pem");
        Files.writeString(file, c.rootCertPem(), StandardCharsets.US_ASCII);
        return file;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a certificate authority is public; a leftover temporary file is harmless
            }
        }
    }

    private Optional<String> verdict(java.sql.Connection db, String version, String sha256, ModelTrust trust)
            throws SQLException {
        String key = version + "\n" + sha256 + "\n" + trust.allowUnsigned() + "\n"
                + trust.keys().stream().map(SigningKeys::fingerprint).sorted().collect(Collectors.joining(","));
        Optional<String> known = verdicts.get(key);
        if (known != null) {
            return known;
        }
        try (PreparedStatement select = db.prepareStatement(SELECT_BUNDLE)) {
            select.setString(1, version);
            select.setString(2, sha256);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Optional<String> verdict = SignedBundle.problem(version, rows.getBytes(1), trust);
                if (verdicts.size() >= REMEMBERED) {
                    verdicts.clear();
                }
                verdicts.put(key, verdict);
                return verdict;
            }
        }
    }
}
