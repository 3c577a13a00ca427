package pe.centinela.core.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import pe.centinela.core.json.Json;

/**
 * The Ed25519 signature of a model bundle, kept in the bundle as {@value #FILE_NAME}: the sha256 of every other file
 * of the bundle and a signature over them. A bundle verifies when it holds exactly the signed files with the signed
 * digests, and the signature verifies with one of the trusted public keys.
 */
public final class BundleSignature {

    public static final String FILE_NAME = "signature.json";
    private static final String FORMAT = "centinela-model-bundle-v1";

    /** What {@value #FILE_NAME} holds. */
    public record Signed(String format, String algorithm, Map<String, String> files, String signature) {}

    private BundleSignature() {}

    /** The content of {@value #FILE_NAME} for files with these sha256 digests (hex, by file name). */
    public static byte[] sign(Map<String, String> sha256ByFile, PrivateKey key) {
        Map<String, String> files = new TreeMap<>(sha256ByFile);
        files.keySet().forEach(BundleSignature::requirePlainName);
        try {
            Signature signer = Signature.getInstance(SigningKeys.ALGORITHM);
            signer.initSign(key);
            signer.update(signedText(files));
            String signature = Base64.getEncoder().encodeToString(signer.sign());
            return Json.mapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new Signed(FORMAT, SigningKeys.ALGORITHM, files, signature));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(
                    "cannot sign with an " + SigningKeys.ALGORITHM + " key: " + e.getMessage(), e);
        }
    }

    /**
     * Checks a bundle whose files (all but {@value #FILE_NAME}) have these digests against its signature file
     * ({@code null}: the bundle has none).
     */
    public static void verify(String bundle, Map<String, String> sha256ByFile, byte[] signatureFile, ModelTrust trust)
            throws BundleSignatureException {
        if (signatureFile == null) {
            if (trust.allowUnsigned()) {
                return;
            }
            throw new BundleSignatureException(
                    BundleSignatureException.Reason.UNSIGNED,
                    "model " + bundle + " is not signed (no "
                            + FILE_NAME
                            + "): refused; sign bundles with fraud train --signing-key, or allow unsigned models for a migration with "
                            + ModelTrust.ALLOW_UNSIGNED_KEY + "=true");
        }
        Signed signed = parse(bundle, signatureFile);
        Set<String> unsigned = new TreeSet<>(sha256ByFile.keySet());
        unsigned.removeAll(signed.files().keySet());
        Set<String> absent = new TreeSet<>(signed.files().keySet());
        absent.removeAll(sha256ByFile.keySet());
        if (!unsigned.isEmpty() || !absent.isEmpty()) {
            throw invalid("model " + bundle + " does not hold the files it was signed with"
                    + (unsigned.isEmpty() ? "" : ": not signed: " + String.join(", ", unsigned))
                    + (absent.isEmpty() ? "" : ": missing: " + String.join(", ", absent)));
        }
        String changed = signed.files().entrySet().stream()
                .filter(e -> !e.getValue().equalsIgnoreCase(sha256ByFile.get(e.getKey())))
                .map(Map.Entry::getKey)
                .collect(Collectors.joining(", "));
        if (!changed.isEmpty()) {
            throw invalid("model " + bundle + " has files that changed after it was signed: " + changed);
        }
        if (trust.keys().isEmpty()) {
            throw invalid("model " + bundle + " is signed but no public key is trusted: set " + ModelTrust.KEYS_KEY
                    + " to the public key(s) your models are signed with");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signed.signature());
        } catch (IllegalArgumentException e) {
            throw invalid("model " + bundle + " has a malformed signature in " + FILE_NAME);
        }
        byte[] text = signedText(new TreeMap<>(signed.files()));
        for (PublicKey key : trust.keys()) {
            if (verifies(key, text, signature)) {
                return;
            }
        }
        throw invalid("model " + bundle + " has a signature that none of the trusted keys verifies ("
                + ModelTrust.KEYS_KEY + ": "
                + trust.keys().stream().map(SigningKeys::fingerprint).collect(Collectors.joining(", ")) + "): refused");
    }

    private static Signed parse(String bundle, byte[] signatureFile) throws BundleSignatureException {
        Signed signed;
        try {
            signed = Json.mapper().readValue(signatureFile, Signed.class);
        } catch (java.io.IOException e) {
            throw invalid("model " + bundle + " has an unreadable " + FILE_NAME);
        }
        if (signed == null
                || !FORMAT.equals(signed.format())
                || !SigningKeys.ALGORITHM.equals(signed.algorithm())
                || signed.files() == null
                || signed.signature() == null) {
            throw invalid("model " + bundle + " has a " + FILE_NAME + " that is not a " + FORMAT + " "
                    + SigningKeys.ALGORITHM + " signature");
        }
        for (String name : signed.files().keySet()) {
            if (!name.matches("[A-Za-z0-9._-]+")) {
                throw invalid("model " + bundle + " signs a file with an unexpected name");
            }
        }
        return signed;
    }

    private static boolean verifies(PublicKey key, byte[] text, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(SigningKeys.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(text);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] signedText(Map<String, String> files) {
        StringBuilder text = new StringBuilder(FORMAT).append('\n');
        files.forEach((name, sha) -> text.append(sha.toLowerCase(java.util.Locale.ROOT))
                .append("  ")
                .append(name)
                .append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void requirePlainName(String name) {
        if (!name.matches("[A-Za-z0-9._-]+") || name.equals(FILE_NAME)) {
            throw new IllegalArgumentException("a bundle file may not be named '" + name + "'");
        }
    }

    private static BundleSignatureException invalid(String message) {
        return new BundleSignatureException(BundleSignatureException.Reason.SIGNATURE_INVALID, message);
    }
}
