package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pe.centinela.alerts.TestAlerts.alert;
import static pe.centinela.alerts.TestAlerts.caseOf;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.core.domain.Channel;
import pe.centinela.embedded.ApiClient;

/**
 * Team queues and SLA bands on a real PostgreSQL: who may define them, taking the next case from one's queues, round
 * robin, the team's own bands re-banding open cases.
 */
class CaseQueuesIT {

    private static final String PASSWORD = "case-queues-it-password";

    @RegisterExtension
    static final ApiUnderTest server = new ApiUnderTest(
            PASSWORD,
            Map.of("auth.demo-users", "true"),
            () -> List.of(new CaseRoutes(), new QueueRoutes(), new SlaRoutes()));

    static Pool pool;
    static ApiClient admin;
    static ApiClient supervisor;
    static ApiClient analyst;
    static ApiClient luis;

    @BeforeAll
    static void start() throws Exception {
        pool = server.pool();
        admin = server.anonymous().as("admin", PASSWORD);
        supervisor = server.anonymous().as("supervisor", PASSWORD);
        analyst = server.anonymous().as("analyst", PASSWORD);
        luis = server.anonymous().as("luis", PASSWORD);
        HttpResponse<String> created = admin.post(
                "/api/users",
                new JsonObject()
                        .put("username", "luis")
                        .put("password", PASSWORD)
                        .put("role", "analyst")
                        .encode());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        server.vertx()
                .deployVerticle(new RoundRobinVerticle(server.config(), Duration.ofMillis(200)))
                .await(30, TimeUnit.SECONDS);
    }

