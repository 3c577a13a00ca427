package pe.centinela.workbench.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import pe.centinela.app.Console;
import pe.centinela.embedded.EmbeddedInfrastructure;
import pe.centinela.embedded.EmbeddedPostgresServer;
import pe.centinela.embedded.ScratchDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fraud bench soak}: the platform end to end, as {@code fraud bench pipeline} runs it, at one fixed rate for
 * many minutes. Reports per minute the latency to the alert row, the platform's heap after collections (from its GC
 * log) and each process's resident memory; then whether latency stayed steady and memory flat.
 */
@Command(
        name = "soak",
        mixinStandardHelpOptions = true,
        description =
                "Run the platform end to end at a fixed rate for minutes: latency and memory per minute, latency drift, memory slope.")
public final class SoakBench implements Callable<Integer> {

    private static final int MINUTE_SECONDS = 60;
    private static final Duration ALERTS_SETTLE = Duration.ofSeconds(5);

    @Option(names = "--rate", defaultValue = "1000", description = "offered rate in tx/s (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--minutes", defaultValue = "10", description = "measured minutes (default: ${DEFAULT-VALUE})")
    int minutes;

    @Option(
            names = "--warmup-seconds",
            defaultValue = "20",
            description = "seconds of unmeasured traffic at the same rate first (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Mixin
    PlatformOptions platformOptions;

    @Option(names = "--out", defaultValue = "bench-soak.json", description = "JSON results (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        Console console = Console.standard();
        try (ScratchDirectory scratch = ScratchDirectory.create("fraud-bench-soak");
                EmbeddedInfrastructure infra = EmbeddedInfrastructure.startForTests(scratch.path())) {
            Path dir = scratch.path();
            BenchPlatform prepared = BenchPlatform.prepare(infra, dir, platformOptions, console);
            Path gcLog = dir.resolve("platform-gc.log");
            PlatformProcess platform = PlatformProcess.start(
                    prepared.properties(),
                    platformOptions.heap,
                    platformOptions.jvmOptions(gcLog),
                    dir.resolve("platform.log"));
            try (Load load = new Load(prepared.config())) {
                platform.awaitReady(prepared.config().http().port(), Duration.ofMinutes(2));
                console.line(
                        "platform",
                        "fraud run --role all ready (pid " + platform.pid() + ", -Xmx" + platformOptions.heap + ")");
                load.send(rate, warmupSeconds);
                load.drain(Duration.ofMinutes(2));
                console.line("warm-up", warmupSeconds + " s at " + Console.count(rate) + " tx/s, not measured");
                long liveAfterWarmup = liveHeapMb(platform, gcLog);
                List<SoakMinute> measured = soak(load, platform, infra.postgres(), gcLog, console);
                load.drain(Duration.ofMinutes(2));
                SoakVerdict verdict = SoakVerdict.of(measured, liveAfterWarmup, liveHeapMb(platform, gcLog));
                report(measured, verdict, platform, console);
                return 0;
            } finally {
                platform.stop();
            }
        }
    }

    private List<SoakMinute> soak(
            Load load, PlatformProcess platform, EmbeddedPostgresServer postgres, Path gcLog, Console console)
            throws Exception {
        ExecutorService measuring = Executors.newSingleThreadExecutor();
        try {
            List<Future<SoakMinute>> pending = new ArrayList<>();
            for (int minute = 1; minute <= minutes; minute++) {
                Map<String, Long> sentAt = load.send(rate, MINUTE_SECONDS);
                long from = load.phaseStartedMillis();
                long to = System.currentTimeMillis();
                long platformRss = Rss.currentMb(platform.pid());
                long benchRss = Rss.currentMb(ProcessHandle.current().pid());
                long postgresRss = Rss.postgresMb();
                long lag = load.lag();
                int number = minute;
                pending.add(measuring.submit(() -> {
                    Thread.sleep(Math.max(0, to + ALERTS_SETTLE.toMillis() - System.currentTimeMillis()));
                    OptionalLong heapBytes = GcLog.leastHeapAfter(GcLog.parse(Files.readAllLines(gcLog)), from, to);
                    long heap = heapBytes.isPresent() ? heapBytes.getAsLong() >> 20 : -1;
                    SoakMinute m = new SoakMinute(
                            number,
                            sentAt.size(),
                            AlertTimings.read(postgres, from, sentAt).total(),
                            lag,
                            heap,
                            platformRss,
                            benchRss,
                            postgresRss);
                    console.line(
                            "minute " + number,
                            String.format(
                                    Locale.ROOT,
                                    "sent %,d · alerts %,d · p50 %d ms · p99 %d ms · max %d ms · "
                                            + "heap after GC %d MB · RSS platform %d MB, broker + bench %d MB, PostgreSQL %d MB",
                                    m.sent(),
                                    m.latency().count(),
                                    m.latency().p50(),
                                    m.latency().p99(),
                                    m.latency().max(),
                                    heap,
                                    platformRss,
                                    benchRss,
                                    postgresRss));
                    return m;
                }));
            }
            List<SoakMinute> measured = new ArrayList<>();
            for (Future<SoakMinute> m : pending) {
                measured.add(m.get());
            }
            return measured;
        } finally {
            measuring.shutdownNow();
        }
    }

    /** The platform's live heap: what a full collection, asked for outside the measured minutes, leaves. */
    private static long liveHeapMb(PlatformProcess platform, Path gcLog) throws Exception {
        platform.collectGarbage();
        OptionalLong live = GcLog.lastFullHeapAfter(GcLog.parse(Files.readAllLines(gcLog)));
        return live.isPresent() ? live.getAsLong() >> 20 : -1;
    }

    private void report(List<SoakMinute> measured, SoakVerdict verdict, PlatformProcess platform, Console console)
            throws Exception {
        console.plain("");
        console.plain(SoakMinute.HEADER);
        measured.forEach(m -> console.plain(m.row()));
        console.plain("");
        console.line("verdict", verdict.line());
        JsonObject report = new JsonObject()
                .put("benchmark", "soak")
                .put("rate", rate)
                .put("minutes", minutes)
                .put("warmup_seconds", warmupSeconds)
                .put("platform_heap", platformOptions.heap)
                .put("settings", new JsonObject(new HashMap<>(platformOptions.overrides)))
                .put("machine", Machine.describe())
                .put(
                        "per_minute",
                        new JsonArray(measured.stream().map(SoakMinute::toJson).toList()))
                .put("verdict", verdict.toJson())
                .put("platform_live_heap_after_warmup_mb", verdict.liveHeapStartMb())
                .put("platform_live_heap_at_end_mb", verdict.liveHeapEndMb())
                .put("platform_peak_rss_mb", Rss.peakMb(platform.pid()))
                .put(
                        "bench_and_broker_peak_rss_mb",
                        Rss.peakMb(ProcessHandle.current().pid()));
        Files.writeString(out, report.encodePrettily());
        console.line("wrote", out.toAbsolutePath().toString());
    }
}
