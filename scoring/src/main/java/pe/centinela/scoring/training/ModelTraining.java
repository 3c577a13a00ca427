package pe.centinela.scoring.training;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import pe.centinela.core.evaluation.Evaluation;
import pe.centinela.core.evaluation.Thresholds;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.model.Transaction;
import pe.centinela.core.scoring.ModelManifest;

/**
 * {@code fraud train}: replays a labelled history, fits one model family with early stopping on the time-ordered
 * validation window (the last part of the history), chooses the alert threshold there from a business target (an
 * alert budget per day, or a precision), and describes the result as a bundle manifest.
 */
public final class ModelTraining {

    /**
     * What to train and which target sets the threshold (exactly one of alertsPerDay and precision); {@code trainStart}
     * null trains from the first transaction, otherwise the history before it only warms the state.
     */
    public record Options(ModelFamily family, Imbalance imbalance, Duration labelDelay, double validationShare, double legitimateSample,
                          Double alertsPerDay, Double precision, long seed, Instant trainStart) {
    }

    /** The fitted model, its manifest (without file checksums yet) and its validation figures. */
    public record Result(ModelManifest manifest, ModelFitter.Fitted fitted, Evaluation validation) {

        /** Saves the bundle: the trees, the classifier or the autoencoder alone, and a hybrid's autoencoder beside them. */
        public ModelManifest saveTo(pe.centinela.scoring.model.ModelBundles bundles) throws java.io.IOException {
            if (fitted.trees() != null) {
                return bundles.save(manifest, fitted.trees().modelJson(), fitted.autoencoder() == null ? null : fitted.autoencoder().network());
            }
            return bundles.save(manifest, fitted.classifier() != null ? fitted.classifier().network() : fitted.autoencoder().network(),
                    fitted.family() == ModelFamily.HYBRID ? fitted.autoencoder().network() : null);
        }
    }

    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Options options;
    private final Clock clock;

    public ModelTraining(Options options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    public Result train(Iterator<Transaction> transactions, Backtest.Progress progress) {
        ModelFitter.check(options.family(), options.imbalance());
        LabelledHistory history = LabelledHistory.replayAll(transactions, options.trainStart(), options.labelDelay(), options.validationShare(),
                options.legitimateSample(), options.seed(), Backtest.sequenceLength(java.util.List.of(options.family())), progress);
        LabelledHistory.Part train = history.train();
        LabelledHistory.Part validation = history.validation();
        if (options.family() != ModelFamily.AUTOENCODER && (train.frauds() == 0 || validation.frauds() == 0)) {
            throw new IllegalArgumentException("supervised models need labelled fraud in both the training (" + train.frauds()
                    + ") and validation (" + validation.frauds() + ") windows; use --model autoencoder for unlabelled data");
        }
        progress.step("training " + options.family().code() + " on " + train.size() + " rows, validating on " + validation.size());
        boolean sequences = options.family() == ModelFamily.CNN;
        ModelFitter fitter = new ModelFitter(train.rows(), sequences ? train.sequences() : null, train.labels(), validation.rows(),
                sequences ? validation.sequences() : null, validation.labels(), options.imbalance(), progress::step);
        ModelFitter.Fitted fitted = fitter.fit(options.family());
        double[] scores = ModelFitter.scores(fitted.scorer(), sequences ? validation.sequences() : validation.rows());
        double threshold = options.precision() != null
                ? Thresholds.forPrecision(scores, validation.labels(), options.precision())
                : Thresholds.forAlertBudget(scores, validation.times(), options.alertsPerDay());
        Evaluation evaluation = Evaluation.of(scores, validation.labels(), validation.times(), threshold,
                (int) Math.max(1, Math.round(options.alertsPerDay() == null ? 50 : options.alertsPerDay())));
        Instant now = clock.instant();
        String fingerprint = fingerprint(history);
        ModelManifest manifest = new ModelManifest(options.family().code() + "-" + VERSION_TIME.format(now) + "-" + fingerprint.substring(0, 6),
                options.family().code(), now, FeatureCatalogue.names(), fitted.standardizer(), fitted.calibration(), threshold, train.size(), fingerprint,
                null, null, null, null, fitted.errorMean(), fitted.errorScale(), fitted.settings(), metrics(evaluation, history));
        return new Result(manifest, fitted, evaluation);
    }

    private static Map<String, Double> metrics(Evaluation e, LabelledHistory history) {
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
