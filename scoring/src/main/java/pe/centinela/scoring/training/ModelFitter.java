package pe.centinela.scoring.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import pe.centinela.core.evaluation.Metrics;
import pe.centinela.core.inference.AnomalyScorer;
import pe.centinela.core.inference.ClassifierScorer;
import pe.centinela.core.inference.ErrorCalibration;
import pe.centinela.core.inference.Scorer;
import pe.centinela.core.inference.Standardizer;
import pe.centinela.core.inference.TreeScorer;
import pe.centinela.core.numeric.TanhAndLog1p;
import pe.centinela.scoring.dl4j.Dl4jAutoencoder;
import pe.centinela.scoring.dl4j.Dl4jClassifier;

/**
 * Fits one model family on a training window and its later validation window, both time-ordered: scaling from the
 * training rows, early stopping and the small search on validation. Shared by {@code fraud train} and backtests.
 */
public final class ModelFitter {

    /** What was learned: enough to score raw rows and to save a bundle; {@code trees} for the tree families, else null. */
    public record Fitted(
            ModelFamily family,
            Standardizer standardizer,
            Dl4jClassifier classifier,
            Dl4jAutoencoder autoencoder,
            ErrorCalibration calibration,
            double errorMean,
            double errorScale,
            String settings,
            Scorer scorer,
            GradientBoosting.Fitted trees) {}

    /** Told what happens. */
    public interface Listener {
        void step(String message);
    }

    private final Imbalance imbalance;
    private final Listener listener;
    private final double[][] rawTrain;
    private final double[][] rawValidation;
    private final double[][] train;
    private final boolean[] trainFraud;
    private final double[][] validation;
    private final boolean[] validationFraud;
    private final Standardizer standardizer;
    private final double[][] rawTrainSequences;
    private final double[][] rawValidationSequences;
    private Dl4jAutoencoder autoencoder;
    private AnomalyScorer anomalyScorer;

    public ModelFitter(
            double[][] rawTrain,
            boolean[] trainFraud,
            double[][] rawValidation,
            boolean[] validationFraud,
            Imbalance imbalance,
            Listener listener) {
        this(rawTrain, null, trainFraud, rawValidation, null, validationFraud, imbalance, listener);
    }

    /** With sequences (flattened, for the convolutional model) beside the single-transaction rows; they may be null. */
    public ModelFitter(
            double[][] rawTrain,
            double[][] rawTrainSequences,
            boolean[] trainFraud,
            double[][] rawValidation,
            double[][] rawValidationSequences,
            boolean[] validationFraud,
            Imbalance imbalance,
            Listener listener) {
        this.rawTrainSequences = rawTrainSequences;
        this.rawValidationSequences = rawValidationSequences;
        this.rawTrain = rawTrain;
        this.rawValidation = rawValidation;
        this.standardizer = Standardizer.fit(List.of(rawTrain));
        this.train = scale(standardizer, rawTrain);
        this.trainFraud = trainFraud;
        this.validation = scale(standardizer, rawValidation);
        this.validationFraud = validationFraud;
        this.imbalance = imbalance;
        this.listener = listener;
    }

    public Fitted fit(ModelFamily family) {
        return switch (family) {
            case LOGISTIC ->
                classifier(family, train, validation, ClassifierTraining.Hyperparameters.logistic(), null, 0, 1);
            case DENSE -> bestDense();
            case AUTOENCODER -> autoencoderAlone();
            case HYBRID -> hybrid();
            case CNN -> convolutional();
            case GBDT -> gbdt();
            case HYBRID_GBDT -> hybridGbdt();
        };
    }

    /** Refuses, before any work, a family and imbalance handling that do not go together. */
    public static void check(ModelFamily family, Imbalance imbalance) {
        if (family.trees() && imbalance == Imbalance.SMOTE) {
            throw new IllegalArgumentException(
                    family.code() + " takes --imbalance weights or none: synthetic rows between frauds mean nothing to"
                            + " splits on flags and counts");
        }
    }

    private ErrorCalibration calibration;

    /** Scores are the share of legitimate validation transactions that reconstructed better. */
    private ErrorCalibration calibration() {
        if (calibration == null) {
            List<double[]> legitimate = new ArrayList<>();
            for (int i = 0; i < validation.length; i++) {
                if (!validationFraud[i]) {
                    legitimate.add(validation[i]);
                }
            }
            calibration = ErrorCalibration.fit(errorsOfScaled(legitimate.toArray(double[][]::new)), 1001);
        }
        return calibration;
    }

