package pe.centinela.workbench;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import pe.centinela.core.signing.ModelTrust;
import pe.centinela.core.signing.SigningKeys;

/**
 * The key pair a demo (or a benchmark) signs its models with, made in its data directory on first start, so it trains,
 * publishes and scores signed models with no step of its own.
 */
public record DemoKeys(KeyPair pair, Path publicKeyFile) {

    public static DemoKeys in(Path dataDir) throws IOException {
        Path keys = dataDir.resolve("keys");
        Path publicKey = keys.resolve("model-signing.pub.pem");
        return new DemoKeys(SigningKeys.ensure(keys.resolve("model-signing.pem"), publicKey), publicKey);
    }

    /** The setting that makes scoring trust this pair's models. */
    public Map<String, String> settings() {
        return Map.of(ModelTrust.KEYS_KEY, publicKeyFile.toAbsolutePath().toString());
    }
}
