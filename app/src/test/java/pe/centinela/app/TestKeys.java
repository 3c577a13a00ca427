package pe.centinela.app;

import java.security.KeyPair;
import java.util.Map;
import pe.centinela.core.signing.ModelTrust;
import pe.centinela.core.signing.SigningKeys;

/** The key pair the tests sign their models with, and the setting that makes scoring trust it. */
final class TestKeys {

    static final KeyPair PAIR = SigningKeys.generate();

    private TestKeys() {}

    static Map<String, String> settings() {
        return Map.of(ModelTrust.KEYS_KEY, SigningKeys.base64(PAIR.getPublic()));
    }
}