    private Fitted classifier(
            ModelFamily family,
            double[][] x,
            double[][] xValidation,
            ClassifierTraining.Hyperparameters hp,
            AnomalyScorer hybridOf,
            double errorMean,
            double errorScale) {
        ClassifierTraining.Fitted fitted =
                ClassifierTraining.fit(x, trainFraud, xValidation, validationFraud, imbalance, hp, epochs());
        Dl4jClassifier classifier = new Dl4jClassifier(fitted.network());
        String settings = (hp.hidden() == 0 ? "logistic" : "hidden " + hp.hidden() + "/" + Math.max(4, hp.hidden() / 2))
                + ", lr " + hp.learningRate() + ", " + imbalance.name().toLowerCase(Locale.ROOT) + ", "
                + fitted.epochs() + " epochs";
        Scorer scorer = hybridOf == null
                ? new ClassifierScorer(standardizer, classifier)
                : new ClassifierScorer(standardizer, classifier, hybridOf, errorMean, errorScale);
        return new Fitted(
                family,
                standardizer,
                classifier,
                hybridOf == null ? null : autoencoder,
                hybridOf == null ? null : calibration,
                errorMean,
                errorScale,
                settings,
                scorer,
                null);
    }

    /** A small search: two learning rates, chosen by validation average precision. */
    private Fitted bestDense() {
        Fitted best = null;
        double bestAp = -1;
        for (int hidden : new int[] {32}) {
            for (double lr : new double[] {1e-3, 3e-3}) {
                listener.step("  dense hidden " + hidden + ", learning rate " + lr);
                Fitted fitted = classifier(
                        ModelFamily.DENSE,
                        train,
                        validation,
                        ClassifierTraining.Hyperparameters.dense(hidden, lr),
                        null,
                        0,
                        1);
                double ap = Metrics.averagePrecision(fitted.classifier().fraudProbability(validation), validationFraud);
                if (ap > bestAp) {
                    bestAp = ap;
                    best = fitted;
                }
            }
        }
        return best;
    }

    private Fitted autoencoderAlone() {
        AnomalyScorer scorer = anomalyScorer();
        return new Fitted(
                ModelFamily.AUTOENCODER,
                standardizer,
                null,
                autoencoder,
                calibration,
                0,
                1,
                "legitimate rows only, 8 epochs",
                scorer,
                null);
    }

    private AnomalyScorer anomalyScorer() {
        if (anomalyScorer == null) {
            List<double[]> legitimate = new ArrayList<>();
            for (int i = 0; i < train.length; i++) {
                if (!trainFraud[i]) {
                    legitimate.add(train[i]);
                }
            }
            List<double[]> legitimateValidation = new ArrayList<>();
            for (int i = 0; i < validation.length; i++) {
                if (!validationFraud[i]) {
                    legitimateValidation.add(validation[i]);
                }
            }
            autoencoder = new AutoencoderTrainer(AutoencoderTrainer.Hyperparameters.defaults())
                    .train(
                            legitimate.toArray(double[][]::new),
                            legitimateValidation.toArray(double[][]::new),
                            (epoch, epochs, loss, validationLoss) -> listener.step(String.format(
                                    Locale.ROOT,
                                    "  autoencoder epoch %d/%d: loss %.4f, validation %.4f",
                                    epoch,
                                    epochs,
                                    loss,
                                    validationLoss)));
            anomalyScorer = new AnomalyScorer(standardizer, calibration(), autoencoder);
        }
        return anomalyScorer;
    }

    private Fitted hybrid() {
        AnomalyScorer scorer = anomalyScorer();
        double[] trainErrors = errorsOfScaled(train);
        double mean = 0;
        for (double e : trainErrors) {
            mean += TanhAndLog1p.log1p(e) / trainErrors.length;
        }
        double variance = 0;
        for (double e : trainErrors) {
            variance += Math.pow(TanhAndLog1p.log1p(e) - mean, 2) / trainErrors.length;
        }
        double sd = Math.sqrt(Math.max(variance, 1e-12));
        Fitted fitted = classifier(
                ModelFamily.HYBRID,
                withError(train, trainErrors, mean, sd),
                withError(validation, errorsOfScaled(validation), mean, sd),
                ClassifierTraining.Hyperparameters.dense(32, 3e-3),
                scorer,
                mean,
                sd);
        return new Fitted(
                ModelFamily.HYBRID,
                standardizer,
                fitted.classifier(),
                autoencoder,
                calibration,
                mean,
                sd,
                "autoencoder error as input; " + fitted.settings(),
                fitted.scorer(),
                null);
    }

