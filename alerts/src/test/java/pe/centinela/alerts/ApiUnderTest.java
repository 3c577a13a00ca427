package pe.centinela.alerts;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.ApiServerVerticle;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.embedded.ApiClient;
import pe.centinela.embedded.EmbeddedPostgresServer;

/**
 * For one test class: an embedded PostgreSQL in a directory of its own with the schema migrated, and the API server
 * with the class's routes on a free port, under the class's settings; closed and deleted after the class. The class
 * seeds what it needs in its own {@code @BeforeAll}, which runs after this.
 */
final class ApiUnderTest implements BeforeAllCallback, AfterAllCallback {

    private final String adminPassword;
    private final Map<String, String> extra;
    private final Supplier<List<ApiRoutes>> routes;
    private Path dir;
    private EmbeddedPostgresServer postgres;
    private PlatformConfig config;
    private Vertx vertx;
    private Pool pool;
    private int port;

    /**
     * @param adminPassword the admin's password, also the demo users' (analyst, supervisor) when the settings keep them
     * @param extra         settings over those of the embedded database and a local API
     */
    ApiUnderTest(String adminPassword, Map<String, String> extra, Supplier<List<ApiRoutes>> routes) {
        this.adminPassword = adminPassword;
        this.extra = Map.copyOf(extra);
        this.routes = routes;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory(
                "centinela-" + context.getRequiredTestClass().getSimpleName());
        postgres = EmbeddedPostgresServer.forTests(dir.resolve("pg"), 0).start();
        Map<String, String> settings = new HashMap<>(postgres.apiSettings(adminPassword));
        settings.putAll(extra);
        config = PlatformConfig.from(Settings.of(settings));
        Database.migrate(config.postgres());
        vertx = Vertx.vertx();
        ApiServerVerticle api = new ApiServerVerticle(config, routes.get());
        vertx.deployVerticle(api).await(60, TimeUnit.SECONDS);
        port = api.actualPort();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (pool != null) {
                pool.close().await(30, TimeUnit.SECONDS);
            }
            if (vertx != null) {
                vertx.close().await(30, TimeUnit.SECONDS);
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    int port() {
        return port;
    }

    Vertx vertx() {
        return vertx;
    }

    PlatformConfig config() {
        return config;
    }

    EmbeddedPostgresServer postgres() {
        return postgres;
    }

    /** A pool on the database, closed after the class. */
    synchronized Pool pool() {
        if (pool == null) {
            pool = Database.pool(vertx, config.postgres());
        }
        return pool;
    }

    ApiClient anonymous() {
        return ApiClient.anonymous(port);
    }
}
