package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pe.centinela.alerts.TestAlerts.alert;
import static pe.centinela.alerts.TestAlerts.caseOf;
import static pe.centinela.alerts.TestAlerts.paid;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.embedded.ApiClient;

/**
 * The retention purge on a real PostgreSQL: what is past each kind's retention goes, what an open case still needs
 * stays, every run is recorded, and the append-only trails still refuse every other delete.
 */
class RetentionIT {

    private static final String PASSWORD = "retention-it-password";

    @RegisterExtension
    static final ApiUnderTest server = new ApiUnderTest(
            PASSWORD,
            Map.of("auth.demo-users", "true"),
            () -> List.of(new CaseRoutes(), new RetentionRoutes(java.time.Clock.systemUTC())));

    static Pool pool;
    static ApiClient admin;
    static ApiClient supervisor;
    static ApiClient analyst;

    @BeforeAll
    static void start() {
        pool = server.pool();
        admin = server.anonymous().as("admin", PASSWORD);
        supervisor = server.anonymous().as("supervisor", PASSWORD);
        analyst = server.anonymous().as("analyst", PASSWORD);
    }

    @Test
    void thePurgeDeletesWhatIsPastRetentionKeepsWhatOpenCasesNeedAndRecordsItself() throws Exception {
        String old = Instant.now().minus(100, ChronoUnit.DAYS).toString();
        String recent = Instant.now().minus(1, ChronoUnit.DAYS).toString();
        TestAlerts.history(
                pool,
                paid("ret-quiet-old", "acc-ret-quiet", null, null, old),
                paid("ret-quiet-new", "acc-ret-quiet", null, null, recent),
                paid("ret-open-old", "acc-ret-open", null, null, old));
        TestAlerts.store(pool, alert("ret-open-1", "acc-ret-open", 0.97, "900.00"));

        String purged = closedLongAgo("ret-gone", "acc-ret-gone");
        sql(
                "INSERT INTO case_links (case_id, account_id, via, value, linked_account)"
                        + " VALUES ($1, 'acc-ret-linked', 'device', 'dev-ret', 'acc-ret-gone')",
                Tuple.of(purged));
        String backgroundOfOpenCase = closedLongAgo("ret-back-1", "acc-ret-back");
        TestAlerts.store(pool, alert("ret-back-2", "acc-ret-back", 0.96, "300.00"));
        String labelOwed = closedLongAgo("ret-owed", "acc-ret-owed");
        sql("UPDATE label_outbox SET published_at = NULL WHERE alert_id = $1", Tuple.of("al-ret-owed"));

        OffsetDateTime elevenYearsAgo = OffsetDateTime.now(ZoneOffset.UTC).minusDays(4_000);
        sql(
                "INSERT INTO data_subject_exports (account_id, actor, at) VALUES ('acc-ret-gone', 'supervisor', $1::timestamptz)",
                Tuple.of(elevenYearsAgo));
        sql(
                "INSERT INTO rule_events (subject_kind, subject, action, actor, at) VALUES ('rule', 'r', 'created', 'x', $1::timestamptz)",
                Tuple.of(elevenYearsAgo));
        sql(
                "INSERT INTO webhook_deliveries (event_id, event_type, payload, status, created_at) VALUES "
                        + "('ret-sent', 'alert.created', '{}', 'delivered', $1::timestamptz), "
                        + "('ret-pending', 'alert.created', '{}', 'pending', $1::timestamptz)",
                Tuple.of(elevenYearsAgo));

        HttpResponse<String> ran = admin.post("/api/retention/purge", "");

        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
        JsonArray records = ApiClient.json(ran).getJsonArray("purges");
        JsonObject transactions = kind(records, "transactions");
        assertThat(transactions.getLong("deleted")).isEqualTo(1);
        assertThat(transactions.getLong("kept"))
                .as("the open case's account keeps its history")
                .isEqualTo(1);
        assertThat(ids("SELECT transaction_id AS id FROM scored_transactions WHERE transaction_id LIKE 'ret-%'"))
                .containsExactlyInAnyOrder("ret-quiet-new", "ret-open-old");

        JsonObject cases = kind(records, "cases");
        assertThat(cases.getLong("deleted")).isEqualTo(1);
        assertThat(cases.getJsonObject("detail").getLong("alerts")).isEqualTo(1);
        assertThat(cases.getLong("kept"))
                .as("the closed case of an account with an open one, and a case whose label is still owed")
                .isEqualTo(2);
        assertThat(ids("SELECT case_id AS id FROM cases WHERE case_id = ANY($1)", (Object)
                        new String[] {purged, backgroundOfOpenCase, labelOwed}))
                .containsExactlyInAnyOrder(backgroundOfOpenCase, labelOwed);
        for (String table : List.of("alerts", "alert_events", "label_outbox")) {
            assertThat(ids("SELECT alert_id AS id FROM " + table + " WHERE alert_id = 'al-ret-gone'"))
                    .as(table)
                    .isEmpty();
        }
        assertThat(ids("SELECT case_id AS id FROM case_events WHERE case_id = $1", purged))
                .isEmpty();
        assertThat(ids("SELECT case_id AS id FROM case_links WHERE case_id = $1", purged))
                .isEmpty();
        assertThat(ids("SELECT case_id AS id FROM case_events WHERE case_id = $1", backgroundOfOpenCase))
                .isNotEmpty();

        JsonObject audit = kind(records, "audit");
        assertThat(audit.getJsonObject("detail").getMap())
                .containsEntry("data_subject_exports", 1)
                .containsEntry("rule_events", 1)
                .containsEntry("webhook_deliveries", 1);
        assertThat(audit.getLong("kept"))
                .as("a webhook event still being delivered")
                .isEqualTo(1);
        assertThat(ids("SELECT event_id AS id FROM webhook_deliveries WHERE event_id LIKE 'ret-%'"))
                .containsExactly("ret-pending");

        JsonObject shown = ApiClient.json(supervisor.get("/api/retention"));
        assertThat(shown.getJsonObject("keep_days").getDouble("transactions")).isEqualTo(90.0);
        assertThat(shown.getJsonObject("keep_days").getDouble("cases")).isEqualTo(3650.0);
        assertThat(shown.getJsonArray("purges").stream()
                        .map(p -> ((JsonObject) p).getString("actor"))
                        .distinct())
                .containsExactly("admin");

        HttpResponse<String> again = admin.post("/api/retention/purge", "");
        assertThat(kind(ApiClient.json(again).getJsonArray("purges"), "cases").getLong("deleted"))
                .as("nothing left to purge")
                .isZero();
    }

