package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pe.centinela.alerts.TestAlerts.alert;
import static pe.centinela.alerts.TestAlerts.caseOf;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.core.domain.Channel;
import pe.centinela.embedded.ApiClient;

/** Team queues on a real PostgreSQL: who may define them, taking the next case from one's queues, round robin. */
class CaseQueuesIT {

    private static final String PASSWORD = "case-queues-it-password";

    @RegisterExtension
    static final ApiUnderTest server = new ApiUnderTest(
            PASSWORD, Map.of("auth.demo-users", "true"), () -> List.of(new CaseRoutes(), new QueueRoutes()));

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
}
