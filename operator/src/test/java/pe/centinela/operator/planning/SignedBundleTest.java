package pe.centinela.operator.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import pe.centinela.core.signing.BundleSignature;
import pe.centinela.core.signing.ModelTrust;
import pe.centinela.core.signing.SigningKeys;
import pe.centinela.operator.crd.ModelSpec;

class SignedBundleTest {

    private static final KeyPair BUSINESS = SigningKeys.generate();
    private static final byte[] MANIFEST = "{\"version\":\"m2\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aBundleSignedByATrustedKeyMayBeServed() throws Exception {
        assertThat(SignedBundle.problem("m2", archive(MANIFEST, signature(MANIFEST, BUSINESS)), trusting(BUSINESS)))
                .isEmpty();
    }

    @Test
    void aBundleSignedByAnotherKeyIsRefusedNamingTheSpecField() throws Exception {
        assertThat(SignedBundle.problem(
                        "m2", archive(MANIFEST, signature(MANIFEST, SigningKeys.generate())), trusting(BUSINESS)))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .contains(
                                "Model version m2",
                                "none of the trusted keys verifies",
                                "spec.model.trustedKeys",
                                SigningKeys.fingerprint(BUSINESS.getPublic())));
    }

    @Test
    void aBundleChangedAfterSigningIsRefused() throws Exception {
        byte[] changed = "{\"version\":\"m2\",\"x\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(SignedBundle.problem("m2", archive(changed, signature(MANIFEST, BUSINESS)), trusting(BUSINESS)))
                .hasValueSatisfying(
                        problem -> assertThat(problem).contains("changed after it was signed: manifest.json"));
    }

    @Test
    void anUnsignedBundleIsRefusedUnlessTheSpecAllowsUnsignedModels() throws Exception {
        byte[] unsigned = archive(MANIFEST, null);
        assertThat(SignedBundle.problem("m2", unsigned, trusting(BUSINESS)))
                .hasValueSatisfying(
                        problem -> assertThat(problem).contains("m2 is not signed", "spec.model.allowUnsigned: true"));
        ModelSpec spec = new ModelSpec();
        spec.setAllowUnsigned(true);
        assertThat(SignedBundle.problem("m2", unsigned, SignedBundle.trust(spec)))
                .isEmpty();
    }

    @Test
    void theSpecsKeysAreTrustedAndABadOneIsNamedByItsIndex() throws Exception {
        ModelSpec spec = new ModelSpec();
        spec.setTrustedKeys(List.of(SigningKeys.base64(BUSINESS.getPublic())));
        assertThat(SignedBundle.problem(
                        "m2", archive(MANIFEST, signature(MANIFEST, BUSINESS)), SignedBundle.trust(spec)))
                .isEmpty();
        spec.setTrustedKeys(List.of(SigningKeys.base64(BUSINESS.getPublic()), "/etc/passwd"));
        assertThatThrownBy(() -> SignedBundle.trust(spec))
                .hasMessageContaining("spec.model.trustedKeys[1] is not the base64 of an Ed25519 public key");
    }

    private static ModelTrust trusting(KeyPair pair) {
        return ModelTrust.of(pair.getPublic());
    }

    private static byte[] signature(byte[] manifest, KeyPair pair) throws Exception {
        return BundleSignature.sign(
                Map.of(
                        "manifest.json",
                        HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(manifest))),
                pair.getPrivate());
    }

    private static byte[] archive(byte[] manifest, byte[] signature) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("manifest.json", manifest);
        if (signature != null) {
            files.put(BundleSignature.FILE_NAME, signature);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
