package pe.centinela.scoring.training;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.evaluation.Evaluation;
import pe.centinela.core.evaluation.Thresholds;

/**
 * A time-ordered evaluation: train on a window (its last part for early stopping and the threshold), wait out a
 * feedback delay whose labels are not yet known, then score the following test window once. Nothing is tuned on
 * the test window.
 */
public final class Backtest {

    /** Window lengths, models and business targets; {@code trainStart} null trains from the first transaction. */
    public record Options(
            Duration train,
            Duration delay,
            Duration test,
            double validationShare,
            double legitimateSample,
            List<ModelFamily> models,
            Imbalance imbalance,
            double alertsPerDay,
            int topK,
            long seed,
            Instant trainStart) {}

    /** One model's outcome on the test window. */
    public record ModelResult(
            ModelFamily family,
            String settings,
            Evaluation validation,
            Evaluation test,
            double[] testScores,
            double seconds) {}

    /** Everything measured. */
    public record Result(Options options, LabelledHistory history, List<ModelResult> models) {}

    /** Told what is happening. */
    public interface Progress extends LabelledHistory.Progress {
        void step(String message);
    }

    private final Options options;

    public Backtest(Options options) {
        this.options = options;
    }

    static int sequenceLength(java.util.Collection<ModelFamily> models) {
        return models.contains(ModelFamily.CNN)
                ? pe.centinela.core.features.FeaturePipeline.DEFAULT_SEQUENCE_LENGTH
                : 1;
    }

    public Result run(Iterator<Transaction> transactions, Progress progress) {
        return evaluate(replay(transactions, progress), progress);
    }

    /** Replays the history into the three windows' feature rows. */
    public LabelledHistory replay(Iterator<Transaction> transactions, Progress progress) {
        options.models().forEach(family -> ModelFitter.check(family, options.imbalance()));
        return LabelledHistory.replay(
                transactions,
                options.trainStart(),
                options.train(),
                options.delay(),
                options.test(),
                options.validationShare(),
                options.legitimateSample(),
                options.seed(),
                sequenceLength(options.models()),
                progress);
    }

    /** Trains each family on the replayed windows and scores the test window once. */
    public Result evaluate(LabelledHistory history, Progress progress) {
        LabelledHistory.Part train = history.train();
        LabelledHistory.Part validation = history.validation();
        LabelledHistory.Part test = history.test();
        if (train.size() == 0 || validation.size() == 0 || test.size() == 0) {
            throw new IllegalArgumentException("a window is empty (train " + train.size() + ", validation "
                    + validation.size() + ", test " + test.size() + " rows): the history ends at "
                    + history.windows().testEnd() + " or earlier; shorten the windows");
        }
        boolean sequences = options.models().contains(ModelFamily.CNN);
        ModelFitter fitter = new ModelFitter(
                train.rows(),
                sequences ? train.sequences() : null,
                train.labels(),
                validation.rows(),
                sequences ? validation.sequences() : null,
                validation.labels(),
                options.imbalance(),
                progress::step);
        double[][] validationRows = validation.rows();
        double[][] testRows = test.rows();
        List<ModelResult> results = new ArrayList<>();
        for (ModelFamily family : options.models()) {
            long started = System.nanoTime();
            progress.step("training " + family.code());
            ModelFitter.Fitted fitted = fitter.fit(family);
            boolean sequenceModel = fitted.scorer().sequenceLength() > 1;
            double[] validationScores =
                    ModelFitter.scores(fitted.scorer(), sequenceModel ? validation.sequences() : validationRows);
            double[] testScores = ModelFitter.scores(fitted.scorer(), sequenceModel ? test.sequences() : testRows);
            double threshold = Thresholds.forAlertBudget(validationScores, validation.times(), options.alertsPerDay());
            Evaluation onValidation =
                    Evaluation.of(validationScores, validation.labels(), validation.times(), threshold, options.topK());
            Evaluation onTest = Evaluation.of(testScores, test.labels(), test.times(), threshold, options.topK());
            results.add(new ModelResult(
                    family, fitted.settings(), onValidation, onTest, testScores, (System.nanoTime() - started) / 1e9));
            progress.step(String.format(
                    Locale.ROOT,
                    "%s: test ROC-AUC %.3f, average precision %.3f",
                    family.code(),
                    onTest.rocAuc(),
                    onTest.averagePrecision()));
        }
        return new Result(options, history, results);
    }
}
