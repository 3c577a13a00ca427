package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.embedded.ApiClient;
import pe.centinela.embedded.EmbeddedPostgresServer;

/**
 * SQL-injection, script, template and formula payloads in every text a bank's systems or its users can put in:
 * transaction fields (all but the id) sent to {@code POST /api/transactions}, assignees, notes and decisions, API token names, user
 * names, and the list's filters. Each is stored byte for byte and given back as it came, filters match nothing extra,
 * every table survives, and the ROS draft shows them escaped (HTML) and unable to run as formulas (CSV).
 */
class InjectionIT {

    private static final String PERCENT_AND_PLUS = "100% _like_ %25 %zz a+b";
    static final List<String> PAYLOADS = List.of(
            "'; DROP TABLE alerts;--",
            "' OR '1'='1",
            "<script>window.__pwned=1</script>",
            "<img src=x onerror=\"window.__pwned=1\">",
            "{{7*7}} ${7*7} #{7*7}",
            "=cmd|' /C calc'!A0",
            PERCENT_AND_PLUS,
            "Ñandú «comillas» \"dobles\" `tick` \\ back ☃ 𝄞 \u202Eltr");
    private static final String PASSWORD = "injection-it-Clave-1";

    @RegisterExtension
    static final PlatformUnderTest platform = new PlatformUnderTest(
            Map.of("scoring.alert-threshold", "0", "auth.admin-password", PASSWORD, "auth.demo-users", "true"));

