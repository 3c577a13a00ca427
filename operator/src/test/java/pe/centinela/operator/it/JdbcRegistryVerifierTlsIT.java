package pe.centinela.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.core.signing.ModelTrust;
import pe.centinela.core.signing.SigningKeys;
import pe.centinela.operator.JdbcRegistryVerifier;
import pe.centinela.operator.RegistryVerifier;

/** The operator's registry check honours the FraudDetector's sslMode and root certificate, on a PostgreSQL with ssl=on. */
class JdbcRegistryVerifierTlsIT {

    @TempDir
    static Path dir;

    static EmbeddedPostgres postgres;
    static String serverCa;
    static String strangerCa;

    @BeforeAll
    static void start() throws Exception {
        serverCa = certificate("server", true);
        strangerCa = certificate("stranger", false);
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", dir.resolve("server.crt").toString())
                .setServerConfig("ssl_key_file", dir.resolve("server.key").toString())
                .start();
        String migration = Files.readString(
                TestBinaries.repositoryFile("adapters/src/main/resources/db/migration/V4__models.sql"));
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute(migration);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** No version is found in these tests, so no signature is checked. */
    private static final ModelTrust ANY_KEY =
            ModelTrust.of(SigningKeys.generate().getPublic());

    private static RegistryVerifier.Connection connection(String sslMode, String rootCert) {
        return new RegistryVerifier.Connection(
                "localhost", postgres.getPort(), "postgres", "postgres", "unused", sslMode, rootCert);
    }

    @Test
    void verifyFullWithTheServersAuthorityReachesTheRegistry() throws Exception {
        assertThat(new JdbcRegistryVerifier()
                        .check(connection("verify-full", serverCa), Set.of("m1"), ANY_KEY)
                        .missing())
                .containsExactly("m1");
    }

    @Test
    void aServerSignedByAnotherAuthorityIsRefused() {
        assertThatThrownBy(() ->
                        new JdbcRegistryVerifier().check(connection("verify-full", strangerCa), Set.of("m1"), ANY_KEY))
                .isInstanceOf(RegistryVerifier.UnavailableException.class)
                .hasMessageContaining("SSL");
    }

    /** A self-signed certificate for localhost made by keytool; its PEM text, and with {@code files} its PEM cert and key in {@link #dir}. */
    private static String certificate(String name, boolean files) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool(
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "san=dns:localhost,ip:127.0.0.1",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        String cert = "-----BEGIN CERTIFICATE-----\n"
                + pem.encodeToString(keys.getCertificate(name).getEncoded()) + "\n-----END CERTIFICATE-----\n";
        if (files) {
            Files.writeString(dir.resolve(name + ".crt"), cert);
            Path key = dir.resolve(name + ".key");
            Files.writeString(
                    key,
                    "-----BEGIN PRIVATE KEY-----\n"
                            + pem.encodeToString(
                                    keys.getKey(name, "changeit".toCharArray()).getEncoded())
                            + "\n-----END PRIVATE KEY-----\n");
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        }
        return cert;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0)
                .as("keytool: " + output)
                .isTrue();
    }
}
