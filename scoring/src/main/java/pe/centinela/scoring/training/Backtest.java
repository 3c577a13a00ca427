package pe.centinela.scoring.training;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import pe.centinela.core.evaluation.Evaluation;
import pe.centinela.core.evaluation.Metrics;
import pe.centinela.core.evaluation.Thresholds;
import pe.centinela.core.model.Transaction;
import pe.centinela.core.scoring.AnomalyScorer;
import pe.centinela.core.scoring.Standardizer;
import pe.centinela.scoring.model.AutoencoderTrainer;
import pe.centinela.scoring.model.Dl4jAutoencoder;

/**
 * A time-ordered evaluation: train on a window (its last part for early stopping and the threshold), wait out a
 * feedback delay whose labels are not yet known, then score the following test window once. Nothing is tuned on
 * the test window.
 */
public final class Backtest {

    /** Window lengths, models and business targets. */
    public record Options(Duration train, Duration delay, Duration test, double validationShare, double legitimateSample,
                          List<ModelFamily> models, Imbalance imbalance, double alertsPerDay, int topK, long seed) {
    }

    /** One model's outcome on the test window. */
    public record ModelResult(ModelFamily family, String settings, Evaluation validation, Evaluation test, double[] testScores, double seconds) {
    }

    /** Everything measured. */
    public record Result(Options options, LabelledHistory history, List<ModelResult> models) {
    }

    /** Told what is happening. */
    public interface Progress extends LabelledHistory.Progress {
        void step(String message);
    }

    private final Options options;

    public Backtest(Options options) {
        this.options = options;
    }

    public Result run(Iterator<Transaction> transactions, Progress progress) {
        LabelledHistory history = LabelledHistory.replay(transactions, options.train(), options.delay(), options.test(),
                options.validationShare(), options.legitimateSample(), options.seed(), progress);
        LabelledHistory.Part train = history.train();
        LabelledHistory.Part validation = history.validation();
        LabelledHistory.Part test = history.test();
        if (train.size() == 0 || validation.size() == 0 || test.size() == 0) {
            throw new IllegalArgumentException("a window is empty (train " + train.size() + ", validation " + validation.size() + ", test "
                    + test.size() + " rows): the history ends at " + history.windows().testEnd() + " or earlier; shorten the windows");
        }
        Standardizer standardizer = Standardizer.fit(train.rows);
        Scaled data = new Scaled(scale(standardizer, train.rows()), train.labels(), scale(standardizer, validation.rows()), validation.labels(),
                scale(standardizer, test.rows()), test.labels());
        List<ModelResult> results = new ArrayList<>();
        Dl4jAutoencoder autoencoder = null;
        for (ModelFamily family : options.models()) {
            long started = System.nanoTime();
            progress.step("training " + family.code());
            Scores scores;
            if (family == ModelFamily.AUTOENCODER || family == ModelFamily.HYBRID) {
                if (autoencoder == null) {
                    autoencoder = autoencoder(data, progress);
                }
            }
            scores = switch (family) {
                case LOGISTIC -> classifier(data, ClassifierTraining.Hyperparameters.logistic(), progress);
                case DENSE -> bestDense(data, progress);
                case AUTOENCODER -> new Scores(errors(autoencoder, data.validation), errors(autoencoder, data.test), "legitimate rows only, 8 epochs");
                case HYBRID -> hybrid(data, autoencoder, progress);
            };
            double threshold = Thresholds.forAlertBudget(scores.validation(), validation.times(), options.alertsPerDay());
            Evaluation onValidation = Evaluation.of(scores.validation(), data.validationFraud, validation.times(), threshold, options.topK());
            Evaluation onTest = Evaluation.of(scores.test(), data.testFraud, test.times(), threshold, options.topK());
            results.add(new ModelResult(family, scores.settings(), onValidation, onTest, scores.test(), (System.nanoTime() - started) / 1e9));
            progress.step(String.format(Locale.ROOT, "%s: test ROC-AUC %.3f, average precision %.3f", family.code(), onTest.rocAuc(), onTest.averagePrecision()));
        }
        return new Result(options, history, results);
    }

    private record Scaled(double[][] train, boolean[] trainFraud, double[][] validation, boolean[] validationFraud, double[][] test, boolean[] testFraud) {
    }

    private record Scores(double[] validation, double[] test, String settings) {
    }

