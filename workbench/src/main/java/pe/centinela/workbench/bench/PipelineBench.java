package pe.centinela.workbench.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import pe.centinela.app.Console;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.embedded.EmbeddedInfrastructure;
import pe.centinela.embedded.EmbeddedPostgresServer;
import pe.centinela.embedded.ScratchDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fraud bench pipeline}: the platform end to end on this machine. A broker and PostgreSQL run in this process;
 * the platform ({@code fraud run --role all}) runs as a child process, as it would in production. Reports the
 * latency from producing a transaction to its alert stored in PostgreSQL at fixed offered rates, the highest rate
 * sustained without growing lag, the ceiling of a plain consume-produce pass-through on the same broker, and the
 * peak memory of each process.
 */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        description =
                "Measure the platform end to end: latency at fixed rates, the highest sustained rate, the Kafka pass-through ceiling, memory.")
public final class PipelineBench implements Callable<Integer> {

    @Option(
            names = "--rates",
            split = ",",
            defaultValue = "1000,3000,10000",
            description = "fixed offered rates in tx/s (default: ${DEFAULT-VALUE})")
    List<Integer> rates;

    @Option(
            names = "--seconds",
            defaultValue = "30",
            description = "seconds at each fixed rate (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(
            names = "--warmup-seconds",
            defaultValue = "20",
            description = "seconds of unmeasured traffic at 1,000 tx/s first, so the JIT and the "
                    + "accounts' histories are warm (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(
            names = "--settle-limit-seconds",
            defaultValue = "300",
            description = "after the warm-up, seconds at most of more unmeasured traffic at the first fixed rate, in "
                    + "slices of 10 s until the platform's JIT compilers work less than 5 %% of a core "
                    + "(default: ${DEFAULT-VALUE})")
    int settleLimitSeconds;

    @Option(
            names = "--ramp",
            split = ",",
            defaultValue = "5000,10000,15000,20000,30000,40000",
            description = "rates tried, in order, for the highest sustained rate (default: ${DEFAULT-VALUE})")
    List<Integer> ramp;

    @Option(
            names = "--ramp-seconds",
            defaultValue = "60",
            description = "seconds at each ramp rate (default: ${DEFAULT-VALUE})")
    int rampSeconds;

    @Option(
            names = "--floor-seconds",
            defaultValue = "20",
            description = "seconds the floor is measured at the first fixed rate before the platform starts: the same "
                    + "three broker hops relayed with no work, so the platform's share of the latency shows; 0 skips "
                    + "it (default: ${DEFAULT-VALUE})")
    int floorSeconds;

    @Mixin
    PlatformOptions platformOptions;

    @Option(
            names = "--out",
            defaultValue = "bench-pipeline.json",
            description = "JSON results (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(
            names = "--timings",
            description = "CSV of every measured alert's timestamps (offered rate, sent, received by ingest, scored, "
                    + "stored; epoch ms), to see when in a run its slowest transactions came")
    Path timingsOut;

