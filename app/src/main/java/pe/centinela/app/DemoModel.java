package pe.centinela.app;

import java.io.IOException;
import java.security.PrivateKey;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.generator.GeneratorSettings;
import pe.centinela.core.model.Transaction;
import pe.centinela.core.scoring.ModelManifest;
import pe.centinela.core.signing.BundleSignatureException;
import pe.centinela.scoring.model.AutoencoderTrainer;
import pe.centinela.scoring.model.AutoencoderTraining;
import pe.centinela.scoring.model.ModelBundles;
import pe.centinela.scoring.model.ModelRegistry;

/**
 * Makes sure the demo's registry has an active model: keeps the active one if this version can use it, or trains an
 * autoencoder on generated history, publishes it and promotes it.
 */
public final class DemoModel {

    static final int TRAINING_ROWS = 60_000;
    private static final long TRAINING_SEED = 20_260_101L;

    private DemoModel() {
    }

    public static String ensure(PlatformConfig config, PrivateKey signingKey, int accounts, double alertThreshold, Console console)
            throws IOException, SQLException {
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
        } else {
            console.line("model", "none yet: training an autoencoder on " + Console.count(TRAINING_ROWS) + " generated transactions");
        }
        long started = System.nanoTime();
        Iterator<Transaction> history = HistorySource.generated(TRAINING_SEED, accounts, GeneratorSettings.DEFAULT_FRAUD_RATE,
                Instant.now().minus(Duration.ofDays(120)));
        AutoencoderTraining.Options options = new AutoencoderTraining.Options(0.2, alertThreshold, AutoencoderTrainer.Hyperparameters.defaults());
        AutoencoderTraining.Result result = new AutoencoderTraining(options, Clock.systemUTC())
                .train(history, TRAINING_ROWS, new EpochBar(console, started));
        ModelManifest saved = bundles.save(result.manifest(), result.model());
        registry.publish(bundles.directory(saved.version()), "demo");
        registry.promote(saved.version(), "demo");
        console.line("model", saved.version() + " trained in " + Console.seconds(System.nanoTime() - started) + summary(saved.metrics())
                + ", published and promoted");
        return saved.version();
    }

    private static String summary(Map<String, Double> metrics) {
        Double auc = metrics.get("validation_roc_auc");
        Double ap = metrics.get("validation_average_precision");
        if (auc == null) {
            return "";
        }
        return String.format(Locale.ROOT, " (time-ordered validation: ROC-AUC %.3f, average precision %.3f)", auc, ap);
    }

    /** Shows the epochs as a progress bar with loss and ETA. */
    private record EpochBar(Console console, long started) implements AutoencoderTraining.Progress {
        @Override
        public void replayed(int rows) {
            console.line("features", Console.count(rows) + " rows replayed through the live feature code");
        }

        @Override
        public void epochDone(int epoch, int epochs, double trainLoss, double validationLoss) {
            long elapsed = System.nanoTime() - started;
            long eta = elapsed / epoch * (epochs - epoch);
            console.progress("training", epoch, epochs, String.format(Locale.ROOT,
                    "epoch %d/%d  loss %.4f  validation %.4f  ETA %s", epoch, epochs, trainLoss, validationLoss, Console.seconds(eta)));
        }
    }
}