    private Scores classifier(Scaled data, ClassifierTraining.Hyperparameters hp, Progress progress) {
        ClassifierTraining.Fitted fitted = ClassifierTraining.fit(data.train, data.trainFraud, data.validation, data.validationFraud,
                options.imbalance(), hp, (epoch, ap, best) -> progress.step(String.format(Locale.ROOT, "  epoch %d: validation AP %.4f%s", epoch, ap, best ? " *" : "")));
        String settings = (hp.hidden() == 0 ? "logistic" : "hidden " + hp.hidden() + "/" + Math.max(4, hp.hidden() / 2)) + ", lr " + hp.learningRate()
                + ", " + options.imbalance().name().toLowerCase(Locale.ROOT) + ", " + fitted.epochs() + " epochs";
        return new Scores(fitted.fraudProbability(data.validation), fitted.fraudProbability(data.test), settings);
    }

    /** A small search: two shapes and two learning rates, chosen by validation average precision. */
    private Scores bestDense(Scaled data, Progress progress) {
        Scores best = null;
        double bestAp = -1;
        for (int hidden : new int[] {16, 32}) {
            for (double lr : new double[] {1e-3, 3e-3}) {
                progress.step("  dense hidden " + hidden + ", learning rate " + lr);
                Scores scores = classifier(data, ClassifierTraining.Hyperparameters.dense(hidden, lr), progress);
                double ap = Metrics.averagePrecision(scores.validation(), data.validationFraud);
                if (ap > bestAp) {
                    bestAp = ap;
                    best = scores;
                }
            }
        }
        return best;
    }

    private Dl4jAutoencoder autoencoder(Scaled data, Progress progress) {
        List<double[]> legitimate = new ArrayList<>();
        for (int i = 0; i < data.train.length; i++) {
            if (!data.trainFraud[i]) {
                legitimate.add(data.train[i]);
            }
        }
        List<double[]> legitimateValidation = new ArrayList<>();
        for (int i = 0; i < data.validation.length; i++) {
            if (!data.validationFraud[i]) {
                legitimateValidation.add(data.validation[i]);
            }
        }
        return new AutoencoderTrainer(AutoencoderTrainer.Hyperparameters.defaults()).train(legitimate.toArray(double[][]::new),
                legitimateValidation.toArray(double[][]::new),
                (epoch, epochs, loss, validationLoss) -> progress.step(String.format(Locale.ROOT, "  autoencoder epoch %d/%d: loss %.4f, validation %.4f",
                        epoch, epochs, loss, validationLoss)));
    }

    private Scores hybrid(Scaled data, Dl4jAutoencoder autoencoder, Progress progress) {
        double[] trainErrors = errors(autoencoder, data.train);
        double mean = 0;
        for (double e : trainErrors) {
            mean += Math.log1p(e) / trainErrors.length;
        }
        double var = 0;
        for (double e : trainErrors) {
            var += Math.pow(Math.log1p(e) - mean, 2) / trainErrors.length;
        }
        double sd = Math.sqrt(Math.max(var, 1e-12));
        Scaled extended = new Scaled(withError(data.train, trainErrors, mean, sd), data.trainFraud,
                withError(data.validation, errors(autoencoder, data.validation), mean, sd), data.validationFraud,
                withError(data.test, errors(autoencoder, data.test), mean, sd), data.testFraud);
        Scores scores = classifier(extended, ClassifierTraining.Hyperparameters.dense(32, 3e-3), progress);
        return new Scores(scores.validation(), scores.test(), "autoencoder error as input; " + scores.settings());
    }

    private static double[][] withError(double[][] rows, double[] errors, double mean, double sd) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = java.util.Arrays.copyOf(rows[i], rows[i].length + 1);
            out[i][rows[i].length] = Math.max(-8, Math.min(8, (Math.log1p(errors[i]) - mean) / sd));
        }
        return out;
    }

    private static double[] errors(Dl4jAutoencoder autoencoder, double[][] scaled) {
        double[] errors = new double[scaled.length];
        int chunk = 65_536;
        for (int from = 0; from < scaled.length; from += chunk) {
            int to = Math.min(scaled.length, from + chunk);
            double[][] part = java.util.Arrays.copyOfRange(scaled, from, to);
            double[][] reconstructed = autoencoder.reconstruct(part);
            for (int i = from; i < to; i++) {
                errors[i] = AnomalyScorer.mean(AnomalyScorer.squaredErrors(part[i - from], reconstructed[i - from]));
            }
        }
        return errors;
    }

    private static double[][] scale(Standardizer standardizer, double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = standardizer.apply(rows[i]);
        }
        return out;
    }
}
