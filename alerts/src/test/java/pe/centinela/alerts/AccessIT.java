package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static pe.centinela.embedded.ApiClient.error;
import static pe.centinela.embedded.ApiClient.json;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.adapters.auth.UserStore;
import pe.centinela.adapters.http.ApiContract;
import pe.centinela.adapters.http.ApiServerVerticle;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.core.domain.Role;
import pe.centinela.embedded.ApiClient;
import pe.centinela.embedded.EmbeddedPostgresServer;

/**
 * Who gets in, on a real PostgreSQL: every operation of the contract refuses a caller without a login and every
 * role it is not for; sessions, tokens for scripts, user management, login throttling, rate and size limits.
 */
class AccessIT {

    private static final String PASSWORD = "access-it-password";
    private static final List<String> ROLES = List.of("analyst", "supervisor", "admin", "integration");

    @RegisterExtension
    static final ApiUnderTest server = new ApiUnderTest(
            PASSWORD,
            // a rate limit no sweep of the contract reaches: the limit has a test of its own, on a server of its own
            Map.of(
                    "http.max-body-bytes",
                    "65536",
                    "auth.max-failed-logins",
                    "5",
                    "alerts.max-streams-per-user",
                    "2",
                    "http.rate-limit",
                    "100000",
                    "http.rate-burst",
                    "100000"),
            () -> List.of(
                    new AlertRoutes(),
                    new WorkflowRoutes(),
                    new HistoryRoutes(),
                    new ComplianceRoutes(Clock.systemUTC())));

    static EmbeddedPostgresServer postgres;
    static Vertx vertx;
    static ApiClient anonymous;
    static int port;
    static PlatformConfig.Postgres database;

    @BeforeAll
    static void start() throws Exception {
        postgres = server.postgres();
        PlatformConfig config = server.config();
        vertx = server.vertx();
        anonymous = ApiClient.anonymous(server.port());
        port = server.port();
        database = config.postgres();
        Pool pool = Database.pool(vertx, config.postgres());
        new UserStore(vertx, pool)
                .createOrReset("integration", PASSWORD, Role.INTEGRATION)
                .await(30, TimeUnit.SECONDS);
        pool.close();
    }

    private static PlatformConfig config(Map<String, String> extra) {
        Map<String, String> settings = postgres.apiSettings(PASSWORD);
        settings.putAll(extra);
        return PlatformConfig.from(Settings.of(settings));
    }

    private static ApiClient as(String user) {
        return anonymous.as(user, PASSWORD);
    }

    /** Every operation in openapi.yaml, with sample path parameters. */
    private record Call(String operationId, String method, String path, boolean open, List<String> roles) {}

