package pe.centinela.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import pe.centinela.core.json.Json;
import pe.centinela.core.webhook.WebhookSignature;
import pe.centinela.embedded.ApiClient;
import pe.centinela.embedded.FreePorts;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;

/**
 * The whole platform as one {@code fraud run} process, its log captured as it is shipped, put through what a bank does
 * with it: users created and their passwords changed, a failed login, sessions, API tokens, transactions sent with a
 * token, alerts decided, webhooks signed with a secret and one delivery refused. Afterwards no line of the log holds a
 * password, a token, the webhook secret, a signature or an {@code Authorization} header.
 */
class SecretsInLogsIT {

    private static final String POSTGRES_PASSWORD = "pg-Secreto-7731-zq";
    private static final String ADMIN_PASSWORD = "admin-Secreto-8812-wk";
    private static final String ANALYST_PASSWORD = "analista-Secreto-1198-hv";
    private static final String ANALYST_NEW_PASSWORD = "analista-Nueva-4410-rb";
    private static final String FEEDER_PASSWORD = "alimentador-Secreto-5521-ty";
    private static final String WRONG_PASSWORD = "equivocada-Clave-6603-pm";
    private static final String WEBHOOK_SECRET = "webhook-Secreto-9034-lx";
    private static final Pattern AUTHORIZATION =
            Pattern.compile("(?i)authorization:|bearer\\s+cnt_|basic\\s+[A-Za-z0-9+/=]{8,}");
    private static final String FORGED_TOKEN = "cnt_forged00_forgedsecret4471xq";

    @RegisterExtension
    static final PlatformUnderTest platform = new PlatformUnderTest(Map.of(
            "postgres.password",
            POSTGRES_PASSWORD,
            "auth.admin-password",
            ADMIN_PASSWORD,
            "scoring.alert-threshold",
            "0.5"));

