package pe.centinela.scoring.bundle;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import pe.centinela.core.signing.ModelTrust;
import pe.centinela.core.signing.SigningKeys;

/** The key pair the tests sign their models with: bundles saved signed and loaded trusting it, and the matching setting. */
public final class TestSigning {

    public static final KeyPair PAIR = SigningKeys.generate();

    private TestSigning() {}

    public static ModelTrust trust() {
        return ModelTrust.of(PAIR.getPublic());
    }

    public static ModelBundles bundles(Path root) {
        return new ModelBundles(root, trust()).signingWith(PAIR.getPrivate());
    }

    /** {@code scoring.trusted-keys} naming the tests' public key. */
    public static Map<String, String> settings() {
        return Map.of(ModelTrust.KEYS_KEY, SigningKeys.base64(PAIR.getPublic()));
    }
}
