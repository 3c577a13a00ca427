package pe.centinela.core.scoring;

/**
 * Scores feature rows with an autoencoder: standardize, reconstruct the whole batch in one call, and calibrate
 * the mean squared error. Keeps the per-feature error for explanations.
 */
public final class AnomalyScorer {

    private final Standardizer standardizer;
    private final ErrorCalibration calibration;
    private final ReconstructionModel model;

    public AnomalyScorer(Standardizer standardizer, ErrorCalibration calibration, ReconstructionModel model) {
        if (standardizer.width() != model.inputSize()) {
            throw new IllegalArgumentException("model takes " + model.inputSize() + " inputs but the scaler has " + standardizer.width());
        }
        this.standardizer = standardizer;
        this.calibration = calibration;
        this.model = model;
    }

    /** Result of one row: calibrated score, raw error and per-feature squared error. */
    public record RowScore(double score, double error, double[] featureErrors) {
    }

    public RowScore[] score(double[][] rawRows) {
        int n = rawRows.length;
        double[][] scaled = new double[n][];
        for (int i = 0; i < n; i++) {
            scaled[i] = standardizer.apply(rawRows[i]);
        }
        double[][] reconstructed = n == 0 ? new double[0][] : model.reconstruct(scaled);
        RowScore[] out = new RowScore[n];
        for (int i = 0; i < n; i++) {
            double[] featureErrors = squaredErrors(scaled[i], reconstructed[i]);
            double error = mean(featureErrors);
            out[i] = new RowScore(calibration.score(error), error, featureErrors);
        }
        return out;
    }

    public static double[] squaredErrors(double[] input, double[] reconstruction) {
        double[] errors = new double[input.length];
        for (int j = 0; j < input.length; j++) {
            double d = input[j] - reconstruction[j];
            errors[j] = d * d;
        }
        return errors;
    }

    public static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
