package pe.centinela.alerts.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import pe.centinela.adapters.auth.UserStore;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.alerts.AlertRoutes;
import pe.centinela.alerts.AlertStoreVerticle;
import pe.centinela.alerts.CaseNetworkRoutes;
import pe.centinela.alerts.CaseRoutes;
import pe.centinela.alerts.ComplianceRoutes;
import pe.centinela.alerts.DashboardRoutes;
import pe.centinela.alerts.HistoryRoutes;
import pe.centinela.alerts.LabelRelayVerticle;
import pe.centinela.alerts.ModelRoutes;
import pe.centinela.alerts.PlatformUnderTest;
import pe.centinela.alerts.QueueRoutes;
import pe.centinela.alerts.RuleRoutes;
import pe.centinela.alerts.SlaRoutes;
import pe.centinela.alerts.TransactionHistoryVerticle;
import pe.centinela.alerts.WorkflowRoutes;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Label;
import pe.centinela.core.domain.Reason;
import pe.centinela.core.domain.Role;
import pe.centinela.core.domain.ScoreRecord;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.embedded.TopicReader;

/**
 * The analysts' web UI in headless Chromium against the real platform pieces: PostgreSQL and Kafka from the embedded
 * fixture, the alert store consuming the alerts topic, and the API server with the alerts routes and the UI.
 * Screenshots of each step land in target/screenshots.
 */
class WebUiIT {

    private static final String PASSWORD = "web-ui-it-Clave-1";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @RegisterExtension
    static final PlatformUnderTest platform = new PlatformUnderTest(Map.of("http.host", "127.0.0.1", "http.port", "0"));

