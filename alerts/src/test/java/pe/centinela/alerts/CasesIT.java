package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static pe.centinela.alerts.TestAlerts.alert;
import static pe.centinela.alerts.TestAlerts.paid;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Decision;
import pe.centinela.core.domain.Label;
import pe.centinela.core.domain.RuleHit;
import pe.centinela.core.domain.RuleOutcome;
import pe.centinela.core.domain.ScoreRecord;
import pe.centinela.core.json.Json;
import pe.centinela.embedded.TopicReader;

/** Cases on a real PostgreSQL and Kafka: alerts joining their account's case, the queue, one decision for all. */
class CasesIT {

    private static final String PASSWORD = "cases-it-password";

    @RegisterExtension
    static final PlatformUnderTest platform = new PlatformUnderTest(Map.of(
            "http.host", "127.0.0.1", "http.port", "0", "auth.admin-password", PASSWORD, "auth.demo-users", "true"));

    static PlatformConfig config;
    static int port;
    static Pool pool;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        config = platform.config();
        port = platform.serve(List.of(
                new AlertRoutes(),
                new WorkflowRoutes(),
                new CaseRoutes(),
                new CaseNetworkRoutes(),
                new ComplianceRoutes(Clock.systemUTC()),
                new DataSubjectRoutes(),
                new DashboardRoutes()));
        platform.deploy(new LabelRelayVerticle(config));
        pool = platform.pool();
        HttpResponse<String> secondAnalyst = call(
                "admin",
                "POST",
                "/api/users",
                new JsonObject()
                        .put("username", "luis")
                        .put("password", PASSWORD)
                        .put("role", "analyst")
                        .encode());
        assertThat(secondAnalyst.statusCode()).as(secondAnalyst.body()).isEqualTo(201);
    }

    @Test
    void theAlertsOfOneAccountJoinOneOpenCaseAndARedeliveredAlertOpensNone() throws Exception {
        store(alert("join-1", "acc-join", 0.97, "1200.00"), alert("join-2", "acc-join", 0.99, "800.00"));
        store(alert("join-3", "acc-join", 0.96, "500.00"), alert("other-1", "acc-other", 0.97, "90.00"));
        store(alert("join-1", "acc-join", 0.97, "1200.00"));

        String caseId = caseOf("join-1");
        assertThat(caseOf("join-2")).isEqualTo(caseId);
        assertThat(caseOf("join-3")).isEqualTo(caseId);
        assertThat(caseOf("other-1")).isNotEqualTo(caseId);
        assertThat(casesOfAccount("acc-join")).isEqualTo(1);

        JsonObject found = json(call("supervisor", "GET", "/api/cases/" + caseId, null));
        assertThat(found.getString("account_id")).isEqualTo("acc-join");
        assertThat(found.getString("status")).isEqualTo("open");
        assertThat(found.getLong("alerts")).isEqualTo(3);
        assertThat(found.getDouble("max_score")).isEqualTo(0.99);
        assertThat(new BigDecimal(found.getString("amount_at_risk"))).isEqualByComparingTo("2500.00");
        assertThat(found.getJsonArray("alert_list").stream().map(a -> ((JsonObject) a).getString("transaction_id")))
                .containsExactly("join-1", "join-2", "join-3");
        assertThat(found.getJsonArray("timeline").getJsonObject(0).getString("action"))
                .isEqualTo("opened");
        assertThat(json(call("analyst", "GET", "/api/cases/" + caseId, null)).getString("account_id"))
                .as("analysts see the account masked")
                .isEqualTo("****join");
        assertThat(json(call("analyst", "GET", "/api/alerts/al-join-2", null)).getString("case_id"))
                .isEqualTo(caseId);
    }

    @Test
    void anAccountSharingADeviceWithAnOpenCaseJoinsItAndItsLaterAlertsFollow() throws Exception {
        store(alert("link-a1", "acc-link-a", 0.97, "400.00", "dev-link-1", null));
        String caseId = caseOf("link-a1");

        store(alert("link-b1", "acc-link-b", 0.96, "250.00", "dev-link-1", null));
        store(alert("link-b2", "acc-link-b", 0.95, "90.00", "dev-link-other", null));

        assertThat(caseOf("link-b1")).as("the shared device").isEqualTo(caseId);
        assertThat(caseOf("link-b2")).as("the account is in the case now").isEqualTo(caseId);
        assertThat(casesOfAccount("acc-link-b")).as("no case of its own").isZero();
        JsonObject found = json(call("supervisor", "GET", "/api/cases/" + caseId, null));
        assertThat(found.getJsonArray("linked_accounts")).hasSize(1);
        JsonObject link = found.getJsonArray("linked_accounts").getJsonObject(0);
        assertThat(link.getString("account_id")).isEqualTo("acc-link-b");
        assertThat(link.getString("via")).isEqualTo("device");
        assertThat(link.getString("value")).isEqualTo("dev-link-1");
        assertThat(link.getString("linked_account")).isEqualTo("acc-link-a");
        assertThat(found.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("action")))
                .containsOnlyOnce("linked");
        JsonObject masked = json(call("analyst", "GET", "/api/cases/" + caseId, null))
                .getJsonArray("linked_accounts")
                .getJsonObject(0);
        assertThat(masked.getString("account_id")).isEqualTo("****nk-b");
        assertThat(masked.getString("value")).isEqualTo("****nk-1");
        assertThat(json(call("supervisor", "GET", "/api/cases?account=acc-link-b", null)).getJsonArray("cases").stream()
                        .map(c -> ((JsonObject) c).getString("case_id")))
                .containsExactly(caseId);
    }

    @Test
    void theMuleAndAnotherPayerOfTheMuleJoinTheCaseOfTheAccountThatPaidIt() throws Exception {
        store(alert("mule-v1", "acc-mule-victim", 0.98, "6000.00", "dev-mule-v", "acc-mule-m"));
        String caseId = caseOf("mule-v1");

        store(alert("mule-m1", "acc-mule-m", 0.93, "5900.00", "dev-mule-m", "acc-mule-cash"));
        store(alert("mule-v2", "acc-mule-victim2", 0.97, "3000.00", "dev-mule-v2", "acc-mule-m"));

        assertThat(caseOf("mule-m1")).as("paid by an account of the case").isEqualTo(caseId);
        assertThat(caseOf("mule-v2")).as("pays the same beneficiary").isEqualTo(caseId);
        assertThat(
                        json(call("supervisor", "GET", "/api/cases/" + caseId, null))
                                .getJsonArray("linked_accounts")
                                .stream()
                                .map(l -> ((JsonObject) l).getString("via")))
                .containsExactly("counterparty", "counterparty");

        assertThat(move("analyst", caseId, "investigating").statusCode()).isEqualTo(200);
        assertThat(move("analyst", caseId, "closed_fraud").statusCode()).isEqualTo(200);
        HttpResponse<String> ros = call("supervisor", "GET", "/api/cases/" + caseId + "/ros.json", null);
        assertThat(ros.statusCode()).as(ros.body()).isEqualTo(200);
        JsonObject people = section(json(ros), 2);
        assertThat(people.getJsonArray("blocks").stream()
                        .map(b -> ((JsonObject) b).getJsonArray("fields"))
                        .map(f -> f.getJsonObject(2).getString("value") + " "
                                + f.getJsonObject(1).getString("value")))
                .as("every account of the case is a customer of the report; the mule's cash-out account is not")
                .containsExactlyInAnyOrder(
                        "acc-mule-victim Cliente",
                        "acc-mule-m Cliente",
                        "acc-mule-victim2 Cliente",
                        "acc-mule-cash No cliente o por determinar");
        assertThat(section(json(ros), 3).getJsonArray("blocks").stream()
                        .map(b -> ((JsonObject) b).getString("heading")))
                .containsExactly("Operación 1", "Operación 2", "Operación 3", "Resumen");
    }

    private static JsonObject section(JsonObject ros, int number) {
        return ros.getJsonArray("sections").stream()
                .map(JsonObject.class::cast)
                .filter(s -> s.getInteger("number") == number)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aBatchHoldingTheVictimAndTheMuleItPaidStoresBothInOneCase() throws Exception {
        store(
                alert("batch-v", "acc-batch-victim", 0.98, "5000.00", "dev-batch-v", "acc-batch-mule"),
                alert("batch-m", "acc-batch-mule", 0.95, "4500.00", "dev-batch-m", "ext-batch-cash"));

        assertThat(caseOf("batch-m")).isEqualTo(caseOf("batch-v"));
    }

    @Test
    void aBatchMixingAccountsWithAndWithoutACaseStoresEachInItsCaseWithOneWebhookEventEach() throws Exception {
        AlertWrites withWebhooks = new AlertWrites(pool, PlatformConfig.Cases.defaults(), true);
        withWebhooks
                .insert(List.of(alert("mix-a1", "acc-mix-a", 0.97, "300.00")))
                .await(30, TimeUnit.SECONDS);
        String caseA = caseOf("mix-a1");
        java.time.OffsetDateTime touchedBefore = caseUpdatedAt(caseA);
        List<Alert> batch = List.of(
                alert("mix-a2", "acc-mix-a", 0.96, "200.00"),
                alert("mix-b1", "acc-mix-b", 0.95, "150.00", "dev-mix", null),
                alert("mix-a3", "acc-mix-a", 0.98, "100.00"));

        List<String> stored = withWebhooks.insert(batch).await(30, TimeUnit.SECONDS).stream()
                .map(row -> row.getString("transaction_id"))
                .toList();
        List<String> again = withWebhooks.insert(batch).await(30, TimeUnit.SECONDS).stream()
                .map(row -> row.getString("transaction_id"))
                .toList();

        assertThat(stored).containsExactlyInAnyOrder("mix-a2", "mix-b1", "mix-a3");
        assertThat(again).as("a redelivered batch stores nothing").isEmpty();
        assertThat(caseOf("mix-a2")).isEqualTo(caseA);
        assertThat(caseOf("mix-a3")).isEqualTo(caseA);
        assertThat(caseOf("mix-b1")).isNotEqualTo(caseA);
        assertThat(casesOfAccount("acc-mix-a")).isEqualTo(1);
        assertThat(casesOfAccount("acc-mix-b")).isEqualTo(1);
        assertThat(caseUpdatedAt(caseA)).as("the open case is touched").isAfter(touchedBefore);
        assertThat(json(call("supervisor", "GET", "/api/cases/" + caseA, null)).getJsonArray("timeline").stream()
                        .map(e -> ((JsonObject) e).getString("action")))
                .as("its three alerts joined the case it opened, with no link")
                .containsExactly("opened", "alert", "alert", "alert");
        for (String tx : List.of("mix-a1", "mix-a2", "mix-b1", "mix-a3")) {
            assertThat(pool.preparedQuery("SELECT count(*) AS n FROM webhook_deliveries WHERE event_id = $1")
                            .execute(Tuple.of(WebhookEvents.createdId(Alert.idFor(tx))))
                            .await(30, TimeUnit.SECONDS)
                            .iterator()
                            .next()
                            .getLong("n"))
                    .as("one alert.created delivery for " + tx)
                    .isEqualTo(1);
        }
    }

    private static java.time.OffsetDateTime caseUpdatedAt(String caseId) throws Exception {
        return pool.preparedQuery("SELECT updated_at FROM cases WHERE case_id = $1")
                .execute(Tuple.of(caseId))
                .await(30, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getOffsetDateTime("updated_at");
    }

    @Test
    void theOverdueInboxListsOnlyActiveCasesPastTheirSla() throws Exception {
        store(alert("late-1", "acc-late", 0.91, "50.00"), alert("fresh-1", "acc-fresh", 0.91, "50.00"));
        String late = caseOf("late-1");
        pool.preparedQuery("UPDATE cases SET opened_at = now() - interval '8 days' WHERE case_id = $1")
                .execute(Tuple.of(late))
                .await(30, TimeUnit.SECONDS);

        List<String> overdue =
                json(call("analyst", "GET", "/api/cases?overdue=true&limit=200", null)).getJsonArray("cases").stream()
                        .map(c -> ((JsonObject) c).getString("case_id"))
                        .toList();

        assertThat(overdue).contains(late).doesNotContain(caseOf("fresh-1"));
    }

    @Test
    void cardPaymentsAtOneShopsTerminalLinkNoOne() throws Exception {
        store(alert("shop-a", "acc-shop-a", 0.97, "400.00", "pos-shop-lane-1", null, Channel.POS));
        store(alert("shop-b", "acc-shop-b", 0.97, "300.00", "pos-shop-lane-1", null, Channel.POS));

        assertThat(caseOf("shop-b")).isNotEqualTo(caseOf("shop-a"));
    }

    @Test
    void noLinkWhenLinkingIsOffOrTheOtherAlertIsOlderThanTheWindow() throws Exception {
        store(alert("nolink-a", "acc-nolink-a", 0.97, "400.00", "dev-nolink", null));
        String caseId = caseOf("nolink-a");

        TestAlerts.store(
                pool,
                new PlatformConfig.Cases(List.of(), Duration.ofDays(7)),
                alert("nolink-b", "acc-nolink-b", 0.96, "250.00", "dev-nolink", null));
        pool.preparedQuery(
                        "UPDATE alerts SET created_at = now() - interval '8 days' WHERE transaction_id LIKE 'nolink-%'")
                .execute()
                .await(30, TimeUnit.SECONDS);
        store(alert("nolink-c", "acc-nolink-c", 0.96, "250.00", "dev-nolink", null));

        assertThat(caseOf("nolink-b")).as("linking off").isNotEqualTo(caseId);
        assertThat(caseOf("nolink-c"))
                .as("the alerts in open cases on that device are older than the window")
                .isNotIn(caseId, caseOf("nolink-b"));
    }

    @Test
    void closingACaseDecidesAndLabelsEveryAlertAndTheAccountsNextAlertOpensANewCase() throws Exception {
        store(alert("close-1", "acc-close", 0.97, "300.00"), alert("close-2", "acc-close", 0.98, "700.00"));
        String caseId = caseOf("close-1");
        assertThat(move("analyst", caseId, "closed_fraud").statusCode())
                .as("not closed before someone looks at it")
                .isEqualTo(409);
        assertThat(call("supervisor", "GET", "/api/cases/" + caseId + "/ros.csv", null)
                        .statusCode())
                .as("no report of an open case")
                .isEqualTo(409);
        assertThat(move("analyst", caseId, "investigating").statusCode()).isEqualTo(200);

        HttpResponse<String> closed = move("analyst", caseId, "closed_fraud");

        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        assertThat(json(closed).getInteger("alerts_decided")).isEqualTo(2);
        for (String tx : List.of("close-1", "close-2")) {
            JsonObject alert = json(call("supervisor", "GET", "/api/alerts/" + Alert.idFor(tx), null));
            assertThat(alert.getString("status")).isEqualTo("confirmed_fraud");
            assertThat(alert.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("detail")))
                    .contains("the client confirmed");
            Label label = Json.fromBytes(
                    new TopicReader(config.kafka().bootstrapServers())
                            .find(
                                    config.topics().labels(),
                                    r -> new String(r.value(), StandardCharsets.UTF_8).contains(Alert.idFor(tx)),
                                    Duration.ofSeconds(30))
                            .value(),
                    Label.class);
            assertThat(label.fraud()).isTrue();
            assertThat(label.decidedBy()).isEqualTo("analyst");
        }
        JsonObject after = json(call("supervisor", "GET", "/api/cases/" + caseId, null));
        assertThat(after.getString("status")).isEqualTo("closed_fraud");
        assertThat(after.getString("owner")).isEqualTo("analyst");
        assertThat(after.getString("closed_at")).isNotNull();
        assertThat(after.getJsonArray("timeline").stream()
                        .map(e -> ((JsonObject) e).getString("actor") + " " + ((JsonObject) e).getString("action"))
                        .toList())
                .startsWith("centinela opened")
                .contains("analyst assign", "analyst status");

        assertThat(call("analyst", "POST", "/api/cases/" + caseId + "/notes", "{\"text\":\"Llamé al cliente.\"}")
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> ros = call("supervisor", "GET", "/api/cases/" + caseId + "/ros.html", null);
        assertThat(ros.statusCode()).as(ros.body()).isEqualTo(200);
        assertThat(ros.body())
                .contains("BORRADOR", "Caso " + caseId, "acc-close", "close-1", "close-2", "S/ 1,000.00")
                .contains("analyst: the client confirmed", "analyst: Llamé al cliente.");
        assertThat(ros.body().split("analyst: the client confirmed", -1))
                .as("the decision's note, copied onto each alert, is told once")
                .hasSize(2);
        HttpResponse<String> rosCsv = call("supervisor", "GET", "/api/cases/" + caseId + "/ros.csv", null);
        assertThat(rosCsv.body().lines().filter(line -> line.contains(",Identificador de la operación,")))
                .as("one operation per confirmed alert")
                .containsExactly(
                        "3. Operaciones,Operación 1,3.1.11,Identificador de la operación,close-1",
                        "3. Operaciones,Operación 2,3.2.11,Identificador de la operación,close-2");
        assertThat(call("analyst", "GET", "/api/cases/" + caseId + "/ros.html", null)
                        .statusCode())
                .isEqualTo(403);

        store(alert("close-2", "acc-close", 0.98, "700.00"));
        assertThat(casesOfAccount("acc-close"))
                .as("an alert delivered again after its case closed opens no empty case")
                .isEqualTo(1);
        store(alert("close-3", "acc-close", 0.97, "100.00"));
        String next = caseOf("close-3");
        assertThat(next).isNotEqualTo(caseId);
        HttpResponse<String> reopen = move("supervisor", caseId, "investigating");
        assertThat(reopen.statusCode()).isEqualTo(409);
        assertThat(json(reopen).getJsonObject("error").getString("code")).isEqualTo("account_has_open_case");
    }

    @Test
    void takingTheNextCaseGivesTheHighestPriorityFreeOneAndTakersAtOnceNeverGetTheSame() throws Exception {
        store(alert("next-low", "acc-next-low", 0.40, "10.00"));
        store(alert("next-high", "acc-next-high", 0.9999, "50000.00"));
        String high = caseOf("next-high");

        HttpResponse<String> taken = call("luis", "POST", "/api/cases/next", "");

        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
        assertThat(json(taken).getString("case_id")).isEqualTo(high);
        assertThat(json(taken).getString("owner")).isEqualTo("luis");
        assertThat(json(taken).getString("status")).isEqualTo("investigating");
        assertThat(json(taken).getString("band")).isEqualTo("critical");

        int takers = 6;
        for (int i = 0; i < takers + 2; i++) {
            store(alert("race-" + i, "acc-race-" + i, 0.9, "100.00"));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<String>> taking = new ArrayList<>();
        for (int i = 0; i < takers; i++) {
            String user = i % 2 == 0 ? "analyst" : "luis";
            taking.add(CompletableFuture.supplyAsync(
                    () -> {
                        awaitQuietly(go);
                        return take(user);
                    },
                    Executors.newSingleThreadExecutor()));
        }
        go.countDown();
        List<String> takenAtOnce = new ArrayList<>();
        for (CompletableFuture<String> t : taking) {
            takenAtOnce.add(t.get(30, TimeUnit.SECONDS));
        }
        assertThat(takenAtOnce)
                .as("every taker got a case, none the same")
                .doesNotContainNull()
                .doesNotHaveDuplicates();
    }

    private static void awaitQuietly(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anAnalystCannotMoveOrNoteAColleaguesCaseAndSupervisorsAssignAnyone() throws Exception {
        store(alert("own-1", "acc-own", 0.97, "300.00"));
        String caseId = caseOf("own-1");
        assertThat(call("luis", "POST", "/api/cases/" + caseId + "/owner", "{\"owner\":\"luis\"}")
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> moved = move("analyst", caseId, "investigating");
        assertThat(moved.statusCode()).isEqualTo(403);
        assertThat(json(moved).getJsonObject("error").getString("code")).isEqualTo("not_yours");
        assertThat(call("analyst", "POST", "/api/cases/" + caseId + "/notes", "{\"text\":\"mine too\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(call("analyst", "POST", "/api/cases/" + caseId + "/owner", "{\"owner\":\"analyst\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(call("supervisor", "POST", "/api/cases/" + caseId + "/owner", "{\"owner\":\"analyst\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(move("analyst", caseId, "investigating").statusCode()).isEqualTo(200);

        JsonObject mine = json(call("analyst", "GET", "/api/cases?owner=me&status=investigating", null));
        assertThat(mine.getJsonArray("cases").stream().map(c -> ((JsonObject) c).getString("case_id")))
                .contains(caseId);
        JsonObject luis = json(call("luis", "GET", "/api/cases?owner=me&status=investigating", null));
        assertThat(luis.getJsonArray("cases").stream().map(c -> ((JsonObject) c).getString("case_id")))
                .doesNotContain(caseId);
    }

    @Test
    void theQueueListsActiveCasesByPriorityAndRefusesAnUnknownFilter() throws Exception {
        store(alert("queue-1", "acc-queue-1", 0.95, "100.00"));
        store(alert("queue-2", "acc-queue-2", 0.999, "9000.00"));

        JsonArray cases =
                json(call("analyst", "GET", "/api/cases?limit=200", null)).getJsonArray("cases");

        List<Integer> priorities =
                cases.stream().map(c -> ((JsonObject) c).getInteger("priority")).toList();
        assertThat(priorities).isSortedAccordingTo((x, y) -> Integer.compare(y, x));
        assertThat(cases.stream().map(c -> ((JsonObject) c).getString("status")))
                .doesNotContain("closed_fraud", "closed_not_fraud");
        assertThat(call("analyst", "GET", "/api/cases?status=pending", null).statusCode())
                .isEqualTo(400);
    }

    @Test
    void theNetworkOfACaseShowsTheMuleTheAccountSharingItsDeviceAndWhereTheMoneyWent() throws Exception {
        history(
                paid("net-1", "acc-net-victim", "dev-net-shared", "acc-net-mule", "2026-11-20T07:00:00Z"),
                paid("net-2", "acc-net-victim", "dev-net-shared", "acc-net-mule", "2026-11-20T07:05:00Z"),
                paid("net-3", "acc-net-other", "dev-net-shared", "acc-net-mule", "2026-11-19T22:00:00Z"),
                paid("net-4", "acc-net-mule", "dev-net-mule", "acc-net-cashout", "2026-11-20T08:00:00Z"),
                paid("net-5", "acc-net-far", "dev-net-far", null, "2026-11-20T08:00:00Z"),
                paid("net-old", "acc-net-victim", "dev-net-old", null, "2026-09-01T08:00:00Z"),
                paid("net-shop", "acc-net-victim", "pos-net-shop", null, "2026-11-20T06:00:00Z", Channel.POS),
                paid("net-shopper", "acc-net-shopper", "pos-net-shop", null, "2026-11-20T06:30:00Z", Channel.POS));
        store(alert("net-2", "acc-net-victim", 0.99, "900.00"));
        store(alert("net-3", "acc-net-other", 0.98, "400.00"));
        pool.query("UPDATE alerts SET status = 'confirmed_fraud' WHERE transaction_id = 'net-3'")
                .execute()
                .await(30, TimeUnit.SECONDS);
        pool.query(
                        "INSERT INTO rule_lists (name, kind, purpose, created_by) VALUES ('mulas', 'counterparty', 'block', 'it');"
                                + " INSERT INTO rule_list_entries (list_name, value, added_by) VALUES ('mulas', 'acc-net-mule', 'it')")
                .execute()
                .await(30, TimeUnit.SECONDS);
        String caseId = caseOf("net-2");

        HttpResponse<String> answer = call("supervisor", "GET", "/api/cases/" + caseId + "/network?days=30", null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonObject network = json(answer);

        Map<String, JsonObject> nodes = new java.util.HashMap<>();
        network.getJsonArray("nodes").forEach(n -> nodes.put(((JsonObject) n).getString("label"), (JsonObject) n));
        assertThat(nodes.keySet())
                .containsExactlyInAnyOrder(
                        "acc-net-victim", "dev-net-shared", "acc-net-mule", "acc-net-other", "acc-net-cashout", "m-9");
        assertThat(nodes.keySet())
                .as("a shop's card terminal links no one")
                .doesNotContain("pos-net-shop", "acc-net-shopper");
        assertThat(nodes.get("acc-net-victim").getString("id")).isEqualTo("n0");
        assertThat(nodes.get("acc-net-mule").getBoolean("blocked")).isTrue();
        assertThat(nodes.get("acc-net-other").getLong("frauds")).isEqualTo(1);
        assertThat(nodes.get("acc-net-other").getString("case_id")).isEqualTo(caseOf("net-3"));
        assertThat(nodes.get("acc-net-other").getInteger("depth")).isEqualTo(2);
        assertThat(network.getJsonArray("edges").stream()
                        .map(e -> (JsonObject) e)
                        .filter(e -> e.getString("from").equals("n0")
                                && e.getString("to")
                                        .equals(nodes.get("acc-net-mule").getString("id"))))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.getString("link")).isEqualTo("paid");
                    assertThat(e.getLong("transactions")).isEqualTo(2);
                });
        assertThat(network.getBoolean("truncated")).isFalse();

        JsonObject masked = json(call("analyst", "GET", "/api/cases/" + caseId + "/network?depth=1", null));
        assertThat(masked.getJsonArray("nodes").stream().map(n -> ((JsonObject) n).getString("label")))
                .contains("****ctim", "****ared", "****mule")
                .doesNotContain("acc-net-victim", "acc-net-other");
        assertThat(call("analyst", "GET", "/api/cases/case-999999/network", null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aSupervisorExportsEverythingStoredAboutOneAccountAndTheExportIsRecorded() throws Exception {
        history(
                paid("dsr-1", "acc-dsr", "dev-dsr", "acc-dsr-payee", "2026-11-20T07:00:00Z"),
                paid("dsr-2", "acc-dsr-payer", "dev-other", "acc-dsr", "2026-11-20T07:30:00Z"),
                paid("dsr-3", "acc-dsr-stranger", "dev-other", "acc-dsr-payee", "2026-11-20T07:35:00Z"));
        store(alert("dsr-1", "acc-dsr", 0.97, "100.00"));
        String caseId = caseOf("dsr-1");
        assertThat(move("analyst", caseId, "investigating").statusCode()).isEqualTo(200);
        assertThat(move("analyst", caseId, "closed_not_fraud").statusCode()).isEqualTo(200);

        HttpResponse<String> answer = call("supervisor", "GET", "/api/accounts/acc-dsr/data-export", null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"datos-acc-dsr.json\"");
        JsonObject export = json(answer);
        assertThat(export.getString("exported_by")).isEqualTo("supervisor");
        assertThat(ids(export, "transactions", "transaction_id")).containsExactly("dsr-1");
        assertThat(ids(export, "payments_received", "transaction_id")).containsExactly("dsr-2");
        assertThat(export.getJsonArray("payments_received").getJsonObject(0).getString("payer"))
                .isEqualTo("****ayer");
        assertThat(ids(export, "alerts", "alert_id")).containsExactly(Alert.idFor("dsr-1"));
        assertThat(ids(export, "cases", "case_id")).containsExactly(caseId);
        assertThat(ids(export, "case_events", "action")).contains("opened", "status");
        assertThat(ids(export, "alert_events", "to_status")).contains("false_positive");
        assertThat(ids(export, "labels", "alert_id")).containsExactly(Alert.idFor("dsr-1"));
        assertThat(export.encode()).doesNotContain("acc-dsr-stranger", "acc-dsr-payer");

        JsonObject again = json(call("admin", "GET", "/api/accounts/acc-dsr/data-export", null));
        assertThat(ids(again, "exports", "actor")).containsExactly("supervisor", "admin");
        assertThat(call("analyst", "GET", "/api/accounts/acc-dsr/data-export", null)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void oneBulkActionMovesEachCaseByItsOwnRulesAndSaysWhichWereRefused() throws Exception {
        store(alert("bulk-1", "acc-bulk-1", 0.97, "100.00"));
        store(alert("bulk-2", "acc-bulk-2", 0.97, "200.00"));
        store(alert("bulk-3", "acc-bulk-3", 0.97, "300.00"));
        String first = caseOf("bulk-1");
        String second = caseOf("bulk-2");
        String colleagues = caseOf("bulk-3");
        assertThat(call("luis", "POST", "/api/cases/" + colleagues + "/owner", "{\"owner\":\"luis\"}")
                        .statusCode())
                .isEqualTo(200);

        JsonObject moved = json(call(
                "analyst",
                "POST",
                "/api/cases/bulk",
                new JsonObject()
                        .put("action", "status")
                        .put("status", "investigating")
                        .put("note", "revisión por lote")
                        .put("case_ids", new JsonArray(List.of(first, second, colleagues)))
                        .encode()));

        assertThat(moved.getLong("done")).isEqualTo(2);
        assertThat(moved.getJsonArray("results")
                        .getJsonObject(2)
                        .getJsonObject("error")
                        .getString("code"))
                .isEqualTo("not_yours");
        for (String id : List.of(first, second)) {
            JsonObject found = json(call("supervisor", "GET", "/api/cases/" + id, null));
            assertThat(found.getString("status")).isEqualTo("investigating");
            assertThat(found.getString("owner")).isEqualTo("analyst");
            assertThat(found.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("detail")))
                    .contains("revisión por lote");
        }
        assertThat(json(call("supervisor", "GET", "/api/cases/" + colleagues, null))
                        .getString("status"))
                .isEqualTo("open");

        JsonObject closed = json(call(
                "analyst",
                "POST",
                "/api/cases/bulk",
                new JsonObject()
                        .put("action", "status")
                        .put("status", "closed_not_fraud")
                        .put("case_ids", new JsonArray(List.of(first, second)))
                        .encode()));
        assertThat(closed.getLong("done")).isEqualTo(2);
        assertThat(json(call("supervisor", "GET", "/api/alerts/" + Alert.idFor("bulk-2"), null))
                        .getString("status"))
                .isEqualTo("false_positive");

        HttpResponse<String> noStatus = call(
                "analyst",
                "POST",
                "/api/cases/bulk",
                new JsonObject()
                        .put("action", "status")
                        .put("case_ids", new JsonArray(List.of(first)))
                        .encode());
        assertThat(noStatus.statusCode()).isEqualTo(400);
        assertThat(json(noStatus).getJsonObject("error").getString("field")).isEqualTo("status");
    }

    @Test
    void theDashboardCountsCasesBySourceTheirDecisionsAndTheSolesKeptFromFraud() throws Exception {
        JsonObject before =
                json(call("analyst", "GET", "/api/dashboard?days=3", null)).getJsonObject("cases");
        Alert byRule = withDecision(
                alert("dash-rule", "acc-dash-rule", 0.4, "5000.00"),
                Decision.REVIEW,
                new RuleHit(
                        "transferencia_nueva", 2, RuleOutcome.REVIEW, false, "Transferencia nueva", "New transfer"));
        Alert declined = withDecision(
                alert("dash-decline", "acc-dash-decline", 0.99, "700.00"),
                Decision.DECLINE,
                new RuleHit("bloqueados", 1, RuleOutcome.DECLINE, false, "Dispositivo bloqueado", "Blocked device"));
        store(byRule, declined);
        String ruleCase = caseOf("dash-rule");
        assertThat(move("analyst", ruleCase, "investigating").statusCode()).isEqualTo(200);
        assertThat(move("analyst", ruleCase, "closed_fraud").statusCode()).isEqualTo(200);

        JsonObject after =
                json(call("analyst", "GET", "/api/dashboard?days=3", null)).getJsonObject("cases");

        assertThat(bySource(after, "rule", "closed") - bySource(before, "rule", "closed"))
                .isEqualTo(1);
        assertThat(bySource(after, "rule", "fraud") - bySource(before, "rule", "fraud"))
                .isEqualTo(1);
        assertThat(today(after, "opened") - today(before, "opened")).isEqualTo(2);
        assertThat(today(after, "closed") - today(before, "closed")).isEqualTo(1);
        assertThat(new BigDecimal(after.getString("saved_confirmed_pen"))
                        .subtract(new BigDecimal(before.getString("saved_confirmed_pen"))))
                .isEqualByComparingTo("5000.00");
        assertThat(new BigDecimal(after.getString("saved_declined_pen"))
                        .subtract(new BigDecimal(before.getString("saved_declined_pen"))))
                .isEqualByComparingTo("700.00");
        assertThat(after.getDouble("median_hours_to_decision")).isNotNull().isGreaterThanOrEqualTo(0.0);
        assertThat(after.getLong("overdue_now"))
                .as("the new cases are within their SLA")
                .isEqualTo(before.getLong("overdue_now"));
    }

    private static void store(Alert... alerts) throws Exception {
        TestAlerts.store(pool, alerts);
    }

    private static void history(ScoreRecord... scores) throws Exception {
        TestAlerts.history(pool, scores);
    }

    private static String caseOf(String transactionId) throws Exception {
        return TestAlerts.caseOf(pool, transactionId);
    }

    private static Alert withDecision(Alert alert, Decision decision, RuleHit hit) {
        return new Alert(
                alert.alertId(),
                alert.transaction(),
                alert.score(),
                alert.threshold(),
                alert.modelVersion(),
                alert.reasons(),
                alert.scoredAt(),
                decision,
                List.of(hit));
    }

    private static long bySource(JsonObject cases, String source, String field) {
        return cases.getJsonArray("by_source").stream()
                .map(s -> (JsonObject) s)
                .filter(s -> s.getString("source").equals(source))
                .mapToLong(s -> s.getLong(field))
                .sum();
    }

    private static long today(JsonObject cases, String field) {
        JsonArray days = cases.getJsonArray("per_day");
        return days.getJsonObject(days.size() - 1).getLong(field);
    }

    private static List<String> ids(JsonObject export, String section, String field) {
        return export.getJsonArray(section).stream()
                .map(item -> String.valueOf(((JsonObject) item).getValue(field)))
                .toList();
    }

    private static String take(String user) {
        try {
            HttpResponse<String> taken = call(user, "POST", "/api/cases/next", "");
            return taken.statusCode() == 200 ? json(taken).getString("case_id") : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long casesOfAccount(String account) throws Exception {
        return pool.preparedQuery("SELECT count(*) AS n FROM cases WHERE account_id = $1")
                .execute(Tuple.of(account))
                .await(30, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getLong("n");
    }

    private static HttpResponse<String> move(String user, String caseId, String status) throws Exception {
        return call(
                user,
                "POST",
                "/api/cases/" + caseId + "/status",
                new JsonObject()
                        .put("status", status)
                        .put("note", "the client confirmed")
                        .encode());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return new JsonObject(response.body());
    }

    private static HttpResponse<String> call(String user, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        request = body == null
                ? request.GET()
                : request.method(method, HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json");
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
