package pe.centinela.scoring.training;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.evaluation.Evaluation;
import pe.centinela.core.evaluation.Metrics;
import pe.centinela.core.evaluation.Thresholds;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.inference.ModelManifest;
import pe.centinela.core.inference.Scorer;

/**
 * {@code fraud train}: replays a labelled history, fits each candidate model family with early stopping on the
 * time-ordered validation window (the last part of the history), keeps the one with the best validation average
 * precision, chooses the alert threshold there from a business target (an alert budget per day, or a precision), and
 * describes the result as a bundle manifest that records every candidate's validation figures.
 */
public final class ModelTraining {

    /** Candidates of {@code fraud train --model auto}: the convolutional network is left out as the slowest to train. */
    public static final List<ModelFamily> AUTO = List.of(
            ModelFamily.LOGISTIC, ModelFamily.DENSE, ModelFamily.HYBRID, ModelFamily.GBDT, ModelFamily.HYBRID_GBDT);

    /**
     * What to train (one family, or several to choose from) and which target sets the threshold (exactly one of
     * alertsPerDay and precision); {@code trainStart} null trains from the first transaction, otherwise the history
     * before it only warms the state.
     */
    public record Options(
            List<ModelFamily> candidates,
            Imbalance imbalance,
            Duration labelDelay,
            double validationShare,
            double legitimateSample,
            Double alertsPerDay,
            Double precision,
            long seed,
            Instant trainStart) {}

    /** One candidate's figures on the validation window. */
    public record Candidate(ModelFamily family, double averagePrecision, double rocAuc, double seconds) {}

    /**
     * The chosen model, its manifest (without file checksums yet), its validation figures and every candidate's, and
     * the average precision of the model in force on the same validation window (empty when none was given, or it
     * reads sequences of another length).
     */
    public record Result(
            ModelManifest manifest,
            ModelFitter.Fitted fitted,
            Evaluation validation,
            List<Candidate> candidates,
            OptionalDouble inForceAveragePrecision) {

        /** Saves the bundle: the trees, the classifier or the autoencoder alone, and a hybrid's autoencoder beside them. */
        public ModelManifest saveTo(pe.centinela.scoring.bundle.ModelBundles bundles) throws java.io.IOException {
            if (fitted.trees() != null) {
                return bundles.save(
                        manifest,
                        fitted.trees().modelJson(),
                        fitted.autoencoder() == null
                                ? null
                                : fitted.autoencoder().network());
            }
            return bundles.save(
                    manifest,
                    fitted.classifier() != null
                            ? fitted.classifier().network()
                            : fitted.autoencoder().network(),
                    fitted.family() == ModelFamily.HYBRID ? fitted.autoencoder().network() : null);
        }
    }

    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Options options;
    private final Clock clock;

