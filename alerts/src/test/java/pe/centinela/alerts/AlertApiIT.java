package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.adapters.http.ApiServerVerticle;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.config.Settings;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Reason;
import pe.centinela.core.domain.Transaction;
import pe.centinela.embedded.EmbeddedPostgresServer;

/** The alert API on a real PostgreSQL: authentication, listing and clear errors. */
class AlertApiIT {

    private static final String PASSWORD = "s3cret-for-tests";

    @RegisterExtension
    static final ApiUnderTest server = new ApiUnderTest(PASSWORD, Map.of(), () -> List.of(new AlertRoutes()));

    static EmbeddedPostgresServer postgres;
    static Vertx vertx;
    static int port;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        postgres = server.postgres();
        PlatformConfig config = server.config();
        vertx = server.vertx();
        port = server.port();
        Pool pool = Database.pool(vertx, config.postgres());
        List<Alert> alerts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            alerts.add(alert("t-" + i, 0.99 + i / 1000.0));
        }
        pool.preparedQuery(AlertQueries.INSERT_ALERTS)
                .execute(AlertRows.insertParameters(alerts, PlatformConfig.Cases.defaults()))
                .await(30, TimeUnit.SECONDS);
        pool.query(
                        "UPDATE alerts SET status = 'investigating', created_at = now() + interval '1 second' WHERE transaction_id = 't-3'")
                .execute()
                .await(30, TimeUnit.SECONDS);
        pool.close();
    }

    private static Alert alert(String transactionId, double score) {
        Transaction tx = new Transaction(
                transactionId,
                "acc-1",
                new BigDecimal("1500.00"),
                "PEN",
                new BigDecimal("1500.00"),
                "PEN",
                Instant.parse("2026-11-20T07:40:00Z"),
                "m-1",
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
                score,
                0.99,
                "ae-test",
                List.of(new Reason(
                        "amount",
                        0.7,
                        "amount S/ 1,500.00 is 12× this account's average of S/ 125.00",
                        Map.of("ratio", "12"))),
                Instant.parse("2026-11-20T07:40:01Z"));
    }

    private static HttpResponse<String> get(String path, String user, String password)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthNeedsNoLogin() throws Exception {
        assertThat(get("/health", null, null).statusCode()).isEqualTo(200);
        assertThat(get("/ready", null, null).body()).contains("READY");
    }

    @Test
    void alertsNeedALogin() throws Exception {
        HttpResponse<String> response = get("/api/alerts", null, null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("code"))
                .isEqualTo("unauthorized");
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        assertThat(get("/api/alerts", "analyst", "guess").statusCode()).isEqualTo(401);
        assertThat(get("/api/alerts", "nobody", PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void everyDemoUserCanListAlertsNewestFirst() throws Exception {
        for (String user : List.of("analyst", "supervisor", "admin")) {
            HttpResponse<String> response = get("/api/alerts", user, PASSWORD);
            assertThat(response.statusCode()).as(user).isEqualTo(200);
            JsonArray alerts = new JsonObject(response.body()).getJsonArray("alerts");
            assertThat(alerts).hasSize(3);
            JsonObject newest = alerts.getJsonObject(0);
            assertThat(newest.getString("transaction_id")).isEqualTo("t-3");
            assertThat(newest.getString("amount")).isEqualTo("1500.00");
            assertThat(newest.getString("timestamp")).isEqualTo("2026-11-20T07:40:00Z");
            assertThat(newest.getJsonArray("reasons").getJsonObject(0).getString("message"))
                    .contains("12×");
        }
    }

    @Test
    void analystsSeeMaskedAccountsAndSupervisorsSeeThemWhole() throws Exception {
        JsonObject asAnalyst = new JsonObject(
                        get("/api/alerts?limit=1", "analyst", PASSWORD).body())
                .getJsonArray("alerts")
                .getJsonObject(0);
        JsonObject asSupervisor = new JsonObject(
                        get("/api/alerts?limit=1", "supervisor", PASSWORD).body())
                .getJsonArray("alerts")
                .getJsonObject(0);
        assertThat(asAnalyst.getString("account_id")).isEqualTo("****cc-1");
        assertThat(asSupervisor.getString("account_id")).isEqualTo("acc-1");
    }

    @Test
    void listingFiltersByStatusAndLimits() throws Exception {
        JsonObject investigating = new JsonObject(
                get("/api/alerts?status=investigating", "analyst", PASSWORD).body());
        assertThat(investigating.getInteger("count")).isEqualTo(1);
        JsonObject limited =
                new JsonObject(get("/api/alerts?limit=2", "analyst", PASSWORD).body());
        assertThat(limited.getJsonArray("alerts")).hasSize(2);
    }

    @Test
    void badParametersAreA400NamingTheField() throws Exception {
        HttpResponse<String> badLimit = get("/api/alerts?limit=many", "analyst", PASSWORD);
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(badLimit.body()).getJsonObject("error").getString("field"))
                .isEqualTo("limit");
        HttpResponse<String> badStatus = get("/api/alerts?status=closed", "analyst", PASSWORD);
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(badStatus.body()).getJsonObject("error").getString("field"))
                .isEqualTo("status");
    }

    @Test
    void aRestartedDemoGivesItsUsersThePasswordItPrints() throws Exception {
        PlatformConfig restarted = PlatformConfig.from(Settings.of(postgres.apiSettings("a-new-one")));
        ApiServerVerticle second = new ApiServerVerticle(restarted, List.of(new AlertRoutes()));
        String deployment = vertx.deployVerticle(second).await(60, TimeUnit.SECONDS);
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.actualPort() + "/api/alerts"))
                            .header(
                                    "Authorization",
                                    "Basic "
                                            + Base64.getEncoder()
                                                    .encodeToString(
                                                            "analyst:a-new-one".getBytes(StandardCharsets.UTF_8)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        } finally {
            vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
            Pool pool = Database.pool(vertx, restarted.postgres());
            var users = new pe.centinela.adapters.auth.UserStore(vertx, pool);
            for (var role : pe.centinela.core.domain.Role.values()) {
                users.createOrReset(role.code(), PASSWORD, role).await(30, TimeUnit.SECONDS);
            }
            pool.close().await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void unknownPathsAnswerJson404() throws Exception {
        HttpResponse<String> response = get("/api/nothing-here", "analyst", PASSWORD);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("code"))
                .isEqualTo("not_found");
    }
}
