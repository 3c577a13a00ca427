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
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import pe.centinela.operator.model.RegistryCheck;

/**
 * Looks versions up in the {@code models} table with plain JDBC, one short connection per check. PostgreSQL hashes
 * each stored bundle, so its bytes never travel to the operator.
 */
public final class JdbcModelRegistry implements ModelRegistry {

    private static final String SELECT_KNOWN = "SELECT version, sha256 = encode(sha256(bundle), 'hex') FROM models WHERE version = ANY (?)";

    @Override
    public RegistryCheck check(Connection c, Set<String> versions) throws UnavailableException {
        Properties props = new Properties();
        props.setProperty("user", c.user());
        props.setProperty("password", c.password());
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", "10");
        props.setProperty("ApplicationName", "centinela-operator");
        props.setProperty("sslmode", c.sslMode());
        String url = "jdbc:postgresql://" + c.host() + ":" + c.port() + "/" + c.database();
        Set<String> missing = new TreeSet<>(versions);
        Set<String> mismatched = new TreeSet<>();
        Path rootCert = null;
        try {
            rootCert = rootCertFile(c);
            if (rootCert != null) {
                props.setProperty("sslrootcert", rootCert.toString());
            }
            query(url, props, versions, missing, mismatched);
        } catch (SQLException | IOException e) {
            throw new UnavailableException(c + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(rootCert);
        }
        return RegistryCheck.found(missing, mismatched);
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

    private static void query(String url, Properties props, Set<String> versions, Set<String> missing, Set<String> mismatched)
            throws SQLException {
        try (java.sql.Connection db = DriverManager.getConnection(url, props);
             PreparedStatement select = db.prepareStatement(SELECT_KNOWN)) {
            Array array = db.createArrayOf("text", versions.toArray());
            select.setArray(1, array);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    missing.remove(rows.getString(1));
                    if (!rows.getBoolean(2)) {
                        mismatched.add(rows.getString(1));
                    }
                }
            }
        }
    }
}