    static ApiClient supervisor;
    static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        int port = platform.deploy(Platform.Role.ALL);
        supervisor = ApiClient.anonymous(port).as("supervisor", PASSWORD);
        admin = ApiClient.anonymous(port).as("admin", PASSWORD);
    }

    /** The transaction carrying payload {@code i} in every free-text field the ingestion rules accept. */
    static JsonObject transaction(int i) {
        String payload = PAYLOADS.get(i);
        return new JsonObject()
                .put("transaction_id", "tx-inj-" + i)
                .put("account_id", payload)
                .put("amount", 1234.5 + i)
                .put("currency", "PEN")
                .put(
                        "timestamp",
                        Instant.now().minus(Duration.ofMinutes(10 - i)).toString())
                .put("merchant_id", "m " + payload)
                .put("merchant_category_code", "5732")
                .put("channel", "ecommerce")
                .put("device_id", "d " + payload)
                .put("ip", payload)
                .put("counterparty_account", "c " + payload)
                .put("country", "PE");
    }

    @Test
    void payloadsInEveryTextFieldAreStoredAsTheyCameAndShownInertly() throws Exception {
        List<String> refusedFilters = new ArrayList<>();
        JsonArray batch = new JsonArray();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            batch.add(transaction(i));
        }
        HttpResponse<String> sent = admin.post("/api/transactions", batch.encode());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        await("every payload transaction alerted and stored")
                .atMost(Duration.ofSeconds(120))
                .ignoreExceptions()
                .until(() -> ApiClient.json(supervisor.get("/api/alerts?limit=500"))
                                .getJsonArray("alerts")
                                .size()
                        >= PAYLOADS.size());

        for (int i = 0; i < PAYLOADS.size(); i++) {
            JsonObject expected = transaction(i);
            String payload = PAYLOADS.get(i);
            String alertId = "al-" + expected.getString("transaction_id");
            JsonArray byAccount = list("account", payload);
            if (byAccount == null) {
                refusedFilters.add(payload);
            } else {
                assertThat(byAccount).as("alerts of account %s", payload).hasSize(1);
                JsonObject listed = byAccount.getJsonObject(0);
                assertThat(listed.getString("alert_id")).isEqualTo(alertId);
                assertThat(listed.getString("account_id")).isEqualTo(payload);
                assertThat(listed.getString("merchant_id")).isEqualTo("m " + payload);
                assertThat(list("merchant", "m " + payload)).hasSize(1);
            }

            HttpResponse<String> read = supervisor.get("/api/alerts/" + path(alertId));
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            JsonObject detail = ApiClient.json(read);
            JsonObject tx = detail.getJsonObject("transaction");
            for (String field :
                    List.of("transaction_id", "account_id", "merchant_id", "device_id", "ip", "counterparty_account")) {
                assertThat(tx.getString(field)).as(field + " of " + payload).isEqualTo(expected.getString(field));
            }

            assertThat(supervisor
                            .post(
                                    "/api/alerts/" + path(alertId) + "/assignee",
                                    new JsonObject().put("assignee", payload).encode())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(supervisor
                            .post(
                                    "/api/alerts/" + path(alertId) + "/notes",
                                    new JsonObject().put("text", payload).encode())
                            .statusCode())
                    .isEqualTo(201);
            assertThat(supervisor
                            .post(
                                    "/api/alerts/" + path(alertId) + "/status",
                                    new JsonObject()
                                            .put("status", "investigating")
                                            .put("note", "nota " + payload)
                                            .encode())
                            .statusCode())
                    .isEqualTo(200);
            JsonObject decided = ApiClient.json(supervisor.get("/api/alerts/" + path(alertId)));
            assertThat(decided.getString("assignee")).isEqualTo(payload);
            assertThat(decided.getJsonArray("events").stream()
                            .map(e -> ((JsonObject) e).getString("detail"))
                            .toList())
                    .contains(payload, "nota " + payload);
            if (byAccount != null) {
                assertThat(list("assignee", payload)).hasSize(1);
            }
        }
        System.out.printf(
                "InjectionIT: %d payloads stored and read back; the contract refuses as a filter value (400): %s%n",
                PAYLOADS.size(), refusedFilters);
        assertThat(refusedFilters).as("payloads a filter cannot take").hasSizeLessThan(PAYLOADS.size() / 2);
        assertThat(refusedFilters).as("payloads a filter cannot take").doesNotContain(PERCENT_AND_PLUS);

        for (String injection : List.of(
                "' OR 1=1--",
                "x' OR '1'='1",
                "_' OR alert_id LIKE '_",
                "'; DROP TABLE alerts;--x",
                "1); DELETE FROM alerts;--")) {
            for (String filter : List.of("account", "merchant", "assignee", "model_version")) {
                JsonArray found = list(filter, injection);
                assertThat(found == null ? new JsonArray() : found)
                        .as("alerts whose %s is %s", filter, injection)
                        .isEmpty();
            }
        }
        assertThat(supervisor
                        .get("/api/alerts?status=" + query("new' OR '1'='1"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(supervisor
                        .get("/api/alerts?sort=" + query("score; DROP TABLE alerts"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(supervisor.get("/api/alerts?cursor=" + query("' OR '1'='1")).statusCode())
                .isEqualTo(400);
        assertThat(supervisor.get("/api/alerts/" + path("' OR '1'='1")).statusCode())
                .isIn(400, 404);

        String someAlert = path("al-" + transaction(0).getString("transaction_id"));
        assertRefusedNamingField(
                supervisor.post(
                        "/api/alerts/" + someAlert + "/notes",
                        new JsonObject().put("text", "nul \u0000 byte").encode()),
                "text");
        assertRefusedNamingField(
                supervisor.post(
                        "/api/alerts/" + someAlert + "/assignee",
                        new JsonObject().put("assignee", "a\u0000").encode()),
                "assignee");
        assertRefusedNamingField(
                supervisor.post(
                        "/api/tokens", new JsonObject().put("name", "\u0000").encode()),
                "name");
        assertRefusedNamingField(supervisor.get("/api/alerts?account=" + query("acc\u0000")), "account");

        List<String> tokenNames = new ArrayList<>();
        for (String payload : PAYLOADS) {
            HttpResponse<String> token = supervisor.post(
                    "/api/tokens", new JsonObject().put("name", payload).encode());
            assertThat(token.statusCode()).isEqualTo(201);
            tokenNames.add(payload);
        }
        assertThat(ApiClient.json(supervisor.get("/api/tokens")).getJsonArray("tokens").stream()
                        .map(t -> ((JsonObject) t).getString("name"))
                        .toList())
                .containsAll(tokenNames);
        for (String payload : PAYLOADS) {
            HttpResponse<String> user = admin.post(
                    "/api/users",
                    new JsonObject()
                            .put("username", payload)
                            .put("password", PASSWORD)
                            .put("role", "analyst")
                            .encode());
            assertThat(user.statusCode()).as("user named %s", payload).isEqualTo(400);
        }
        assertThat(admin.send("PATCH", "/api/users/" + path("' OR '1'='1"), "{\"enabled\":false}")
                        .statusCode())
                .isIn(400, 404);
        assertThat(ApiClient.json(admin.get("/api/users")).getJsonArray("users"))
                .hasSize(3);

        assertRosDraftIsInert();
        assertTablesIntact();
    }

    /** PostgreSQL cannot store U+0000, so the contract refuses it: a 400 naming the field, not a failed insert. */
    private static void assertRefusedNamingField(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(ApiClient.error(response).getString("field")).isEqualTo(field);
    }

    /** A confirmed alert whose every text is a payload, exported as HTML and CSV. */
    private void assertRosDraftIsInert() {
        String alertId = "al-" + transaction(5).getString("transaction_id");
        assertThat(supervisor
                        .post(
                                "/api/alerts/" + path(alertId) + "/status",
                                new JsonObject()
                                        .put("status", "confirmed_fraud")
                                        .put("note", "@SUM(1+1)*cmd|' /C calc'!A0")
                                        .encode())
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> html = supervisor.get("/api/alerts/" + path(alertId) + "/ros.html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).doesNotContain("<script>window", "<img src=x").contains("=cmd|&#39; /C calc&#39;!A0");
        assertThat(html.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        csp -> assertThat(csp).contains("default-src 'none'").doesNotContain("script-src"));
        assertThat(html.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).doesNotContain("'", "|", " /C"));
        HttpResponse<String> csv = supervisor.get("/api/alerts/" + path(alertId) + "/ros.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> cells = csvCells(csv.body());
        assertThat(cells)
                .as("CSV cells")
                .isNotEmpty()
                .noneMatch(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0);
        assertThat(cells).contains("'=cmd|' /C calc'!A0");

        String scriptAlert = path("al-" + transaction(3).getString("transaction_id"));
        assertThat(supervisor
                        .post("/api/alerts/" + scriptAlert + "/status", "{\"status\":\"confirmed_fraud\"}")
                        .statusCode())
                .isEqualTo(200);
        String page = supervisor.get("/api/alerts/" + scriptAlert + "/ros.html").body();
        assertThat(page).doesNotContain("<img").contains("&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;");
    }

    private static void assertTablesIntact() throws Exception {
        EmbeddedPostgresServer postgres = platform.infrastructure().postgres();
        try (var c = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                ResultSet rows = c.createStatement()
                        .executeQuery("SELECT (SELECT count(*) FROM alerts), (SELECT count(*) FROM users),"
                                + " (SELECT count(*) FROM alert_events), (SELECT count(*) FROM scored_transactions)")) {
            rows.next();
            assertThat(rows.getLong(1)).as("alerts").isEqualTo(PAYLOADS.size());
            assertThat(rows.getLong(2)).as("users").isEqualTo(3);
            assertThat(rows.getLong(3)).as("alert events").isGreaterThanOrEqualTo(3L * PAYLOADS.size());
            assertThat(rows.getLong(4)).as("scored transactions").isEqualTo(PAYLOADS.size());
        }
    }

    /** The alerts a filter finds, or null when the contract refuses the value as malformed (400): either way nothing extra. */
    private static JsonArray list(String filter, String value) {
        HttpResponse<String> response = supervisor.get("/api/alerts?limit=500&" + filter + "=" + query(value));
        if (response.statusCode() == 400
                && ApiClient.error(response).getString("code").equals("invalid_request")) {
            return null;
        }
        assertThat(response.statusCode())
                .as(filter + "=" + value + ": " + response.body())
                .isEqualTo(200);
        return ApiClient.json(response).getJsonArray("alerts");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String path(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The cells of a CSV body in RFC 4180 quoting, comment lines left out. */
    static List<String> csvCells(String body) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean comment = false;
        boolean lineStart = true;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (lineStart && c == '#') {
                comment = true;
            }
            lineStart = false;
            if (comment) {
                if (c == '\n') {
                    comment = false;
                    lineStart = true;
                }
                continue;
            }
            if (quoted) {
                if (c == '"' && i + 1 < body.length() && body.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',' || c == '\n') {
                cells.add(cell.toString());
                cell.setLength(0);
                lineStart = c == '\n';
            } else {
                cell.append(c);
            }
        }
        return cells;
    }
}
