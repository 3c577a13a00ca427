package pe.centinela.core.signing;

import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import pe.centinela.core.config.ConfigException;

/**
 * Which model bundles may be loaded: those signed by one of {@code keys}; unsigned ones only when
 * {@code allowUnsigned} (for moving bundles stored before signing existed; never the default).
 */
public record ModelTrust(List<PublicKey> keys, boolean allowUnsigned) {

    public static final String KEYS_KEY = "scoring.trusted-keys";
    public static final String ALLOW_UNSIGNED_KEY = "scoring.allow-unsigned-models";

    public ModelTrust {
        keys = List.copyOf(keys);
    }

    /** Only bundles signed by {@code key}. */
    public static ModelTrust of(PublicKey key) {
        return new ModelTrust(List.of(key), false);
    }

    /** Comma-separated public keys, each a PEM file or the base64 of its X.509 encoding; errors name {@code settingKey}. */
    public static List<PublicKey> parseKeys(String value, String settingKey) {
        List<PublicKey> keys = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                keys.add(SigningKeys.readPublic(part));
            } catch (IOException e) {
                throw new ConfigException(settingKey, e.getMessage());
            }
        }
        return keys;
    }
}
