package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.adapters.auth.UserStore;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Role;
import pe.centinela.embedded.EmbeddedPostgresServer;

/** The model registry's trail from real PostgreSQL, as the retraining loop and the registry write it, and the admins' threshold change. */
class ModelEventsIT {

    private static final String PASSWORD = "model-events-it";
    private static final String IN_FORCE = "gbdt-2026-11-01";
    private static final String CANDIDATE = "gbdt-2026-11-08";
    private static final String THRESHOLD_VERSION = "logistic-2026-10-01";

    @RegisterExtension
    static final ApiUnderTest server =
            new ApiUnderTest(PASSWORD, Map.of("auth.demo-users", "false"), () -> List.of(new ModelRoutes()));

    static EmbeddedPostgresServer postgres;
    static Vertx vertx;
    static Pool pool;
    static int port;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        postgres = server.postgres();
        PlatformConfig config = server.config();
        vertx = server.vertx();
        port = server.port();
        pool = Database.pool(vertx, config.postgres());
        UserStore users = new UserStore(vertx, pool);
        users.createOrReset("lucia", PASSWORD, Role.ANALYST).await(30, TimeUnit.SECONDS);
        users.createOrReset("ana", PASSWORD, Role.ADMIN).await(30, TimeUnit.SECONDS);
        users.createOrReset("pasarela", PASSWORD, Role.INTEGRATION).await(30, TimeUnit.SECONDS);
        try (Connection db = database()) {
            model(db, IN_FORCE, "active");
            model(db, CANDIDATE, "rejected");
            model(db, THRESHOLD_VERSION, "retired");
            event(db, IN_FORCE, "publish", "ana", "2026-11-01T14:00:00Z", "{}");
            event(db, IN_FORCE, "promote", "ana", "2026-11-01T14:00:00Z", "{}");
            event(
                    db,
                    null,
                    "retrain_started",
                    "retrain",
                    "2026-11-08T03:00:00Z",
                    "{\"train_start\": \"2026-10-01\", \"transactions\": 123456}");
            event(db, CANDIDATE, "publish", "retrain", "2026-11-08T03:40:00Z", "{}");
            event(db, CANDIDATE, "reject", "retrain", "2026-11-08T03:41:00Z", """
                    {"reason": "validation", "validation_average_precision": 0.86, "in_force": "%s", "in_force_validation_average_precision": 0.88}""".formatted(IN_FORCE));
            event(
                    db,
                    null,
                    "retrain_failed",
                    "retrain",
                    "2026-11-15T03:02:00Z",
                    "{\"error\": \"no stored transactions to train on\"}");
        }
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
    }

    private static void model(Connection db, String version, String status) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO models (version, kind, status, alert_threshold, metrics, sha256, bundle, created_at)
                VALUES (?, 'gbdt', ?, 0.9, '{"validation_average_precision": 0.88}'::jsonb, 'none', '\\x00'::bytea, now())""")) {
            insert.setString(1, version);
            insert.setString(2, status);
            insert.executeUpdate();
        }
    }

    private static void event(Connection db, String version, String action, String actor, String at, String detail)
            throws Exception {
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO model_events (version, action, actor, at, detail) VALUES (?, ?, ?, ?, ?::jsonb)")) {
            insert.setString(1, version);
            insert.setString(2, action);
            insert.setString(3, actor);
            insert.setTimestamp(4, Timestamp.from(Instant.parse(at)));
            insert.setString(5, detail);
            insert.executeUpdate();
        }
    }

    private static HttpResponse<String> call(String user, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        request = body == null
                ? request.GET()
                : request.method(method, HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json");
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonArray events(String query) throws Exception {
        HttpResponse<String> response = call("lucia", "GET", "/api/models/events" + query, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getJsonArray("events");
    }

    private static List<String> actions(JsonArray events) {
        return events.stream().map(e -> ((JsonObject) e).getString("action")).toList();
    }

    @Test
    void theTrailIsNewestFirstWithEachEventsFiguresAsJson() throws Exception {
        JsonArray events = events("");
        // the threshold test's event, written now, may come first
        assertThat(actions(events))
                .endsWith("retrain_failed", "reject", "publish", "retrain_started", "promote", "publish");
        JsonObject failed = events.stream()
                .map(JsonObject.class::cast)
                .filter(e -> e.getString("action").equals("retrain_failed"))
                .findFirst()
                .orElseThrow();
        assertThat(failed.getLong("id")).isPositive();
        assertThat(failed.containsKey("version")).isTrue();
        assertThat(failed.getValue("version")).isNull();
        assertThat(failed.getString("actor")).isEqualTo("retrain");
        assertThat(failed.getString("at")).isEqualTo("2026-11-15T03:02:00Z");
        assertThat(failed.getJsonObject("detail"))
                .isEqualTo(new JsonObject().put("error", "no stored transactions to train on"));
        JsonObject rejected = events.stream()
                .map(JsonObject.class::cast)
                .filter(e -> e.getString("action").equals("reject"))
                .findFirst()
                .orElseThrow();
        assertThat(rejected.getString("version")).isEqualTo(CANDIDATE);
        assertThat(rejected.getJsonObject("detail"))
                .isEqualTo(new JsonObject()
                        .put("reason", "validation")
                        .put("validation_average_precision", 0.86)
                        .put("in_force", IN_FORCE)
                        .put("in_force_validation_average_precision", 0.88));
        assertThat(events.getJsonObject(events.size() - 1).getJsonObject("detail"))
                .isEqualTo(new JsonObject());
    }

    @Test
    void theTrailIsFilteredByVersionAndCutAtTheLimit() throws Exception {
        JsonArray candidate = events("?version=" + CANDIDATE);
        assertThat(actions(candidate)).containsExactly("reject", "publish");
        assertThat(candidate.stream().map(e -> ((JsonObject) e).getString("version")))
                .containsOnly(CANDIDATE);
        assertThat(actions(events("?version=" + IN_FORCE + "&limit=1"))).containsExactly("promote");
        assertThat(events("?version=no-such-version")).isEmpty();
        assertThat(events("?limit=2")).hasSize(2);
    }

    @Test
    void theTrailNeedsALoginAndARoleThatSeesModelsAndSaysWhichParameterIsWrong() throws Exception {
        assertThat(call(null, "GET", "/api/models/events", null).statusCode()).isEqualTo(401);
        assertThat(call("pasarela", "GET", "/api/models/events", null).statusCode())
                .isEqualTo(403);
        for (String query : List.of("?limit=0", "?limit=501", "?limit=many", "?version=")) {
            HttpResponse<String> response = call("lucia", "GET", "/api/models/events" + query, null);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(new JsonObject(response.body()).getJsonObject("error").getString("field"))
                    .as(query)
                    .isEqualTo(query.substring(1, query.indexOf('=')));
        }
    }

    @Test
    void aThresholdChangeIsInTheTrailAsAThresholdEventWithItsValue() throws Exception {
        HttpResponse<String> changed =
                call("ana", "PUT", "/api/models/" + THRESHOLD_VERSION + "/threshold", "{\"alert_threshold\": 0.8}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(new JsonObject(changed.body()).getDouble("alert_threshold")).isEqualTo(0.8);
        try (Connection db = database();
                ResultSet rows = db.createStatement()
                        .executeQuery(
                                "SELECT action, actor, jsonb_typeof(detail -> 'alert_threshold'), detail::text FROM model_events WHERE version = '"
                                        + THRESHOLD_VERSION + "'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("threshold");
            assertThat(rows.getString(2)).isEqualTo("ana");
            assertThat(rows.getString(3)).as(rows.getString(4)).isEqualTo("number");
            assertThat(rows.next()).isFalse();
        }
        JsonObject event = events("?version=" + THRESHOLD_VERSION).getJsonObject(0);
        assertThat(event.getString("action")).isEqualTo("threshold");
        assertThat(event.getJsonObject("detail")).isEqualTo(new JsonObject().put("alert_threshold", 0.8));
        assertThat(events("").getJsonObject(0).getString("version"))
                .as("the newest event")
                .isEqualTo(THRESHOLD_VERSION);
    }
}