    @Option(names = "--quick", description = "a short smoke run: 5 s per rate, ramp 5,000 and 10,000 tx/s for 10 s")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        if (quick) {
            seconds = 5;
            warmupSeconds = 5;
            settleLimitSeconds = 0;
            rampSeconds = 10;
            ramp = List.of(5_000, 10_000);
            floorSeconds = Math.min(floorSeconds, 5);
        }
        Console console = Console.standard();
        try (ScratchDirectory scratch = ScratchDirectory.create("fraud-bench-pipeline");
                EmbeddedInfrastructure infra = EmbeddedInfrastructure.startForTests(scratch.path())) {
            Path dir = scratch.path();
            BenchPlatform prepared = BenchPlatform.prepare(infra, dir, platformOptions, console);
            PlatformConfig config = prepared.config();
            JsonObject ceiling =
                    new Passthrough(config.kafka().bootstrapServers()).measure(quick ? 200_000 : 1_000_000);
            console.line(
                    "ceiling",
                    String.format(
                            Locale.ROOT,
                            "%,d records/s through a plain consume → produce on this broker",
                            ceiling.getLong("records_per_second")));
            JsonObject floor = floorSeconds == 0
                    ? null
                    : new HopFloor(config.kafka().bootstrapServers())
                            .measure(rates.get(0), Math.min(10, floorSeconds), floorSeconds);
            if (floor != null) {
                console.line("floor", HopFloor.describe(floor));
            }

            Path gcLog = dir.resolve("platform-gc.log");
            PlatformProcess platform = PlatformProcess.start(
                    prepared.properties(),
                    platformOptions.heap,
                    platformOptions.jvmOptions(gcLog),
                    dir.resolve("platform.log"));
            Load platformLoad = null;
            try {
                platform.awaitReady(config.http().port(), Duration.ofMinutes(2));
                console.line(
                        "platform",
                        "fraud run --role all ready (pid " + platform.pid() + ", -Xmx" + platformOptions.heap + ")");
                Load load = new Load(config);
                platformLoad = load;
                load.send(1_000, warmupSeconds);
                console.line("warm-up", warmupSeconds + " s at 1,000 tx/s, not measured");
                JsonObject settled = SettledWarmUp.run(
                        platform.pid(),
                        Duration.ofSeconds(settleLimitSeconds),
                        slice -> load.send(rates.get(0), (int) slice.toSeconds()));
                console.line("", SettledWarmUp.describe(settled));
                load.drain(Duration.ofMinutes(2));
                JsonArray fixed = new JsonArray();
                if (timingsOut != null) {
                    Files.writeString(timingsOut, AlertTimings.CSV_HEADER);
                }
                for (int rate : rates) {
                    PhaseCost cost = PhaseCost.start(platform.pid(), gcLog);
                    JsonObject result = fixedRate(load, infra.postgres(), rate)
                            .put("cores_used", cost.coresUsed())
                            .put("platform_gc_pauses", cost.platformGcPauses());
                    fixed.add(result);
                    console.line(
                            rate + " tx/s",
                            String.format(
                                    Locale.ROOT,
                                    "sent %,d · alerts %,d · latency p50 %d ms · p95 %d ms · p99 %d ms · max %d ms",
                                    result.getLong("sent"),
                                    result.getLong("alerts"),
                                    result.getLong("p50_ms"),
                                    result.getLong("p95_ms"),
                                    result.getLong("p99_ms"),
                                    result.getLong("max_ms")));
                    console.line("", stageLine(result.getJsonObject("stages")));
                    console.line("", PhaseCost.describe(result.getJsonObject("cores_used")));
                    console.line("", PhaseCost.describeGc(result.getJsonObject("platform_gc_pauses")));
                }
                JsonArray rampResults = new JsonArray();
                int sustained = 0;
                for (int rate : ramp) {
                    PhaseCost cost = PhaseCost.start(platform.pid(), gcLog);
                    JsonObject step = load.rampStep(rate, rampSeconds).put("cores_used", cost.coresUsed());
                    rampResults.add(step);
                    console.line(
                            "ramp " + rate,
                            String.format(
                                    Locale.ROOT,
                                    "offered %,d tx/s · lag %,d → %,d · %s",
                                    step.getLong("achieved_rate"),
                                    step.getLong("lag_mid"),
                                    step.getLong("lag_end"),
                                    step.getBoolean("sustained") ? "sustained" : "lag grows"));
                    console.line("", PhaseCost.describe(step.getJsonObject("cores_used")));
                    if (!step.getBoolean("sustained")) {
                        break;
                    }
                    sustained = rate;
                    load.drain(Duration.ofMinutes(2));
                }
                JsonObject memory = new JsonObject()
                        .put("platform_peak_rss_mb", Rss.peakMb(platform.pid()))
                        .put(
                                "bench_and_broker_peak_rss_mb",
                                Rss.peakMb(ProcessHandle.current().pid()))
                        .put("postgres_rss_mb", Rss.postgresMb());
                JsonObject report = new JsonObject()
                        .put("benchmark", "pipeline")
                        .put("quick", quick)
                        .put("settings", new JsonObject(new HashMap<>(platformOptions.overrides)))
                        .put("machine", Machine.describe())
                        .put("ceiling", ceiling)
                        .put("floor", floor)
                        .put("warmup_seconds", warmupSeconds)
                        .put("settle", settled)
                        .put("fixed_rates", fixed)
                        .put("ramp", rampResults)
                        .put("highest_sustained_rate", sustained)
                        .put(
                                "sustained_share_of_ceiling",
                                sustained == 0
                                        ? 0
                                        : Math.round(1000.0 * sustained / ceiling.getLong("records_per_second")) / 10.0)
                        .put("memory", memory);
                console.line(
                        "sustained",
                        String.format(
                                Locale.ROOT,
                                "%,d tx/s for %d s without growing lag = %.1f %% of the ceiling",
                                sustained,
                                rampSeconds,
                                report.getDouble("sustained_share_of_ceiling")));
                console.line(
                        "memory",
                        String.format(
                                Locale.ROOT,
                                "platform %d MB peak · this process (broker + load) %d MB peak · PostgreSQL %d MB",
                                memory.getLong("platform_peak_rss_mb"),
                                memory.getLong("bench_and_broker_peak_rss_mb"),
                                memory.getLong("postgres_rss_mb")));
                Files.writeString(out, report.encodePrettily());
                console.line("wrote", out.toAbsolutePath().toString());
                return 0;
            } finally {
                if (platformLoad != null) {
                    platformLoad.close();
                }
                platform.stop();
            }
        }
    }

    private static String stageLine(JsonObject stages) {
        return String.format(
                Locale.ROOT,
                "p50 / p99 by stage: to ingest %d / %d ms · ingest to scored %d / %d ms · scored to stored %d / %d ms",
                stages.getJsonObject("to_ingest").getLong("p50_ms"),
                stages.getJsonObject("to_ingest").getLong("p99_ms"),
                stages.getJsonObject("ingest_to_scored").getLong("p50_ms"),
                stages.getJsonObject("ingest_to_scored").getLong("p99_ms"),
                stages.getJsonObject("scored_to_stored").getLong("p50_ms"),
                stages.getJsonObject("scored_to_stored").getLong("p99_ms"));
    }

    private JsonObject fixedRate(Load load, EmbeddedPostgresServer postgres, int rate) throws Exception {
        Map<String, Long> sentAt = load.send(rate, seconds);
        load.drain(Duration.ofMinutes(2));
        AlertTimings timings = AlertTimings.read(postgres, load.phaseStartedMillis(), sentAt);
        if (timingsOut != null) {
            Files.writeString(timingsOut, timings.csvRows(rate), StandardOpenOption.APPEND);
        }
        return new JsonObject()
                .put("offered_rate", rate)
                .put("seconds", seconds)
                .put("sent", sentAt.size())
                .mergeIn(timings.total().toJson())
                .put("stages", timings.stages());
    }
}
