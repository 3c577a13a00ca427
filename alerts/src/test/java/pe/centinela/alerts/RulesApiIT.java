package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static pe.centinela.embedded.ApiClient.error;
import static pe.centinela.embedded.ApiClient.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.adapters.rules.RuleRegistry;
import pe.centinela.core.domain.RuleOutcome;
import pe.centinela.core.rules.RuleStatus;
import pe.centinela.embedded.ApiClient;

/** Rules and lists through the API on a real PostgreSQL: checked before they are saved, versioned, audited. */
class RulesApiIT {

    private static final String PASSWORD = "rules-it-password";

    @RegisterExtension
    static final ApiUnderTest server = new ApiUnderTest(PASSWORD, Map.of(), () -> List.of(new RuleRoutes()));

    static ApiClient supervisor;
    static ApiClient analyst;

    @BeforeAll
    static void clients() {
        ApiClient anonymous = ApiClient.anonymous(server.port());
        supervisor = anonymous.as("supervisor", PASSWORD);
        analyst = anonymous.as("analyst", PASSWORD);
    }

    private static JsonObject rule(String id, String expression, String outcome) {
        return new JsonObject()
                .put("id", id)
                .put("expression", expression)
                .put("outcome", outcome)
                .put("description_es", "Regla " + id)
                .put("description_en", "Rule " + id);
    }

    private static RuleRegistry registry() {
        return new RuleRegistry(server.pool());
    }

    @Test
    void aRuleWithAnErrorIsRefusedWithItsPositionAndAValidOneIsSavedAsADraft() {
        HttpResponse<String> wrong = supervisor.post(
                "/api/rules",
                rule("night_wallet", "channel == \"wallet\" &&\n  amount_pen > \"3000\"", "review")
                        .encode());
        assertThat(wrong.statusCode()).isEqualTo(400);
        JsonObject problem = error(wrong).getJsonArray("problems").getJsonObject(0);
        assertThat(error(wrong).getString("code")).isEqualTo("invalid_expression");
        assertThat(error(wrong).getString("field")).isEqualTo("expression");
        assertThat(problem.getInteger("line")).isEqualTo(2);
        assertThat(problem.getInteger("column")).isEqualTo(14);

        HttpResponse<String> checked = supervisor.post(
                "/api/rules/check",
                new JsonObject().put("expression", "new_device && count_1h > 5").encode());
        assertThat(checked.statusCode()).isEqualTo(200);
        assertThat(json(checked).getBoolean("compiled")).isTrue();

        HttpResponse<String> saved = supervisor.post(
                "/api/rules",
                rule(
                                "night_wallet",
                                "channel == \"wallet\" && new_counterparty && amount_pen > 3000 && hour_lima < 6",
                                "review")
                        .encode());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        assertThat(json(saved).getString("status")).isEqualTo("draft");
        assertThat(json(saved).getInteger("version")).isEqualTo(1);
        assertThat(json(saved).getString("updated_by")).isEqualTo("supervisor");

        HttpResponse<String> again = supervisor.post(
                "/api/rules", rule("night_wallet", "score > 0.5", "review").encode());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(error(again).getString("code")).isEqualTo("exists");
    }

