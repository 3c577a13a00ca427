package pe.centinela.core.inference;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The description stored beside a model's network(s): what it was trained on, how its inputs are scaled and how its
 * output becomes a score. Together with the network files it forms a model bundle.
 *
 * @param version           unique version, e.g. {@code dense-20261124-0130}
 * @param kind              model family: {@code autoencoder}, {@code logistic}, {@code dense}, {@code hybrid}, {@code cnn},
 *                          {@code gbdt} or {@code hybrid-gbdt}
 * @param createdAt         when it was trained
 * @param features          feature names in input order (the full catalogue is in {@code feature-catalogue.json})
 * @param standardizer      input scaling
 * @param calibration       error-to-score mapping of the autoencoder (autoencoder and hybrid), else null
 * @param alertThreshold    threshold chosen at training time from the business target
 * @param trainingRows      rows it was trained on
 * @param dataFingerprint   sha256 of the training rows' ids, to recognise the data later
 * @param networkFile       file of the main network beside the manifest, or of the trees ({@code trees.json})
 * @param networkSha256     its checksum, verified on load
 * @param autoencoderFile   a hybrid's autoencoder network, else null
 * @param autoencoderSha256 its checksum
 * @param errorMean         the hybrid's mean of ln(1 + autoencoder error) on training rows (0 for trees, which take it unscaled)
 * @param errorScale        and its standard deviation (1 for trees)
 * @param settings          hyperparameters and imbalance handling, in words (for trees, every XGBoost parameter that differs
 *                          from XGBoost's defaults, and the rounds kept)
 * @param metrics           figures measured on the time-ordered validation window
 */
public record ModelManifest(
        String version,
        String kind,
        Instant createdAt,
        List<String> features,
        Standardizer standardizer,
        ErrorCalibration calibration,
        double alertThreshold,
        long trainingRows,
        String dataFingerprint,
        String networkFile,
        String networkSha256,
        String autoencoderFile,
        String autoencoderSha256,
        double errorMean,
        double errorScale,
        String settings,
        Map<String, Double> metrics) {

    public static final String FILE_NAME = "manifest.json";

    /** The same manifest with the files' names and checksums filled in. */
    public ModelManifest withFiles(
            String network, String networkChecksum, String autoencoder, String autoencoderChecksum) {
        return new ModelManifest(
                version,
                kind,
                createdAt,
                features,
                standardizer,
                calibration,
                alertThreshold,
                trainingRows,
                dataFingerprint,
                network,
                networkChecksum,
                autoencoder,
                autoencoderChecksum,
                errorMean,
                errorScale,
                settings,
                metrics);
    }
}
