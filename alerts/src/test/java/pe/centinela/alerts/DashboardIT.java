package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.adapters.auth.UserStore;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Reason;
import pe.centinela.core.domain.Role;
import pe.centinela.core.domain.Transaction;
import pe.centinela.embedded.EmbeddedPostgresServer;

/** The dashboard's figures from real PostgreSQL: alerts per hour, statuses, precision per Lima day, the model in force. */
class DashboardIT {

    private static final String PASSWORD = "dashboard-it";

    @RegisterExtension
    static final ApiUnderTest server =
            new ApiUnderTest(PASSWORD, Map.of("auth.demo-users", "false"), () -> List.of(new DashboardRoutes()));

    static EmbeddedPostgresServer postgres;
    static Vertx vertx;
    static Pool pool;
    static int port;
    static final HttpClient http = HttpClient.newHttpClient();
    static String currentHour;
    static String threeHoursAgo;
    static String today;
    static String twoDaysAgo;

    @BeforeAll
    static void start() throws Exception {
        postgres = server.postgres();
        PlatformConfig config = server.config();
        vertx = server.vertx();
        port = server.port();
        pool = Database.pool(vertx, config.postgres());
        new UserStore(vertx, pool)
                .createOrReset("lucia", PASSWORD, Role.ANALYST)
                .await(30, TimeUnit.SECONDS);
        List<Alert> alerts = new ArrayList<>();
        for (String id : List.of(
                "new-now",
                "investigating-3h",
                "confirmed-now",
                "false-now",
                "confirmed-now-2",
                "confirmed-2d",
                "false-2d",
                "new-30h")) {
            alerts.add(alert(id));
        }
        pool.preparedQuery(AlertQueries.INSERT_ALERTS)
                .execute(AlertRows.insertParameters(alerts, PlatformConfig.Cases.defaults()))
                .await(30, TimeUnit.SECONDS);
        sql(
                "UPDATE alerts SET status = 'investigating', created_at = date_trunc('hour', now(), 'UTC') - interval '3 hours' + interval '10 minutes',"
                        + " updated_at = date_trunc('hour', now(), 'UTC') - interval '3 hours' + interval '10 minutes' WHERE transaction_id = 'investigating-3h'");
        sql(
                "UPDATE alerts SET status = 'confirmed_fraud' WHERE transaction_id IN ('confirmed-now', 'confirmed-now-2')");
        sql("UPDATE alerts SET status = 'false_positive' WHERE transaction_id = 'false-now'");
        sql(
                "UPDATE alerts SET status = 'confirmed_fraud', created_at = now() - interval '3 days', updated_at = now() - interval '2 days' WHERE transaction_id = 'confirmed-2d'");
        sql(
                "UPDATE alerts SET status = 'false_positive', created_at = now() - interval '3 days', updated_at = now() - interval '2 days' WHERE transaction_id = 'false-2d'");
        sql(
                "UPDATE alerts SET created_at = now() - interval '30 hours', updated_at = now() - interval '30 hours' WHERE transaction_id = 'new-30h'");
        var instants =
                pool.query("""
                SELECT date_trunc('hour', now(), 'UTC') AS current_hour, date_trunc('hour', now(), 'UTC') - interval '3 hours' AS three_hours_ago,
                       to_char(now() AT TIME ZONE 'America/Lima', 'YYYY-MM-DD') AS today,
                       to_char((now() - interval '2 days') AT TIME ZONE 'America/Lima', 'YYYY-MM-DD') AS two_days_ago""").execute().await(30, TimeUnit.SECONDS).iterator().next();
        currentHour = instants.getOffsetDateTime("current_hour").toInstant().toString();
        threeHoursAgo =
                instants.getOffsetDateTime("three_hours_ago").toInstant().toString();
        today = instants.getString("today");
        twoDaysAgo = instants.getString("two_days_ago");
    }

    private static void sql(String statement) throws Exception {
        pool.query(statement).execute().await(30, TimeUnit.SECONDS);
    }

    private static Alert alert(String transactionId) {
        Transaction tx = new Transaction(
                transactionId,
                "acc-dash",
                new BigDecimal("99.90"),
                "PEN",
                new BigDecimal("99.90"),
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
                0.995,
                0.98,
                "ae-from-alerts",
                List.of(new Reason("unusual_combination", 1.0, "an unusual combination", Map.of())),
                Instant.now());
    }