    @Test
    void analystsReadRulesAndSupervisorsChangeThem() {
        supervisor.post(
                "/api/rules",
                rule("big_atm", "channel == \"atm\" && amount_pen > 2000", "review")
                        .encode());
        assertThat(analyst.get("/api/rules/big_atm").statusCode()).isEqualTo(200);
        assertThat(analyst.get("/api/rules").statusCode()).isEqualTo(200);
        assertThat(analyst.get("/api/rules/variables").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = analyst.send(
                "PUT",
                "/api/rules/big_atm",
                new JsonObject().put("version", 1).put("status", "active").encode());
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void everyChangeIsANewVersionAndAnEarlierOneCanBeRestored() throws Exception {
        supervisor.post(
                "/api/rules",
                rule("card_testing", "small_count_1h >= 5", "review").encode());
        HttpResponse<String> active = supervisor.send(
                "PUT",
                "/api/rules/card_testing",
                new JsonObject().put("version", 1).put("status", "active").encode());
        assertThat(active.statusCode()).as(active.body()).isEqualTo(200);
        assertThat(json(active).getInteger("version")).isEqualTo(2);

        HttpResponse<String> stale = supervisor.send(
                "PUT",
                "/api/rules/card_testing",
                new JsonObject().put("version", 1).put("outcome", "decline").encode());
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(error(stale).getString("code")).isEqualTo("version_changed");

        HttpResponse<String> stricter = supervisor.send(
                "PUT",
                "/api/rules/card_testing",
                new JsonObject()
                        .put("version", 2)
                        .put("expression", "small_count_1h >= 3")
                        .put("outcome", "decline")
                        .encode());
        assertThat(json(stricter).getInteger("version")).isEqualTo(3);
        var inForce = registry().snapshot().await(30, TimeUnit.SECONDS).rules().stream()
                .filter(r -> r.id().equals("card_testing"))
                .findFirst()
                .orElseThrow();
        assertThat(inForce.outcome()).isEqualTo(RuleOutcome.DECLINE);
        assertThat(inForce.status()).isEqualTo(RuleStatus.ACTIVE);

        HttpResponse<String> restored = supervisor.post(
                "/api/rules/card_testing/rollback",
                new JsonObject().put("version", 3).put("to", 2).encode());
        assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
        assertThat(json(restored).getInteger("version")).isEqualTo(4);
        assertThat(json(restored).getString("expression")).isEqualTo("small_count_1h >= 5");
        assertThat(json(restored).getString("outcome")).isEqualTo("review");

        JsonArray versions = json(analyst.get("/api/rules/card_testing")).getJsonArray("versions");
        assertThat(versions.stream().map(v -> ((JsonObject) v).getString("change")))
                .containsExactly("rolled_back_to_2", "edited", "status_active", "created");
        assertThat(versions.stream().map(v -> ((JsonObject) v).getString("changed_by")))
                .containsOnly("supervisor");
    }

    @Test
    void listsAreEditedAuditedAndGuardedWhileARuleReadsThem() throws Exception {
        long before = registry().revision().await(30, TimeUnit.SECONDS);
        HttpResponse<String> created = supervisor.post(
                "/api/lists",
                new JsonObject()
                        .put("name", "mule_devices")
                        .put("kind", "device")
                        .put("purpose", "watch")
                        .put("description", "dispositivos de mulas")
                        .encode());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> added = supervisor.post(
                "/api/lists/mule_devices/entries",
                new JsonObject()
                        .put("values", new JsonArray().add("dev-1").add("dev-2").add("dev-1"))
                        .put("note", "caso 42")
                        .encode());
        assertThat(json(added).getInteger("added")).isEqualTo(2);
        assertThat(registry().snapshot().await(30, TimeUnit.SECONDS).lists().contains("mule_devices", "dev-2"))
                .isTrue();
        assertThat(registry().revision().await(30, TimeUnit.SECONDS)).isGreaterThan(before);

        HttpResponse<String> unknownList = supervisor.post(
                "/api/rules",
                rule("mules", "in_list(\"mule_device\", device_id)", "decline").encode());
        assertThat(unknownList.statusCode()).isEqualTo(400);
        assertThat(error(unknownList).getString("message")).contains("mule_devices");
        HttpResponse<String> reader = supervisor.post(
                "/api/rules",
                rule("mules", "in_list(\"mule_devices\", device_id)", "decline")
                        .put("status", "active")
                        .encode());
        assertThat(reader.statusCode()).as(reader.body()).isEqualTo(201);

        HttpResponse<String> inUse = supervisor.send("DELETE", "/api/lists/mule_devices", null);
        assertThat(inUse.statusCode()).isEqualTo(409);
        assertThat(error(inUse).getString("message")).contains("mules");

        assertThat(supervisor
                        .send("DELETE", "/api/lists/mule_devices/entries/dev-1", null)
                        .statusCode())
                .isEqualTo(204);
        HttpResponse<String> read = analyst.get("/api/lists/mule_devices");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        JsonObject list = json(read);
        assertThat(list.getJsonArray("values").stream().map(v -> ((JsonObject) v).getString("value")))
                .containsExactly("dev-2");
        assertThat(list.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("action")))
                .containsExactly("entry_removed", "entries_added", "created");
        assertThat(analyst.post("/api/lists/mule_devices/entries", "{\"values\":[\"x\"]}")
                        .statusCode())
                .isEqualTo(403);
    }
}
