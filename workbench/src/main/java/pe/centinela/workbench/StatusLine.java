package pe.centinela.workbench;

import io.vertx.core.Vertx;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.app.Console;

/** Prints what the pipeline did so far, every few seconds. */
final class StatusLine {

    private final Console console;
    private final PipelineStats stats;
    private final DemoTrafficVerticle traffic;
    private final long started = System.nanoTime();

    StatusLine(Console console, PipelineStats stats, DemoTrafficVerticle traffic) {
        this.console = console;
        this.stats = stats;
        this.traffic = traffic;
    }

    void every(Vertx vertx, long millis) {
        vertx.setPeriodic(millis, id -> print());
    }

    private void print() {
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        console.plain(String.format(
                java.util.Locale.ROOT,
                "  [%02d:%02d] generated %s · ingested %s · rejected %s · scored %s · alerts %s stored",
                seconds / 60,
                seconds % 60,
                Console.count(traffic.produced()),
                Console.count(stats.ingested()),
                Console.count(stats.rejected()),
                Console.count(stats.scored()),
                Console.count(stats.alertsStored())));
    }
}
