package pe.centinela.core.config;

/** A configuration value is missing or malformed; the message names the key and, when set, the environment variable. */
public final class ConfigException extends RuntimeException {

    private final String key;

    public ConfigException(String key, String problem) {
        super("config '" + key + "' (env " + Settings.envName(key) + "): " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
