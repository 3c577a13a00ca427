package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Label;
import pe.centinela.core.domain.Reason;
import pe.centinela.core.domain.ScoreRecord;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.embedded.TopicReader;

/** The case workflow on a real PostgreSQL and Kafka: roles, the audit trail, assignment, notes and labels. */
class AlertWorkflowIT {

    private static final String PASSWORD = "workflow-it-password";

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
                new ComplianceRoutes(Clock.systemUTC()),
                new WorkflowRoutes(),
                new HistoryRoutes(),
                new ModelRoutes()));
        platform.deploy(new LabelRelayVerticle(config));
        pool = platform.pool();
        pool.preparedQuery(AlertQueries.INSERT_ALERTS)
                .execute(AlertRows.insertParameters(List.of(alert("wf-1"), alert("wf-2")), config.cases()))
                .await(30, TimeUnit.SECONDS);
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

    /** A fresh unassigned alert of this test's own, so tests do not depend on each other's order. */
    private static String newAlert(String transactionId) throws Exception {
        pool.preparedQuery(AlertQueries.INSERT_ALERTS)
                .execute(AlertRows.insertParameters(List.of(alert(transactionId)), config.cases()))
                .await(30, TimeUnit.SECONDS);
        return Alert.idFor(transactionId);
    }

    private static Alert alert(String transactionId) {
        Transaction tx = new Transaction(
                transactionId,
                "acc-7",
                new BigDecimal("2300.00"),
                "PEN",
                new BigDecimal("2300.00"),
                "PEN",
                Instant.parse("2026-11-20T07:40:00Z"),
                "m-9",
                "5732",
                Channel.ECOMMERCE,
                null,
                null,
                null,
                "PE",
                null,
                null);
        return new Alert(
                Alert.idFor(transactionId),
                tx,
                0.999,
                0.99,
                "ae-test",
                List.of(new Reason(
                        "amount", 1.0, "amount S/ 2,300.00 is 12× this account's average of S/ 190.00", Map.of())),
                Instant.now());
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

    private static HttpResponse<String> status(String user, String alertId, String status) throws Exception {
        return call(
                user,
                "POST",
                "/api/alerts/" + alertId + "/status",
                "{\"status\":\"" + status + "\",\"note\":\"checked with the client\"}");
    }

    @Test
    void anAlertIsInvestigatedEscalatedAndDecidedByTheRightPeopleAndEveryStepIsAudited() throws Exception {
        assertThat(status("analyst", "al-wf-1", "confirmed_fraud").statusCode()).isEqualTo(409);
        assertThat(status("analyst", "al-wf-1", "investigating").statusCode()).isEqualTo(200);
        assertThat(status("analyst", "al-wf-1", "escalated").statusCode()).isEqualTo(200);
        HttpResponse<String> analystDecides = status("analyst", "al-wf-1", "confirmed_fraud");
        assertThat(analystDecides.statusCode()).isEqualTo(409);
        assertThat(analystDecides.body()).contains("only a supervisor");
        assertThat(status("supervisor", "al-wf-1", "confirmed_fraud").statusCode())
                .isEqualTo(200);

        JsonObject detail = new JsonObject(
                call("analyst", "GET", "/api/alerts/al-wf-1", null).body());
        assertThat(detail.getString("status")).isEqualTo("confirmed_fraud");
        assertThat(detail.getJsonObject("transaction").getString("merchant_id")).isEqualTo("m-9");
        assertThat(detail.getJsonObject("transaction").getString("account_id")).isEqualTo("****cc-7");
        assertThat(new JsonObject(call("supervisor", "GET", "/api/alerts/al-wf-1", null)
                                .body())
                        .getJsonObject("transaction")
                        .getString("account_id"))
                .isEqualTo("acc-7");
        assertThat(detail.getString("assignee"))
                .as("a supervisor deciding does not take the alert")
                .isEqualTo("analyst");
        JsonArray events = detail.getJsonArray("events");
        assertThat(events).hasSize(4);
        assertThat(events.getJsonObject(0).getString("action")).isEqualTo("assign");
        assertThat(events.getJsonObject(3).getString("actor")).isEqualTo("supervisor");
        assertThat(events.getJsonObject(3).getString("from_status")).isEqualTo("escalated");
        assertThat(events.getJsonObject(1).getString("detail")).isEqualTo("checked with the client");

        HttpResponse<String> ros = call("supervisor", "GET", "/api/alerts/al-wf-1/ros.html", null);
        assertThat(ros.statusCode()).isEqualTo(200);
        assertThat(ros.body())
                .contains(
                        "BORRADOR", "S/ 2,300.00", "acc-7", "supervisor: checked with the client", "20/11/2026 02:40");
        HttpResponse<String> rosCsv = call("supervisor", "GET", "/api/alerts/al-wf-1/ros.csv", null);
        assertThat(rosCsv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(rosCsv.body().lines())
                .contains(
                        "3. Operaciones,Operación 1,3.1.6,Monto equivalente en soles,2300.00",
                        "2. Personas involucradas,Persona 1,2.1.3,Número de cuenta,acc-7");
        HttpResponse<String> rosJson = call("supervisor", "GET", "/api/alerts/al-wf-1/ros.json", null);
        assertThat(new JsonObject(rosJson.body()).getString("reference")).isEqualTo("Alerta al-wf-1");
        assertThat(call("analyst", "GET", "/api/alerts/al-wf-1/ros.html", null).statusCode())
                .isEqualTo(403);
        assertThat(call("supervisor", "GET", "/api/alerts/al-wf-2/ros.csv", null)
                        .statusCode())
                .isEqualTo(409);

        Label label = Json.fromBytes(
                new TopicReader(config.kafka().bootstrapServers())
                        .find(
                                config.topics().labels(),
                                r -> new String(r.value(), StandardCharsets.UTF_8).contains("al-wf-1"),
                                Duration.ofSeconds(30))
                        .value(),
                Label.class);
        assertThat(label.fraud()).isTrue();
        assertThat(label.merchantId()).isEqualTo("m-9");
        assertThat(label.decidedBy()).isEqualTo("supervisor");
        assertThat(label.transactionTime())
                .as("places the label in the fraud-share windows")
                .isEqualTo(Instant.parse("2026-11-20T07:40:00Z"));
    }

    private static JsonObject detail(String alertId) throws Exception {
        return new JsonObject(
                call("supervisor", "GET", "/api/alerts/" + alertId, null).body());
    }

    private static List<String> actions(JsonObject detail) {
        return detail.getJsonArray("events").stream()
                .map(e -> ((JsonObject) e).getString("actor") + " " + ((JsonObject) e).getString("action") + " "
                        + ((JsonObject) e).getString("detail"))
                .toList();
    }

    private static HttpResponse<String> assign(String user, String alertId, String assignee) throws Exception {
        return call(
                user,
                "POST",
                "/api/alerts/" + alertId + "/assignee",
                new JsonObject().put("assignee", assignee).encode());
    }

    private static HttpResponse<String> note(String user, String alertId, String text) throws Exception {
        return call(
                user,
                "POST",
                "/api/alerts/" + alertId + "/notes",
                new JsonObject().put("text", text).encode());
    }

    private static void assertNotYours(HttpResponse<String> response, String alertId, String holder) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("not_yours");
        assertThat(error.getString("message"))
                .isEqualTo("alert " + alertId + " is assigned to " + holder + "; ask a supervisor to reassign it");
        assertThat(error.getString("field")).isNull();
    }

    private static HttpResponse<String> bulk(String user, JsonObject body) throws Exception {
        return call(user, "POST", "/api/alerts/bulk", body.encode());
    }

    private static JsonObject resultOf(HttpResponse<String> bulk, String alertId) {
        return new JsonObject(bulk.body())
                .getJsonArray("results").stream()
                        .map(JsonObject.class::cast)
                        .filter(r -> r.getString("alert_id").equals(alertId))
                        .findFirst()
                        .orElseThrow();
    }

    @Test
    void manyAlertsAreNotedMovedAndDecidedInOneActionEachCheckedAuditedAndLabelledAsIfAlone() throws Exception {
        String first = newAlert("wf-bulk-1");
        String second = newAlert("wf-bulk-2");
        String colleagues = newAlert("wf-bulk-3");
        assertThat(assign("luis", colleagues, "luis").statusCode()).isEqualTo(200);
        JsonArray three = new JsonArray().add(first).add(second).add(colleagues);

        HttpResponse<String> noted = bulk(
                "analyst",
                new JsonObject()
                        .put("action", "note")
                        .put("text", "same card, same night")
                        .put("alert_ids", three));
        assertThat(noted.statusCode()).as(noted.body()).isEqualTo(200);
        assertThat(new JsonObject(noted.body()).getLong("done")).isEqualTo(2L);
        assertThat(resultOf(noted, colleagues).getJsonObject("error").getString("code"))
                .isEqualTo("not_yours");
        assertThat(actions(detail(second)))
                .containsExactly("analyst assign analyst", "analyst note same card, same night");
        assertThat(actions(detail(colleagues))).containsExactly("luis assign luis");

        HttpResponse<String> refused = bulk(
                "analyst",
                new JsonObject()
                        .put("action", "status")
                        .put("status", "confirmed_fraud")
                        .put("alert_ids", new JsonArray().add(first)));
        assertThat(resultOf(refused, first).getJsonObject("error").getString("code"))
                .as("the workflow's rules hold in bulk: a new alert is investigated before it is decided")
                .isEqualTo("transition_refused");
        JsonObject investigate = new JsonObject()
                .put("action", "status")
                .put("status", "investigating")
                .put("alert_ids", new JsonArray().add(first).add(second).add("al-nowhere"));
        HttpResponse<String> investigated = bulk("analyst", investigate);
        assertThat(resultOf(investigated, "al-nowhere").getJsonObject("error").getString("code"))
                .isEqualTo("not_found");
        HttpResponse<String> decided = bulk(
                "analyst",
                new JsonObject()
                        .put("action", "status")
                        .put("status", "false_positive")
                        .put("note", "a family member's purchases")
                        .put("alert_ids", new JsonArray().add(first).add(second)));
        assertThat(new JsonObject(decided.body()).getLong("done")).isEqualTo(2L);

        for (String alertId : List.of(first, second)) {
            assertThat(detail(alertId).getString("status")).isEqualTo("false_positive");
            assertThat(actions(detail(alertId))).endsWith("analyst status a family member's purchases");
            Label label = Json.fromBytes(
                    new TopicReader(config.kafka().bootstrapServers())
                            .find(
                                    config.topics().labels(),
                                    r -> new String(r.value(), StandardCharsets.UTF_8).contains(alertId),
                                    Duration.ofSeconds(30))
                            .value(),
                    Label.class);
            assertThat(label.fraud()).isFalse();
            assertThat(label.decidedBy()).isEqualTo("analyst");
        }

        HttpResponse<String> handedBack = bulk(
                "supervisor",
                new JsonObject().put("action", "assignee").putNull("assignee").put("alert_ids", three));
        assertThat(new JsonObject(handedBack.body()).getLong("done")).isEqualTo(3L);
        assertThat(detail(colleagues).getString("assignee")).isNull();
        assertThat(actions(detail(colleagues))).containsExactly("luis assign luis", "supervisor unassign luis");

        HttpResponse<String> incomplete =
                bulk("analyst", new JsonObject().put("action", "status").put("alert_ids", three));
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(incomplete.body()).getJsonObject("error").getString("field"))
                .isEqualTo("status");
    }

    @Test
    void anAnalystCannotDecideNoteOrReassignAColleaguesAlertAndNothingChanges() throws Exception {
        String alertId = newAlert("wf-colleague");
        assertThat(assign("luis", alertId, "luis").statusCode()).isEqualTo(200);
        JsonObject before = detail(alertId);

        assertNotYours(status("analyst", alertId, "investigating"), alertId, "luis");
        assertNotYours(note("analyst", alertId, "I looked at it too"), alertId, "luis");
        assertNotYours(assign("analyst", alertId, "analyst"), alertId, "luis");
        assertNotYours(assign("analyst", alertId, null), alertId, "luis");

        JsonObject after = detail(alertId);
        assertThat(after.getString("status")).isEqualTo("new");
        assertThat(after.getString("assignee")).isEqualTo("luis");
        assertThat(after.getJsonArray("events")).isEqualTo(before.getJsonArray("events"));
        assertThat(actions(after)).containsExactly("luis assign luis");
    }

    @Test
    void actingOnAnUnassignedAlertMakesItTheAnalystsFirstAndBothAreAudited() throws Exception {
        String noted = newAlert("wf-claim-note");
        assertThat(note("analyst", noted, "called the client, no answer").statusCode())
                .isEqualTo(201);
        JsonObject afterNote = detail(noted);
        assertThat(afterNote.getString("assignee")).isEqualTo("analyst");
        assertThat(actions(afterNote))
                .containsExactly("analyst assign analyst", "analyst note called the client, no answer");

        String moved = newAlert("wf-claim-move");
        assertThat(status("analyst", moved, "investigating").statusCode()).isEqualTo(200);
        JsonObject afterMove = detail(moved);
        assertThat(afterMove.getString("assignee")).isEqualTo("analyst");
        assertThat(actions(afterMove))
                .containsExactly("analyst assign analyst", "analyst status checked with the client");

        String refused = newAlert("wf-claim-refused");
        assertThat(status("analyst", refused, "confirmed_fraud").statusCode()).isEqualTo(409);
        assertThat(detail(refused).getString("assignee"))
                .as("a refused move claims nothing")
                .isNull();
        assertThat(detail(refused).getJsonArray("events")).isEmpty();
    }

    @Test
    void analystsTakeAlertsAndHandTheirOwnBackButDoNotGiveThemToColleagues() throws Exception {
        String alertId = newAlert("wf-take");
        HttpResponse<String> handedOver = assign("analyst", alertId, "luis");
        assertThat(handedOver.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(handedOver.body()).getJsonObject("error").getString("field"))
                .isEqualTo("assignee");
        assertThat(assign("analyst", alertId, "analyst").statusCode()).isEqualTo(200);
        assertThat(assign("analyst", alertId, "analyst").statusCode())
                .as("taking one's own alert again")
                .isEqualTo(200);
        assertThat(assign("analyst", alertId, "luis").statusCode()).isEqualTo(403);
        assertThat(detail(alertId).getString("assignee")).isEqualTo("analyst");

        assertThat(assign("analyst", alertId, null).statusCode()).isEqualTo(200);
        assertThat(detail(alertId).getString("assignee")).isNull();
        assertThat(assign("luis", alertId, "luis").statusCode()).isEqualTo(200);
        assertThat(actions(detail(alertId)))
                .containsExactly("analyst assign analyst", "analyst unassign analyst", "luis assign luis");
    }

    @Test
    void aSupervisorActsOnAndTakesOverAColleaguesAlertAndItIsAudited() throws Exception {
        String alertId = newAlert("wf-take-over");
        assertThat(status("analyst", alertId, "investigating").statusCode()).isEqualTo(200);
        assertThat(note("supervisor", alertId, "check the device").statusCode()).isEqualTo(201);
        assertThat(detail(alertId).getString("assignee"))
                .as("a supervisor's note leaves the alert with its analyst")
                .isEqualTo("analyst");

        assertThat(assign("supervisor", alertId, "supervisor").statusCode()).isEqualTo(200);
        assertNotYours(note("analyst", alertId, "still mine?"), alertId, "supervisor");
        assertThat(assign("supervisor", alertId, "luis").statusCode()).isEqualTo(200);
        assertThat(status("luis", alertId, "false_positive").statusCode()).isEqualTo(200);

        JsonObject detail = detail(alertId);
        assertThat(detail.getString("status")).isEqualTo("false_positive");
        assertThat(detail.getString("assignee")).isEqualTo("luis");
        assertThat(actions(detail))
                .containsExactly(
                        "analyst assign analyst",
                        "analyst status checked with the client",
                        "supervisor note check the device",
                        "supervisor assign supervisor",
                        "supervisor assign luis",
                        "luis status checked with the client");
    }

    @Test
    void ofTwoAnalystsTakingOneUnassignedAlertAtTheSameTimeExactlyOneWins() throws Exception {
        for (int i = 0; i < 8; i++) {
            String alertId = newAlert("wf-race-" + i);
            boolean byNote = i % 2 == 1;
            var analyst = send("analyst", alertId, byNote);
            var luis = send("luis", alertId, byNote);
            HttpResponse<String> analystAnswer = analyst.get(30, TimeUnit.SECONDS);
            HttpResponse<String> luisAnswer = luis.get(30, TimeUnit.SECONDS);
            List<Integer> codes = List.of(analystAnswer.statusCode(), luisAnswer.statusCode());
            assertThat(codes)
                    .as(alertId + ": " + analystAnswer.body() + " / " + luisAnswer.body())
                    .containsExactlyInAnyOrder(byNote ? 201 : 200, 403);
            String winner = analystAnswer.statusCode() < 300 ? "analyst" : "luis";
            JsonObject detail = detail(alertId);
            assertThat(detail.getString("assignee")).isEqualTo(winner);
            assertThat(actions(detail))
                    .containsExactly(
                            byNote
                                    ? new String[] {winner + " assign " + winner, winner + " note mine"}
                                    : new String[] {winner + " assign " + winner});
        }
    }

    private static java.util.concurrent.CompletableFuture<HttpResponse<String>> send(
            String user, String alertId, boolean byNote) {
        String path = "/api/alerts/" + alertId + (byNote ? "/notes" : "/assignee");
        String body = byNote
                ? "{\"text\":\"mine\"}"
                : new JsonObject().put("assignee", user).encode();
        return http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAuditTrailCannotBeRewritten() throws Exception {
        call("analyst", "POST", "/api/alerts/al-wf-2/notes", "{\"text\":\"first look\"}");
        try (var db =
                DriverManager.getConnection(platform.infrastructure().postgres().jdbcUrl(), "postgres", "")) {
            assertThatThrownBy(() -> db.createStatement().executeUpdate("UPDATE alert_events SET actor = 'nobody'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> db.createStatement().executeUpdate("DELETE FROM alert_events"))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void mistakesGetClearAnswers() throws Exception {
        HttpResponse<String> badStatus = status("analyst", "al-wf-2", "closed");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(badStatus.body()).getJsonObject("error").getString("field"))
                .as(badStatus.body())
                .isEqualTo("status");
        assertThat(call("analyst", "POST", "/api/alerts/al-wf-2/status", "not json")
                        .statusCode())
                .isEqualTo(400);
        assertThat(call("analyst", "GET", "/api/alerts/al-nothing", null).statusCode())
                .isEqualTo(404);
        assertThat(status("analyst", "al-nothing", "investigating").statusCode())
                .isEqualTo(404);
    }

    @Test
    void anAlertIsReadAgainstTheAccountsOwnHistory() throws Exception {
        platform.deploy(new TransactionHistoryVerticle(config, new PipelineStats()));
        Instant alertTime = Instant.parse("2026-11-20T07:40:00Z");
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(Map.of(
                "bootstrap.servers", config.kafka().bootstrapServers(),
                "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName(),
                "value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class.getName()))) {
            for (int day = -20; day <= 3; day++) {
                String account = day == -1 ? "acc-8" : "acc-7";
                ScoreRecord score = new ScoreRecord(
                        "h" + day,
                        account,
                        0.1,
                        "ae-test",
                        0.99,
                        false,
                        alertTime.plus(Duration.ofDays(day)).minusSeconds(60),
                        Instant.now(),
                        new BigDecimal("80.00"),
                        new BigDecimal("80.00"),
                        "PEN",
                        "m-1",
                        "5411",
                        Channel.POS,
                        "ae-shadow",
                        day % 4 == 0 ? 0.995 : 0.2,
                        day % 4 == 0,
                        day == 2);
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                                config.topics().scores(), account, Json.toBytes(score)))
                        .get();
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                                config.topics().scores(), account, Json.toBytes(score)))
                        .get();
            }
        }
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> new JsonObject(call("supervisor", "GET", "/api/alerts/al-wf-1/history?days=14", null)
                                        .body())
                                .getJsonArray("transactions")
                                .size()
                        == 16);
        JsonObject history = new JsonObject(call("supervisor", "GET", "/api/alerts/al-wf-1/history?days=14", null)
                .body());
        assertThat(history.getString("account_id")).isEqualTo("acc-7");
        assertThat(history.getString("alert_transaction_id")).isEqualTo("wf-1");
        JsonArray transactions = history.getJsonArray("transactions");
        assertThat(transactions.getJsonObject(0).getString("transaction_id")).isEqualTo("h3");
        assertThat(transactions.getJsonObject(15).getString("transaction_id")).isEqualTo("h-13");
        assertThat(transactions.getJsonObject(0).getString("amount_pen")).isEqualTo("80.00");
        assertThat(transactions.getJsonObject(0).getString("channel")).isEqualTo("pos");
        assertThat(transactions.stream()
                        .filter(t -> ((JsonObject) t).getBoolean("review"))
                        .map(t -> ((JsonObject) t).getString("transaction_id")))
                .containsExactly("h2");
        assertThat(transactions.stream().map(t -> ((JsonObject) t).getString("transaction_id")))
                .doesNotContain("h-1");
        JsonObject asAnalyst = new JsonObject(call("analyst", "GET", "/api/alerts/al-wf-1/history?days=2", null)
                .body());
        assertThat(asAnalyst.getString("account_id")).isEqualTo("****cc-7");
        assertThat(asAnalyst.getJsonArray("transactions")).hasSize(3);
        assertThat(call("analyst", "GET", "/api/alerts/al-nothing/history", null)
                        .statusCode())
                .isEqualTo(404);

        JsonObject comparison = new JsonObject(call("supervisor", "GET", "/api/models/comparison?hours=1", null)
                .body());
        JsonObject shadow = comparison.getJsonArray("shadows").getJsonObject(0);
        assertThat(shadow.getString("shadow")).isEqualTo("ae-shadow");
        assertThat(shadow.getString("version")).isEqualTo("ae-test");
        assertThat(shadow.getLong("scored")).isEqualTo(24);
        assertThat(shadow.getLong("shadow_alerts")).isEqualTo(6);
        assertThat(shadow.getLong("alerts")).isZero();
        assertThat(shadow.getDouble("agreement")).isEqualTo(0.75);
        assertThat(shadow.getValue("precision")).isNull();
        assertThat(comparison.getJsonArray("versions").getJsonObject(0).getLong("scored"))
                .isEqualTo(24);
    }

    @Test
    void theLiveStreamIsNotMistakenForAnAlertId() throws Exception {
        HttpResponse<java.io.InputStream> stream = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/alerts/stream"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        ("analyst:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (var body = stream.body()) {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        }
    }
}
