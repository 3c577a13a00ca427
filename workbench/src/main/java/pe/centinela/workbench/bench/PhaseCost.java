package pe.centinela.workbench.bench;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What a measured phase cost this machine: the cores each process used ({@link Cpu}) and how much of the platform's
 * share its JIT compilers took ({@link JitActivity}), so that a latency measured on saturated cores or while the
 * platform still compiled can be read as such.
 */
final class PhaseCost {

    private final long platformPid;
    private final Cpu cpu;
    private final OptionalDouble compiledBefore;
    private final long startedNanos;

    private PhaseCost(long platformPid) {
        this.platformPid = platformPid;
        this.cpu = Cpu.start(platformPid);
        this.compiledBefore = JitActivity.compileSeconds(platformPid);
        this.startedNanos = System.nanoTime();
    }

    static PhaseCost start(long platformPid) {
        return new PhaseCost(platformPid);
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
