package pe.centinela.scoring.trial;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.evaluation.RuleTrial;
import pe.centinela.core.features.FeaturePipeline;
import pe.centinela.core.rules.Condition;
import pe.centinela.core.rules.RuleCompiler;
import pe.centinela.core.rules.RuleLists;
import pe.centinela.core.rules.RuleSyntaxException;
import pe.centinela.scoring.bundle.ModelBundles;
import pe.centinela.scoring.registry.ModelRegistry;
import pe.centinela.scoring.training.StoredHistory;

/**
 * Runs {@link RuleTrial} on the platform's stored history: the canonical topic with the labels topic joined, the model
 * in force loaded as scoring loads it, and the window the last {@code days} days up to now. Blocking (Kafka, JDBC,
 * the replay): call it from a worker thread or a command. Reads the whole history into memory, as retraining does.
 */
public final class RuleTrials {

    public static final int MAX_DAYS = 365;

    private final PlatformConfig config;
    private final Clock clock;
    private final RuleCompiler compiler = new RuleCompiler();

    public RuleTrials(PlatformConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * Tries an expression over the last {@code days} days.
     *
     * @throws RuleSyntaxException when the expression does not compile against the lists
     */
    public RuleTrial.Report run(String expression, RuleLists lists, int days)
            throws RuleSyntaxException, IOException, SQLException {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS + " but is " + days);
        }
        Condition condition = compiler.compile(expression, lists);
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(days));
        List<Transaction> history = StoredHistory.read(config);
        return RuleTrial.run(
                history.iterator(), condition, model().orElse(null), FeaturePipeline.DEFAULT_LABEL_DELAY, from, to);
    }

    /** The model in force with its threshold, loaded as scoring loads it; empty when none is active. */
    private Optional<RuleTrial.Model> model() throws IOException, SQLException {
        ModelRegistry registry = new ModelRegistry(config.postgres());
        Optional<ModelRegistry.Entry> active = config.scoring().modelVersion().isEmpty()
                ? registry.active()
                : registry.find(config.scoring().modelVersion());
        if (active.isEmpty()) {
            return Optional.empty();
        }
        ModelRegistry.Entry entry = active.get();
        Path cache = config.scoring().modelDir();
        registry.fetch(entry.version(), cache);
        var loaded = new ModelBundles(cache, config.scoring().modelTrust())
                .load(entry.version(), ModelBundles.Inference.JAVA);
        return Optional.of(new RuleTrial.Model(
                entry.version(), loaded.scorer(), config.scoring().thresholdFor(entry.alertThreshold())));
    }
}
