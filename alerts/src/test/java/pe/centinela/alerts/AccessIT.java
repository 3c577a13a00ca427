package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static pe.centinela.embedded.ApiClient.error;
import static pe.centinela.embedded.ApiClient.json;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.core.model.Role;
import pe.centinela.embedded.ApiClient;
import pe.centinela.embedded.EmbeddedPostgresServer;
import pe.centinela.runtime.Database;
import pe.centinela.runtime.auth.UserStore;
import pe.centinela.runtime.http.ApiContract;
import pe.centinela.runtime.http.ApiServerVerticle;

/**
 * Who gets in, on a real PostgreSQL: every operation of the contract refuses a caller without a login and every
 * role it is not for; sessions, tokens for scripts, user management, login throttling, rate and size limits.
 */
class AccessIT {

    private static final String PASSWORD = "access-it-password";
    private static final List<String> ROLES = List.of("analyst", "supervisor", "admin", "integration");

    @TempDir
    static Path dir;
    static EmbeddedPostgresServer postgres;
    static Vertx vertx;
    static ApiClient anonymous;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgresServer.forTests(dir.resolve("pg"), 0).start();
        PlatformConfig config = config(Map.of("http.max-body-bytes", "65536"));
        Database.migrate(config.postgres());
        vertx = Vertx.vertx();
        ApiServerVerticle api = new ApiServerVerticle(config, List.of(new AlertRoutes(), new WorkflowRoutes(), new HistoryRoutes(),
                new ComplianceRoutes()));
        vertx.deployVerticle(api).await(60, TimeUnit.SECONDS);
        anonymous = ApiClient.anonymous(api.actualPort());
        Pool pool = Database.pool(vertx, config.postgres());
        new UserStore(vertx, pool).createOrReset("integration", PASSWORD, Role.INTEGRATION).await(30, TimeUnit.SECONDS);
        pool.close();
    }

    private static PlatformConfig config(Map<String, String> extra) {
        Map<String, String> settings = postgres.apiSettings(PASSWORD);
        settings.putAll(extra);
        return PlatformConfig.from(Settings.of(settings));
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static ApiClient as(String user) {
        return anonymous.as(user, PASSWORD);
    }

    /** Every operation in openapi.yaml, with sample path parameters. */
    private record Call(String operationId, String method, String path, boolean open, List<String> roles) {
    }

    private static List<Call> contractCalls() {
        JsonObject paths = ApiContract.json().getJsonObject("paths");
        List<Call> calls = new ArrayList<>();
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                JsonObject operation = item.getJsonObject(method);
                JsonArray security = operation.getJsonArray("security");
                JsonArray roles = operation.getJsonArray("x-roles");
                String concrete = path.replace("{alertId}", "al-none").replace("{tokenId}", "abc").replace("{username}", "nobody")
                        .replace("{version}", "v-none").replaceAll("\\{[^/}]+}", "1");
                calls.add(new Call(operation.getString("operationId"), method.toUpperCase(), concrete, security != null && security.isEmpty(),
                        roles == null ? ROLES : roles.getList().stream().map(Object::toString).toList()));
            }
        }
        return calls;
    }

    @Test
    void everyOperationRefusesCallersWithoutALogin() {
        List<Call> calls = contractCalls();
        assertThat(calls).hasSizeGreaterThan(20);
        for (Call call : calls) {
            HttpResponse<String> response = anonymous.send(call.method(), call.path(), call.method().equals("GET") ? null : "{}");
            if (call.open()) {
                assertThat(response.statusCode()).as(call.operationId()).isNotEqualTo(401);
            } else {
                assertThat(response.statusCode()).as(call.operationId()).isEqualTo(401);
                assertThat(error(response).getString("code")).as(call.operationId()).isEqualTo("unauthorized");
            }
        }
        assertThat(calls.stream().filter(Call::open).map(Call::operationId)).containsExactlyInAnyOrder("health", "ready", "createSession");
    }

    @Test
    void everyOperationRefusesTheRolesItIsNotFor() {
        for (Call call : contractCalls()) {
            for (String role : ROLES) {
                boolean allowed = call.open() || call.roles().contains(role);
                if (allowed && call.operationId().equals("streamAlerts")) {
                    continue;
                }
                HttpResponse<String> response = as(role).send(call.method(), call.path(), call.method().equals("GET") ? null : "{}");
                String what = call.operationId() + " as " + role;
                if (allowed) {
                    assertThat(response.statusCode()).as(what).isNotIn(401, 403);
                } else {
                    assertThat(response.statusCode()).as(what).isEqualTo(403);
                    assertThat(error(response).getString("message")).as(what).contains("you are " + role);
                }
            }
        }
    }

    @Test
    void aBrowserSessionLogsInAndOut() {
        HttpResponse<String> login = anonymous.post("/api/session", "{\"username\":\"analyst\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        String token = json(login).getString("token");
        assertThat(json(login).getString("role")).isEqualTo("analyst");
        ApiClient session = anonymous.withToken(token);
        assertThat(json(session.get("/api/me")).getString("username")).isEqualTo("analyst");
        assertThat(session.get("/api/alerts").statusCode()).isEqualTo(200);
        assertThat(session.send("DELETE", "/api/session", null).statusCode()).isEqualTo(204);
        assertThat(session.get("/api/me").statusCode()).isEqualTo(401);
        assertThat(anonymous.withToken(token + "x").get("/api/me").statusCode()).isEqualTo(401);
        assertThat(anonymous.withToken("cnt_nothing_here").get("/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void aWrongLoginIsRefusedAndRepeatedGuessesAreThrottled() {
        HttpResponse<String> wrong = anonymous.post("/api/session", "{\"username\":\"supervisor\",\"password\":\"guess\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        int throttled = 0;
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> guess = anonymous.post("/api/session", "{\"username\":\"victim\",\"password\":\"guess-" + i + "\"}");
            if (guess.statusCode() == 429) {
                throttled++;
                assertThat(guess.headers().firstValue("Retry-After")).isPresent();
            }
        }
        assertThat(throttled).isGreaterThanOrEqualTo(2);
    }

    @Test
    void scriptsUseTokensThatCanBeListedAndRevoked() {
        HttpResponse<String> created = as("supervisor").post("/api/tokens", "{\"name\":\"nightly export\",\"expires_in_days\":30}");
        assertThat(created.statusCode()).isEqualTo(201);
        String token = json(created).getString("token");
        String tokenId = json(created).getString("token_id");
        assertThat(token).startsWith("cnt_" + tokenId + "_");
        ApiClient script = anonymous.withToken(token);
        assertThat(script.get("/api/alerts").statusCode()).isEqualTo(200);
        HttpResponse<String> listed = as("supervisor").get("/api/tokens");
        assertThat(listed.body()).contains(tokenId, "nightly export").doesNotContain(token.substring(token.lastIndexOf('_') + 1));
        assertThat(as("analyst").send("DELETE", "/api/tokens/" + tokenId, null).statusCode()).isEqualTo(404);
        assertThat(as("supervisor").send("DELETE", "/api/tokens/" + tokenId, null).statusCode()).isEqualTo(204);
        assertThat(script.get("/api/alerts").statusCode()).isEqualTo(401);
    }

    @Test
    void adminsManageUsersAndADisabledUserIsLockedOutAtOnce() {
        HttpResponse<String> created = as("admin").post("/api/users", "{\"username\":\"lucia\",\"password\":\"a-long-passphrase\",\"role\":\"analyst\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(as("admin").post("/api/users", "{\"username\":\"lucia\",\"password\":\"a-long-passphrase\",\"role\":\"analyst\"}").statusCode())
                .isEqualTo(409);
        HttpResponse<String> weak = as("admin").post("/api/users", "{\"username\":\"pepe\",\"password\":\"short\",\"role\":\"analyst\"}");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(error(weak).getString("field")).isEqualTo("password");
        ApiClient lucia = anonymous.as("lucia", "a-long-passphrase");
        assertThat(lucia.get("/api/alerts").statusCode()).isEqualTo(200);
        String token = json(lucia.post("/api/tokens", "{\"name\":\"lucia's script\"}")).getString("token");
        HttpResponse<String> disabled = as("admin").send("PATCH", "/api/users/lucia", "{\"enabled\":false}");
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(lucia.get("/api/alerts").statusCode()).isEqualTo(401);
        assertThat(anonymous.withToken(token).get("/api/alerts").statusCode()).isEqualTo(401);
        assertThat(as("admin").send("PATCH", "/api/users/admin", "{\"role\":\"analyst\"}").statusCode()).isEqualTo(409);
        assertThat(json(as("admin").get("/api/users")).getJsonArray("users").stream()
                .map(u -> ((JsonObject) u).getString("username"))).contains("admin", "analyst", "lucia");
    }

    @Test
    void requestsAreValidatedAgainstTheContractNamingTheField() {
        assertThat(error(as("analyst").get("/api/alerts?limit=0")).getString("field")).isEqualTo("limit");
        assertThat(error(as("analyst").get("/api/alerts?min_score=2")).getString("field")).isEqualTo("min_score");
        assertThat(error(as("analyst").get("/api/alerts?channel=telepathy")).getString("field")).isEqualTo("channel");
        HttpResponse<String> extra = as("analyst").post("/api/alerts/al-none/notes", "{\"text\":\"hola\",\"colour\":\"red\"}");
        assertThat(extra.statusCode()).isEqualTo(400);
        assertThat(error(extra).getString("field")).isEqualTo("colour");
        HttpResponse<String> missing = as("analyst").post("/api/alerts/al-none/status", "{}");
        assertThat(error(missing).getString("field")).isEqualTo("status");
        assertThat(as("analyst").post("/api/alerts/al-none/notes", "{not json").statusCode()).isEqualTo(400);
        HttpResponse<String> huge = as("analyst").post("/api/alerts/al-none/notes", "{\"text\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(error(huge).getString("code")).isEqualTo("payload_too_large");
    }

    @Test
    void theContractIsServedToLoggedInUsers() {
        assertThat(anonymous.get("/openapi.yaml").statusCode()).isEqualTo(401);
        HttpResponse<String> contract = as("analyst").get("/openapi.yaml");
        assertThat(contract.statusCode()).isEqualTo(200);
        assertThat(contract.body()).startsWith("openapi: 3.1.0").contains("operationId: listAlerts");
    }

    @Test
    void anOperationOfAnotherRoleIsNotServedHere() {
        HttpResponse<String> response = as("integration").post("/api/transactions", "{}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(error(response).getString("code")).isEqualTo("not_served_here");
    }

    @Test
    void aClientOverItsRateIsAskedToWait() throws Exception {
        ApiServerVerticle limited = new ApiServerVerticle(config(Map.of("http.rate-limit", "0.5", "http.rate-burst", "3")), List.of(new AlertRoutes()));
        String deployment = vertx.deployVerticle(limited).await(60, TimeUnit.SECONDS);
        try {
            ApiClient client = ApiClient.anonymous(limited.actualPort()).as("analyst", PASSWORD);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                statuses.add(client.get("/api/alerts").statusCode());
            }
            assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
            HttpResponse<String> refused = client.get("/api/alerts");
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
            assertThat(ApiClient.anonymous(limited.actualPort()).get("/health").statusCode()).isEqualTo(200);
        } finally {
            vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProcessIsNotReadyWhileAComponentWaitsAndSaysWhy() throws Exception {
        pe.centinela.runtime.Readiness readiness = new pe.centinela.runtime.Readiness();
        readiness.waitFor("scoring", "scoring: loading and verifying the model");
        ApiServerVerticle waiting = new ApiServerVerticle(config(Map.of()), List.of(), readiness);
        String deployment = vertx.deployVerticle(waiting).await(60, TimeUnit.SECONDS);
        try {
            ApiClient client = ApiClient.anonymous(waiting.actualPort());
            HttpResponse<String> notReady = client.get("/ready");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(json(notReady).getString("reason")).contains("loading and verifying the model");
            assertThat(client.get("/health").statusCode()).isEqualTo(200);
            readiness.ready("scoring");
            assertThat(client.get("/ready").statusCode()).isEqualTo(200);
        } finally {
            vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
        }
    }
}