    private static List<Call> contractCalls() {
        JsonObject paths = ApiContract.json().getJsonObject("paths");
        List<Call> calls = new ArrayList<>();
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                JsonObject operation = item.getJsonObject(method);
                JsonArray security = operation.getJsonArray("security");
                JsonArray roles = operation.getJsonArray("x-roles");
                String concrete = path.replace("{alertId}", "al-none")
                        .replace("{tokenId}", "abc")
                        .replace("{username}", "nobody")
                        .replace("{version}", "v-none")
                        .replaceAll("\\{[^/}]+}", "1");
                calls.add(new Call(
                        operation.getString("operationId"),
                        method.toUpperCase(java.util.Locale.ROOT),
                        concrete,
                        security != null && security.isEmpty(),
                        roles == null
                                ? ROLES
                                : roles.stream().map(Object::toString).toList()));
            }
        }
        return calls;
    }

    @Test
    void everyOperationRefusesCallersWithoutALogin() {
        List<Call> calls = contractCalls();
        assertThat(calls).hasSizeGreaterThan(20);
        for (Call call : calls) {
            HttpResponse<String> response =
                    anonymous.send(call.method(), call.path(), call.method().equals("GET") ? null : "{}");
            if (call.open()) {
                assertThat(response.statusCode()).as(call.operationId()).isNotEqualTo(401);
            } else {
                assertThat(response.statusCode()).as(call.operationId()).isEqualTo(401);
                assertThat(error(response).getString("code"))
                        .as(call.operationId())
                        .isEqualTo("unauthorized");
            }
        }
        assertThat(calls.stream().filter(Call::open).map(Call::operationId))
                .containsExactlyInAnyOrder("health", "ready", "createSession");
    }

    @Test
    void everyOperationRefusesTheRolesItIsNotFor() {
        for (Call call : contractCalls()) {
            for (String role : ROLES) {
                boolean allowed = call.open() || call.roles().contains(role);
                if (allowed && call.operationId().equals("streamAlerts")) {
                    continue;
                }
                HttpResponse<String> response =
                        as(role).send(call.method(), call.path(), call.method().equals("GET") ? null : "{}");
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

    /**
     * The same operation spelled as a client might to slip past a check on the exact path: each must reach the
     * operation with the same check, or no operation at all (the router's 404, before any handler).
     */
    static List<String> spellings(String path) {
        int last = path.lastIndexOf('/');
        String head = path.substring(0, last);
        String tail = path.substring(last + 1);
        return Stream.of(
                        path + "/",
                        path + "//",
                        head + "//" + tail,
                        "/" + path,
                        head + "/./" + tail,
                        head + "/zz/../" + tail,
                        head + "/%2e/" + tail,
                        head + "%2F" + tail,
                        head + "/%2F" + tail,
                        head + "/" + tail.toUpperCase(java.util.Locale.ROOT),
                        path.toUpperCase(java.util.Locale.ROOT),
                        head + "/%" + Integer.toHexString(tail.charAt(0)) + tail.substring(1),
                        path + ";x=1",
                        path + "%20",
                        path + "/.")
                .filter(spelling -> spelling.startsWith("/"))
                .toList();
    }

    private static boolean routerNotFound(HttpResponse<String> response) {
        return response.statusCode() == 404
                && error(response).getString("message").startsWith("no such endpoint");
    }

    @Test
    void noSpellingOfAPathReachesAnOperationWithoutItsCheck() {
        List<Call> calls = new ArrayList<>(contractCalls());
        calls.add(new Call("openapi.yaml", "GET", "/openapi.yaml", false, ROLES));
        List<String> letIn = new ArrayList<>();
        for (Call call : calls) {
            if (call.open()) {
                continue;
            }
            for (String spelling : spellings(call.path())) {
                String body = call.method().equals("GET") ? null : "{}";
                HttpResponse<String> anonymousResponse = anonymous.send(call.method(), spelling, body);
                if (anonymousResponse.statusCode() != 401 && !routerNotFound(anonymousResponse)) {
                    letIn.add(call.method() + " " + spelling + " without a login: " + anonymousResponse.statusCode()
                            + " " + anonymousResponse.body());
                }
                for (String role : ROLES) {
                    if (call.roles().contains(role)) {
                        continue;
                    }
                    HttpResponse<String> response = as(role).send(call.method(), spelling, body);
                    if (response.statusCode() != 403 && !routerNotFound(response)) {
                        letIn.add(call.method() + " " + spelling + " as " + role + ": " + response.statusCode() + " "
                                + response.body());
                    }
                }
            }
        }
        assertThat(letIn).isEmpty();
    }

    @Test
    void failedLoginsLockTheNameForBasicAndSessionAlikeUntilAnAdminUnlocksIt() {
        assertThat(as("admin")
                        .post(
                                "/api/users",
                                "{\"username\":\"rosa\",\"password\":\"rosa-long-password\",\"role\":\"analyst\"}")
                        .statusCode())
                .isEqualTo(201);
        for (int i = 0; i < 3; i++) {
            assertThat(anonymous.as("rosa", "guess-" + i).get("/api/me").statusCode())
                    .isEqualTo(401);
        }
        for (int i = 3; i < 5; i++) {
            assertThat(anonymous
                            .post("/api/session", "{\"username\":\"rosa\",\"password\":\"guess-" + i + "\"}")
                            .statusCode())
                    .isEqualTo(401);
        }
        HttpResponse<String> lockedSession =
                anonymous.post("/api/session", "{\"username\":\"rosa\",\"password\":\"rosa-long-password\"}");
        assertThat(lockedSession.statusCode()).isEqualTo(429);
        assertThat(error(lockedSession).getString("code")).isEqualTo("too_many_logins");
        assertThat(error(lockedSession).getString("message"))
                .contains("locked after 5 failed logins", "ask an admin to unlock");
        HttpResponse<String> lockedBasic =
                anonymous.as("rosa", "rosa-long-password").get("/api/me");
        assertThat(lockedBasic.statusCode()).isEqualTo(429);
        assertThat(lockedBasic.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(as("admin").get("/api/users")).getJsonArray("users").stream()
                        .map(JsonObject.class::cast)
                        .filter(u -> u.getString("username").equals("rosa"))
                        .findFirst()
                        .orElseThrow()
                        .getString("locked_until"))
                .isNotNull();

        for (int i = 0; i < 5; i++) {
            anonymous.post("/api/session", "{\"username\":\"nobody-at-all\",\"password\":\"guess-" + i + "\"}");
        }
        HttpResponse<String> unknownLocked =
                anonymous.post("/api/session", "{\"username\":\"nobody-at-all\",\"password\":\"x\"}");
        assertThat(unknownLocked.statusCode())
                .as("an unknown name locks the same way")
                .isEqualTo(429);
        assertThat(error(unknownLocked).getString("message").replaceAll("\\d+ s", "N s"))
                .isEqualTo(error(lockedSession).getString("message").replaceAll("\\d+ s", "N s"));

        assertThat(as("analyst").post("/api/users/rosa/unlock", null).statusCode())
                .isEqualTo(403);
        assertThat(as("admin").post("/api/users/rosa/unlock", null).statusCode())
                .isEqualTo(204);
        assertThat(anonymous.as("rosa", "rosa-long-password").get("/api/me").statusCode())
                .isEqualTo(200);
    }

    @Test
    void passwordsAreHashedWithCost12AndOlderHashesAreUpgradedAtLogin() throws Exception {
        assertThat(as("admin")
                        .post(
                                "/api/users",
                                "{\"username\":\"hugo\",\"password\":\"hugo-long-password\",\"role\":\"analyst\"}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(storedHash("hugo")).startsWith("$2a$12$");
        String cost10 =
                at.favre.lib.crypto.bcrypt.BCrypt.withDefaults().hashToString(10, "old-long-password".toCharArray());
        sql("UPDATE users SET password_hash = '" + cost10 + "' WHERE username = 'hugo'");
        assertThat(anonymous.as("hugo", "old-long-password").get("/api/me").statusCode())
                .isEqualTo(200);
        assertThat(storedHash("hugo")).startsWith("$2a$12$");
        assertThat(anonymous
                        .post("/api/session", "{\"username\":\"hugo\",\"password\":\"old-long-password\"}")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsRefusedNamingTheField() {
        String long80Bytes = "ñ".repeat(40);
        HttpResponse<String> created = as("admin")
                .post(
                        "/api/users",
                        "{\"username\":\"ines\",\"password\":\"" + long80Bytes + "\",\"role\":\"analyst\"}");
        assertThat(created.statusCode()).isEqualTo(400);
        assertThat(error(created).getString("field")).isEqualTo("password");
        assertThat(error(created).getString("message")).contains("72 bytes");
        HttpResponse<String> changed =
                as("admin").send("PATCH", "/api/users/analyst", "{\"password\":\"" + long80Bytes + "\"}");
        assertThat(changed.statusCode()).isEqualTo(400);
        assertThat(error(changed).getString("field")).isEqualTo("password");
        assertThat(as("analyst").get("/api/me").statusCode()).isEqualTo(200);
    }

    @Test
    void aChangedPasswordOrRoleRevokesSessionsAndTokensOnEveryReplicaWithinSeconds() throws Exception {
        ApiServerVerticle replica = new ApiServerVerticle(config(Map.of()), List.of(new AlertRoutes()));
        String deployment = vertx.deployVerticle(replica).await(60, TimeUnit.SECONDS);
        try {
            ApiClient other = ApiClient.anonymous(replica.actualPort());
            assertThat(as("admin")
                            .post(
                                    "/api/users",
                                    "{\"username\":\"marta\",\"password\":\"marta-first-password\",\"role\":\"analyst\"}")
                            .statusCode())
                    .isEqualTo(201);
            ApiClient martaThere = other.as("marta", "marta-first-password");
            assertThat(martaThere.get("/api/me").statusCode()).isEqualTo(200);
            ApiClient tokenThere = other.withToken(json(martaThere.post("/api/tokens", "{\"name\":\"marta's script\"}"))
                    .getString("token"));
            assertThat(tokenThere.get("/api/me").statusCode()).isEqualTo(200);
            ApiClient sessionThere = other.withToken(
                    json(other.post("/api/session", "{\"username\":\"marta\",\"password\":\"marta-first-password\"}"))
                            .getString("token"));
            assertThat(sessionThere.get("/api/me").statusCode()).isEqualTo(200);

            assertThat(as("admin")
                            .send("PATCH", "/api/users/marta", "{\"password\":\"marta-second-password\"}")
                            .statusCode())
                    .isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(martaThere.get("/api/me").statusCode()).isEqualTo(401);
                assertThat(tokenThere.get("/api/me").statusCode()).isEqualTo(401);
                assertThat(sessionThere.get("/api/me").statusCode()).isEqualTo(401);
            });

            ApiClient martaAgain = other.as("marta", "marta-second-password");
            assertThat(json(martaAgain.get("/api/me")).getString("role")).isEqualTo("analyst");
            ApiClient newTokenThere =
                    other.withToken(json(martaAgain.post("/api/tokens", "{\"name\":\"marta's new script\"}"))
                            .getString("token"));
            assertThat(newTokenThere.get("/api/me").statusCode()).isEqualTo(200);
            assertThat(as("admin")
                            .send("PATCH", "/api/users/marta", "{\"role\":\"supervisor\"}")
                            .statusCode())
                    .isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(newTokenThere.get("/api/me").statusCode()).isEqualTo(401);
                assertThat(json(martaAgain.get("/api/me")).getString("role")).isEqualTo("supervisor");
            });
        } finally {
            vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aReplicaThatMayHaveMissedAChangeForgetsWhatItRemembered() throws Exception {
        assertThat(as("admin")
                        .post(
                                "/api/users",
                                "{\"username\":\"olga\",\"password\":\"olga-first-password\",\"role\":\"analyst\"}")
                        .statusCode())
                .isEqualTo(201);
        ApiClient olga = anonymous.as("olga", "olga-first-password");
        assertThat(olga.get("/api/me").statusCode()).isEqualTo(200);
        sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query ILIKE 'LISTEN%'");
        String other =
                at.favre.lib.crypto.bcrypt.BCrypt.withDefaults().hashToString(4, "olga-other-password".toCharArray());
        sql("UPDATE users SET password_hash = '" + other + "' WHERE username = 'olga'");
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(olga.get("/api/me").statusCode()).isEqualTo(401));
    }

    @Test
    void answersAreNotCachedAndABodyIsReadOnlyOnceTheCallerIsKnown() {
        assertThat(as("analyst").get("/api/alerts").headers().firstValue("Cache-Control"))
                .hasValue("no-store");
        assertThat(anonymous.get("/api/alerts").headers().firstValue("Cache-Control"))
                .hasValue("no-store");
        String huge = "{\"text\":\"" + "x".repeat(70_000) + "\"}";
        HttpResponse<String> anonymousHuge = anonymous.post("/api/alerts/al-none/notes", huge);
        assertThat(anonymousHuge.statusCode())
                .as("refused for who sends it, not for its size")
                .isEqualTo(401);
        assertThat(as("integration").post("/api/alerts/al-none/notes", huge).statusCode())
                .isEqualTo(403);
        assertThat(as("analyst").post("/api/alerts/al-none/notes", huge).statusCode())
                .isEqualTo(413);
    }

    @Test
    void aUserMayHoldOnlySoManyLiveStreamsAtOnce() throws Exception {
        List<java.net.Socket> open = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            open.add(new java.net.Socket("127.0.0.1", port));
            assertThat(streamStatus(open.get(i))).isEqualTo(200);
        }
        HttpResponse<String> third = as("supervisor").get("/api/alerts/stream");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(error(third).getString("code")).isEqualTo("too_many_streams");
        open.get(0).close();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (java.net.Socket again = new java.net.Socket("127.0.0.1", port)) {
                assertThat(streamStatus(again)).isEqualTo(200);
            }
        });
        open.get(1).close();
    }

    /** Opens the live stream as the supervisor on a connection of its own, which the caller closes to end it. */
    private static int streamStatus(java.net.Socket socket) throws Exception {
        String basic = java.util.Base64.getEncoder()
                .encodeToString(("supervisor:" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        socket.getOutputStream()
                .write(("GET /api/alerts/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + basic
                                + "\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(
                        socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
                .readLine();
        return Integer.parseInt(statusLine.split(" ", -1)[1]);
    }

    private static String storedHash(String username) throws Exception {
        try (var connection = java.sql.DriverManager.getConnection(
                        database.jdbcUrl(), database.user(), database.password().value());
                var rows = connection
                        .createStatement()
                        .executeQuery("SELECT password_hash FROM users WHERE username = '" + username + "'")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void sql(String statement) throws Exception {
        try (var connection = java.sql.DriverManager.getConnection(
                database.jdbcUrl(), database.user(), database.password().value())) {
            connection.createStatement().execute(statement);
        }
    }

    @Test
    void aBrowserSessionLogsInAndOut() {
        HttpResponse<String> login =
                anonymous.post("/api/session", "{\"username\":\"analyst\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        String token = json(login).getString("token");
        assertThat(json(login).getString("role")).isEqualTo("analyst");
        ApiClient session = anonymous.withToken(token);
        assertThat(json(session.get("/api/me")).getString("username")).isEqualTo("analyst");
        assertThat(session.get("/api/alerts").statusCode()).isEqualTo(200);
        assertThat(session.send("DELETE", "/api/session", null).statusCode()).isEqualTo(204);
        assertThat(session.get("/api/me").statusCode()).isEqualTo(401);
        assertThat(anonymous.withToken(token + "x").get("/api/me").statusCode()).isEqualTo(401);
        assertThat(anonymous.withToken("cnt_nothing_here").get("/api/me").statusCode())
                .isEqualTo(401);
    }

    @Test
    void aWrongLoginIsRefusedAndRepeatedGuessesAreThrottled() {
        HttpResponse<String> wrong =
                anonymous.post("/api/session", "{\"username\":\"supervisor\",\"password\":\"guess\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        int throttled = 0;
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> guess =
                    anonymous.post("/api/session", "{\"username\":\"victim\",\"password\":\"guess-" + i + "\"}");
            if (guess.statusCode() == 429) {
                throttled++;
                assertThat(guess.headers().firstValue("Retry-After")).isPresent();
            }
        }
        assertThat(throttled).isGreaterThanOrEqualTo(2);
    }

    @Test
    void scriptsUseTokensThatCanBeListedAndRevoked() {
        HttpResponse<String> created =
                as("supervisor").post("/api/tokens", "{\"name\":\"nightly export\",\"expires_in_days\":30}");
        assertThat(created.statusCode()).isEqualTo(201);
        String token = json(created).getString("token");
        String tokenId = json(created).getString("token_id");
        assertThat(token).startsWith("cnt_" + tokenId + "_");
        ApiClient script = anonymous.withToken(token);
        assertThat(script.get("/api/alerts").statusCode()).isEqualTo(200);
        HttpResponse<String> listed = as("supervisor").get("/api/tokens");
        assertThat(listed.body())
                .contains(tokenId, "nightly export")
                .doesNotContain(token.substring(("cnt_" + tokenId + "_").length()));
        assertThat(as("analyst").send("DELETE", "/api/tokens/" + tokenId, null).statusCode())
                .isEqualTo(404);
        assertThat(as("supervisor")
                        .send("DELETE", "/api/tokens/" + tokenId, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(script.get("/api/alerts").statusCode()).isEqualTo(401);
    }

    @Test
    void adminsManageUsersAndADisabledUserIsLockedOutAtOnce() {
        HttpResponse<String> created = as("admin")
                .post("/api/users", "{\"username\":\"lucia\",\"password\":\"a-long-passphrase\",\"role\":\"analyst\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(as("admin")
                        .post(
                                "/api/users",
                                "{\"username\":\"lucia\",\"password\":\"a-long-passphrase\",\"role\":\"analyst\"}")
                        .statusCode())
                .isEqualTo(409);
        HttpResponse<String> weak =
                as("admin").post("/api/users", "{\"username\":\"pepe\",\"password\":\"short\",\"role\":\"analyst\"}");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(error(weak).getString("field")).isEqualTo("password");
        ApiClient lucia = anonymous.as("lucia", "a-long-passphrase");
        assertThat(lucia.get("/api/alerts").statusCode()).isEqualTo(200);
        String token =
                json(lucia.post("/api/tokens", "{\"name\":\"lucia's script\"}")).getString("token");
        HttpResponse<String> disabled = as("admin").send("PATCH", "/api/users/lucia", "{\"enabled\":false}");
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(lucia.get("/api/alerts").statusCode()).isEqualTo(401);
        assertThat(anonymous.withToken(token).get("/api/alerts").statusCode()).isEqualTo(401);
        assertThat(as("admin")
                        .send("PATCH", "/api/users/admin", "{\"role\":\"analyst\"}")
                        .statusCode())
                .isEqualTo(409);
        assertThat(json(as("admin").get("/api/users")).getJsonArray("users").stream()
                        .map(u -> ((JsonObject) u).getString("username")))
                .contains("admin", "analyst", "lucia");
    }

    @Test
    void requestsAreValidatedAgainstTheContractNamingTheField() {
        assertThat(error(as("analyst").get("/api/alerts?limit=0")).getString("field"))
                .isEqualTo("limit");
        assertThat(error(as("analyst").get("/api/alerts?min_score=2")).getString("field"))
                .isEqualTo("min_score");
        assertThat(error(as("analyst").get("/api/alerts?channel=telepathy")).getString("field"))
                .isEqualTo("channel");
        HttpResponse<String> extra =
                as("analyst").post("/api/alerts/al-none/notes", "{\"text\":\"hola\",\"colour\":\"red\"}");
        assertThat(extra.statusCode()).isEqualTo(400);
        assertThat(error(extra).getString("field")).isEqualTo("colour");
        HttpResponse<String> missing = as("analyst").post("/api/alerts/al-none/status", "{}");
        assertThat(error(missing).getString("field")).isEqualTo("status");
        assertThat(as("analyst").post("/api/alerts/al-none/notes", "{not json").statusCode())
                .isEqualTo(400);
        HttpResponse<String> huge =
                as("analyst").post("/api/alerts/al-none/notes", "{\"text\":\"" + "x".repeat(70_000) + "\"}");
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
        ApiServerVerticle limited = new ApiServerVerticle(
                config(Map.of("http.rate-limit", "0.5", "http.rate-burst", "3")), List.of(new AlertRoutes()));
        String deployment = vertx.deployVerticle(limited).await(60, TimeUnit.SECONDS);
        try {
            ApiClient client = ApiClient.anonymous(limited.actualPort()).as("analyst", PASSWORD);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                statuses.add(client.get("/api/alerts").statusCode());
            }
            assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
            HttpResponse<String> refused = client.get("/api/alerts");
            assertThat(refused.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
            assertThat(ApiClient.anonymous(limited.actualPort()).get("/health").statusCode())
                    .isEqualTo(200);
        } finally {
            vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProcessIsNotReadyWhileAComponentWaitsAndSaysWhy() throws Exception {
        pe.centinela.adapters.http.Readiness readiness = new pe.centinela.adapters.http.Readiness();
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
