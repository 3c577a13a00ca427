package pe.centinela.workbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import pe.centinela.adapters.kafka.TopicAdmin;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.app.Console;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.embedded.EmbeddedInfrastructure;
import pe.centinela.embedded.FreePorts;
import pe.centinela.workbench.DemoKeys;
import pe.centinela.workbench.DemoModel;

/**
 * The platform a benchmark measures, prepared against the benchmark's broker and PostgreSQL: its settings (the
 * caller's overrides last), topics, schema and the benchmark's model, and the properties file its process reads.
 */
record BenchPlatform(PlatformConfig config, Path properties) {

    static BenchPlatform prepare(EmbeddedInfrastructure infra, Path dir, PlatformOptions options, Console console)
            throws Exception {
        Map<String, String> settings = new HashMap<>(infra.settings());
        settings.put("http.host", "127.0.0.1");
        settings.put("http.port", Integer.toString(FreePorts.pick()));
        settings.put("auth.admin-password", "bench-" + System.nanoTime());
        settings.put("scoring.model-dir", dir.resolve("models").toString());
        settings.put("http.rate-limit", "100000");
        DemoKeys keys = DemoKeys.in(dir);
        settings.putAll(keys.settings());
        settings.putAll(options.overrides);
        PlatformConfig config = PlatformConfig.from(Settings.of(settings));
        TopicAdmin.ensureTopics(config);
        Database.migrate(config.postgres());
        DemoModel.ensureAutoencoder(config, keys.pair().getPrivate(), Load.ACCOUNTS, options.alertThreshold, console);
        return new BenchPlatform(config, write(settings, dir.resolve("platform.properties")));
    }

    private static Path write(Map<String, String> settings, Path file) throws IOException {
        Properties p = new Properties();
        p.putAll(settings);
        try (var writer = Files.newBufferedWriter(file)) {
            p.store(writer, "fraud bench");
        }
        return file;
    }
}