    private static HttpResponse<String> get(String path, boolean loggedIn) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (loggedIn) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(("lucia:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject dashboard(String query) throws Exception {
        HttpResponse<String> response = get("/api/dashboard" + query, true);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static JsonObject entry(JsonArray entries, String key, String value) {
        return entries.stream()
                .map(JsonObject.class::cast)
                .filter(e -> value.equals(e.getString(key)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " " + value + " in " + entries.encode()));
    }

    @Test
    void alertsAreCountedPerHourOverTheWindowWithEmptyHoursAsZero() throws Exception {
        JsonArray hours = dashboard("?hours=24").getJsonArray("alerts_per_hour");
        assertThat(hours).hasSize(24);
        assertThat(entry(hours, "hour", threeHoursAgo).getLong("count")).isEqualTo(1);
        assertThat(hours.stream()
                        .mapToLong(h -> ((JsonObject) h).getLong("count"))
                        .sum())
                .isEqualTo(5);
        assertThat(hours.getJsonObject(23).getString("hour")).isEqualTo(currentHour);
        assertThat(dashboard("?hours=1").getJsonArray("alerts_per_hour")).hasSize(1);
    }

    @Test
    void theWindowsAlertsAreCountedByTheirStatusWithEveryStatusPresent() throws Exception {
        JsonObject decisions = dashboard("").getJsonObject("decisions");
        assertThat(decisions.getMap())
                .containsOnlyKeys("new", "investigating", "confirmed_fraud", "false_positive", "escalated");
        assertThat(decisions.getLong("new")).isEqualTo(1);
        assertThat(decisions.getLong("investigating")).isEqualTo(1);
        assertThat(decisions.getLong("confirmed_fraud")).isEqualTo(2);
        assertThat(decisions.getLong("false_positive")).isEqualTo(1);
        assertThat(decisions.getLong("escalated")).isZero();
    }

    @Test
    void precisionIsConfirmedAmongDecidedPerLimaDayAndNullWithoutDecisions() throws Exception {
        JsonArray days = dashboard("?days=5").getJsonArray("precision_per_day");
        assertThat(days).hasSize(5);
        assertThat(days.getJsonObject(4).getString("day")).isEqualTo(today);
        JsonObject todayEntry = entry(days, "day", today);
        assertThat(todayEntry.getLong("confirmed")).isEqualTo(2);
        assertThat(todayEntry.getLong("decided")).isEqualTo(3);
        assertThat(todayEntry.getDouble("precision")).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        JsonObject earlier = entry(days, "day", twoDaysAgo);
        assertThat(earlier.getLong("decided")).isEqualTo(2);
        assertThat(earlier.getDouble("precision")).isEqualTo(0.5);
        JsonObject quiet = days.stream()
                .map(JsonObject.class::cast)
                .filter(d -> d.getLong("decided") == 0)
                .findFirst()
                .orElseThrow();
        assertThat(quiet.containsKey("precision")).isTrue();
        assertThat(quiet.getValue("precision")).isNull();
    }

    @Test
    void theModelInForceIsTheRegistrysActiveOneElseTheNewestAlerts() throws Exception {
        JsonObject fromAlerts = dashboard("").getJsonObject("model");
        assertThat(fromAlerts.getString("version")).isEqualTo("ae-from-alerts");
        assertThat(fromAlerts.getDouble("threshold")).isEqualTo(0.98);
        pool.preparedQuery("""
                INSERT INTO models (version, kind, status, alert_threshold, metrics, sha256, bundle, created_at)
                VALUES ($1, 'autoencoder', 'active', $2, '{}'::jsonb, 'none', '\\x00'::bytea, now())""").execute(Tuple.of("ae-2026-11-registry", 0.973)).await(30, TimeUnit.SECONDS);
        JsonObject registered = dashboard("").getJsonObject("model");
        assertThat(registered.getString("version")).isEqualTo("ae-2026-11-registry");
        assertThat(registered.getDouble("threshold")).isEqualTo(0.973);
        assertThat(registered.getString("source")).isEqualTo("registry");
    }

    @Test
    void theDashboardNeedsALoginAndSaysWhichParameterIsWrong() throws Exception {
        assertThat(get("/api/dashboard", false).statusCode()).isEqualTo(401);
        for (String query : List.of("?hours=0", "?hours=169", "?hours=many", "?days=91")) {
            HttpResponse<String> response = get("/api/dashboard" + query, true);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(new JsonObject(response.body()).getJsonObject("error").getString("field"))
                    .isEqualTo(query.substring(1, query.indexOf('=')));
        }
    }
}
