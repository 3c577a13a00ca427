package pe.centinela.core.signing;

import java.security.PublicKey;
import java.util.List;

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
}