    static HttpServer receiver;
    static final List<String> signatures = new CopyOnWriteArrayList<>();
    static final AtomicInteger deliveries = new AtomicInteger();
    static Path properties;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            signatures.add(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(deliveries.getAndIncrement() == 0 ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
        port = FreePorts.pick();
        properties = platform.propertiesFile(
                "platform.properties",
                Map.of(
                        "http.port",
                        Integer.toString(port),
                        "webhooks.url",
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/centinela",
                        "webhooks.allow-insecure-urls",
                        "true",
                        "webhooks.secret",
                        WEBHOOK_SECRET,
                        "webhooks.initial-backoff",
                        "10ms"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void noLogLineHoldsAPasswordATokenOrTheWebhookSecret() throws Exception {
        Path log = platform.dir().resolve("platform.log");
        Process platform =
                FraudProcess.start(log, List.of("-Xmx512m"), "run", "--role", "all", "--config", properties.toString());
        List<String> secrets = new ArrayList<>(List.of(
                POSTGRES_PASSWORD,
                ADMIN_PASSWORD,
                ANALYST_PASSWORD,
                ANALYST_NEW_PASSWORD,
                FEEDER_PASSWORD,
                WRONG_PASSWORD,
                WEBHOOK_SECRET,
                FORGED_TOKEN));
        try {
            ApiClient anonymous = ApiClient.anonymous(port);
            await("the platform ready")
                    .atMost(Duration.ofSeconds(120))
                    .ignoreExceptions()
                    .until(() -> anonymous.get("/ready").statusCode() == 200);
            ApiClient admin = anonymous.as("admin", ADMIN_PASSWORD);
            assertThat(admin.post("/api/users", user("ines", ANALYST_PASSWORD, "analyst"))
                            .statusCode())
                    .isEqualTo(201);
            assertThat(admin.post("/api/users", user("switch", FEEDER_PASSWORD, "integration"))
                            .statusCode())
                    .isEqualTo(201);

            assertThat(anonymous
                            .post("/api/session", login("ines", WRONG_PASSWORD))
                            .statusCode())
                    .isEqualTo(401);
            assertThat(anonymous.as("ines", WRONG_PASSWORD).get("/api/alerts").statusCode())
                    .isEqualTo(401);
            assertThat(anonymous.withToken(FORGED_TOKEN).get("/api/alerts").statusCode())
                    .isEqualTo(401);
            assertThat(anonymous
                            .withAuthorization("Basic "
                                    + Base64.getEncoder().encodeToString("ines".getBytes(StandardCharsets.UTF_8)))
                            .get("/api/alerts")
                            .statusCode())
                    .isEqualTo(401);

            HttpResponse<String> created =
                    anonymous.as("switch", FEEDER_PASSWORD).post("/api/tokens", "{\"name\":\"core banking\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            String apiToken = ApiClient.json(created).getString("token");
            secrets.add(apiToken);
            ApiClient feeder = anonymous.withToken(apiToken);
            TransactionGenerator generator =
                    new TransactionGenerator(GeneratorSettings.defaults(21, Instant.parse("2026-03-02T14:00:00Z"))
                            .withAccounts(200)
                            .withFraudRate(0.05));
            for (int batch = 0; batch < 4; batch++) {
                JsonArray transactions = new JsonArray();
                for (int i = 0; i < 250; i++) {
                    transactions.add(new JsonObject(
                            new String(Json.toBytes(generator.next().transaction()), StandardCharsets.UTF_8)));
                }
                assertThat(feeder.post("/api/transactions", transactions.encode())
                                .statusCode())
                        .isEqualTo(202);
            }

            String session = ApiClient.json(anonymous.post("/api/session", login("ines", ANALYST_PASSWORD)))
                    .getString("token");
            secrets.add(session);
            ApiClient analyst = anonymous.withToken(session);
            JsonArray alerts = await("alerts listed")
                    .atMost(Duration.ofSeconds(120))
                    .ignoreExceptions()
                    .until(
                            () -> ApiClient.json(analyst.get("/api/alerts?limit=5"))
                                    .getJsonArray("alerts"),
                            a -> a.size() >= 2);
            String first = alerts.getJsonObject(0).getString("alert_id");
            String second = alerts.getJsonObject(1).getString("alert_id");
            assertThat(analyst.post("/api/alerts/" + first + "/assignee", "{\"assignee\":\"ines\"}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(analyst.post(
                                    "/api/alerts/" + first + "/status",
                                    "{\"status\":\"investigating\",\"note\":\"llamamos a la titular\"}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(analyst.post("/api/alerts/" + first + "/status", "{\"status\":\"confirmed_fraud\"}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(analyst.post("/api/alerts/" + second + "/notes", "{\"text\":\"cliente frecuente\"}")
                            .statusCode())
                    .isEqualTo(201);
            assertThat(analyst.post("/api/alerts/" + second + "/status", "{\"status\":\"investigating\"}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(analyst.post("/api/alerts/" + second + "/status", "{\"status\":\"false_positive\"}")
                            .statusCode())
                    .isEqualTo(200);
            HttpResponse<String> scriptToken = analyst.post("/api/tokens", "{\"name\":\"mi script\"}");
            assertThat(scriptToken.statusCode()).isEqualTo(201);
            secrets.add(ApiClient.json(scriptToken).getString("token"));
            assertThat(anonymous
                            .withToken(ApiClient.json(scriptToken).getString("token"))
                            .get("/api/alerts?limit=1")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(analyst.send("DELETE", "/api/session", null).statusCode())
                    .isIn(200, 204);
            assertThat(anonymous.withToken(session).get("/api/alerts").statusCode())
                    .isEqualTo(401);

            assertThat(admin.send("PATCH", "/api/users/ines", "{\"password\":\"" + ANALYST_NEW_PASSWORD + "\"}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(anonymous
                            .as("ines", ANALYST_NEW_PASSWORD)
                            .get("/api/alerts?limit=1")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(anonymous
                            .as("ines", ANALYST_PASSWORD)
                            .get("/api/alerts?limit=1")
                            .statusCode())
                    .isEqualTo(401);
            await("webhooks delivered, the first refused")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> deliveries.get() >= 3);
        } finally {
            platform.destroy();
            assertThat(platform.waitFor(60, TimeUnit.SECONDS))
                    .as("stopped within a minute of SIGTERM")
                    .isTrue();
        }
        signatures.stream().filter(s -> s != null).forEach(secrets::add);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        System.out.printf(
                "SecretsInLogsIT: %d log lines, %d webhook deliveries, %d secrets looked for%n",
                lines.size(), deliveries.get(), secrets.size());
        assertThat(lines)
                .as("the platform's log")
                .anyMatch(line -> line.contains("running role ALL"))
                .anyMatch(line -> line.contains("(password ******)"));
        for (String secret : secrets) {
            String shown = secret.substring(0, 6) + "…";
            assertThat(lines).as("log lines holding %s", shown).noneMatch(line -> line.contains(secret));
            int underscore = secret.startsWith("cnt_") ? secret.indexOf('_', 4) : -1;
            if (underscore > 0) {
                String part = secret.substring(underscore + 1);
                assertThat(lines)
                        .as("log lines holding the secret part of %s", shown)
                        .noneMatch(line -> line.contains(part));
            }
        }
        assertThat(lines)
                .as("Authorization headers in the log")
                .noneMatch(line -> AUTHORIZATION.matcher(line).find());
    }

    private static String user(String name, String password, String role) {
        return new JsonObject()
                .put("username", name)
                .put("password", password)
                .put("role", role)
                .encode();
    }

    private static String login(String name, String password) {
        return new JsonObject().put("username", name).put("password", password).encode();
    }
}
