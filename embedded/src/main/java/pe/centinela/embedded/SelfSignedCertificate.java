package pe.centinela.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate for {@code localhost} and {@code 127.0.0.1} that signs itself, made by the JDK's keytool: as PEM files
 * (certificate, private key) for Vert.x and PostgreSQL, and as PKCS12 key and trust stores for Kafka. For tests.
 */
public record SelfSignedCertificate(Path certFile, Path keyFile, Path keyStore, Path trustStore, String storePassword) {

    public static SelfSignedCertificate create(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        String password = "changeit-" + name;
        Path keyStore = dir.resolve(name + "-keystore.p12");
        Path cert = dir.resolve(name + ".crt");
        Path trustStore = dir.resolve(name + "-truststore.p12");
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
                "CN=localhost,O=Centinela tests (" + name + ")",
                "-ext",
                "san=dns:localhost,ip:127.0.0.1",
                "-keystore",
                keyStore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                password,
                "-keypass",
                password);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                name,
                "-keystore",
                keyStore.toString(),
                "-storepass",
                password,
                "-file",
                cert.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                name,
                "-file",
                cert.toString(),
                "-keystore",
                trustStore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                password);
        Path key = dir.resolve(name + ".key");
        Files.writeString(key, pem(privateKey(keyStore, name, password)), StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return new SelfSignedCertificate(cert, key, keyStore, trustStore, password);
    }

    private static Key privateKey(Path keyStore, String alias, String password) throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store.getKey(alias, password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key of " + keyStore + ": " + e.getMessage(), e);
        }
    }

    private static String pem(Key key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
