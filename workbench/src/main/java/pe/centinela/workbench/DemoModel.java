package pe.centinela.workbench;

import java.io.IOException;
import java.security.PrivateKey;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import pe.centinela.app.Console;
import pe.centinela.app.HistorySource;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.inference.ModelManifest;
import pe.centinela.core.signing.BundleSignatureException;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.scoring.bundle.ModelBundles;
import pe.centinela.scoring.registry.ModelRegistry;
import pe.centinela.scoring.training.AutoencoderTrainer;
import pe.centinela.scoring.training.AutoencoderTraining;
import pe.centinela.scoring.training.Backtest;
import pe.centinela.scoring.training.Imbalance;
import pe.centinela.scoring.training.ModelFamily;
import pe.centinela.scoring.training.ModelTraining;

/**
 * Makes sure the demo's registry has an active model: keeps the active one if this version can use it, or trains
 * gradient-boosted trees on generated history (its labels are there), checks them on the time-ordered validation
 * window, publishes and promotes them.
 */
public final class DemoModel {

    static final int TRAINING_ROWS = 60_000;
    /**
     * Trees: on the generated history they beat logistic regression and the dense network by far (validation average
     * precision 0.90–0.95 against 0.45–0.52 and 0.69–0.76 in three first starts) and train in 5 s where the two took
     * 35 s together, and minutes beside other work. {@code fraud train --candidates} and {@code fraud backtest} compare the families.
     */
    static final ModelFamily FAMILY = ModelFamily.GBDT;
    /** The alert threshold is the lowest score whose alerts reach this precision on validation (scale-free, unlike a daily budget). */
    static final double TARGET_PRECISION = 0.5;

    private static final long TRAINING_SEED = 20_260_101L;

    /**
     * The day the benchmarks' generated transactions are set around, fixed: with the day of the run instead, each run
     * generated its transactions at other hours and trained another model on them, which alerted on 2 % of the traffic
     * in one run and 9 % in the next, and PostgreSQL's share of the machine followed.
     */
    public static final Instant BENCH_DAY = Instant.parse("2026-12-01T05:00:00Z");

    private DemoModel() {}

    public static String ensure(PlatformConfig config, PrivateKey signingKey, int accounts, Console console)
            throws IOException, SQLException {
        ModelRegistry registry = new ModelRegistry(config.postgres());
        ModelBundles bundles =
                new ModelBundles(config.scoring().modelDir(), config.scoring().modelTrust()).signingWith(signingKey);
        Optional<String> usable = usableActive(
                registry,
                bundles,
                console,
                "training gradient-boosted trees (" + FAMILY.code() + ") on " + Console.count(TRAINING_ROWS)
                        + " generated transactions, the most recent fifth kept to validate them");
        if (usable.isPresent()) {
            return usable.get();
        }
        long started = System.nanoTime();
        Iterator<Transaction> history = HistorySource.limited(
                HistorySource.generated(
                        TRAINING_SEED,
                        accounts,
                        GeneratorSettings.DEFAULT_FRAUD_RATE,
                        Instant.now().minus(Duration.ofDays(120))),
                TRAINING_ROWS);
        ModelTraining.Options options = new ModelTraining.Options(
                List.of(FAMILY),
                Imbalance.WEIGHTS,
                Duration.ofDays(3),
                0.2,
                1.0,
                null,
                TARGET_PRECISION,
                TRAINING_SEED,
                null);
        ModelTraining.Result result = new ModelTraining(options, Clock.systemUTC()).train(history, new Steps(console));
        ModelManifest saved = result.saveTo(bundles);
        registry.publish(bundles.directory(saved.version()), "demo");
        registry.promote(saved.version(), "demo");
        console.line(
                "model",
                String.format(
                        Locale.ROOT,
                        "%s trained in %s (time-ordered validation: ROC-AUC %.3f, average precision %.3f),"
                                + " published and promoted",
                        saved.version(),
                        Console.seconds(System.nanoTime() - started),
                        result.validation().rocAuc(),
                        result.validation().averagePrecision()));
        return saved.version();
    }

    /**
     * For benchmarks, whose load is measured against the same model run after run: an autoencoder, whose alert
     * threshold is the {@code alertQuantile} of its validation window's scores.
     */
    public static String ensureAutoencoder(
            PlatformConfig config, PrivateKey signingKey, int accounts, double alertQuantile, Console console)
            throws IOException, SQLException {
        ModelRegistry registry = new ModelRegistry(config.postgres());
        ModelBundles bundles =
                new ModelBundles(config.scoring().modelDir(), config.scoring().modelTrust()).signingWith(signingKey);
        Optional<String> usable = usableActive(
                registry,
                bundles,
                console,
                "training an autoencoder on " + Console.count(TRAINING_ROWS) + " generated transactions");
        if (usable.isPresent()) {
            return usable.get();
        }
        long started = System.nanoTime();
        Iterator<Transaction> history = HistorySource.generated(
                TRAINING_SEED, accounts, GeneratorSettings.DEFAULT_FRAUD_RATE, BENCH_DAY.minus(Duration.ofDays(120)));
        AutoencoderTraining.Options options =
                new AutoencoderTraining.Options(0.2, alertQuantile, AutoencoderTrainer.Hyperparameters.defaults());
        AutoencoderTraining.Result result = new AutoencoderTraining(options, Clock.systemUTC())
                .train(history, TRAINING_ROWS, new AutoencoderTraining.Progress() {
                    @Override
                    public void replayed(int rows) {}

                    @Override
                    public void epochDone(int epoch, int epochs, double trainLoss, double validationLoss) {
                        console.progress(
                                "training",
                                epoch,
                                epochs,
                                String.format(Locale.ROOT, "epoch %d/%d  loss %.4f", epoch, epochs, trainLoss));
                    }
                });
        ModelManifest saved = bundles.save(result.manifest(), result.model());
        registry.publish(bundles.directory(saved.version()), "bench");
        registry.promote(saved.version(), "bench");
        console.line(
                "model",
                saved.version() + " trained in " + Console.seconds(System.nanoTime() - started)
                        + ", published and promoted");
        return saved.version();
    }

    /** The active version when this build can score with it; otherwise says why a new one is trained. */
    private static Optional<String> usableActive(
            ModelRegistry registry, ModelBundles bundles, Console console, String training)
            throws IOException, SQLException {
        var active = registry.active();
        if (active.isEmpty()) {
            console.line("model", "none yet: " + training);
            return Optional.empty();
        }
        try {
            registry.fetch(active.get().version(), bundles.root());
            bundles.load(active.get().version());
            console.line("model", active.get().version() + " (active in the registry)");
            return Optional.of(active.get().version());
        } catch (ModelBundles.IncompatibleModelException e) {
            console.line("model", active.get().version() + " was trained on an older feature set; " + training);
        } catch (BundleSignatureException e) {
            console.line(
                    "model",
                    active.get().version() + " is not signed with this demo's key ("
                            + e.reason().label() + "); " + training);
        }
        return Optional.empty();
    }

    /** Shows each family's start and result; epochs and rounds only as the latest step. */
    private record Steps(Console console) implements Backtest.Progress {
        @Override
        public void replayed(long rows, Instant at) {
            // the candidates' lines say enough
        }

        @Override
        public void step(String message) {
            if (message.startsWith("training ") || message.contains("validation average precision")) {
                console.line("training", message);
            }
        }
    }
}
