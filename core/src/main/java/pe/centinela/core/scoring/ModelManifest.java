package pe.centinela.core.scoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The description stored beside a model's network: what it was trained on, how its inputs are scaled and
 * how its output becomes a score. Together with the network file it forms a model bundle.
 *
 * @param version          unique version, e.g. {@code ae-20261124-0130}
 * @param kind             model kind, e.g. {@code autoencoder}
 * @param createdAt        when it was trained
 * @param features         feature names in input order
 * @param standardizer     input scaling
 * @param calibration      error-to-score mapping
 * @param alertThreshold   suggested alert threshold
 * @param trainingRows     rows it was trained on
 * @param dataFingerprint  sha256 of the training rows' ids, to recognise the data later
 * @param networkFile      file name of the network beside the manifest
 * @param networkSha256    checksum of the network file, verified on load
 * @param metrics          figures measured at training time
 */
public record ModelManifest(String version, String kind, Instant createdAt, List<String> features,
                            Standardizer standardizer, ErrorCalibration calibration, double alertThreshold,
                            long trainingRows, String dataFingerprint, String networkFile, String networkSha256,
                            Map<String, Double> metrics) {

    public static final String FILE_NAME = "manifest.json";
}
