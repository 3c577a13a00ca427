package pe.centinela.core.inference;

/**
 * Scores feature rows with an autoencoder: standardize, reconstruct the whole batch in one call, and calibrate
 * the mean squared error. The per-feature errors are the explanation.
 */
public final class AnomalyScorer implements Scorer {

    private final Standardizer standardizer;
    private final ErrorCalibration calibration;
    private final ReconstructionModel model;

    public AnomalyScorer(Standardizer standardizer, ErrorCalibration calibration, ReconstructionModel model) {
        if (standardizer.width() != model.inputSize()) {
            throw new IllegalArgumentException(
                    "model takes " + model.inputSize() + " inputs but the scaler has " + standardizer.width());
        }
        this.standardizer = standardizer;
        this.calibration = calibration;
        this.model = model;
    }

    @Override
    public int inputSize() {
        return standardizer.width();
    }

    @Override
    public RowScore[] score(double[][] rawRows, double explainFrom) {
        double[][] featureErrors = featureErrors(rawRows);
        RowScore[] out = new RowScore[rawRows.length];
        for (int i = 0; i < rawRows.length; i++) {
            out[i] = new RowScore(calibration.score(mean(featureErrors[i])), featureErrors[i]);
        }
        return out;
    }

    /** Mean squared reconstruction error of each row, before calibration. */
    public double[] errors(double[][] rawRows) {
        double[][] featureErrors = featureErrors(rawRows);
        double[] errors = new double[rawRows.length];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = mean(featureErrors[i]);
        }
        return errors;
    }

    /** Each row's squared reconstruction error per feature, on the scaled inputs. */
    public double[][] featureErrors(double[][] rawRows) {
        int n = rawRows.length;
        double[][] scaled = new double[n][];
        for (int i = 0; i < n; i++) {
            scaled[i] = standardizer.apply(rawRows[i]);
        }
        double[][] reconstructed = n == 0 ? new double[0][] : model.reconstruct(scaled);
        double[][] errors = new double[n][];
        for (int i = 0; i < n; i++) {
            errors[i] = squaredErrors(scaled[i], reconstructed[i]);
        }
        return errors;
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

    @Override
    public String toString() {
        return "AnomalyScorer[" + model.getClass().getSimpleName() + "]";
    }
}
