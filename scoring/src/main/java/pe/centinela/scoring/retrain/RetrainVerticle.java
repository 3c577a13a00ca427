package pe.centinela.scoring.retrain;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.core.config.PlatformConfig;

/**
 * Runs the retraining loop: every {@code retrain.check-interval} a turn of {@link RetrainCycle} on a worker of its
 * own (training takes minutes), never two at once. Deployed where {@code retrain.every} is set.
 */
public final class RetrainVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(RetrainVerticle.class);

    private final PlatformConfig config;
    private final Clock clock;
    private RetrainCycle cycle;
    private WorkerExecutor worker;
    private long timer = -1;
    private boolean turning;
    private String lastOutcome;

    public RetrainVerticle(PlatformConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        cycle = new RetrainCycle(config, clock);
        worker = vertx.createSharedWorkerExecutor("centinela-retrain", 1, 24, TimeUnit.HOURS);
        timer = vertx.setPeriodic(1, config.retrain().checkInterval().toMillis(), id -> turn());
        LOG.info(
                "retraining every {} on the last {} days of stored history ({}), shadow for {}",
                config.retrain().every(),
                config.retrain().trainDays(),
                String.join(", ", config.retrain().families()),
                config.retrain().shadowFor());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return worker == null ? Future.succeededFuture() : worker.close();
    }

    private void turn() {
        if (turning) {
            return;
        }
        turning = true;
        worker.executeBlocking(cycle::turn, false).onComplete(outcome -> {
            turning = false;
            String text = outcome.succeeded()
                    ? outcome.result()
                    : "the registry could not be read: " + outcome.cause().getMessage();
            if (!text.equals(lastOutcome)) {
                LOG.info("retraining: {}", text);
                lastOutcome = text;
            }
        });
    }
}
