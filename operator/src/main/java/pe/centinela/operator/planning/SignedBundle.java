package pe.centinela.operator.planning;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import pe.centinela.core.signing.BundleSignature;
import pe.centinela.core.signing.BundleSignatureException;
import pe.centinela.core.signing.ModelTrust;
import pe.centinela.core.signing.SigningKeys;
import pe.centinela.operator.crd.ModelSpec;

/** Checks a bundle archive from the registry against the keys a FraudDetector trusts, as scoring will before loading it. */
public final class SignedBundle {

    private SignedBundle() {}

    /** The keys a spec trusts; a key that is not the base64 of an Ed25519 public key is named by its index. */
    public static ModelTrust trust(ModelSpec model) {
        List<PublicKey> keys = new ArrayList<>();
        List<String> values = model.getTrustedKeys() == null ? List.of() : model.getTrustedKeys();
        for (int i = 0; i < values.size(); i++) {
            try {
                keys.add(SigningKeys.publicFromBase64(values.get(i) == null ? "" : values.get(i)));
            } catch (IOException e) {
                throw new IllegalArgumentException("spec.model.trustedKeys[" + i
                        + "] is not the base64 of an Ed25519 public key " + "(as fraud models keygen prints)");
            }
        }
        return new ModelTrust(keys, Boolean.TRUE.equals(model.getAllowUnsigned()));
    }

    /** Why {@code version}'s archive may not be served, or empty when it verifies. */
    public static Optional<String> problem(String version, byte[] archive, ModelTrust trust) {
        Map<String, String> digests = new TreeMap<>();
        byte[] signature = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                byte[] content = zip.readAllBytes();
                if (entry.getName().equals(BundleSignature.FILE_NAME)) {
                    signature = content;
                } else if (digests.put(entry.getName(), sha256(content)) != null) {
                    return Optional.of("Model version " + version + " in the model registry holds " + entry.getName()
                            + " twice; refused");
                }
            }
        } catch (IOException e) {
            return Optional.of("Model version " + version + " in the model registry is not a readable bundle archive ("
                    + e.getMessage() + "); refused");
        }
        try {
            BundleSignature.verify(version, digests, signature, trust);
            return Optional.empty();
        } catch (BundleSignatureException e) {
            String why = e.getMessage()
                    .replace(ModelTrust.KEYS_KEY, "spec.model.trustedKeys")
                    .replace(ModelTrust.ALLOW_UNSIGNED_KEY + "=true", "spec.model.allowUnsigned: true");
            return Optional.of("Model version " + version + " in the model registry is refused: " + why);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
