package pe.centinela.scoring;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.adapters.metrics.PipelineStats;
import pe.centinela.core.inference.ScoringEngine;

/**
 * Keeps the engine scoring with the models {@link ModelSelection} chooses: the first choice before scoring starts, then
 * a new choice every refresh interval, swapped in between two batches. Batches already prepared finish with the model
 * they started with and no offset moves, so no message is lost or scored twice. A version that fails its checks is
 * refused and the models in force stay; each problem is logged once, not on every refresh.
 */
final class ModelHotSwap {

    private static final Logger LOG = LoggerFactory.getLogger(ModelHotSwap.class);

    private final Vertx vertx;
    private final ModelSelection selection;
    private final PipelineStats stats;
    private ScoringEngine engine;
    private boolean refreshing;
    private String lastProblem;

    ModelHotSwap(Vertx vertx, ModelSelection selection, PipelineStats stats) {
        this.vertx = vertx;
        this.selection = selection;
        this.stats = stats;
    }

    /** The first choice, on a worker thread. */
    Future<ScoringEngine.ModelSet> firstChoice() {
        return vertx.executeBlocking(() -> selection.choose(null)).onSuccess(models -> {
            reportProblem(selection.warnings());
            report(models);
        });
    }

    /** Refreshes {@code engine}'s models every {@code interval} from now on. */
    void keepCurrent(ScoringEngine engine, Duration interval) {
        this.engine = engine;
        vertx.setPeriodic(interval.toMillis(), id -> refresh());
    }

    /** One refresh: swaps the models in when the choice changed; does nothing while the previous one is running. */
    void refresh() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        ScoringEngine.ModelSet current = engine.models();
        vertx.executeBlocking(() -> selection.choose(current)).onComplete(result -> {
            refreshing = false;
            if (result.failed()) {
                if (result.cause() instanceof RefusedModelException refused) {
                    stats.refusedModel(refused.refused());
                }
                reportProblem(result.cause().getMessage() + "; still scoring with " + ModelSelection.describe(current));
                return;
            }
            stats.refusedModel(null);
            reportProblem(selection.warnings());
            ScoringEngine.ModelSet chosen = result.result();
            if (!chosen.equals(current)) {
                engine.activate(chosen);
                report(chosen);
                LOG.info(
                        "now scoring with {}, was {}",
                        ModelSelection.describe(chosen),
                        ModelSelection.describe(current));
            }
        });
    }

    private void report(ScoringEngine.ModelSet models) {
        stats.activeModel(new PipelineStats.ModelInForce(
                models.active().version(), models.active().alertThreshold()));
    }

    private void reportProblem(String problem) {
        if (problem != null && !problem.equals(lastProblem)) {
            LOG.warn("scoring models: {}", problem);
        }
        lastProblem = problem;
    }
}