    @Test
    void supervisorsDefineQueuesOfUsersWhoWorkCasesAndAnalystsReadThem() {
        JsonObject queue = new JsonObject()
                .put("description", "Billeteras de alto riesgo")
                .put("bands", new JsonArray().add("critical").add("high"))
                .put("channels", new JsonArray().add("wallet"))
                .put("members", new JsonArray().add("analyst").add("ghost"));

        assertThat(analyst.send("PUT", "/api/queues/altas", queue.encode()).statusCode())
                .isEqualTo(403);
        HttpResponse<String> unknown = supervisor.send("PUT", "/api/queues/altas", queue.encode());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(ApiClient.error(unknown).getString("field")).isEqualTo("members");
        assertThat(ApiClient.error(unknown).getString("message")).contains("ghost");
        HttpResponse<String> nobody = supervisor.send(
                "PUT",
                "/api/queues/altas",
                queue.copy()
                        .put("members", new JsonArray())
                        .put("auto_assign", true)
                        .encode());
        assertThat(nobody.statusCode()).isEqualTo(400);
        assertThat(ApiClient.error(nobody).getString("field")).isEqualTo("auto_assign");

        queue.put("members", new JsonArray().add("analyst"));
        HttpResponse<String> created = supervisor.send("PUT", "/api/queues/altas", queue.encode());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(supervisor
                        .send(
                                "PUT",
                                "/api/queues/altas",
                                queue.put("min_amount", 1000).encode())
                        .statusCode())
                .isEqualTo(200);
        JsonObject listed = ApiClient.json(analyst.get("/api/queues")).getJsonArray("queues").stream()
                .map(q -> (JsonObject) q)
                .filter(q -> q.getString("name").equals("altas"))
                .findFirst()
                .orElseThrow();
        assertThat(listed.getString("min_amount")).isEqualTo("1000.00");
        assertThat(listed.getJsonArray("members").encode()).isEqualTo("[\"analyst\"]");
        assertThat(listed.getString("updated_by")).isEqualTo("supervisor");
        assertThat(listed.getLong("waiting")).isNotNull();

        assertThat(supervisor.send("DELETE", "/api/queues/altas", null).statusCode())
                .isEqualTo(204);
        assertThat(supervisor.send("DELETE", "/api/queues/altas", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void anAnalystTakesTheNextCaseOfTheirQueueNotAHigherOneOutsideIt() throws Exception {
        HttpResponse<String> saved = supervisor.send(
                "PUT",
                "/api/queues/billeteras",
                new JsonObject()
                        .put("channels", new JsonArray().add("wallet"))
                        .put("members", new JsonArray().add("analyst"))
                        .encode());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        TestAlerts.store(pool, alert("q-wallet", "acc-q-wallet", 0.91, "300.00", null, null, Channel.WALLET));
        TestAlerts.store(pool, alert("q-online", "acc-q-online", 0.999, "9000.00", null, null, Channel.ECOMMERCE));
        String walletCase = caseOf(pool, "q-wallet");

        assertThat(ids(supervisor.get("/api/cases?queue=billeteras&limit=200")))
                .contains(walletCase)
                .doesNotContain(caseOf(pool, "q-online"));
        HttpResponse<String> taken = analyst.post("/api/cases/next", "");

        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
        assertThat(ApiClient.json(taken).getString("case_id")).isEqualTo(walletCase);
        HttpResponse<String> notTheirs = luis.post("/api/cases/next?queue=billeteras", "");
        assertThat(notTheirs.statusCode()).isEqualTo(403);
        assertThat(ApiClient.error(notTheirs).getString("code")).isEqualTo("not_in_queue");
        assertThat(luis.post("/api/cases/next?queue=nada", "").statusCode()).isEqualTo(404);
        assertThat(supervisor.post("/api/cases/next?queue=billeteras", "").statusCode())
                .as("supervisors take from any queue; this one has nothing left")
                .isEqualTo(204);
    }

    @Test
    void aQueueThatAssignsOnItsOwnHandsNewCasesToItsMembersInTurn() throws Exception {
        HttpResponse<String> saved = supervisor.send(
                "PUT",
                "/api/queues/transferencias",
                new JsonObject()
                        .put("channels", new JsonArray().add("transfer"))
                        .put("members", new JsonArray().add("analyst").add("luis"))
                        .put("auto_assign", true)
                        .encode());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);

        TestAlerts.store(
                pool,
                alert("rr-1", "acc-rr-1", 0.99, "500.00", null, null, Channel.TRANSFER),
                alert("rr-2", "acc-rr-2", 0.98, "500.00", null, null, Channel.TRANSFER),
                alert("rr-3", "acc-rr-3", 0.97, "500.00", null, null, Channel.TRANSFER));

        await().atMost(Duration.ofSeconds(30)).until(() -> owners().stream().allMatch(o -> o != null));
        assertThat(owners()).containsExactly("analyst", "luis", "analyst");
        assertThat(pool.preparedQuery("SELECT actor, action FROM case_events WHERE case_id = $1 AND action = 'assign'")
                        .execute(Tuple.of(caseOf(pool, "rr-2")))
                        .await(30, TimeUnit.SECONDS)
                        .iterator()
                        .next()
                        .getString("actor"))
                .isEqualTo("round-robin");
        assertThat(ids(luis.get("/api/cases?owner=me&limit=200"))).contains(caseOf(pool, "rr-2"));
    }

    private static List<String> owners() throws Exception {
        List<String> owners = new ArrayList<>();
        for (String tx : List.of("rr-1", "rr-2", "rr-3")) {
            owners.add(pool.preparedQuery("SELECT owner FROM cases WHERE case_id = $1")
                    .execute(Tuple.of(caseOf(pool, tx)))
                    .await(30, TimeUnit.SECONDS)
                    .iterator()
                    .next()
                    .getString("owner"));
        }
        return owners;
    }

    private static List<String> ids(HttpResponse<String> cases) {
        return ApiClient.json(cases).getJsonArray("cases").stream()
                .map(c -> ((JsonObject) c).getString("case_id"))
                .toList();
    }

    private static JsonObject band(double minSeverity, double hours) {
        return new JsonObject().put("min_severity", minSeverity).put("sla_hours", hours);
    }

    private static JsonObject bands(JsonObject critical, JsonObject high, JsonObject medium, JsonObject low) {
        return new JsonObject()
                .put("critical", critical)
                .put("high", high)
                .put("medium", medium)
                .put("low", low);
    }

    @Test
    void aSupervisorSetsTheTeamsBandsAndOpenCasesAreRebandedAtOnce() throws Exception {
        // severity 0.6 × 0.75 + 0.4 × ln(101)/ln(20001) = 0.636: medium under the default bands, due in 72 h
        TestAlerts.store(pool, alert("sla-1", "acc-sla-1", 0.75, "100.00"));
        String caseId = caseOf(pool, "sla-1");
        JsonObject before = ApiClient.json(analyst.get("/api/cases/" + caseId));
        assertThat(before.getString("band")).isEqualTo("medium");
        Instant opened = Instant.parse(before.getString("opened_at"));
        assertThat(Instant.parse(before.getString("due_at"))).isEqualTo(opened.plus(Duration.ofHours(72)));
        JsonObject medium = ApiClient.json(analyst.get("/api/cases/sla")).getJsonObject("medium");
        assertThat(medium.getDouble("min_severity")).isEqualTo(0.5);
        assertThat(medium.getDouble("sla_hours")).isEqualTo(72.0);

        JsonObject teams = bands(band(0.9, 2), band(0.6, 8), band(0.3, 24), band(0, 48));
        assertThat(analyst.send("PUT", "/api/cases/sla", teams.encode()).statusCode())
                .isEqualTo(403);
        HttpResponse<String> saved = supervisor.send("PUT", "/api/cases/sla", teams.encode());

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(ApiClient.json(saved).getJsonObject("high").getString("updated_by"))
                .isEqualTo("supervisor");
        JsonObject after = ApiClient.json(analyst.get("/api/cases/" + caseId));
        assertThat(after.getString("band")).isEqualTo("high");
        assertThat(Instant.parse(after.getString("due_at"))).isEqualTo(opened.plus(Duration.ofHours(8)));
        assertThat(ApiClient.json(analyst.get("/api/cases?band=high&status=active")).getJsonArray("cases").stream()
                        .map(c -> ((JsonObject) c).getString("case_id")))
                .contains(caseId);
        Row change = pool.query("SELECT actor, bands FROM case_sla_changes ORDER BY id DESC LIMIT 1")
                .execute()
                .await(30, TimeUnit.SECONDS)
                .iterator()
                .next();
        assertThat(change.getString("actor")).isEqualTo("supervisor");
        assertThat(((JsonObject) change.getJson("bands")).getJsonObject("high").getDouble("sla_hours"))
                .isEqualTo(8.0);
        assertThat(supervisor
                        .send(
                                "PUT",
                                "/api/cases/sla",
                                bands(band(0.85, 4), band(0.7, 24), band(0.5, 72), band(0, 168))
                                        .encode())
                        .statusCode())
                .as("the default bands back, for the queue tests")
                .isEqualTo(200);
    }

    @Test
    void bandsThatContradictEachOtherAreRefusedNamingTheField() {
        HttpResponse<String> upsideDown = supervisor.send(
                "PUT",
                "/api/cases/sla",
                bands(band(0.7, 4), band(0.8, 24), band(0.5, 72), band(0, 168)).encode());
        assertThat(upsideDown.statusCode()).isEqualTo(400);
        assertThat(ApiClient.error(upsideDown).getString("field")).isEqualTo("high.min_severity");

        HttpResponse<String> shorter = supervisor.send(
                "PUT",
                "/api/cases/sla",
                bands(band(0.85, 4), band(0.7, 24), band(0.5, 72), band(0, 12)).encode());
        assertThat(shorter.statusCode()).isEqualTo(400);
        assertThat(ApiClient.error(shorter).getString("field")).isEqualTo("low.sla_hours");

        HttpResponse<String> missing = supervisor.send(
                "PUT",
                "/api/cases/sla",
                new JsonObject().put("critical", band(0.9, 1)).encode());
        assertThat(missing.statusCode()).isEqualTo(400);
    }
}
