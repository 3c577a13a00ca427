package pe.centinela.workbench.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import pe.centinela.app.Console;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;
import pe.centinela.embedded.EmbeddedInfrastructure;
import pe.centinela.embedded.ScratchDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fraud bench decisions}: {@code POST /api/decisions} at fixed offered rates while streaming traffic flows
 * beside it, on this machine (broker and PostgreSQL in this process, the platform as a child process). The load is
 * open: each request leaves at its scheduled time whatever the answers before it, and its latency is counted from
 * that time, so a slow answer cannot hide the ones queued behind it.
 */
@Command(
        name = "decisions",
        mixinStandardHelpOptions = true,
        description =
                "Measure inline decisions: latency per offered rate with streaming traffic beside, and the highest "
                        + "rate whose p99 stays within --p99-limit.")
public final class DecisionsBench implements Callable<Integer> {

    @Option(
            names = "--rates",
            split = ",",
            defaultValue = "250,500,1000,2000",
            description = "offered decisions per second (default: ${DEFAULT-VALUE})")
    List<Integer> rates;

    @Option(
            names = "--stream-rate",
            defaultValue = "3000",
            description = "streaming transactions per second beside the decisions (default: ${DEFAULT-VALUE})")
    int streamRate;

    @Option(names = "--seconds", defaultValue = "30", description = "seconds at each rate (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(
            names = "--warmup-seconds",
            defaultValue = "60",
            description = "seconds of unmeasured decisions and traffic first, the traffic at no more than 1,000 tx/s "
                    + "for the first half, while the platform's code is compiled (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(
            names = "--settle-limit-seconds",
            defaultValue = "300",
            description =
                    "after the warm-up, seconds at most of more unmeasured load at the first rate, in slices of 10 s "
                            + "until the platform's JIT compilers work less than 5 %% of a core (default: ${DEFAULT-VALUE})")
    int settleLimitSeconds;

    @Option(
            names = "--timeout-ms",
            defaultValue = "1000",
            description =
                    "how long each call lets scoring answer (timeout_ms), so the tail is measured rather than cut at "
                            + "decisions.timeout; answers later than 150 ms are counted apart (default: ${DEFAULT-VALUE})")
    int timeoutMillis;

    @Option(
            names = "--p99-limit",
            defaultValue = "50",
            description = "the p99 in ms a rate must hold to count as sustained (default: ${DEFAULT-VALUE})")
    int p99Limit;

    @Mixin
    PlatformOptions platformOptions;

