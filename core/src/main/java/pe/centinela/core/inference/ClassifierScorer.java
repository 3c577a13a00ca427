package pe.centinela.core.inference;

import java.util.Arrays;
import pe.centinela.core.numeric.TanhAndLog1p;

/**
 * Scores with a supervised classifier: the score is the probability of fraud. High scores are explained by occlusion:
 * each feature in turn is set to its training average, and the drop in probability is that feature's contribution
 * (one extra batched call per explained row). For the hybrid model, the autoencoder's error is appended as an input.
 */
public final class ClassifierScorer implements Scorer {

    private final Standardizer standardizer;
    private final ProbabilityModel model;
    private final AnomalyScorer autoencoder;
    private final double errorMean;
    private final double errorScale;

    public ClassifierScorer(Standardizer standardizer, ProbabilityModel model) {
        this(standardizer, model, null, 0, 1);
    }

    /** A hybrid: {@code autoencoder}'s error, as ln(1 + error) standardized by the given mean and scale, is the last input. */
    public ClassifierScorer(
            Standardizer standardizer,
            ProbabilityModel model,
            AnomalyScorer autoencoder,
            double errorMean,
            double errorScale) {
        int expected = standardizer.width() + (autoencoder == null ? 0 : 1);
        if (model.inputSize() != expected) {
            throw new IllegalArgumentException(
                    "model takes " + model.inputSize() + " inputs but " + expected + " are prepared");
        }
        this.standardizer = standardizer;
        this.model = model;
        this.autoencoder = autoencoder;
        this.errorMean = errorMean;
        this.errorScale = errorScale;
    }

    @Override
    public int inputSize() {
        return standardizer.width();
    }

    @Override
    public int sequenceLength() {
        return standardizer.width() / pe.centinela.core.features.FeatureCatalogue.SIZE;
    }

    @Override
    public RowScore[] score(double[][] rawRows, double explainFrom) {
        double[][] inputs = inputs(rawRows);
        double[] p = model.fraudProbability(inputs);
        RowScore[] out = new RowScore[rawRows.length];
        for (int i = 0; i < rawRows.length; i++) {
            out[i] = new RowScore(p[i], p[i] >= explainFrom ? occlusion(inputs[i], p[i]) : null);
        }
        return out;
    }

    private double[][] inputs(double[][] rawRows) {
        double[] errors = autoencoder == null ? null : autoencoder.errors(rawRows);
        double[][] inputs = new double[rawRows.length][];
        for (int i = 0; i < rawRows.length; i++) {
            double[] scaled = standardizer.apply(rawRows[i]);
            if (errors != null) {
                scaled = Arrays.copyOf(scaled, scaled.length + 1);
                scaled[scaled.length - 1] =
                        Math.max(-8, Math.min(8, (TanhAndLog1p.log1p(errors[i]) - errorMean) / errorScale));
            }
            inputs[i] = scaled;
        }
        return inputs;
    }

    /** Per catalogue feature; for a sequence model, summed over the sequence's steps. */
    private double[] occlusion(double[] input, double probability) {
        int width = standardizer.width();
        int features = pe.centinela.core.features.FeatureCatalogue.SIZE;
        double[][] occluded = new double[width][];
        for (int j = 0; j < width; j++) {
            occluded[j] = input.clone();
            occluded[j][j] = 0;
        }
        double[] without = model.fraudProbability(occluded);
        double[] contributions = new double[features];
        for (int j = 0; j < width; j++) {
            contributions[j % features] += Math.max(0, probability - without[j]);
        }
        return contributions;
    }

    @Override
    public String toString() {
        return "ClassifierScorer[" + model.getClass().getSimpleName() + (autoencoder == null ? "" : ", " + autoencoder)
                + "]";
    }
}
