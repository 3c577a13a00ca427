package pe.centinela.core.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys of the JDK's own provider, as PEM files: the private key PKCS#8 ({@code PRIVATE KEY}), the public key
 * X.509 ({@code PUBLIC KEY}). A public key may also be given inline as the base64 of its X.509 encoding.
 */
public final class SigningKeys {

    public static final String ALGORITHM = "Ed25519";
    private static final String PRIVATE_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_LABEL = "PUBLIC KEY";

    private SigningKeys() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + ALGORITHM, e);
        }
    }

    /** Writes the private key readable by its owner only, and the public key beside it. */
    public static void write(KeyPair pair, Path privateKeyFile, Path publicKeyFile) throws IOException {
        Path parent = privateKeyFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (Files.exists(privateKeyFile)) {
            throw new IOException(privateKeyFile + " already exists: not overwriting a signing key");
        }
        Files.createFile(privateKeyFile);
        try {
            Files.setPosixFilePermissions(privateKeyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps the directory's permissions
        }
        Files.writeString(privateKeyFile, pem(PRIVATE_LABEL, pair.getPrivate().getEncoded()));
        Files.writeString(publicKeyFile, pem(PUBLIC_LABEL, pair.getPublic().getEncoded()));
    }

    /** The key pair kept in these files, made and written on first use (a demo's or a benchmark's own). */
    public static KeyPair ensure(Path privateKeyFile, Path publicKeyFile) throws IOException {
        if (!Files.exists(privateKeyFile)) {
            KeyPair pair = generate();
            write(pair, privateKeyFile, publicKeyFile);
            return pair;
        }
        return new KeyPair(readPublic(publicKeyFile.toString()), readPrivate(privateKeyFile));
    }

    public static PrivateKey readPrivate(Path file) throws IOException {
        byte[] der = der(Files.readString(file, StandardCharsets.US_ASCII), PRIVATE_LABEL, file.toString());
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is not an " + ALGORITHM
                    + " private key (PKCS#8 PEM, as fraud models keygen writes): " + e.getMessage());
        }
    }

    /** A public key from a PEM file's path, or from the base64 of its X.509 encoding. */
    public static PublicKey readPublic(String fileOrBase64) throws IOException {
        String value = fileOrBase64.trim();
        Path file = Path.of(value);
        if (Files.isRegularFile(file)) {
            return publicKey(der(Files.readString(file, StandardCharsets.US_ASCII), PUBLIC_LABEL, value), value);
        }
        if (value.matches("[A-Za-z0-9+/]+={0,2}")) {
            return publicFromBase64(value);
        }
        throw new IOException("no public key file " + value + " (give a PEM file or the key's base64)");
    }

    /** A public key from the base64 of its X.509 encoding only (never a file). */
    public static PublicKey publicFromBase64(String base64) throws IOException {
        String value = base64.trim();
        try {
            return publicKey(Base64.getDecoder().decode(value), value);
        } catch (IllegalArgumentException e) {
            throw new IOException(value + " is not the base64 of an " + ALGORITHM + " public key");
        }
    }

    private static PublicKey publicKey(byte[] der, String source) throws IOException {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException(source + " is not an " + ALGORITHM + " public key: " + e.getMessage());
        }
    }

    /** The base64 of the public key's X.509 encoding, the inline form {@link #readPublic} takes. */
    public static String base64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** A short name for a public key in messages: the first 16 hex digits of its encoding's sha256. */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    private static byte[] der(String pem, String label, String source) throws IOException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException(source + " holds no '" + begin + "' block");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IOException(source + " has a malformed " + label + " block: " + e.getMessage());
        }
    }
}