    private ClassifierTraining.Listener epochs() {
        return (epoch, max, loss, ap, best, eta) -> listener.step(String.format(
                Locale.ROOT,
                "  epoch %2d/%d  loss %.4f  validation AP %.4f%s  ETA %.0f s",
                epoch,
                max,
                loss,
                ap,
                best ? " (best)" : "       ",
                eta / 1e9));
    }

    private Fitted convolutional() {
        if (rawTrainSequences == null) {
            throw new IllegalStateException(
                    "the convolutional model needs sequences: replay the history with a sequence length above 1");
        }
        int steps = rawTrainSequences[0].length / standardizer.width();
        Standardizer sequenceScaling = Standardizer.fit(List.of(rawTrainSequences));
        double[][] x = scale(sequenceScaling, rawTrainSequences);
        double[][] xValidation = scale(sequenceScaling, rawValidationSequences);
        ClassifierTraining.Hyperparameters hp = ClassifierTraining.Hyperparameters.convolutional(32, 3e-3, steps);
        ClassifierTraining.Fitted fitted =
                ClassifierTraining.fit(x, trainFraud, xValidation, validationFraud, imbalance, hp, epochs());
        Dl4jClassifier classifier = new Dl4jClassifier(fitted.network(), steps);
        String settings = "conv1d 32 filters, kernel 3, over " + steps + " transactions, lr " + hp.learningRate() + ", "
                + imbalance.name().toLowerCase(Locale.ROOT) + ", " + fitted.epochs() + " epochs";
        return new Fitted(
                ModelFamily.CNN,
                sequenceScaling,
                classifier,
                null,
                null,
                0,
                1,
                settings,
                new ClassifierScorer(sequenceScaling, classifier),
                null);
    }

    /** Trees on the raw features: splits need no scaling, and clipping would merge the largest amounts. */
    private Fitted gbdt() {
        GradientBoosting.Fitted trees = boost(rawTrain, rawValidation);
        return new Fitted(
                ModelFamily.GBDT,
                standardizer,
                null,
                null,
                null,
                0,
                1,
                trees.settings(),
                new TreeScorer(trees.trees()),
                trees);
    }

    private Fitted hybridGbdt() {
        AnomalyScorer scorer = anomalyScorer();
        GradientBoosting.Fitted trees = boost(
                withErrorInput(rawTrain, errorsOfScaled(train)),
                withErrorInput(rawValidation, errorsOfScaled(validation)));
        return new Fitted(
                ModelFamily.HYBRID_GBDT,
                standardizer,
                null,
                autoencoder,
                calibration,
                0,
                1,
                "autoencoder error as input; " + trees.settings(),
                new TreeScorer(trees.trees(), scorer),
                trees);
    }

    private GradientBoosting.Fitted boost(double[][] x, double[][] xValidation) {
        check(ModelFamily.GBDT, imbalance);
        double weight = imbalance == Imbalance.WEIGHTS ? GradientBoosting.balancedWeight(trainFraud) : 1;
        return GradientBoosting.fit(
                x,
                trainFraud,
                xValidation,
                validationFraud,
                GradientBoosting.Hyperparameters.defaults(weight, 7),
                (round, aucpr, best) -> {
                    if (round % 25 == 0) {
                        listener.step(String.format(
                                Locale.ROOT,
                                "  round %3d  validation aucpr %.4f%s",
                                round + 1,
                                aucpr,
                                best ? " (best)" : ""));
                    }
                });
    }

    private static double[][] withErrorInput(double[][] rows, double[] errors) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = java.util.Arrays.copyOf(rows[i], rows[i].length + 1);
            out[i][rows[i].length] = TreeScorer.errorInput(errors[i]);
        }
        return out;
    }

    private double[] errorsOfScaled(double[][] scaled) {
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

    private static double[][] withError(double[][] rows, double[] errors, double mean, double sd) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = java.util.Arrays.copyOf(rows[i], rows[i].length + 1);
            out[i][rows[i].length] = Math.max(-8, Math.min(8, (TanhAndLog1p.log1p(errors[i]) - mean) / sd));
        }
        return out;
    }

    static double[][] scale(Standardizer standardizer, double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = standardizer.apply(rows[i]);
        }
        return out;
    }

    /** Scores raw rows in chunks (bounded memory). */
    public static double[] scores(Scorer scorer, double[][] rawRows) {
        double[] out = new double[rawRows.length];
        int chunk = 32_768;
        for (int from = 0; from < rawRows.length; from += chunk) {
            int to = Math.min(rawRows.length, from + chunk);
            Scorer.RowScore[] part = scorer.score(java.util.Arrays.copyOfRange(rawRows, from, to), 2);
            for (int i = from; i < to; i++) {
                out[i] = part[i - from].score();
            }
        }
        return out;
    }
}
