package pe.centinela.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static pe.centinela.embedded.ApiClient.error;
import static pe.centinela.embedded.ApiClient.json;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.adapters.postgres.Database;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Reason;
import pe.centinela.core.domain.Transaction;
import pe.centinela.embedded.ApiClient;
import pe.centinela.embedded.EmbeddedPostgresServer;

/** The alert list on a real PostgreSQL: every filter, every sort, and cursor paging that neither skips nor repeats. */
class AlertListIT {

    private static final String PASSWORD = "alert-list-it";
    private static final int ALERTS = 47;
    private static final Channel[] CHANNELS = {Channel.ECOMMERCE, Channel.POS, Channel.TRANSFER};

    @RegisterExtension
    static final ApiUnderTest server = new ApiUnderTest(PASSWORD, Map.of(), () -> List.of(new AlertRoutes()));

    static EmbeddedPostgresServer postgres;
    static Vertx vertx;
    static ApiClient supervisor;

    @BeforeAll
    static void start() throws Exception {
        postgres = server.postgres();
        PlatformConfig config = server.config();
        vertx = server.vertx();
        supervisor = ApiClient.anonymous(server.port()).as("supervisor", PASSWORD);
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < ALERTS; i++) {
            alerts.add(alert(i));
        }
        Pool pool = Database.pool(vertx, config.postgres());
        pool.preparedQuery(AlertQueries.INSERT_ALERTS)
                .execute(AlertRows.insertParameters(alerts, PlatformConfig.Cases.defaults()))
                .await(30, TimeUnit.SECONDS);
        pool.query(
                        "UPDATE alerts SET created_at = '2026-11-20T00:00:00Z'::timestamptz + (substring(transaction_id from 4)::int % 5) * interval '1 hour'")
                .execute()
                .await(30, TimeUnit.SECONDS);
        pool.close();
    }

    private static Alert alert(int i) {
        BigDecimal amount = new BigDecimal(100 + (i * 37) % 900 + ".50");
        Transaction tx = new Transaction(
                "tx-" + i,
                "acc-" + (i % 4),
                amount,
                "PEN",
                amount,
                "PEN",
                Instant.parse("2026-11-20T07:40:00Z").plusSeconds(i * 60L),
                "m-" + (i % 6),
                i % 2 == 0 ? "5732" : "4829",
                CHANNELS[i % 3],
                null,
                null,
                null,
                "PE",
                null,
                null);
        return new Alert(
                Alert.idFor(tx.transactionId()),
                tx,
                0.9 + (i % 10) / 100.0,
                0.9,
                i < 30 ? "ae-1" : "ae-2",
                List.of(new Reason("amount", 1.0, "amount", Map.of())),
                Instant.parse("2026-11-20T07:41:00Z"));
    }

    private static List<JsonObject> allPages(String query, int pageSize) {
        List<JsonObject> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String path = "/api/alerts?limit=" + pageSize + query
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonObject page = json(supervisor.get(path));
            page.getJsonArray("alerts").forEach(a -> seen.add((JsonObject) a));
            cursor = page.getString("next_cursor");
            assertThat(++pages).isLessThan(100);
        } while (cursor != null);
        return seen;
    }

    @Test
    void pagingByCursorVisitsEveryAlertOnceInOrderForEverySort() {
        Map<String, Comparator<JsonObject>> sorts = Map.of(
                "created_at", Comparator.comparing((JsonObject a) -> a.getString("created_at")),
                "score", Comparator.comparing((JsonObject a) -> a.getDouble("score")),
                "amount", Comparator.comparing((JsonObject a) -> new BigDecimal(a.getString("amount"))),
                "tx_time", Comparator.comparing((JsonObject a) -> a.getString("timestamp")));
        for (var sort : sorts.entrySet()) {
            for (String order : List.of("desc", "asc")) {
                List<JsonObject> all = allPages("&sort=" + sort.getKey() + "&order=" + order, 7);
                assertThat(all.stream().map(a -> a.getString("alert_id")).distinct())
                        .as(sort.getKey() + " " + order)
                        .hasSize(ALERTS);
                Comparator<JsonObject> expected =
                        order.equals("asc") ? sort.getValue() : sort.getValue().reversed();
                assertThat(all).as(sort.getKey() + " " + order).isSortedAccordingTo(expected);
            }
        }
    }

    @Test
    void theLastPageHasNoCursor() {
        JsonObject page = json(supervisor.get("/api/alerts?limit=" + ALERTS));
        assertThat(page.getJsonArray("alerts")).hasSize(ALERTS);
        assertThat(page.getValue("next_cursor")).isNull();
    }

    @Test
    void everyFilterNarrowsTheList() {
        assertThat(allPages("&account=acc-1", 5))
                .hasSize(12)
                .allSatisfy(a -> assertThat(a.getString("account_id")).isEqualTo("acc-1"));
        assertThat(allPages("&merchant=m-2", 5))
                .hasSize(8)
                .allSatisfy(a -> assertThat(a.getString("merchant_id")).isEqualTo("m-2"));
        assertThat(allPages("&mcc=4829", 50))
                .hasSize(23)
                .allSatisfy(
                        a -> assertThat(a.getString("merchant_category_code")).isEqualTo("4829"));
        assertThat(allPages("&channel=transfer", 50))
                .hasSize(15)
                .allSatisfy(a -> assertThat(a.getString("channel")).isEqualTo("transfer"));
        assertThat(allPages("&model_version=ae-2", 50)).hasSize(17);
        assertThat(allPages("&min_score=0.95&max_score=0.97", 50))
                .allSatisfy(a -> assertThat(a.getDouble("score")).isBetween(0.95, 0.97))
                .hasSize(14);
        assertThat(allPages("&from=2026-11-20T02:00:00Z&to=2026-11-20T04:00:00Z", 50))
                .allSatisfy(a -> assertThat(a.getString("created_at")).startsWith("2026-11-20T0"))
                .hasSize(18);
        assertThat(allPages("&channel=pos&account=acc-0&status=new", 50)).hasSize(4);
        assertThat(allPages("&status=escalated", 50)).isEmpty();
    }

    @Test
    void aForeignOrStaleCursorIsRefusedClearly() {
        String cursor = json(supervisor.get("/api/alerts?limit=3&sort=score")).getString("next_cursor");
        var response = supervisor.get(
                "/api/alerts?limit=3&sort=amount&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).getString("field")).isEqualTo("cursor");
        assertThat(error(supervisor.get("/api/alerts?cursor=bm9uc2Vuc2U")).getString("field"))
                .isEqualTo("cursor");
        assertThat(error(supervisor.get("/api/alerts?from=yesterday")).getString("field"))
                .isEqualTo("from");
    }

    @Test
    void listsCarryWhatTheQueueShows() {
        JsonArray alerts = json(supervisor.get("/api/alerts?limit=1")).getJsonArray("alerts");
        assertThat(alerts.getJsonObject(0).fieldNames())
                .contains(
                        "alert_id",
                        "account_id",
                        "amount",
                        "score",
                        "threshold",
                        "model_version",
                        "reasons",
                        "status",
                        "assignee",
                        "created_at",
                        "channel",
                        "merchant_category_code");
    }
}