    static PlatformConfig config;
    static HeadlessChromium chromium;
    static ChromeDriver browser;
    static KafkaProducer<String, byte[]> producer;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.requireInstalled();
        config = platform.config();
        UserStore users = new UserStore(platform.vertx(), platform.pool());
        users.createOrReset("rosa", PASSWORD, Role.ANALYST).await(30, TimeUnit.SECONDS);
        users.createOrReset("jorge", PASSWORD, Role.SUPERVISOR).await(30, TimeUnit.SECONDS);
        platform.deploy(new AlertStoreVerticle(config, new PipelineStats()));
        platform.deploy(new LabelRelayVerticle(config));
        platform.deploy(new TransactionHistoryVerticle(config, new PipelineStats()));
        int port = platform.serve(List.of(
                new AlertRoutes(),
                new WorkflowRoutes(),
                new CaseRoutes(),
                new QueueRoutes(),
                new SlaRoutes(),
                new CaseNetworkRoutes(),
                new HistoryRoutes(),
                new ComplianceRoutes(Clock.systemUTC()),
                new DashboardRoutes(),
                new ModelRoutes(),
                new RuleRoutes(),
                new UiRoutes()));
        base = "http://127.0.0.1:" + port;
        producer = platform.producer();
        List<Alert> earlier = List.of(
                alert(
                        "tx-ui-seed-1",
                        "acc-7781-2201",
                        "149.90",
                        "2026-11-19T15:12:00Z",
                        "m-farma-12",
                        "5912",
                        Channel.POS,
                        0.9712,
                        List.of(new Reason(
                                "new_account",
                                0.61,
                                "account with little history (2 earlier transactions)",
                                Map.of("history", "2")))),
                alert(
                        "tx-ui-seed-2",
                        "acc-3310-0042",
                        "6.50",
                        "2026-11-19T18:03:00Z",
                        "m-games-3",
                        "5816",
                        Channel.ECOMMERCE,
                        0.9855,
                        List.of(new Reason(
                                "small_payments",
                                0.7,
                                "4 payments under S/ 10.00 within an hour, as in card testing",
                                Map.of("count", "4")))),
                alert(
                        "tx-ui-seed-3",
                        "acc-5120-7788",
                        "850.00",
                        "2026-11-19T23:48:00Z",
                        "m-yape-1",
                        "4829",
                        Channel.WALLET,
                        0.9931,
                        List.of(
                                new Reason(
                                        "new_beneficiary",
                                        0.55,
                                        "first payment to beneficiary ****0917",
                                        Map.of("beneficiary", "****0917")),
                                new Reason(
                                        "velocity",
                                        0.3,
                                        "3 transactions within an hour, the last 95 seconds after the one before",
                                        Map.of("count", "3", "seconds", "95")))));
        earlier.forEach(WebUiIT::publish);
        List<Alert> history = pastDaysAlerts();
        history.forEach(WebUiIT::publish);
        producer.flush();
        await().atMost(PATIENCE).until(() -> countAlerts() >= earlier.size() + history.size());
        spreadOverThePastDays(history);
        List<ScoreRecord> scores = accountHistory();
        scores.forEach(score ->
                producer.send(new ProducerRecord<>(config.topics().scores(), score.accountId(), Json.toBytes(score))));
        producer.flush();
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) FROM scored_transactions") >= scores.size());
        chromium = HeadlessChromium.start(platform.dir().resolve("chromium-profile"), SCREENSHOTS);
        browser = chromium.driver();
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @AfterEach
    void thePagesBrokeNeitherThePolicyNorTheirScripts() {
        List<String> problems = new ArrayList<>();
        for (String message : chromium.consoleMessages()) {
            if (message.contains("Content Security Policy")
                    || message.contains("Uncaught")
                    || message.contains("SyntaxError")
                    || message.contains("TypeError")) {
                problems.add(message);
            }
        }
        assertThat(problems).as("browser console").isEmpty();
    }

    /** Alerts with every kind of reason, spread over the past days and decided, so that the queue and the dashboard look lived in. */
    private static List<Alert> pastDaysAlerts() {
        List<List<Reason>> reasons = List.of(
                List.of(new Reason(
                        "category",
                        0.52,
                        "a kind of payment rare in normal traffic: atm at ATM cash withdrawals (MCC 6011)",
                        Map.of("channel", "atm", "category", "ATM cash withdrawals", "category_code", "cash"))),
                List.of(new Reason(
                        "abroad",
                        0.64,
                        "paid abroad or in a foreign currency (US, USD)",
                        Map.of("country", "US", "currency", "USD"))),
                List.of(new Reason(
                        "spent_last_hour",
                        0.48,
                        "S/ 3,120.00 spent within an hour, against an average payment of S/ 210.00",
                        Map.of("spent", "S/ 3,120.00", "mean", "S/ 210.00"))),
                List.of(new Reason(
                        "shared_device",
                        0.44,
                        "the device made 6 other transactions in the last hour",
                        Map.of("count", "6"))),
                List.of(new Reason(
                        "risky_merchant",
                        0.5,
                        "merchant m-121 has 9 confirmed frauds among 40 reviewed payments",
                        Map.of("frauds", "9", "labelled", "40"))),
                List.of(new Reason("new_device", 0.41, "from a device this account never used", Map.of())),
                List.of(new Reason(
                        "velocity", 0.39, "first transaction in 41 days", Map.of("count", "1", "seconds", "3542400"))),
                List.of(new Reason(
                        "unusual_combination",
                        1.0,
                        "an unusual combination of amount, time, channel and history for this account",
                        Map.of())));
        List<Channel> channels = List.of(
                Channel.ATM,
                Channel.POS,
                Channel.TRANSFER,
                Channel.ECOMMERCE,
                Channel.POS,
                Channel.WALLET,
                Channel.TRANSFER,
                Channel.ECOMMERCE);
        List<String> mccs = List.of("6011", "5411", "4829", "5732");
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            alerts.add(alert(
                    "tx-ui-past-" + i,
                    "acc-60" + (10 + i) + "-31" + (40 + i),
                    (120 + 37 * i * i) + ".00",
                    "2026-11-1" + (i % 9) + "T1" + (i % 10) + ":2" + (i % 6) + ":00Z",
                    "m-" + (100 + i * 7),
                    mccs.get(i % mccs.size()),
                    channels.get(i % channels.size()),
                    0.97 + (i % 7) / 250.0,
                    reasons.get(i % reasons.size())));
        }
        return alerts;
    }

    private static void spreadOverThePastDays(List<Alert> alerts) throws Exception {
        List<String> outcomes = List.of(
                "confirmed_fraud", "false_positive", "false_positive", "confirmed_fraud", "investigating", "escalated");
        try (Connection db = database();
                var update = db.prepareStatement("UPDATE alerts SET created_at = now() - make_interval(hours => ?),"
                        + " updated_at = now() - make_interval(hours => ?), status = ? WHERE alert_id = ?")) {
            for (int i = 0; i < alerts.size(); i++) {
                int createdHoursAgo = 2 + i * 7 % 23 + (i / 4) * 24;
                update.setInt(1, createdHoursAgo);
                update.setInt(2, Math.max(0, createdHoursAgo - 1));
                update.setString(3, outcomes.get(i % outcomes.size()));
                update.setString(4, alerts.get(i).alertId());
                update.executeUpdate();
            }
        }
    }

    private static long alertsOfTheDashboardsDay() throws Exception {
        try (Connection db = database();
                ResultSet rows = db.createStatement()
                        .executeQuery(
                                "SELECT count(*) FROM alerts WHERE created_at >= date_trunc('hour', now(), 'UTC') - interval '23 hours'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Alert alert(
            String txId,
            String account,
            String amount,
            String time,
            String merchant,
            String mcc,
            Channel channel,
            double score,
            List<Reason> reasons) {
        Transaction tx = new Transaction(
                txId,
                account,
                new BigDecimal(amount),
                "PEN",
                new BigDecimal(amount),
                "PEN",
                Instant.parse(time),
                merchant,
                mcc,
                channel,
                "dev-" + txId,
                "190.42.7.1",
                null,
                "PE",
                null,
                null);
        return new Alert(Alert.idFor(txId), tx, score, 0.97, "ae-2026-11-20", reasons, Instant.now());
    }

    /** The alert with its payment sent to {@code counterparty}. */
    private static Alert paying(String counterparty, Alert alert) {
        return new Alert(
                alert.alertId(),
                alert.transaction().withParties(alert.transaction().accountId(), counterparty),
                alert.score(),
                alert.threshold(),
                alert.modelVersion(),
                alert.reasons(),
                alert.scoredAt());
    }

    private static void publish(Alert alert) {
        producer.send(new ProducerRecord<>(
                config.topics().alerts(), alert.transaction().accountId(), Json.toBytes(alert)));
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection(platform.infrastructure().postgres().jdbcUrl(), "postgres", "");
    }

    private static long countAlerts() throws Exception {
        return count("SELECT count(*) FROM alerts");
    }

    private static long count(String sql) throws Exception {
        try (Connection db = database();
                ResultSet rows = db.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Two weeks of the live alert's account as the scoring stage publishes them: small daily payments, then the alert. */
    private static List<ScoreRecord> accountHistory() {
        List<ScoreRecord> scores = new ArrayList<>();
        Instant start = Instant.parse("2026-11-07T14:00:00Z");
        for (int i = 0; i < 18; i++) {
            Instant at = start.plus(Duration.ofHours(17L * i + (i % 3) * 5L));
            BigDecimal amount = new BigDecimal(90 + (i * 37) % 210 + ".50");
            boolean alerted = i == 9;
            scores.add(new ScoreRecord(
                    "tx-ui-hist-" + i,
                    "acc-4412-9901",
                    alerted ? 0.981 : 0.12 + (i % 5) / 20.0,
                    "ae-2026-11-20",
                    0.97,
                    alerted,
                    at,
                    at.plusSeconds(1),
                    alerted ? new BigDecimal("1190.00") : amount,
                    alerted ? new BigDecimal("1190.00") : amount,
                    "PEN",
                    "m-" + (200 + i % 4),
                    "5411",
                    i % 2 == 0 ? Channel.POS : Channel.ECOMMERCE,
                    null,
                    null,
                    null,
                    false));
        }
        Instant alertAt = Instant.parse("2026-11-20T07:40:00Z");
        scores.add(new ScoreRecord(
                "tx-ui-live-1",
                "acc-4412-9901",
                0.9987,
                "ae-2026-11-20",
                0.97,
                true,
                alertAt,
                alertAt.plusSeconds(1),
                new BigDecimal("2300.00"),
                new BigDecimal("2300.00"),
                "PEN",
                "m-electro-77",
                "5732",
                Channel.ECOMMERCE,
                null,
                null,
                null,
                false));
        return scores;
    }

    private static String statusInDatabase(String alertId) throws Exception {
        try (Connection db = database();
                var query = db.prepareStatement("SELECT status FROM alerts WHERE alert_id = ?")) {
            query.setString(1, alertId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static WebElement waitFor(By locator) {
        return await().atMost(PATIENCE)
                .ignoreExceptions()
                .until(() -> browser.findElement(locator), WebElement::isDisplayed);
    }

    private static void waitForText(By locator, String text) {
        await().atMost(PATIENCE)
                .ignoreExceptions()
                .untilAsserted(
                        () -> assertThat(browser.findElement(locator).getText()).contains(text));
    }

    /**
     * Removes the notices before a screenshot the README shows, instead of waiting 5 s for them to fade (that they fade
     * is checked once, before screenshot 16).
     */
    private static void clearNotices() {
        browser.executeScript("document.querySelectorAll('.toast').forEach(toast => toast.remove());");
    }

    /** A fresh start: no session, Spanish, the sign-in page. */
    private static void openSignedOut() {
        browser.get(base + "/");
        browser.executeScript("sessionStorage.clear(); localStorage.clear();");
        browser.navigate().refresh();
        waitFor(By.id("login-form"));
    }

    private static void signIn(String user, String password) {
        WebElement name = waitFor(By.id("username"));
        name.clear();
        name.sendKeys(user);
        WebElement secret = browser.findElement(By.id("password"));
        secret.clear();
        secret.sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }

    private static void signedInAs(String user) {
        openSignedOut();
        signIn(user, PASSWORD);
        waitForText(By.id("user-name"), user);
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessageAndNoData() throws Exception {
        openSignedOut();
        chromium.screenshot("01-login");
        signIn("rosa", "not-her-password");
        waitForText(By.id("login-error"), "Usuario o contraseña incorrectos.");
        assertThat(browser.findElement(By.id("topbar")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.id("alert-table"))).isEmpty();
        chromium.screenshot("02-login-wrong-password");
    }

    @Test
    void anAnalystWatchesANewAlertArriveLiveOpensItAndConfirmsTheFraudWithANote() throws Exception {
        signedInAs("rosa");
        waitFor(By.cssSelector("#alert-rows tr[data-alert-id='al-tx-ui-seed-3']"));
        assertThat(browser.findElement(By.cssSelector("#alert-rows tr[data-alert-id='al-tx-ui-seed-3']"))
                        .getText())
                .contains("S/ 850.00", "****7788", "Primer pago al beneficiario ****0917");
        assertThat(browser.findElements(By.cssSelector("#alert-rows .cell-reason")).stream()
                        .map(WebElement::getText)
                        .toList())
                .as("every reason in Spanish")
                .hasSizeGreaterThan(10)
                .noneMatch(text -> text.matches("(?i).*\\b(account|payment|transactions?|merchant|device)\\b.*"));
        chromium.screenshot("03-queue");

        browser.executeScript("window.centinelaTestMarker = 'still the same page';");
        waitForText(By.id("live-state"), "En vivo");
        Alert live = alert(
                "tx-ui-live-1",
                "acc-4412-9901",
                "2300.00",
                "2026-11-20T07:40:00Z",
                "m-electro-77",
                "5732",
                Channel.ECOMMERCE,
                0.9987,
                List.of(
                        new Reason(
                                "time_of_day",
                                0.27,
                                "02:40 in Lima; this account never pays near this hour",
                                Map.of("time", "02:40", "share", "0 %")),
                        new Reason(
                                "amount",
                                0.58,
                                "amount S/ 2,300.00 is 12× this account's average of S/ 190.00",
                                Map.of("amount", "S/ 2,300.00", "mean", "S/ 190.00", "ratio", "12")),
                        new Reason(
                                "new_merchant",
                                0.15,
                                "first payment at merchant m-electro-77",
                                Map.of("merchant", "m-electro-77"))));
        publish(live);
        producer.flush();
        By liveRow = By.cssSelector("#alert-rows tr.row-arrived[data-alert-id='al-tx-ui-live-1']");
        waitFor(liveRow);
        assertThat(browser.executeScript("return window.centinelaTestMarker;"))
                .as("the page was not reloaded")
                .isEqualTo("still the same page");
        assertThat(browser.findElement(By.cssSelector("#alert-rows tr:first-child"))
                        .getAttribute("data-alert-id"))
                .isEqualTo("al-tx-ui-live-1");
        assertThat(browser.findElement(liveRow).getText()).contains("S/ 2,300.00", "****9901");
        assertThat(browser.findElement(liveRow)
                        .findElement(By.className("pill-arrived"))
                        .getAttribute("textContent"))
                .isEqualTo("Recién llegada");
        chromium.screenshot("04-queue-live-alert");

        browser.findElement(liveRow).findElement(By.cssSelector("a.row-link")).click();
        waitFor(By.id("reasons"));
        assertThat(browser.getCurrentUrl()).endsWith("#/alerts/al-tx-ui-live-1");
        List<String> reasons = browser.findElements(By.cssSelector("#reasons .reason-text")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(reasons)
                .containsExactly(
                        "Monto de S/ 2,300.00, 12× el promedio de esta cuenta (S/ 190.00)",
                        "02:40 en Lima; esta cuenta nunca paga cerca de esta hora",
                        "Primer pago en el comercio m-electro-77");
        assertThat(browser.findElement(By.cssSelector("#reasons .reason:first-child .weight-value"))
                        .getText())
                .isEqualTo("Peso 58%");
        assertThat(browser.findElement(By.id("alert-amount")).getText()).isEqualTo("S/ 2,300.00");
        assertThat(browser.findElement(By.id("alert-time")).getText()).isEqualTo("20/11/2026, 02:40:00");
        assertThat(browser.findElement(By.id("alert-score")).getText()).isEqualTo("0.999");
        assertThat(browser.findElement(By.id("alert-threshold")).getText()).isEqualTo("0.970");
        assertThat(browser.findElement(By.id("alert-model")).getText()).isEqualTo("ae-2026-11-20");
        assertThat(browser.findElement(By.id("transaction-facts")).getText())
                .contains("****9901", "m-electro-77", "Comercio electrónico");
        waitFor(By.cssSelector("#history-chart svg circle.point-this"));
        assertThat(browser.findElements(By.cssSelector("#history-chart svg circle.point")))
                .hasSize(19);
        assertThat(browser.findElements(By.cssSelector("#history-chart svg circle.point-alerted")))
                .hasSize(1);
        chromium.screenshot("05-alert-detail");

        browser.findElement(By.cssSelector("button[data-decision='confirmed_fraud']"))
                .click();
        waitForText(By.id("decision-error"), "Una alerta no puede pasar de «Nueva» a «Fraude confirmado».");
        chromium.screenshot("06-decision-refused");

        browser.findElement(By.cssSelector("button[data-decision='investigating']"))
                .click();
        waitForText(By.id("alert-status"), "En investigación");
        waitFor(By.id("decision-note")).sendKeys("La titular desconoce la compra; tarjeta bloqueada.");
        browser.findElement(By.cssSelector("button[data-decision='confirmed_fraud']"))
                .click();
        waitForText(By.id("alert-status"), "Fraude confirmado");
        waitForText(
                By.cssSelector("#audit-trail li:first-child"),
                "rosa cambió el estado de «En investigación» a «Fraude confirmado»");
        assertThat(browser.findElement(By.cssSelector("#audit-trail li:first-child"))
                        .getText())
                .contains("La titular desconoce la compra; tarjeta bloqueada.");
        assertThat(browser.findElements(By.cssSelector("#audit-trail li"))).hasSize(3);
        assertThat(browser.findElement(By.cssSelector("#audit-trail li:last-child"))
                        .getText())
                .contains("rosa asignó la alerta a rosa");
        assertThat(browser.findElement(By.id("assignee")).getText()).isEqualTo("rosa");
        chromium.screenshot("07-alert-confirmed");

        assertThat(statusInDatabase("al-tx-ui-live-1")).isEqualTo("confirmed_fraud");
        Label label = Json.fromBytes(
                new TopicReader(config.kafka().bootstrapServers())
                        .find(
                                config.topics().labels(),
                                r -> new String(r.value(), StandardCharsets.UTF_8).contains("al-tx-ui-live-1"),
                                PATIENCE)
                        .value(),
                Label.class);
        assertThat(label.fraud()).isTrue();
        assertThat(label.decidedBy()).isEqualTo("rosa");
    }

    @Test
    void scriptAndMarkupInAnAlertsTextShowAsLiteralTextInTheQueueAndTheDetail() throws Exception {
        String script = "<script>window.__pwned=1</script>";
        String image = "<img src=x onerror=\"window.__pwned=1\">";
        String sql = "'; DROP TABLE alerts;--";
        Transaction tx = new Transaction(
                "tx-ui-hostile-1",
                "acc " + sql,
                new BigDecimal("77.70"),
                "PEN",
                new BigDecimal("77.70"),
                "PEN",
                Instant.parse("2026-11-19T12:00:00Z"),
                "m " + image,
                "5732",
                Channel.ECOMMERCE,
                "dev {{7*7}} " + script,
                image,
                "cp " + script,
                "PE",
                null,
                null);
        Alert hostile = new Alert(
                Alert.idFor(tx.transactionId()),
                tx,
                0.991,
                0.97,
                "ae-2026-11-20",
                List.of(
                        new Reason(
                                "new_merchant", 0.5, "first payment at merchant " + image, Map.of("merchant", image)),
                        new Reason("amount", 0.3, script, Map.of("amount", script, "mean", image, "ratio", "{{7*7}}"))),
                Instant.now());
        publish(hostile);
        producer.flush();
        signedInAs("jorge");
        By row = By.cssSelector("#alert-rows tr[data-alert-id='al-tx-ui-hostile-1']");
        waitFor(row);
        assertThat(browser.findElement(row).getText()).contains("Primer pago en el comercio " + image);
        assertThat(browser.executeScript(
                        "return document.querySelectorAll('#alert-rows img, #alert-rows script').length"))
                .isEqualTo(0L);

        browser.findElement(row).findElement(By.cssSelector("a.row-link")).click();
        waitFor(By.id("reasons"));
        assertThat(browser.findElement(By.id("reasons")).getText())
                .contains("Primer pago en el comercio " + image, "Monto de " + script);
        assertThat(browser.findElement(By.id("transaction-facts")).getText())
                .contains("acc " + sql, "m " + image, "dev {{7*7}} " + script, image, "cp " + script);
        waitFor(By.id("decision-note")).sendKeys("nota " + script + image);
        browser.findElement(By.cssSelector("button[data-decision='investigating']"))
                .click();
        waitForText(By.id("alert-status"), "En investigación");
        waitForText(By.cssSelector("#audit-trail li:first-child"), "nota " + script + image);
        chromium.screenshot("10-alert-with-markup-in-its-text");
        assertThat(browser.executeScript(
                        "return document.querySelectorAll('main img, main script, img[src=\"x\"]').length"))
                .isEqualTo(0L);
        assertThat(browser.executeScript("return typeof window.__pwned"))
                .as("a payload ran")
                .isEqualTo("undefined");
        browser.findElement(By.id("back-to-queue")).click();
        waitFor(row);
        assertThat(browser.executeScript("return typeof window.__pwned")).isEqualTo("undefined");
        assertThat(countAlerts())
                .as("the alerts table after the SQL in the account")
                .isGreaterThan(0);
    }

    @Test
    void anAnalystSeesWhoseAlertItIsWithoutActionsAndASupervisorTakesItOver() throws Exception {
        Alert held = alert(
                "tx-ui-held-1",
                "acc-6021-3344",
                "420.00",
                "2026-11-19T21:15:00Z",
                "m-viajes-5",
                "4722",
                Channel.ECOMMERCE,
                0.982,
                List.of(new Reason(
                        "amount",
                        0.6,
                        "amount S/ 420.00 is 4× this account's average of S/ 105.00",
                        Map.of("amount", "S/ 420.00", "mean", "S/ 105.00", "ratio", "4"))));
        publish(held);
        producer.flush();
        await().atMost(PATIENCE).until(() -> statusInDatabase(held.alertId()) != null);
        try (Connection db = database();
                var assign = db.prepareStatement("UPDATE alerts SET assignee = 'marta' WHERE alert_id = ?")) {
            assign.setString(1, held.alertId());
            assign.executeUpdate();
        }

        signedInAs("rosa");
        browser.get(base + "/#/alerts/" + held.alertId());
        waitForText(
                By.id("not-yours"),
                "Esta alerta es de marta. Para trabajarla, pida a un supervisor que se la reasigne.");
        assertThat(browser.findElements(
                        By.cssSelector("button[data-decision], #note-text, #take-over, #assign-me, #release")))
                .isEmpty();
        chromium.screenshot("11-a-colleagues-alert");

        signedInAs("jorge");
        browser.get(base + "/#/alerts/" + held.alertId());
        waitFor(By.id("take-over")).click();
        waitForText(By.id("assignee"), "jorge");
        waitForText(By.cssSelector("#audit-trail li:first-child"), "jorge asignó la alerta a jorge");
        assertThat(browser.findElements(By.id("not-yours"))).isEmpty();
        waitFor(By.id("release"));
    }

    @Test
    void aSupervisorWritesARuleSeesWhereItIsWrongActivatesItAndBlocksADevice() throws Exception {
        signedInAs("jorge");
        browser.findElement(By.cssSelector("nav a[href='#/rules']")).click();
        waitFor(By.id("rules-table"));
        browser.findElement(By.id("new-rule")).click();
        waitFor(By.id("rule-expression")).sendKeys("channel == \"ecommerce\" &&\n  small_count_1h >= \"cinco\"");
        waitForText(By.id("expression-problems"), "Línea 2, columna");
        assertThat(browser.findElement(By.cssSelector("#expression-problems pre.caret"))
                        .getText())
                .contains("small_count_1h >= \"cinco\"")
                .endsWith("^");
        browser.findElement(By.id("rule-id")).sendKeys("prueba_de_tarjeta");
        browser.findElement(By.id("rule-description-es")).sendKeys("Ráfaga de compras pequeñas en línea");
        browser.findElement(By.id("rule-description-en")).sendKeys("Burst of small online purchases");
        chromium.screenshot("13-rule-error-position");
        WebElement expression = browser.findElement(By.id("rule-expression"));
        expression.clear();
        expression.sendKeys("channel == \"ecommerce\" && small_count_1h >= 5");
        waitForText(By.id("expression-ok"), "La condición es válida.");
        browser.findElement(By.id("save-rule")).click();
        waitForText(By.id("rule-version"), "versión 1");
        browser.findElement(By.cssSelector("button[data-status='active']")).click();
        waitForText(By.id("rule-version"), "versión 2");
        assertThat(browser.findElements(By.cssSelector("#versions li"))).hasSize(2);
        assertThat(browser.findElement(By.id("versions")).getText()).contains("activada", "jorge");
        chromium.screenshot("14-rule-active-with-versions");

        browser.findElement(By.cssSelector("nav a[href='#/rules']")).click();
        waitForText(By.id("rules-table"), "prueba_de_tarjeta");
        assertThat(browser.findElement(By.cssSelector("tr[data-rule='prueba_de_tarjeta']"))
                        .getText())
                .contains("Activa", "Revisar");
        browser.findElement(By.id("list-name")).sendKeys("dispositivos_robados");
        browser.findElement(By.cssSelector("#list-purpose option[value='block']"))
                .click();
        browser.findElement(By.id("create-list")).click();
        waitFor(By.id("list-values")).sendKeys("dev-robado-1\ndev-robado-2");
        browser.findElement(By.id("list-note")).sendKeys("denuncia policial 4411");
        browser.findElement(By.id("add-entries-button")).click();
        waitFor(By.cssSelector("tr[data-value='dev-robado-2']"));
        assertThat(browser.findElement(By.id("list-events")).getText()).contains("Entradas agregadas", "jorge");
        chromium.screenshot("15-block-list");

        Alert stopped = alert(
                "tx-ui-rule-1",
                "acc-4410-2290",
                "7.90",
                "2026-11-20T04:10:00Z",
                "m-games-3",
                "5816",
                Channel.ECOMMERCE,
                0.31,
                List.of(new Reason(
                        "small_payments", 0.7, "6 payments under S/ 10.00 within an hour", Map.of("count", "6"))));
        publish(new Alert(
                stopped.alertId(),
                stopped.transaction(),
                stopped.score(),
                stopped.threshold(),
                stopped.modelVersion(),
                stopped.reasons(),
                stopped.scoredAt(),
                pe.centinela.core.domain.Decision.DECLINE,
                List.of(
                        new pe.centinela.core.domain.RuleHit(
                                "prueba_de_tarjeta",
                                2,
                                pe.centinela.core.domain.RuleOutcome.DECLINE,
                                false,
                                "Ráfaga de compras pequeñas en línea",
                                "Burst of small online purchases"),
                        new pe.centinela.core.domain.RuleHit(
                                "monto_bajo",
                                1,
                                pe.centinela.core.domain.RuleOutcome.REVIEW,
                                true,
                                "Monto menor a S/ 10",
                                "Amount under S/ 10"))));
        producer.flush();
        // the alert page is read once: open it after the alert is stored, not while it is still on its way
        await().atMost(PATIENCE).until(() -> statusInDatabase(stopped.alertId()) != null);
        browser.get(base + "/#/alerts/" + stopped.alertId());
        waitForText(By.id("rule-hit-list"), "Ráfaga de compras pequeñas en línea");
        assertThat(browser.findElement(By.id("alert-decision")).getText()).isEqualTo("Rechazar");
        assertThat(browser.findElement(By.cssSelector("li.rule-hit-shadow")).getText())
                .contains("Monto menor a S/ 10", "en sombra");
        // the earlier saves' notices fade after 5 s; the README shows this page without them
        await().atMost(PATIENCE)
                .until(() -> browser.findElements(By.cssSelector(".toast")).isEmpty());
        chromium.screenshot("16-alert-stopped-by-a-rule");
    }

    @Test
    void anAnalystTakesTheNextCaseFromTheInboxAndClosesItAsFraudDecidingAllItsAlerts() throws Exception {
        List<Reason> transfer = List.of(new Reason(
                "new_beneficiary",
                0.7,
                "first payment to beneficiary ****5521 on this account",
                Map.of("counterparty", "****5521")));
        Alert first = paying(
                "acc-7001-0099",
                alert(
                        "tx-ui-case-1",
                        "acc-9090-4455",
                        "25000.00",
                        "2026-11-20T03:10:00Z",
                        "m-banca-1",
                        "4829",
                        Channel.TRANSFER,
                        0.9999,
                        transfer));
        Alert second = paying(
                "acc-7001-0099",
                alert(
                        "tx-ui-case-2",
                        "acc-9090-4455",
                        "1800.00",
                        "2026-11-20T03:25:00Z",
                        "m-banca-1",
                        "4829",
                        Channel.TRANSFER,
                        0.999,
                        transfer));
        // the history behind them: a new device and a mule account the money went to, the same device and mule used
        // by an account already confirmed as defrauded, and the mule cashing out
        Alert earlierVictim = alert(
                "tx-ui-case-0",
                "acc-5555-1212",
                "3100.00",
                "2026-11-19T23:00:00Z",
                "m-banca-1",
                "4829",
                Channel.TRANSFER,
                0.991,
                transfer);
        // the mule passing the money on: paid by the case's account, it joins the case
        Alert muleCashOut = paying(
                "acc-8800-3300",
                alert(
                        "tx-ui-case-3",
                        "acc-7001-0099",
                        "4000.00",
                        "2026-11-20T03:40:00Z",
                        "m-banca-1",
                        "4829",
                        Channel.TRANSFER,
                        0.98,
                        transfer));
        List<ScoreRecord> history = List.of(
                transferScore("tx-ui-case-0", "acc-5555-1212", "dev-ato-77", "acc-7001-0099", "2026-11-19T23:00:00Z"),
                transferScore("tx-ui-case-1", "acc-9090-4455", "dev-ato-77", "acc-7001-0099", "2026-11-20T03:10:00Z"),
                transferScore("tx-ui-case-2", "acc-9090-4455", "dev-ato-77", "acc-7001-0099", "2026-11-20T03:25:00Z"),
                transferScore("tx-ui-case-3", "acc-7001-0099", "dev-mule-3", "acc-8800-3300", "2026-11-20T03:40:00Z"));
        history.forEach(score ->
                producer.send(new ProducerRecord<>(config.topics().scores(), score.accountId(), Json.toBytes(score))));
        publish(earlierVictim);
        publish(first);
        publish(second);
        publish(muleCashOut);
        producer.flush();
        await().atMost(PATIENCE).until(() -> statusInDatabase(muleCashOut.alertId()) != null);
        await().atMost(PATIENCE)
                .until(() -> count("SELECT count(*) FROM scored_transactions WHERE transaction_id LIKE 'tx-ui-case-%'")
                        == history.size());
        try (Connection db = database();
                var confirm = db.prepareStatement("UPDATE alerts SET status = 'confirmed_fraud' WHERE alert_id = ?")) {
            confirm.setString(1, earlierVictim.alertId());
            confirm.executeUpdate();
        }
        String caseId = caseOf(first.alertId());
        assertThat(caseOf(second.alertId())).isEqualTo(caseId);
        assertThat(caseOf(muleCashOut.alertId()))
                .as("the mule, paid by the case's account")
                .isEqualTo(caseId);

        signedInAs("rosa");
        browser.get(base + "/#/cases?tab=free");
        WebElement row = waitFor(By.cssSelector("#case-rows tr[data-case-id='" + caseId + "']"));
        // whichever of the two accounts' alerts came first opened the case; the other joined it
        assertThat(row.getText()).containsAnyOf("****4455", "****0099");
        assertThat(row.getText()).contains("Crítica", "S/ 30,800.00", "3 (3 sin decidir)");
        chromium.screenshot("19-case-inbox");

        browser.findElement(By.id("take-next")).click();
        waitForText(By.id("page-title"), "Caso " + caseId);
        waitForText(By.id("case-status"), "En investigación");
        assertThat(browser.findElement(By.id("case-owner-name")).getText()).isEqualTo("rosa");
        waitForText(By.id("network-summary"), "2 cuentas vinculadas en 30 días; 1 con fraude confirmado");
        assertThat(browser.findElements(By.cssSelector("#case-network g.node")).stream()
                        .map(node -> node.getAttribute("data-label")))
                .contains("****4455", "****0099", "****1212", "****3300", "****o-77", "m-banca-1");
        assertThat(browser.findElement(By.cssSelector("#case-network g.risk-fraud"))
                        .getAttribute("data-label"))
                .isEqualTo("****1212");
        clearNotices();
        assertThat(browser.findElement(By.id("case-network")).getText()).doesNotContain("null");
        assertThat(browser.findElement(By.id("case-linked-list")).getText())
                .contains("beneficiario en común o pago entre ambas con", "****4455", "****0099");
        assertThat(browser.findElement(By.id("case-timeline")).getText())
                .contains("Se unió al caso una cuenta vinculada por beneficiario en común o pago entre ambas");
        chromium.screenshot("21-case-network");
        browser.findElement(By.id("case-note")).sendKeys("El cliente no reconoce las dos transferencias.");
        browser.findElement(By.cssSelector("button[data-move='closed_fraud']")).click();

        waitForText(By.id("case-status"), "Cerrado: fraude");
        assertThat(browser.findElements(By.cssSelector("#case-alert-table tbody tr")).stream()
                        .map(WebElement::getText))
                .hasSize(3)
                .allSatisfy(text -> assertThat(text).contains("Fraude confirmado"));
        waitForText(By.cssSelector("#case-timeline-list li:first-child"), "rosa cambió el estado");
        assertThat(browser.findElement(By.id("case-timeline")).getText())
                .contains("El cliente no reconoce las dos transferencias.", "Caso abierto por la primera alerta");
        assertThat(statusInDatabase(first.alertId())).isEqualTo("confirmed_fraud");
        assertThat(statusInDatabase(second.alertId())).isEqualTo("confirmed_fraud");
        assertThat(statusInDatabase(muleCashOut.alertId())).isEqualTo("confirmed_fraud");
        // the README shows the page without the notice
        clearNotices();
        chromium.screenshot("20-case-closed-as-fraud");

        assertThat(browser.findElements(By.id("case-ros")))
                .as("analysts draft no ROS")
                .isEmpty();

        browser.get(base + "/#/alerts/" + second.alertId());
        waitFor(By.id("alert-case")).click();
        waitForText(By.id("page-title"), "Caso " + caseId);

        // two of the free cases at once, from the inbox
        browser.get(base + "/#/cases?tab=free");
        waitFor(By.cssSelector("#case-rows tr"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#case-rows tr"));
        List<String> picked = new ArrayList<>();
        for (WebElement free : rows.subList(rows.size() - 2, rows.size())) {
            picked.add(free.getAttribute("data-case-id"));
            free.findElement(By.cssSelector("input.bulk-select")).click();
        }
        waitForText(By.id("bulk-count"), "2 seleccionados");
        browser.findElement(By.cssSelector("#bulk-action option[value='takeThem']"))
                .click();
        browser.findElement(By.id("bulk-apply")).click();
        waitFor(By.cssSelector(".toast"));
        assertThat(browser.findElement(By.cssSelector(".toast")).getText()).isEqualTo("Listo en 2 de 2 casos.");
        browser.get(base + "/#/cases?tab=mine");
        for (String id : picked) {
            waitFor(By.cssSelector("#case-rows tr[data-case-id='" + id + "']"));
        }

        signedInAs("jorge");
        browser.get(base + "/#/cases/" + caseId);
        waitFor(By.id("case-ros-html"));

        // the draft ROS the button downloads, shown as the compliance officer prints it
        HttpResponse<String> ros = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/api/cases/" + caseId + "/ros.html"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + java.util.Base64.getEncoder()
                                                        .encodeToString(("jorge:" + PASSWORD)
                                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(ros.statusCode()).as(ros.body()).isEqualTo(200);
        browser.get("data:text/html;charset=utf-8;base64,"
                + java.util.Base64.getEncoder()
                        .encodeToString(ros.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        waitForText(By.tagName("body"), "1. Datos del sujeto obligado");
        assertThat(browser.findElement(By.tagName("body")).getText())
                .contains("2. Personas involucradas", "Beneficiario", "6. Medidas adoptadas");
        chromium.screenshot("23-case-ros");
    }

    @Test
    void anAnalystTakesSeveralAlertsOfOneAccountAtOnceFromTheQueue() throws Exception {
        for (String n : List.of("1", "2")) {
            publish(alert(
                    "tx-ui-bulk-" + n,
                    "acc-ui-bulk",
                    "120.00",
                    "2026-11-20T15:0" + n + ":00Z",
                    "m-bulk",
                    "5411",
                    Channel.POS,
                    0.98,
                    List.of(new Reason(
                            "new_merchant", 0.5, "first payment at merchant m-bulk", Map.of("merchant", "m-bulk")))));
        }
        producer.flush();
        await().atMost(PATIENCE)
                .until(() -> count("SELECT count(*) FROM alerts WHERE account_id = 'acc-ui-bulk'") == 2);
        signedInAs("rosa");
        browser.get(base + "/#/alerts?account=acc-ui-bulk");
        await().atMost(PATIENCE)
                .ignoreExceptions()
                .until(() ->
                        browser.findElements(By.cssSelector("#alert-rows tr")).size() == 2);
        for (WebElement row : browser.findElements(By.cssSelector("#alert-rows tr"))) {
            row.findElement(By.cssSelector("input.bulk-select")).click();
        }
        waitForText(By.id("bulk-count"), "2 seleccionados");
        assertThat(browser.getCurrentUrl())
                .as("ticking a row does not open it")
                .endsWith("#/alerts?account=acc-ui-bulk");
        browser.findElement(By.cssSelector("#bulk-action option[value='takeThem']"))
                .click();
        browser.findElement(By.id("bulk-apply")).click();
        waitForText(By.cssSelector(".toast"), "Listo en 2 de 2 alertas.");
        assertThat(count("SELECT count(*) FROM alerts WHERE account_id = 'acc-ui-bulk' AND assignee = 'rosa'"))
                .isEqualTo(2);
        await().atMost(PATIENCE)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#alert-rows tr")))
                        .hasSize(2)
                        .allSatisfy(row -> assertThat(row.getText()).contains("rosa")));

        for (WebElement row : browser.findElements(By.cssSelector("#alert-rows tr"))) {
            row.findElement(By.cssSelector("input.bulk-select")).click();
        }
        browser.findElement(By.cssSelector("#bulk-action option[value='note']")).click();
        waitFor(By.id("bulk-text")).sendKeys("misma tarjeta, misma noche");
        browser.findElement(By.id("bulk-apply")).click();
        await().atMost(PATIENCE)
                .until(() -> count("SELECT count(*) FROM alert_events WHERE action = 'note'"
                                + " AND detail = 'misma tarjeta, misma noche' AND actor = 'rosa'")
                        == 2);
    }

    @Test
    void aSupervisorSetsTheTeamsDeadlinesAndAContradictionIsShownBeforeAnythingChanges() throws Exception {
        signedInAs("jorge");
        browser.get(base + "/#/cases?tab=active");
        waitFor(By.cssSelector("#sla-editor summary")).click();
        WebElement highHours = waitFor(By.id("sla-high-hours"));
        assertThat(highHours.getAttribute("value")).isEqualTo("24");
        highHours.clear();
        highHours.sendKeys("2");
        browser.findElement(By.id("sla-save")).click();
        waitForText(By.id("sla-error"), "critical");
        assertThat(count("SELECT extract(epoch FROM sla)::bigint FROM case_sla WHERE band = 'high'"))
                .isEqualTo(24 * 3600);

        WebElement criticalHours = browser.findElement(By.id("sla-critical-hours"));
        criticalHours.clear();
        criticalHours.sendKeys("2");
        browser.findElement(By.id("sla-save")).click();
        waitForText(By.cssSelector(".toast"), "Plazos guardados");
        assertThat(count("SELECT extract(epoch FROM sla)::bigint FROM case_sla WHERE band = 'high'"))
                .isEqualTo(2 * 3600);
        assertThat(count("SELECT count(*) FROM case_sla_changes WHERE actor = 'jorge'"))
                .isEqualTo(1);
    }

    @Test
    void aSupervisorSetsUpATeamQueueAndItsChipFiltersTheInbox() throws Exception {
        signedInAs("jorge");
        browser.get(base + "/#/cases?tab=active");
        waitFor(By.cssSelector("#queue-editor summary")).click();
        waitFor(By.id("queue-name")).sendKeys("transferencias");
        browser.findElement(By.id("queue-description")).sendKeys("Transferencias y billeteras");
        browser.findElement(By.id("queue-channel-transfer")).click();
        browser.findElement(By.id("queue-channel-wallet")).click();
        browser.findElement(By.id("queue-members")).sendKeys("rosa nadie");
        browser.findElement(By.id("queue-save")).click();
        waitForText(By.id("queue-error"), "nadie");

        browser.findElement(By.id("queue-members")).clear();
        browser.findElement(By.id("queue-members")).sendKeys("rosa");
        browser.findElement(By.id("queue-auto")).click();
        browser.findElement(By.id("queue-save")).click();
        WebElement chip = waitFor(By.cssSelector("#queue-strip a[data-queue='transferencias']"));
        assertThat(chip.getText()).startsWith("transferencias · ").contains("en espera");
        assertThat(browser.findElement(By.id("queue-editor")).getText()).contains("miembros: rosa · asigna por turnos");

        // the editor's form scrolled the page; bring the strip back under the sticky top bar first
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        chip.click();
        waitFor(By.cssSelector("#queue-strip a[data-queue='transferencias'][aria-current='page']"));
        assertThat(browser.getCurrentUrl()).endsWith("#/cases?queue=transferencias");
        clearNotices();
        chromium.screenshot("22-case-queues");
    }

    private static ScoreRecord transferScore(
            String txId, String account, String device, String counterparty, String time) {
        Instant at = Instant.parse(time);
        return new ScoreRecord(
                txId,
                account,
                0.99,
                "ae-2026-11-20",
                0.97,
                true,
                at,
                at.plusSeconds(1),
                new BigDecimal("1800.00"),
                new BigDecimal("1800.00"),
                "PEN",
                "m-banca-1",
                "4829",
                Channel.TRANSFER,
                null,
                null,
                null,
                false,
                null,
                null,
                device,
                null,
                counterparty);
    }

    private static String caseOf(String alertId) throws Exception {
        try (Connection db = database();
                var query = db.prepareStatement("SELECT case_id FROM alerts WHERE alert_id = ?")) {
            query.setString(1, alertId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    @Test
    void everyVariableARuleCanReadIsDescribedInSpanish() {
        signedInAs("jorge");
        browser.get(base + "/#/rules/new");
        List<pe.centinela.core.rules.RuleVariables.Variable> variables = pe.centinela.core.rules.RuleVariables.all();
        await().atMost(PATIENCE)
                .until(() -> browser.findElements(By.cssSelector("#rule-variables [data-variable]"))
                                .size()
                        == variables.size());
        for (pe.centinela.core.rules.RuleVariables.Variable variable : variables) {
            String shown = browser.findElement(
                            By.cssSelector("#rule-variables [data-variable='" + variable.name() + "']"))
                    .getText();
            assertThat(shown)
                    .as(variable.name() + " in the Spanish editor")
                    .doesNotContain(variable.description())
                    .matches(".*\\S.*");
        }
    }

    @Test
    void theEnglishSwitchRelabelsThePageAndIsRemembered() throws Exception {
        signedInAs("rosa");
        waitForText(By.id("page-title"), "Cola de alertas");
        browser.findElement(By.cssSelector("#topbar button[data-lang='en']")).click();
        waitForText(By.id("page-title"), "Alert queue");
        assertThat(browser.findElement(By.id("sign-out")).getText()).isEqualTo("Sign out");
        assertThat(browser.findElement(By.cssSelector("label[for='f-min-score']"))
                        .getText())
                .isEqualTo("Minimum score");
        assertThat(browser.findElement(By.cssSelector("html")).getAttribute("lang"))
                .isEqualTo("en");
        browser.navigate().refresh();
        waitForText(By.id("page-title"), "Alert queue");
        waitFor(By.cssSelector("#alert-rows tr"));
        chromium.screenshot("08-queue-in-english");
        browser.findElement(By.id("sign-out")).click();
        waitForText(By.id("login-title"), "Sign in");
    }

    @Test
    void theKeyboardAloneSignsInOpensAnAlertAndLandsOnItsHeading() throws Exception {
        openSignedOut();
        browser.get(base + "/#/alerts/al-tx-ui-seed-2");
        waitFor(By.id("username")).sendKeys("rosa");
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys(PASSWORD, Keys.ENTER);
        waitForText(By.id("page-title"), "Alerta al-tx-ui-seed-2");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("page-title");
        assertThat(browser.findElement(By.id("reasons")).getText())
                .contains("4 pagos menores a S/ 10.00 en una hora, como en una prueba de tarjetas");
        waitFor(By.id("back-to-queue")).sendKeys(Keys.ENTER);
        WebElement link = waitFor(By.cssSelector("#alert-rows tr[data-alert-id='al-tx-ui-seed-3'] a.row-link"));
        link.sendKeys(Keys.ENTER);
        waitForText(By.id("page-title"), "Alerta al-tx-ui-seed-3");
    }

    /** Every reason code the scoring stage writes, with figures as ReasonWriter puts them in params. */
    private static final Map<String, Map<String, String>> REASON_SAMPLES = Map.ofEntries(
            Map.entry("amount", Map.of("amount", "S/ 2,300.00", "mean", "S/ 190.00", "ratio", "12")),
            Map.entry("small_payments", Map.of("count", "1", "amount", "S/ 43.50")),
            Map.entry("time_of_day", Map.of("time", "03:10", "share", "4 %")),
            Map.entry("velocity", Map.of("count", "3", "seconds", "95")),
            Map.entry("spent_last_hour", Map.of("spent", "S/ 3,120.00", "mean", "S/ 210.00")),
            Map.entry("new_merchant", Map.of("merchant", "m-9")),
            Map.entry("new_beneficiary", Map.of("beneficiary", "****0917")),
            Map.entry("new_device", Map.of()),
            Map.entry("shared_device", Map.of("count", "6")),
            Map.entry("risky_merchant", Map.of("frauds", "9", "labelled", "40")),
            Map.entry("abroad", Map.of("country", "US", "currency", "USD")),
            Map.entry(
                    "category",
                    // the Spanish keys on category_code: an English description reworded since must not matter
                    Map.of(
                            "channel",
                            "atm",
                            "category",
                            "cash taken out at ATMs",
                            "category_code",
                            "cash",
                            "share",
                            "3 %",
                            "seen",
                            "20000")),
            Map.entry("new_account", Map.of("history", "2")),
            Map.entry(
                    "merchant_history",
                    Map.of(
                            "merchant",
                            "m-121",
                            "transactions",
                            "40",
                            "frauds",
                            "9",
                            "days",
                            "7",
                            "until",
                            "2026-11-18 14:05")),
            Map.entry(
                    "beneficiary_history",
                    Map.of(
                            "beneficiary",
                            "****0917",
                            "transactions",
                            "16",
                            "frauds",
                            "7",
                            "days",
                            "30",
                            "until",
                            "2026-11-18 14:05")),
            Map.entry(
                    "device_history",
                    Map.of(
                            "device",
                            "****1337",
                            "transactions",
                            "80",
                            "frauds",
                            "0",
                            "days",
                            "1",
                            "until",
                            "2026-11-18 14:05")),
            Map.entry("unusual_combination", Map.of()));

    @Test
    @SuppressWarnings("unchecked")
    void everyReasonTheScoringStageWritesReadsInSpanish() throws Exception {
        List<String> codes = new ArrayList<>(List.of("unusual_combination"));
        for (Object topic :
                Class.forName("pe.centinela.core.inference.ReasonWriter$Topic").getEnumConstants()) {
            codes.add(topic.toString().toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(REASON_SAMPLES.keySet())
                .as("a sample (and a Spanish sentence in reasons.js) for every reason code")
                .containsAll(codes);
        openSignedOut();
        List<Map<String, Object>> reasons = codes.stream()
                .map(code -> Map.<String, Object>of(
                        "code", code, "weight", 0.5, "message", "ENGLISH " + code, "params", REASON_SAMPLES.get(code)))
                .toList();
        Object rendered = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/ui/js/reasons.js')
                  .then((m) => done(arguments[0].map((r) => m.reasonText(r, { merchant_id: 'm-7', merchant_category_code: '6011' }))))
                  .catch((e) => done('failed: ' + e));""", reasons);
        assertThat(rendered).isInstanceOf(List.class);
        List<String> sentences = (List<String>) rendered;
        for (int i = 0; i < codes.size(); i++) {
            assertThat(sentences.get(i))
                    .as(codes.get(i))
                    .doesNotContain("ENGLISH", "undefined", "{", "null")
                    .matches("^\\p{Lu}.*|^\\d.*");
        }
        assertThat(sentences)
                .contains(
                        "Monto de S/ 2,300.00, 12× el promedio de esta cuenta (S/ 190.00)",
                        "El comercio m-7 tiene 9 fraudes confirmados entre 40 pagos con antigüedad suficiente para revisarse",
                        "Un tipo de pago poco común en el tráfico visto: cajero automático en retiros de efectivo en cajeros (MCC 6011), 3 % de 20000 transacciones",
                        "3 transacciones en una hora; la última, 95 segundos después de la anterior",
                        "Un pago menor a S/ 10.00 en la hora previa a este pago de S/ 43.50, como en una prueba de tarjetas",
                        "El beneficiario ****0917 recibió 16 pagos, 7 de ellos con fraude confirmado, en los 30 días hasta el 18/11/2026 14:05",
                        "El dispositivo ****1337 hizo 80 transacciones, ninguna de ellas con fraude confirmado, en las 24 horas hasta el 18/11/2026 14:05");
    }

    @Test
    void theQueueFiltersByStatusOnTheServer() throws Exception {
        signedInAs("rosa");
        waitFor(By.cssSelector("#alert-rows tr"));
        browser.findElement(By.cssSelector("#f-status option[value='confirmed_fraud']"))
                .click();
        browser.findElement(By.id("apply-filters")).click();
        long confirmed = count("SELECT count(*) FROM alerts WHERE status = 'confirmed_fraud'");
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.getCurrentUrl()).contains("status=confirmed_fraud");
            List<WebElement> rows = browser.findElements(By.cssSelector("#alert-rows tr"));
            assertThat(rows)
                    .hasSize((int) confirmed)
                    .allSatisfy(row -> assertThat(row.getText()).contains("Fraude confirmado"));
        });
    }

    @Test
    void moreAlertsLoadByCursorWithoutRepeats() throws Exception {
        signedInAs("rosa");
        browser.get(base + "/#/alerts?limit=7");
        await().atMost(PATIENCE)
                .ignoreExceptions()
                .until(() ->
                        browser.findElements(By.cssSelector("#alert-rows tr")).size() == 7);
        long stored = countAlerts();
        for (int shown = 7; shown < stored; shown += 7) {
            waitFor(By.id("load-more")).click();
            int expected = (int) Math.min(stored, shown + 7);
            await().atMost(PATIENCE)
                    .ignoreExceptions()
                    .until(() -> browser.findElements(By.cssSelector("#alert-rows tr"))
                                    .size()
                            == expected);
        }
        List<String> ids = browser.findElements(By.cssSelector("#alert-rows tr")).stream()
                .map(row -> row.getAttribute("data-alert-id"))
                .toList();
        assertThat(ids).hasSize((int) stored).doesNotHaveDuplicates();
        await().atMost(PATIENCE)
                .untilAsserted(
                        () -> assertThat(browser.findElement(By.id("load-more")).isDisplayed())
                                .isFalse());
    }

    @Test
    void aSupervisorSeesWholeIdentitiesAndTheRosDraftOfAConfirmedFraud() throws Exception {
        signedInAs("jorge");
        browser.get(base + "/#/alerts/al-tx-ui-past-0");
        waitFor(By.id("ros"));
        assertThat(browser.findElement(By.id("alert-status")).getText()).isEqualTo("Fraude confirmado");
        assertThat(browser.findElement(By.id("transaction-facts")).getText()).contains("acc-6010-3140");
        assertThat(browser.findElement(By.id("ros")).getText())
                .contains("Descargar borrador (HTML)", "Descargar borrador (CSV)");
        assertThat(browser.findElement(By.id("reasons")).getText())
                .contains(
                        "Un tipo de pago poco común en el tráfico normal: cajero automático en retiros de efectivo en cajeros (MCC 6011)");
    }

    @Test
    void theDashboardShowsTheDaysFiguresAndTheModelInForce() throws Exception {
        try (Connection db = database()) {
            db.createStatement().executeUpdate("""
                    INSERT INTO models (version, kind, status, alert_threshold, metrics, sha256, bundle, created_at)
                    VALUES ('ae-2026-11-20', 'autoencoder', 'active', 0.97, '{}'::jsonb, 'none', '\\x00'::bytea, now())
                    ON CONFLICT DO NOTHING""");
        }
        signedInAs("jorge");
        browser.findElement(By.cssSelector("nav a[href='#/dashboard']")).click();
        waitFor(By.cssSelector("#dash-per-hour svg"));
        waitForText(By.cssSelector("#kpi-alerts .kpi-value"), Long.toString(alertsOfTheDashboardsDay()));
        assertThat(browser.findElement(By.id("kpi-model")).getText()).contains("ae-2026-11-20", "Umbral 0.970");
        assertThat(browser.findElements(By.cssSelector("#dash-per-hour svg rect.bar")))
                .hasSize(24);
        assertThat(browser.findElements(By.cssSelector("#dash-outcomes .outcome")))
                .hasSize(5);
        assertThat(browser.findElements(By.cssSelector("#dash-precision svg circle")))
                .hasSize(14);
        waitForText(By.id("dash-cases"), "En los últimos 14 días (Lima).");
        assertThat(browser.findElement(By.id("kpi-cases-saved")).getAttribute("aria-label"))
                .isEqualTo("Soles protegidos");
        assertThat(browser.findElement(By.cssSelector("#kpi-cases-saved .kpi-value"))
                        .getText())
                .startsWith("S/ ");
        assertThat(browser.findElement(By.id("main")).getText()).doesNotContain("null", "undefined");
        chromium.screenshot("09-dashboard");
    }

    @Test
    void theDashboardShowsTheRegistrysVersionsAndTheirLatestEventsInSpanish() throws Exception {
        String hostile = "<img src=x onerror=\"window.__pwned=1\">";
        try (Connection db = database()) {
            db.createStatement().executeUpdate("""
                    INSERT INTO models (version, kind, status, alert_threshold, metrics, sha256, bundle, created_at) VALUES
                    ('ae-2026-11-20', 'autoencoder', 'active', 0.97, '{}'::jsonb, 'none', '\\x00'::bytea, now()),
                    ('gbdt-2026-11-27', 'gbdt', 'rejected', 0.912, '{"validation_average_precision": 0.8612}'::jsonb, 'none', '\\x00'::bytea, now())
                    ON CONFLICT DO NOTHING""");
            try (var event = db.prepareStatement(
                    "INSERT INTO model_events (version, action, actor, at, detail) VALUES (?, ?, 'retrain', ?::timestamptz, ?::jsonb)")) {
                for (String[] row :
                        List.of(new String[] {"gbdt-2026-11-27", "reject", "2026-11-27T08:05:00Z", """
                                {"reason": "validation", "validation_average_precision": 0.8612, "in_force": "ae-2026-11-20",
                                 "in_force_validation_average_precision": 0.88}"""}, new String[] {
                            null,
                            "retrain_failed",
                            "2026-11-26T08:05:00Z",
                            new JsonObject().put("error", hostile).encode()
                        })) {
                    event.setString(1, row[0]);
                    event.setString(2, row[1]);
                    event.setString(3, row[2]);
                    event.setString(4, row[3]);
                    event.executeUpdate();
                }
            }
        }
        signedInAs("rosa");
        browser.get(base + "/#/dashboard");
        By rejected = By.cssSelector("#model-versions tr[data-version='gbdt-2026-11-27']");
        waitFor(rejected);
        assertThat(browser.findElement(rejected).getText()).contains("gbdt", "Rechazado", "0.912", "0.861");
        assertThat(browser.findElement(By.cssSelector("#model-versions tr[data-version='ae-2026-11-20']"))
                        .getText())
                .contains("Activo", "0.970");
        By rejection = By.cssSelector("#model-events tr[data-action='reject']");
        assertThat(browser.findElement(rejection).getText())
                .contains(
                        "27/11/2026, 03:05:00",
                        "gbdt-2026-11-27",
                        "Rechazado: no superó al modelo vigente en validación",
                        "Modelo vigente: ae-2026-11-20 · Precisión promedio en validación: 0.861 frente a 0.880 del modelo vigente",
                        "Reentrenamiento automático");
        assertThat(browser.findElement(By.cssSelector("#model-events tr[data-action='retrain_failed']"))
                        .getText())
                .contains("Reentrenamiento fallido: " + hostile);
        assertThat(browser.executeScript("return document.querySelectorAll('#dash-models img').length"))
                .isEqualTo(0L);
        assertThat(browser.executeScript("return typeof window.__pwned")).isEqualTo("undefined");
        chromium.screenshot("12-dashboard-models");

        browser.findElement(By.cssSelector("#topbar button[data-lang='en']")).click();
        waitForText(rejection, "Rejected: did not beat the model in force on validation");
        assertThat(browser.findElement(rejected).getText()).contains("Rejected");
    }

    @Test
    void theUiLoadsWithoutALoginUnderAStrictPolicyWhileTheDataNeedsOne() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page =
                http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(v -> assertThat(v)
                        .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.body())
                .contains("<script type=\"module\" src=\"/ui/js/app.js\"></script>")
                .doesNotContain("<script>");
        HttpResponse<String> module = http.send(
                HttpRequest.newBuilder(URI.create(base + "/ui/js/app.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("javascript"));
        assertThat(module.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(base + "/ui/js/nothing.js"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(404);
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(base + "/api/dashboard"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(401);
    }
}
