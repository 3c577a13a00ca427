package pe.centinela.scoring.training;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.evaluation.Metrics;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.features.FeaturePipeline;
import pe.centinela.core.features.FeatureSpec;
import pe.centinela.core.inference.AnomalyScorer;
import pe.centinela.core.inference.ErrorCalibration;
import pe.centinela.core.inference.ModelManifest;
import pe.centinela.core.inference.Scorer;
import pe.centinela.core.inference.Standardizer;
import pe.centinela.scoring.bundle.ModelBundles;
import pe.centinela.scoring.dl4j.Dl4jAutoencoder;

/**
 * Trains an autoencoder from a time-ordered history: replays it through the live feature code, trains on the
 * legitimate transactions of the earlier part, calibrates scores on the legitimate transactions of the later
 * part, and measures ranking quality there when labels exist.
 */
public final class AutoencoderTraining {

    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** How to split and train. */
    public record Options(
            double validationShare, double alertThreshold, AutoencoderTrainer.Hyperparameters hyperparameters) {
        public static Options defaults() {
            return new Options(0.2, 0.995, AutoencoderTrainer.Hyperparameters.defaults());
        }
    }

    /** Told what the training is doing. */
    public interface Progress extends AutoencoderTrainer.EpochListener {
        void replayed(int rows);
    }

    /** A trained model and its manifest (not yet saved). */
    public record Result(ModelManifest manifest, Dl4jAutoencoder model) {}

    private final Options options;
    private final Clock clock;

    public AutoencoderTraining(Options options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    public Result train(Iterator<Transaction> history, int maxRows, Progress progress) {
        Replay replay = replay(history, maxRows);
        progress.replayed(replay.rows.size());
        int split = (int) Math.round(replay.rows.size() * (1 - options.validationShare()));
        if (split < 100 || replay.rows.size() - split < 50) {
            throw new IllegalArgumentException("need at least 150 transactions to train, got " + replay.rows.size());
        }
        List<double[]> trainLegit = legitimate(replay, 0, split);
        List<double[]> validationLegit = legitimate(replay, split, replay.rows.size());
        Standardizer standardizer = Standardizer.fit(trainLegit);
        Dl4jAutoencoder model = new AutoencoderTrainer(options.hyperparameters())
                .train(scale(standardizer, trainLegit), scale(standardizer, validationLegit), progress);

        AnomalyScorer uncalibrated = new AnomalyScorer(standardizer, new ErrorCalibration(new double[] {0, 1}), model);
        double[] legitErrors = errors(uncalibrated, validationLegit);
        ErrorCalibration calibration = ErrorCalibration.fit(legitErrors, 1001);
        AnomalyScorer scorer = new AnomalyScorer(standardizer, calibration, model);

        Instant now = clock.instant();
        ModelManifest manifest = new ModelManifest(
                "ae-" + VERSION_TIME.format(now) + "-" + replay.fingerprint.substring(0, 6),
                "autoencoder",
                now,
                FeatureCatalogue.features().stream().map(FeatureSpec::name).toList(),
                standardizer,
                calibration,
                options.alertThreshold(),
                trainLegit.size(),
                replay.fingerprint,
                ModelBundles.NETWORK_FILE,
                null,
                null,
                null,
                0,
                1,
                "legitimate rows only, " + options.hyperparameters().epochs() + " epochs",
                validationMetrics(scorer, replay, split));
        return new Result(manifest, model);
    }

    private static Replay replay(Iterator<Transaction> history, int maxRows) {
        FeaturePipeline features = new FeaturePipeline();
        Replay replay = new Replay();
        MessageDigest digest = sha256();
        while (history.hasNext() && replay.rows.size() < maxRows) {
            Transaction tx = history.next();
            double[] row = new double[FeatureCatalogue.SIZE];
            features.next(tx, row);
            replay.rows.add(row);
            replay.labels.add(tx.fraudLabel());
            digest.update(tx.transactionId().getBytes(StandardCharsets.UTF_8));
        }
        replay.fingerprint = HexFormat.of().formatHex(digest.digest());
        return replay;
    }

    private static List<double[]> legitimate(Replay replay, int from, int to) {
        List<double[]> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (!Boolean.TRUE.equals(replay.labels.get(i))) {
                rows.add(replay.rows.get(i));
            }
        }
        return rows;
    }

    private static double[][] scale(Standardizer standardizer, List<double[]> rows) {
        double[][] scaled = new double[rows.size()][];
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = standardizer.apply(rows.get(i));
        }
        return scaled;
    }

    private static double[] errors(AnomalyScorer scorer, List<double[]> rows) {
        return scorer.errors(rows.toArray(double[][]::new));
    }

    private Map<String, Double> validationMetrics(AnomalyScorer scorer, Replay replay, int split) {
        int n = replay.rows.size() - split;
        double[][] rows = replay.rows.subList(split, replay.rows.size()).toArray(double[][]::new);
        Scorer.RowScore[] scores = scorer.score(rows, 2);
        double[] s = new double[n];
        boolean[] fraud = new boolean[n];
        long alerts = 0;
        long frauds = 0;
        long caught = 0;
        for (int i = 0; i < n; i++) {
            s[i] = scores[i].score();
            fraud[i] = Boolean.TRUE.equals(replay.labels.get(split + i));
            boolean alert = s[i] >= options.alertThreshold();
            alerts += alert ? 1 : 0;
            frauds += fraud[i] ? 1 : 0;
            caught += alert && fraud[i] ? 1 : 0;
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("validation_rows", (double) n);
        metrics.put("validation_frauds", (double) frauds);
        metrics.put("validation_alert_rate", (double) alerts / n);
        if (frauds > 0 && frauds < n) {
            metrics.put("validation_roc_auc", Metrics.rocAuc(s, fraud));
            metrics.put("validation_average_precision", Metrics.averagePrecision(s, fraud));
            metrics.put("validation_recall_at_threshold", (double) caught / frauds);
            metrics.put("validation_precision_at_threshold", alerts == 0 ? 0.0 : (double) caught / alerts);
        }
        return metrics;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Replay {
        final List<double[]> rows = new ArrayList<>();
        final List<Boolean> labels = new ArrayList<>();
        String fingerprint;
    }
}
