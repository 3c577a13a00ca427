package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static pe.centinela.alerts.TestAlerts.alert;
import static pe.centinela.alerts.TestAlerts.caseOf;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.embedded.ApiClient;

/** The team's own SLA bands on a real PostgreSQL: who may set them, what is refused, and cases re-banded at once. */
class CaseSlaIT {

    private static final String PASSWORD = "case-sla-it-password";

    @RegisterExtension
    static final ApiUnderTest server = new ApiUnderTest(
            PASSWORD, Map.of("auth.demo-users", "true"), () -> List.of(new CaseRoutes(), new SlaRoutes()));

    static Pool pool;
    static ApiClient supervisor;
    static ApiClient analyst;

    @BeforeAll
    static void start() {
        pool = server.pool();
        supervisor = server.anonymous().as("supervisor", PASSWORD);
        analyst = server.anonymous().as("analyst", PASSWORD);
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
