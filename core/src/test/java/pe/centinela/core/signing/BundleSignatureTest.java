package pe.centinela.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.core.config.ConfigException;

class BundleSignatureTest {

    private static final KeyPair BUSINESS = SigningKeys.generate();
    private static final KeyPair OTHER = SigningKeys.generate();
    private static final Map<String, String> FILES = Map.of(
            "manifest.json", "aa".repeat(32),
            "network.zip", "bb".repeat(32));

    @TempDir
    Path dir;

    @Test
    void aBundleSignedByATrustedKeyVerifies() {
        byte[] signature = BundleSignature.sign(FILES, BUSINESS.getPrivate());
        assertThatCode(() -> BundleSignature.verify("m1", FILES, signature, ModelTrust.of(BUSINESS.getPublic())))
                .doesNotThrowAnyException();
        assertThatCode(() -> BundleSignature.verify(
                        "m1",
                        FILES,
                        signature,
                        new ModelTrust(List.of(OTHER.getPublic(), BUSINESS.getPublic()), false)))
                .as("any of the trusted keys")
                .doesNotThrowAnyException();
    }

    @Test
    void aFileChangedAfterSigningIsRefusedByName() {
        byte[] signature = BundleSignature.sign(FILES, BUSINESS.getPrivate());
        Map<String, String> tampered = Map.of("manifest.json", "aa".repeat(32), "network.zip", "bc" + "bb".repeat(31));
        assertThatThrownBy(() -> BundleSignature.verify("m1", tampered, signature, ModelTrust.of(BUSINESS.getPublic())))
                .isInstanceOfSatisfying(
                        BundleSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleSignatureException.Reason.SIGNATURE_INVALID))
                .hasMessage("model m1 has files that changed after it was signed: network.zip");
    }

    @Test
    void aFileAddedAfterSigningIsRefused() {
        byte[] signature = BundleSignature.sign(FILES, BUSINESS.getPrivate());
        Map<String, String> added = Map.of(
                "manifest.json", "aa".repeat(32), "network.zip", "bb".repeat(32), "preprocessor.bin", "cc".repeat(32));
        assertThatThrownBy(() -> BundleSignature.verify("m1", added, signature, ModelTrust.of(BUSINESS.getPublic())))
                .hasMessageContaining("does not hold the files it was signed with: not signed: preprocessor.bin");
    }

    @Test
    void aTamperedSignatureByteIsRefused() {
        byte[] signature = BundleSignature.sign(FILES, BUSINESS.getPrivate());
        String text = new String(signature, StandardCharsets.UTF_8);
        int at = text.indexOf("\"signature\" : \"") + 15;
        char flipped = text.charAt(at) == 'A' ? 'B' : 'A';
        byte[] tampered = (text.substring(0, at) + flipped + text.substring(at + 1)).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> BundleSignature.verify("m1", FILES, tampered, ModelTrust.of(BUSINESS.getPublic())))
                .hasMessageContaining("model m1 has a signature that none of the trusted keys verifies")
                .hasMessageContaining(SigningKeys.fingerprint(BUSINESS.getPublic()));
    }

    @Test
    void aBundleSignedByAnUntrustedKeyIsRefused() {
        byte[] signature = BundleSignature.sign(FILES, OTHER.getPrivate());
        assertThatThrownBy(() -> BundleSignature.verify("m1", FILES, signature, ModelTrust.of(BUSINESS.getPublic())))
                .isInstanceOfSatisfying(
                        BundleSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleSignatureException.Reason.SIGNATURE_INVALID))
                .hasMessageContaining("none of the trusted keys verifies (scoring.trusted-keys: "
                        + SigningKeys.fingerprint(BUSINESS.getPublic()) + ")");
    }

    @Test
    void anUnsignedBundleIsRefusedUnlessUnsignedModelsAreAllowed() {
        assertThatThrownBy(() -> BundleSignature.verify("m1", FILES, null, ModelTrust.of(BUSINESS.getPublic())))
                .isInstanceOfSatisfying(
                        BundleSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleSignatureException.Reason.UNSIGNED))
                .hasMessageContaining("model m1 is not signed (no signature.json): refused")
                .hasMessageContaining("scoring.allow-unsigned-models=true");
        assertThatCode(() -> BundleSignature.verify("m1", FILES, null, new ModelTrust(List.of(), true)))
                .doesNotThrowAnyException();
    }

    @Test
    void aSignedBundleIsRefusedWhenNoKeyIsTrusted() {
        byte[] signature = BundleSignature.sign(FILES, BUSINESS.getPrivate());
        assertThatThrownBy(() -> BundleSignature.verify("m1", FILES, signature, new ModelTrust(List.of(), true)))
                .hasMessageContaining("no public key is trusted: set scoring.trusted-keys");
    }

    @Test
    void garbageInTheSignatureFileIsRefused() {
        assertThatThrownBy(() -> BundleSignature.verify(
                        "m1",
                        FILES,
                        "{\"format\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                        ModelTrust.of(BUSINESS.getPublic())))
                .hasMessageContaining("is not a centinela-model-bundle-v1 Ed25519 signature");
        assertThatThrownBy(() -> BundleSignature.verify(
                        "m1", FILES, "not json".getBytes(StandardCharsets.UTF_8), ModelTrust.of(BUSINESS.getPublic())))
                .hasMessageContaining("unreadable signature.json");
    }

    @Test
    void keysRoundTripThroughPemFilesAndBase64() throws Exception {
        KeyPair pair = SigningKeys.generate();
        Path privateKey = dir.resolve("keys/signing.pem");
        Path publicKey = dir.resolve("keys/signing.pub.pem");
        SigningKeys.write(pair, privateKey, publicKey);
        assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(publicKey)).startsWith("-----BEGIN PUBLIC KEY-----");
        byte[] signature = BundleSignature.sign(FILES, SigningKeys.readPrivate(privateKey));
        List<java.security.PublicKey> fromFile =
                pe.centinela.core.config.TrustedKeys.parse(publicKey.toString(), "scoring.trusted-keys");
        List<java.security.PublicKey> inline = pe.centinela.core.config.TrustedKeys.parse(
                " , " + SigningKeys.base64(pair.getPublic()), "scoring.trusted-keys");
        assertThatCode(() -> BundleSignature.verify("m1", FILES, signature, new ModelTrust(fromFile, false)))
                .doesNotThrowAnyException();
        assertThatCode(() -> BundleSignature.verify("m1", FILES, signature, new ModelTrust(inline, false)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SigningKeys.write(pair, privateKey, publicKey)).hasMessageContaining("already exists");
    }

    @Test
    void aTrustedKeyThatIsNeitherAFileNorAKeyNamesTheSetting() {
        assertThatThrownBy(() -> pe.centinela.core.config.TrustedKeys.parse("/no/such/key.pem", "scoring.trusted-keys"))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("scoring.trusted-keys"))
                .hasMessageContaining("no public key file /no/such/key.pem");
        assertThatThrownBy(() -> pe.centinela.core.config.TrustedKeys.parse("QUJD", "scoring.trusted-keys"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not an Ed25519 public key");
    }
}