    @Option(
            names = "--out",
            defaultValue = "bench-decisions.json",
            description = "JSON results (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--quick", description = "a short smoke run: 5 s per rate at 100 and 200 decisions/s")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        if (quick) {
            seconds = 5;
            warmupSeconds = 3;
            settleLimitSeconds = 0;
            rates = List.of(100, 200);
            streamRate = Math.min(streamRate, 500);
        }
        Console console = Console.standard();
        try (ScratchDirectory scratch = ScratchDirectory.create("fraud-bench-decisions");
                EmbeddedInfrastructure infra = EmbeddedInfrastructure.startForTests(scratch.path())) {
            Path dir = scratch.path();
            BenchPlatform prepared = BenchPlatform.prepare(infra, dir, platformOptions, console);
            PlatformConfig config = prepared.config();
            Path gcLog = dir.resolve("platform-gc.log");
            PlatformProcess platform = PlatformProcess.start(
                    prepared.properties(),
                    platformOptions.heap,
                    platformOptions.jvmOptions(gcLog),
                    dir.resolve("platform.log"));
            try (Load stream = new Load(config)) {
                platform.awaitReady(config.http().port(), Duration.ofMinutes(2));
                console.line("platform", "fraud run --role all ready (pid " + platform.pid() + ")");
                try (Caller caller = new Caller(config, stream)) {
                    // a cold platform cannot take the full stream (the pipeline benchmark warms up at 1,000 tx/s
                    // too): a backlog built now would be measured as the decisions' latency
                    int warmStream = Math.min(WARMUP_STREAM_RATE, streamRate);
                    int warmDecisions = Math.min(200, rates.get(0));
                    runAt(caller, stream, warmStream, warmDecisions, warmupSeconds / 2);
                    runAt(caller, stream, streamRate, warmDecisions, warmupSeconds - warmupSeconds / 2);
                    console.line(
                            "warm-up",
                            String.format(
                                    Locale.ROOT,
                                    "%d s at %,d then %,d tx/s and %,d decisions/s, not measured",
                                    warmupSeconds,
                                    warmStream,
                                    streamRate,
                                    warmDecisions));
                    JsonObject settled = SettledWarmUp.run(
                            platform.pid(),
                            Duration.ofSeconds(settleLimitSeconds),
                            slice -> runAt(caller, stream, streamRate, rates.get(0), (int) slice.toSeconds()));
                    console.line("", SettledWarmUp.describe(settled));
                    stream.drain(Duration.ofMinutes(2));
                    JsonArray results = new JsonArray();
                    Integer highest = null;
                    for (int rate : rates) {
                        PhaseCost cost = PhaseCost.start(platform.pid(), gcLog);
                        JsonObject result = runAt(caller, stream, streamRate, rate, seconds);
                        result.put("cores_used", cost.coresUsed());
                        result.put("platform_gc_pauses", cost.platformGcPauses());
                        stream.drain(Duration.ofMinutes(2));
                        results.add(result);
                        boolean holds = result.getDouble("p99_ms") <= p99Limit && result.getLong("errors") == 0;
                        if (holds) {
                            highest = rate;
                        }
                        console.line(
                                rate + "/s",
                                String.format(
                                        Locale.ROOT,
                                        "answered %,d · p50 %.1f ms · p95 %.1f · p99 %.1f · max %.1f · over 150 ms %,d · errors %,d"
                                                + " · streaming %,d tx/s · in the server p50 %.1f, p99 %.1f",
                                        result.getLong("answered"),
                                        result.getDouble("p50_ms"),
                                        result.getDouble("p95_ms"),
                                        result.getDouble("p99_ms"),
                                        result.getDouble("max_ms"),
                                        result.getLong("over_150_ms"),
                                        result.getLong("errors"),
                                        result.getLong("stream_rate"),
                                        result.getDouble("server_p50_ms"),
                                        result.getDouble("server_p99_ms")));
                        console.line("", PhaseCost.describe(result.getJsonObject("cores_used")));
                        console.line("", PhaseCost.describeGc(result.getJsonObject("platform_gc_pauses")));
                    }
                    console.line(
                            "highest",
                            highest == null
                                    ? "no rate held p99 ≤ " + p99Limit + " ms"
                                    : String.format(
                                            Locale.ROOT, "%,d decisions/s with p99 ≤ %d ms", highest, p99Limit));
                    JsonObject report = new JsonObject()
                            .put("benchmark", "decisions")
                            .put("machine", Machine.describe())
                            .put("stream_rate", streamRate)
                            .put("timeout_ms", timeoutMillis)
                            .put("p99_limit_ms", p99Limit)
                            .put("warmup_seconds", warmupSeconds)
                            .put("settle", settled)
                            .put("highest_rate_within_limit", highest)
                            .put("rates", results);
                    Files.writeString(out, report.encodePrettily());
                    console.line("results", out.toAbsolutePath().toString());
                }
            } finally {
                platform.stop();
            }
        }
        return 0;
    }

    private static final int WARMUP_STREAM_RATE = 1_000;

    /** Decisions at {@code rate} for {@code secondsAt}, the streaming traffic at {@code streamAt} beside them. */
    private JsonObject runAt(Caller caller, Load stream, int streamAt, int rate, int secondsAt) throws Exception {
        var streaming = CompletableFuture.supplyAsync(
                () -> stream.send(streamAt, secondsAt).size());
        ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> serverMicros = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> publishMicros = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        java.util.Map<String, AtomicLong> failures = new java.util.concurrent.ConcurrentHashMap<>();
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        long sent = Pacing.run(rate, Duration.ofSeconds(secondsAt), Duration.ofNanos(50_000), (index, scheduled) -> {
            calls.add(caller.decide(timeoutMillis).handle((response, failure) -> {
                int status = failure == null ? response.status() : -1;
                if (failure != null || status != 200) {
                    errors.incrementAndGet();
                    String what = failure != null
                            ? failure.getClass().getSimpleName() + ": " + failure.getMessage()
                            : "HTTP " + status;
                    failures.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
                } else {
                    micros.add((System.nanoTime() - scheduled) / 1_000);
                    JsonObject answer = new JsonObject(response.body());
                    serverMicros.add(Math.round(answer.getDouble("decided_in_ms") * 1_000));
                    publishMicros.add(Math.round(answer.getDouble("published_in_ms", 0.0) * 1_000));
                }
                return null;
            }));
        });
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        int streamed = streaming.get(2, TimeUnit.MINUTES);
        List<Long> sorted = new ArrayList<>(micros);
        sorted.sort(null);
        List<Long> server = new ArrayList<>(serverMicros);
        server.sort(null);
        List<Long> publish = new ArrayList<>(publishMicros);
        publish.sort(null);
        return new JsonObject()
                .put("offered_rate", rate)
                .put("seconds", secondsAt)
                .put("sent", sent)
                .put("answered", sorted.size())
                .put("errors", errors.get())
                .put("p50_ms", millis(Latencies.percentile(sorted, 0.50)))
                .put("p95_ms", millis(Latencies.percentile(sorted, 0.95)))
                .put("p99_ms", millis(Latencies.percentile(sorted, 0.99)))
                .put("max_ms", millis(sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1)))
                .put("over_150_ms", sorted.stream().filter(m -> m > 150_000).count())
                .put("server_p50_ms", millis(Latencies.percentile(server, 0.50)))
                .put("server_p99_ms", millis(Latencies.percentile(server, 0.99)))
                .put("published_p50_ms", millis(Latencies.percentile(publish, 0.50)))
                .put("published_p99_ms", millis(Latencies.percentile(publish, 0.99)))
                .put("stream_rate", Math.round(streamed / (double) secondsAt))
                .put("failures", failuresJson(failures));
    }

    private static JsonObject failuresJson(java.util.Map<String, AtomicLong> failures) {
        JsonObject json = new JsonObject();
        new java.util.TreeMap<>(failures).forEach((what, count) -> json.put(what, count.get()));
        return json;
    }

    private static double millis(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }

    /** An answer of the decision API: its status and body. */
    private record Answer(int status, String body) {}

    /**
     * Calls the decision API as a payment switch would: the next transactions of the stream's own generated world, so
     * each account pays as it does in the stream (a generator of the caller's own, before, gave the same accounts other
     * devices, payees and amounts, and a fifth of the calls raised alerts against the accounts' histories), over a
     * pool of kept-alive HTTP/1.1 connections with Nagle's algorithm off. (The JDK's client writes a POST's headers
     * and body apart with Nagle on, so every call waited for the server's delayed acknowledgement, about 40
     * ms, and the benchmark measured that instead of the platform.)
     */
    private static final class Caller implements AutoCloseable {
        private final Vertx vertx = Vertx.vertx();
        private final HttpClient http = vertx.createHttpClient(
                new HttpClientOptions()
                        .setTcpNoDelay(true)
                        .setKeepAlive(true)
                        .setConnectTimeout(5_000)
                        .setDefaultHost("127.0.0.1"),
                new PoolOptions().setHttp1MaxSize(512));
        private final int port;
        private final String authorization;
        private final Load world;

        /** Logs in once for an API token, as a payment switch would: a password is checked per login, not per call. */
        Caller(PlatformConfig config, Load world) throws Exception {
            this.world = world;
            this.port = config.http().port();
            String basic = "Basic "
                    + Base64.getEncoder()
                            .encodeToString(
                                    ("admin:" + config.auth().adminPassword().value())
                                            .getBytes(StandardCharsets.UTF_8));
            Answer token = post("/api/tokens", basic, Buffer.buffer("{\"name\":\"bench-decisions\"}"))
                    .get(30, TimeUnit.SECONDS);
            if (token.status() != 201 && token.status() != 200) {
                throw new IllegalStateException("no API token: HTTP " + token.status() + " " + token.body());
            }
            this.authorization = "Bearer " + new JsonObject(token.body()).getString("token");
        }

        CompletableFuture<Answer> decide(int timeoutMillis) {
            Transaction tx = world.next("decision-");
            return post("/api/decisions?timeout_ms=" + timeoutMillis, authorization, Buffer.buffer(Json.toBytes(tx)));
        }

        private CompletableFuture<Answer> post(String uri, String auth, Buffer body) {
            return http.request(new RequestOptions()
                            .setMethod(HttpMethod.POST)
                            .setPort(port)
                            .setURI(uri)
                            .setIdleTimeout(30_000)
                            .putHeader("Content-Type", "application/json")
                            .putHeader("Authorization", auth))
                    .compose(request -> request.send(body))
                    .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b.toString())))
                    .toCompletionStage()
                    .toCompletableFuture();
        }

        @Override
        public void close() {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
