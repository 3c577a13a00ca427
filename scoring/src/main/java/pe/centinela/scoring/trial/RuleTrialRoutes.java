package pe.centinela.scoring.trial;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import pe.centinela.adapters.http.ApiOperations;
import pe.centinela.adapters.http.ApiRoutes;
import pe.centinela.adapters.http.HttpErrors;
import pe.centinela.adapters.rules.RuleRegistry;
import pe.centinela.core.evaluation.RuleTrial;
import pe.centinela.core.rules.RuleSyntaxException;

/**
 * {@code POST /api/rules/test}: a rule tried on the stored history of the last days before it is put in force (the
 * report of {@link RuleTrial}). The replay runs on a worker thread, one at a time per process: it reads the whole
 * history into memory.
 */
public final class RuleTrialRoutes implements ApiRoutes {

    private final Clock clock;
    private RuleTrials trials;
    private RuleRegistry registry;
    private Vertx vertx;
    private boolean running;

    public RuleTrialRoutes(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void mount(ApiOperations operations, Context context) {
        this.trials = new RuleTrials(context.config(), clock);
        this.registry = new RuleRegistry(context.pool());
        this.vertx = context.vertx();
        operations.handle("testRule", this::test);
    }

    private void test(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        String expression = body.getString("expression");
        int days = body.getInteger("days", 30);
        if (running) {
            HttpErrors.error(
                    ctx.response(), 409, "test_running", "a test run is under way here; try again when it ends", null);
            return;
        }
        running = true;
        registry.snapshot()
                .compose(snapshot -> vertx.executeBlocking(() -> trials.run(expression, snapshot.lists(), days)))
                .onComplete(done -> running = false)
                .onSuccess(report -> HttpErrors.json(ctx.response(), 200, toJson(report)))
                .onFailure(failure -> {
                    if (failure instanceof RuleSyntaxException syntax) {
                        HttpErrors.invalidExpression(ctx.response(), syntax);
                    } else {
                        ctx.fail(failure);
                    }
                });
    }

    /** The report as the API answers it. */
    public static JsonObject toJson(RuleTrial.Report report) {
        JsonArray days = new JsonArray();
        report.days()
                .forEach(d -> days.add(new JsonObject()
                        .put("day", d.day().toString())
                        .put("transactions", d.transactions())
                        .put("hits", d.hits())
                        .put("fraud_hits", d.fraudHits())
                        .put("legitimate_hits", d.legitHits())
                        .put("frauds", d.frauds())
                        .put("model_alerts", d.modelAlerts())
                        .put("already_alerted", d.alreadyAlerted())));
        return new JsonObject()
                .put("from", report.from().toString())
                .put("to", report.to().toString())
                .put("model_version", report.modelVersion())
                .put("replayed", report.replayed())
                .put("transactions", report.transactions())
                .put("hits", report.hits())
                .put("fraud_hits", report.fraudHits())
                .put("legitimate_hits", report.legitHits())
                .put("unlabelled_hits", report.hits() - report.fraudHits() - report.legitHits())
                .put("precision", report.precision())
                .put("frauds", report.frauds())
                .put("frauds_caught", report.fraudsCaught())
                .put("frauds_missed", report.fraudsMissed())
                .put("already_alerted", report.alreadyAlerted())
                .put("added_alerts", report.addedAlerts())
                .put("days", days);
    }
}
