package pe.centinela.app;

import java.io.IOException;
import java.security.PrivateKey;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.features.FeaturePipeline;
import pe.centinela.core.generator.GeneratorSettings;
import pe.centinela.core.model.Transaction;
import pe.centinela.core.scoring.ModelManifest;
import pe.centinela.core.signing.BundleSignatureException;
import pe.centinela.scoring.model.ModelBundles;
import pe.centinela.scoring.model.ModelRegistry;
import pe.centinela.scoring.training.Imbalance;
import pe.centinela.scoring.training.ModelFamily;
import pe.centinela.scoring.training.ModelTraining;

/**
 * Makes sure the demo's registry has an active model: keeps the active one if this version can use it, or trains on
 * generated history (whose labels are known) with {@code fraud train --model auto}'s choice among the families,
 * publishes the winner and promotes it.
 */
public final class DemoModel {

    static final int TRAINING_ROWS = 60_000;
    private static final long TRAINING_SEED = 20_260_101L;
    private static final double ALERTS_PER_DAY = 50;

    private DemoModel() {
    }

    public static String ensure(PlatformConfig config, PrivateKey signingKey, int accounts, Console console) throws IOException, SQLException {
        ModelRegistry registry = new ModelRegistry(config.postgres());
        ModelBundles bundles = new ModelBundles(config.scoring().modelDir(), config.scoring().modelTrust()).signingWith(signingKey);
        var active = registry.active();
        if (active.isPresent()) {
            try {
                registry.fetch(active.get().version(), bundles.root());
                bundles.load(active.get().version());
                console.line("model", active.get().version() + " (active in the registry)");
                return active.get().version();
            } catch (ModelBundles.IncompatibleModelException e) {
                console.line("model", active.get().version() + " was trained on an older feature set; training a new one");
            } catch (BundleSignatureException e) {
                console.line("model", active.get().version() + " is not signed with this demo's key (" + e.reason().label() + "); training a new one");
            }
        }
        String families = ModelTraining.AUTO.stream().map(ModelFamily::code).collect(Collectors.joining(", "));
        console.line("model", "choosing among " + families + " on " + Console.count(TRAINING_ROWS)
                + " generated, labelled transactions (as fraud train --model auto)");
        long started = System.nanoTime();
        Iterator<Transaction> history = HistorySource.generated(TRAINING_SEED, accounts, GeneratorSettings.DEFAULT_FRAUD_RATE,
                Instant.now().minus(Duration.ofDays(120)));
        ModelTraining.Options options = new ModelTraining.Options(ModelTraining.AUTO, Imbalance.WEIGHTS, FeaturePipeline.DEFAULT_LABEL_DELAY, 0.2, 1.0,
                ALERTS_PER_DAY, null, TRAINING_SEED, null);
        ModelTraining.Result result = new ModelTraining(options, Clock.systemUTC())
                .train(HistorySource.limited(history, TRAINING_ROWS), new TrainingProgress(console));
        ModelManifest saved = result.saveTo(bundles);
        registry.publish(bundles.directory(saved.version()), "demo");
        registry.promote(saved.version(), "demo");
        for (ModelTraining.Candidate c : result.candidates()) {
            console.line(c.family() == result.fitted().family() ? "chosen" : "candidate", String.format(Locale.ROOT,
                    "%-12s validation average precision %.3f", c.family().code(), c.averagePrecision()));
        }
        console.line("model", saved.version() + " trained in " + Console.seconds(System.nanoTime() - started) + ", published and promoted");
        return saved.version();
    }
}