    @Test
    void theTrailsStayAppendOnlyOutsideThePurgeAndItsRecordsCannotBeChanged() throws Exception {
        closed("ret-trail", "acc-ret-trail");

        assertThatThrownBy(() -> sql("DELETE FROM alert_events WHERE alert_id = 'al-ret-trail'", Tuple.tuple()))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("DELETE FROM case_events WHERE case_id = $1", Tuple.of(caseOf(pool, "ret-trail"))))
                .hasMessageContaining("append-only");
        admin.post("/api/retention/purge", "");
        assertThatThrownBy(() -> sql("DELETE FROM retention_purges", Tuple.tuple()))
                .hasMessageContaining("append-only");
    }

    @Test
    void oneReplicaPurgesAtATimeAndOnlyAdminsRunIt() throws Exception {
        SqlConnection other = pool.getConnection().await(30, TimeUnit.SECONDS);
        try {
            other.query("SELECT pg_advisory_lock(hashtext('centinela.retention'))")
                    .execute()
                    .await(30, TimeUnit.SECONDS);
            HttpResponse<String> busy = admin.post("/api/retention/purge", "");
            assertThat(busy.statusCode()).as(busy.body()).isEqualTo(409);
            assertThat(ApiClient.error(busy).getString("code")).isEqualTo("purge_running");
        } finally {
            other.query("SELECT pg_advisory_unlock_all()").execute().await(30, TimeUnit.SECONDS);
            other.close().await(30, TimeUnit.SECONDS);
        }
        assertThat(supervisor.post("/api/retention/purge", "").statusCode()).isEqualTo(403);
        assertThat(analyst.get("/api/retention").statusCode()).isEqualTo(403);
        assertThat(admin.post("/api/retention/purge", "").statusCode()).isEqualTo(200);
    }

    /** As {@link #closed}, the case closed eleven years ago. */
    private static String closedLongAgo(String transactionId, String account) throws Exception {
        String caseId = closed(transactionId, account);
        sql("UPDATE cases SET closed_at = now() - interval '4000 days' WHERE case_id = $1", Tuple.of(caseId));
        return caseId;
    }

    /** An alert whose case a supervisor closed as fraud, its label published. */
    private static String closed(String transactionId, String account) throws Exception {
        TestAlerts.store(pool, alert(transactionId, account, 0.98, "500.00"));
        String caseId = caseOf(pool, transactionId);
        for (String status : List.of("investigating", "closed_fraud")) {
            HttpResponse<String> moved = supervisor.post(
                    "/api/cases/" + caseId + "/status",
                    new JsonObject()
                            .put("status", status)
                            .put("note", "confirmed")
                            .encode());
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        }
        sql("UPDATE label_outbox SET published_at = now() WHERE alert_id = $1", Tuple.of("al-" + transactionId));
        return caseId;
    }

    private static JsonObject kind(JsonArray records, String kind) {
        return records.stream()
                .map(r -> (JsonObject) r)
                .filter(r -> r.getString("kind").equals(kind))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> ids(String sql, Object... parameters) throws Exception {
        List<String> found = new ArrayList<>();
        pool.preparedQuery(sql)
                .execute(Tuple.wrap(List.of(parameters)))
                .await(30, TimeUnit.SECONDS)
                .forEach(r -> found.add(r.getString("id")));
        return found;
    }

    private static void sql(String sql, Tuple parameters) throws Exception {
        pool.preparedQuery(sql).execute(parameters).await(30, TimeUnit.SECONDS);
    }
}