    public ModelTraining(Options options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    public Result train(Iterator<Transaction> transactions, Backtest.Progress progress) {
        return train(transactions, progress, null);
    }

    /** Also scores the validation window with {@code inForce} (null for none), for a comparison on the same rows. */
    public Result train(Iterator<Transaction> transactions, Backtest.Progress progress, Scorer inForce) {
        if (options.candidates().isEmpty()) {
            throw new IllegalArgumentException("no model family to train");
        }
        options.candidates().forEach(family -> ModelFitter.check(family, options.imbalance()));
        LabelledHistory history = LabelledHistory.replayAll(
                transactions,
                options.trainStart(),
                options.labelDelay(),
                options.validationShare(),
                options.legitimateSample(),
                options.seed(),
                Backtest.sequenceLength(options.candidates()),
                progress);
        LabelledHistory.Part train = history.train();
        LabelledHistory.Part validation = history.validation();
        boolean supervised = options.candidates().stream().anyMatch(family -> family != ModelFamily.AUTOENCODER);
        if (supervised && (train.frauds() == 0 || validation.frauds() == 0)) {
            throw new IllegalArgumentException("supervised models need labelled fraud in both the training ("
                    + train.frauds() + ") and validation (" + validation.frauds()
                    + ") windows; use --model autoencoder for unlabelled data");
        }
        boolean sequences = options.candidates().contains(ModelFamily.CNN);
        ModelFitter fitter = new ModelFitter(
                train.rows(),
                sequences ? train.sequences() : null,
                train.labels(),
                validation.rows(),
                sequences ? validation.sequences() : null,
                validation.labels(),
                options.imbalance(),
                progress::step);
        List<Candidate> candidates = new ArrayList<>();
        ModelFitter.Fitted best = null;
        double[] bestScores = null;
        double bestAp = Double.NEGATIVE_INFINITY;
        for (ModelFamily family : options.candidates()) {
            long started = System.nanoTime();
            progress.step(
                    "training " + family.code() + " on " + train.size() + " rows, validating on " + validation.size());
            ModelFitter.Fitted fitted = fitter.fit(family);
            double[] scores = ModelFitter.scores(
                    fitted.scorer(), fitted.scorer().sequenceLength() > 1 ? validation.sequences() : validation.rows());
            double ap = Metrics.averagePrecision(scores, validation.labels());
            candidates.add(new Candidate(
                    family, ap, Metrics.rocAuc(scores, validation.labels()), (System.nanoTime() - started) / 1e9));
            progress.step(String.format(Locale.ROOT, "%s: validation average precision %.3f", family.code(), ap));
            if (ap > bestAp) {
                bestAp = ap;
                best = fitted;
                bestScores = scores;
            }
        }
        double threshold = options.precision() != null
                ? Thresholds.forPrecision(bestScores, validation.labels(), options.precision())
                : Thresholds.forAlertBudget(bestScores, validation.times(), options.alertsPerDay());
        Evaluation evaluation = Evaluation.of(bestScores, validation.labels(), validation.times(), threshold, (int)
                Math.max(1, Math.round(options.alertsPerDay() == null ? 50 : options.alertsPerDay())));
        Instant now = clock.instant();
        String fingerprint = fingerprint(history);
        String settings = candidates.size() == 1
                ? best.settings()
                : "best validation average precision of "
                        + candidates.stream().map(c -> c.family().code()).collect(Collectors.joining(", ")) + "; "
                        + best.settings();
        ModelManifest manifest = new ModelManifest(
                best.family().code() + "-" + VERSION_TIME.format(now) + "-" + fingerprint.substring(0, 6),
                best.family().code(),
                now,
                FeatureCatalogue.names(),
                best.standardizer(),
                best.calibration(),
                threshold,
                train.size(),
                fingerprint,
                null,
                null,
                null,
                null,
                best.errorMean(),
                best.errorScale(),
                settings,
                metrics(evaluation, history, candidates));
        return new Result(
                manifest, best, evaluation, List.copyOf(candidates), inForceAveragePrecision(inForce, validation));
    }

    private static OptionalDouble inForceAveragePrecision(Scorer inForce, LabelledHistory.Part validation) {
        if (inForce == null) {
            return OptionalDouble.empty();
        }
        double[][] rows = inForce.sequenceLength() > 1 ? validation.sequences() : validation.rows();
        if (rows == null || rows.length == 0 || rows[0].length != inForce.inputSize()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Metrics.averagePrecision(ModelFitter.scores(inForce, rows), validation.labels()));
    }

    private static Map<String, Double> metrics(Evaluation e, LabelledHistory history, List<Candidate> candidates) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("validation_rows", (double) e.rows());
        m.put("validation_frauds", (double) e.frauds());
        m.put("validation_roc_auc", e.rocAuc());
        m.put("validation_average_precision", e.averagePrecision());
        m.put("validation_precision_at_threshold", e.precision());
        m.put("validation_recall_at_threshold", e.recall());
        m.put("validation_f1_at_threshold", e.f1());
        m.put("training_rows", (double) history.train().size());
        m.put("training_frauds", (double) history.train().frauds());
        if (candidates.size() > 1) {
            for (Candidate c : candidates) {
                m.put("candidate_" + c.family().code() + "_validation_average_precision", c.averagePrecision());
                m.put("candidate_" + c.family().code() + "_validation_roc_auc", c.rocAuc());
            }
        }
        return m;
    }

    private static String fingerprint(LabelledHistory history) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            history.train().ids().forEach(id -> digest.update(id.getBytes(StandardCharsets.UTF_8)));
            history.validation().ids().forEach(id -> digest.update(id.getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
