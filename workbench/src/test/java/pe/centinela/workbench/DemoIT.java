package pe.centinela.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.app.FraudCommand;
import pe.centinela.embedded.FreePorts;

/** Starts {@code ./fraud demo} as a user would, waits for alerts at /api/alerts, then stops it with a signal. */
class DemoIT {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final String PASSWORD = "demo-it-password";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void demoShowsAlertsAndStopsCleanly(@TempDir Path dataDir) throws Exception {
        int port = FreePorts.pick();
        Path output = dataDir.resolve("demo.out");
        ProcessBuilder builder = new ProcessBuilder(
                REPOSITORY.resolve("fraud").toString(),
                "demo",
                "--data-dir",
                dataDir.resolve("data").toString(),
                "--port",
                Integer.toString(port),
                "--rate",
                "200");
        builder.environment().put("FRAUD_DEMO_PASSWORD", PASSWORD);
        Path logs = dataDir.resolve("logs");
        builder.environment()
                .put(
                        "FRAUD_JAVA_OPTS",
                        "-Xms256m -XX:MaxRAMPercentage=25 -XX:TieredStopAtLevel=1 -D" + FraudCommand.LOG_DIR_PROPERTY
                                + "=" + logs);
        Process demo = builder.directory(REPOSITORY.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        long postmaster;
        String token;
        try {
            long started = System.nanoTime();
            // a deadline for a hung demo, not a timing claim: the first start trains three model families, which took
            try {
                await("alerts listed at /api/alerts")
                        .atMost(Duration.ofMinutes(6))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> alertCount(port) > 0);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(
                        "no alert listed; the demo printed:\n" + Files.readString(output, StandardCharsets.UTF_8), e);
            }
            System.out.printf(
                    "DemoIT: first alert listed %d s after the demo was started%n",
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
            String body = get(port, "/api/alerts?limit=5").body();
            assertThat(body).contains("\"alert_id\"", "\"reasons\"", "\"model_version\"", "\"score\"");
            assertThat(get(port, "/health").statusCode()).isEqualTo(200);
            HttpResponse<String> anonymous = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/alerts"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).contains("\"unauthorized\"");
            HttpResponse<String> session = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/session"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"username\":\"analyst\",\"password\":\"" + PASSWORD + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(session.statusCode()).isEqualTo(200);
            token = new io.vertx.core.json.JsonObject(session.body()).getString("token");
        } finally {
            Path pid = dataDir.resolve("data/postgres/postmaster.pid");
            postmaster = Files.exists(pid) // absent when the demo failed before PostgreSQL started: say why it failed
                    ? Long.parseLong(Files.readAllLines(pid).get(0).trim())
                    : -1;
            demo.destroy();
            assertThat(demo.waitFor(60, TimeUnit.SECONDS))
                    .as("demo stopped within a minute of SIGTERM")
                    .isTrue();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(printed)
                .contains(
                        "PostgreSQL",
                        "Kafka",
                        "model",
                        "analyst, supervisor, admin with password " + PASSWORD,
                        "Stopped cleanly.")
                .doesNotContain("Exception", "\tat ");
        assertThat(printed)
                .as("the first start trains trees and says how they did on validation")
                .containsPattern("gbdt-\\S+ trained in .* average precision 0\\.\\d+\\), published and promoted");
        Path cli = dataDir.resolve("data/cli.properties");
        assertThat(printed).contains("./fraud rules list --config " + cli.toAbsolutePath());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(cli)))
                .as("it holds the embedded database's password: its owner's only")
                .isEqualTo("rw-------");
        assertThat(Files.readString(cli)).doesNotContain(PASSWORD);
        var cliConfig =
                pe.centinela.core.config.PlatformConfig.from(pe.centinela.core.config.Settings.load(cli, Map.of()));
        Matcher kafka = Pattern.compile("broker \\(KRaft\\) on (\\S+)").matcher(printed);
        assertThat(kafka.find()).isTrue();
        assertThat(cliConfig.kafka().bootstrapServers()).isEqualTo(kafka.group(1));
        assertThat(portOpen(port)).as("HTTP port released").isFalse();
        String log = Files.readString(logs.resolve("fraud.log"), StandardCharsets.UTF_8);
        assertThat(log)
                .as("the demo's log")
                .contains("scoring with model")
                .doesNotContain(PASSWORD)
                .doesNotContain(token)
                .doesNotContain(token.substring(token.indexOf('_', "cnt_".length()) + 1));
        Matcher pg = Pattern.compile("PostgreSQL\\s+17 on 127.0.0.1:(\\d+)").matcher(printed);
        assertThat(pg.find()).isTrue();
        assertThat(portOpen(Integer.parseInt(pg.group(1))))
                .as("PostgreSQL stopped")
                .isFalse();
        await("no orphaned PostgreSQL process")
                .atMost(Duration.ofSeconds(15))
                .until(() -> ProcessHandle.of(postmaster)
                        .filter(p -> p.isAlive() && !isZombie(postmaster))
                        .isEmpty());

        Path again = dataDir.resolve("again.out");
        Process restarted = new ProcessBuilder(
                        REPOSITORY.resolve("fraud").toString(),
                        "demo",
                        "--data-dir",
                        dataDir.resolve("data").toString(),
                        "--port",
                        Integer.toString(port),
                        "--duration",
                        "3")
                .directory(REPOSITORY.toFile())
                .redirectErrorStream(true)
                .redirectOutput(again.toFile())
                .start();
        assertThat(restarted.waitFor(120, TimeUnit.SECONDS))
                .as("restarted demo ended by itself")
                .isTrue();
        assertThat(restarted.exitValue()).isZero();
        assertThat(Files.readString(again, StandardCharsets.UTF_8))
                .as("a restart reuses the data and the active model")
                .contains("(active in the registry)", "Stopped cleanly.")
                .doesNotContain("error:");
    }

    private int alertCount(int port) {
        try {
            HttpResponse<String> response = get(port, "/api/alerts?limit=1");
            if (response.statusCode() != 200) {
                return 0;
            }
            Matcher count = Pattern.compile("\"count\":(\\d+)").matcher(response.body());
            return count.find() ? Integer.parseInt(count.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString(("analyst:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .header("Authorization", "Basic " + basic)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean portOpen(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
