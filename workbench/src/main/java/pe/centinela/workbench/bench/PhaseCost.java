package pe.centinela.workbench.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What a measured phase cost this machine: the cores each process used ({@link Cpu}), how much of the platform's
 * share its JIT compilers took ({@link JitActivity}) and how long its garbage collector stopped it ({@link GcLog}), so
 * that a latency measured on saturated cores, while the platform still compiled or across long pauses can be read as
 * such.
 */
final class PhaseCost {

    private final long platformPid;
    private final Path platformGcLog;
    private final Cpu cpu;
    private final OptionalDouble compiledBefore;
    private final long startedNanos;
    private final long startedMillis;

    private PhaseCost(long platformPid, Path platformGcLog) {
        this.platformPid = platformPid;
        this.platformGcLog = platformGcLog;
        this.cpu = Cpu.start(platformPid);
        this.compiledBefore = JitActivity.compileSeconds(platformPid);
        this.startedNanos = System.nanoTime();
        this.startedMillis = System.currentTimeMillis();
    }

    /** Starts counting; {@code platformGcLog} is the log the platform writes with {@link GcLog#jvmOptions}. */
    static PhaseCost start(long platformPid, Path platformGcLog) {
        return new PhaseCost(platformPid, platformGcLog);
    }

    /**
     * The platform's collector pauses since {@link #start}: {@code count}, {@code median_ms}, {@code longest_ms} and
     * {@code paused_share} of the phase; null when its log cannot be read.
     */
    JsonObject platformGcPauses() {
        long now = System.currentTimeMillis();
        try {
            GcLog.Pauses pauses = GcLog.pauses(GcLog.parse(Files.readAllLines(platformGcLog)), startedMillis, now);
            return new JsonObject()
                    .put("count", pauses.count())
                    .put("median_ms", pauses.medianMillis())
                    .put("longest_ms", pauses.longestMillis())
                    .put("paused_share", pauses.pausedShare());
        } catch (IOException e) {
            return null;
        }
    }

    /** The console's words for {@link #platformGcPauses}. */
    static String describeGc(JsonObject pauses) {
        if (pauses == null) {
            return "the platform's GC log could not be read";
        }
        if (pauses.getInteger("count") == 0) {
            return "platform's GC: no pause logged (ZGC logs its pauses under -Xlog:gc+phases)";
        }
        return String.format(
                Locale.ROOT,
                "platform's GC: %d pauses · median %.1f ms · longest %.1f ms · %.1f %% of the time stopped",
                pauses.getInteger("count"),
                pauses.getDouble("median_ms"),
                pauses.getDouble("longest_ms"),
                pauses.getDouble("paused_share") * 100);
    }

    /** Cores used since {@link #start}: {@code platform}, {@code platform_jit} (null when unread), {@code bench_and_broker}, {@code postgres}. */
    JsonObject coresUsed() {
        double wall = (System.nanoTime() - startedNanos) / 1e9;
        double jit = JitActivity.share(compiledBefore, JitActivity.compileSeconds(platformPid), wall);
        return cpu.coresUsed().put("platform_jit", Double.isNaN(jit) ? null : Math.round(jit * 100) / 100.0);
    }

    /** The console's words for {@link #coresUsed}. */
    static String describe(JsonObject cores) {
        Double jit = cores.getDouble("platform_jit");
        double total = cores.getDouble("platform") + cores.getDouble("bench_and_broker") + cores.getDouble("postgres");
        return String.format(
                Locale.ROOT,
                "cores: platform %.2f (its JIT %s), broker + load %.2f, PostgreSQL %.2f: %.2f of this machine's %d",
                cores.getDouble("platform"),
                jit == null ? "unread" : String.format(Locale.ROOT, "%.2f", jit),
                cores.getDouble("bench_and_broker"),
                cores.getDouble("postgres"),
                total,
                Runtime.getRuntime().availableProcessors());
    }
}
