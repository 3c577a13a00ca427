package pe.centinela.app;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.embedded.EmbeddedPlatform;

/** What a platform test needs before the platform starts: its topics, its schema and a small model promoted. */
final class PreparedPlatform {

    private PreparedPlatform() {
    }

    static PlatformConfig prepare(Map<String, String> settings, Path dir) throws Exception {
        PlatformConfig config = EmbeddedPlatform.prepare(settings);
        SmallModel.trainAndPromote(config, dir.resolve("trained"));
        return config;
    }

    /** The settings as a properties file, for a platform started as a process of its own with {@code --config}. */
    static Path propertiesFile(Map<String, String> settings, Path file) throws IOException {
        Properties p = new Properties();
        p.putAll(settings);
        try (Writer writer = Files.newBufferedWriter(file)) {
            p.store(writer, "settings of a platform process under test");
        }
        return file;
    }
}
