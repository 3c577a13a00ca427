package pe.centinela.operator.planning;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;

/** The environment variable of every setting the platform reads. */
public final class KnownSettings {

    /** Agreed with the platform: the path of the runtime properties file scoring re-reads. */
    static final String RUNTIME_FILE_KEY = "runtime.file";

    private KnownSettings() {}

    public static Set<String> environmentVariables() {
        Settings settings = Settings.of(Map.of("kafka.bootstrap-servers", "kafka:9092"));
        PlatformConfig.from(settings);
        Set<String> names = new TreeSet<>();
        settings.readKeys().forEach(k -> names.add(Settings.envName(k)));
        names.add(Settings.envName(RUNTIME_FILE_KEY));
        return names;
    }
}
