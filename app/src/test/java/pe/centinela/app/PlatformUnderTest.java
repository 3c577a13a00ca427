package pe.centinela.app;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.embedded.EmbeddedInfrastructure;
import pe.centinela.embedded.EmbeddedPlatform;
import pe.centinela.embedded.ScratchDirectory;

/**
 * For one test class: an embedded broker and PostgreSQL in a directory of their own, prepared with their topics, the
 * schema and a small model promoted, under {@link Outcomes#settings} plus the class's own settings; closed and deleted
 * after the class. The class deploys the roles it needs with {@link #deploy}.
 */
final class PlatformUnderTest implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> extra;
    private ScratchDirectory dir;
    private EmbeddedPlatform platform;
    private Map<String, String> settings;
    private String modelVersion;

    PlatformUnderTest(Map<String, String> extra) {
        this.extra = Map.copyOf(extra);
    }

    PlatformUnderTest() {
        this(Map.of());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = ScratchDirectory.create(
                "centinela-" + context.getRequiredTestClass().getSimpleName());
        platform = EmbeddedPlatform.start(dir.path(), infrastructure -> {
            settings = Outcomes.settings(infrastructure, dir.path());
            settings.putAll(extra);
            return settings;
        });
        modelVersion = SmallModel.trainAndPromote(platform.config(), dir.resolve("trained"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try (ScratchDirectory deleted = dir) {
            if (platform != null) {
                platform.close();
            }
        }
    }

    /** Deploys {@code role} in this JVM and returns the port of its API. */
    int deploy(Platform.Role role, PipelineStats stats) throws Exception {
        return Platform.deploy(platform.vertx(), platform.config(), role, stats).await(120, TimeUnit.SECONDS);
    }

    int deploy(Platform.Role role) throws Exception {
        return deploy(role, new PipelineStats());
    }

    /** The settings as a properties file, with {@code more}, for a platform started as a process of its own. */
    Path propertiesFile(String name, Map<String, String> more) throws IOException {
        Properties p = new Properties();
        p.putAll(settings);
        p.putAll(more);
        Path file = dir.resolve(name);
        try (Writer writer = Files.newBufferedWriter(file)) {
            p.store(writer, "settings of a platform process under test");
        }
        return file;
    }

    PlatformConfig config() {
        return platform.config();
    }

    EmbeddedInfrastructure infrastructure() {
        return platform.infrastructure();
    }

    Vertx vertx() {
        return platform.vertx();
    }

    Path dir() {
        return dir.path();
    }

    String modelVersion() {
        return modelVersion;
    }
}
