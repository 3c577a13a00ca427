package pe.centinela.core.config;

import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import pe.centinela.core.signing.SigningKeys;

/** The public keys a setting trusts to sign model bundles. */
public final class TrustedKeys {

    private TrustedKeys() {}

    /** Comma-separated public keys, each a PEM file or the base64 of its X.509 encoding; errors name {@code settingKey}. */
    public static List<PublicKey> parse(String value, String settingKey) {
        List<PublicKey> keys = new ArrayList<>();
        for (String part : value.split(",", -1)) {
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
