package pe.centinela.core.inference;

import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.numeric.TanhAndLog1p;

/**
 * Scores with gradient-boosted trees: the score is the trees' probability of fraud. The trees take the raw features
 * (splits do not care about scale); for the hybrid, ln(1 + the autoencoder's mean squared error) is the last input.
 * High scores are explained by path attribution ({@link TreeEnsemble#pathContributions}): each feature's positive
 * contribution to the log-odds; the hybrid's error input is shared among the features in proportion to their
 * reconstruction errors, the autoencoder's own explanation. Path attribution costs what scoring costs; exact TreeSHAP
 * ({@link TreeShap}) costs milliseconds a row on hundreds of trees, which a burst of alerts would turn into a backlog.
 */
public final class TreeScorer implements Scorer {

    private final TreeEnsemble trees;
    private final AnomalyScorer autoencoder;

    public TreeScorer(TreeEnsemble trees) {
        this(trees, null);
    }

    /** A hybrid when {@code autoencoder} is not null. */
    public TreeScorer(TreeEnsemble trees, AnomalyScorer autoencoder) {
        int expected = FeatureCatalogue.SIZE + (autoencoder == null ? 0 : 1);
        if (trees.inputSize() != expected) {
            throw new IllegalArgumentException(
                    "the trees take " + trees.inputSize() + " inputs but " + expected + " are prepared");
        }
        this.trees = trees;
        this.autoencoder = autoencoder;
    }

    /** ln(1 + error): the hybrid's extra input, in training and in scoring. */
    public static double errorInput(double meanSquaredError) {
        return TanhAndLog1p.log1p(meanSquaredError);
    }

    @Override
    public int inputSize() {
        return FeatureCatalogue.SIZE;
    }

    @Override
    public RowScore[] score(double[][] rawRows, double explainFrom) {
        int n = rawRows.length;
        int width = trees.inputSize();
        double[][] featureErrors = autoencoder == null ? null : autoencoder.featureErrors(rawRows);
        float[] x = new float[n * width];
        for (int i = 0; i < n; i++) {
            double[] row = rawRows[i];
            int offset = i * width;
            for (int j = 0; j < FeatureCatalogue.SIZE; j++) {
                x[offset + j] = (float) row[j];
            }
            if (featureErrors != null) {
                x[offset + FeatureCatalogue.SIZE] = (float) errorInput(AnomalyScorer.mean(featureErrors[i]));
            }
        }
        float[] margins = trees.margins(x, n);
        RowScore[] out = new RowScore[n];
        for (int i = 0; i < n; i++) {
            double p = TreeEnsemble.probability(margins[i]);
            double[] contributions = null;
            if (p >= explainFrom) {
                contributions = explanation(
                        trees.pathContributions(x, i * width), featureErrors == null ? null : featureErrors[i]);
            }
            out[i] = new RowScore(p, contributions);
        }
        return out;
    }

    private static double[] explanation(double[] phi, double[] featureErrors) {
        double[] contributions = new double[FeatureCatalogue.SIZE];
        for (int j = 0; j < contributions.length; j++) {
            contributions[j] = Math.max(0, phi[j]);
        }
        if (featureErrors != null && phi[FeatureCatalogue.SIZE] > 0) {
            double total = 0;
            for (double e : featureErrors) {
                total += e;
            }
            for (int j = 0; total > 0 && j < contributions.length; j++) {
                contributions[j] += phi[FeatureCatalogue.SIZE] * featureErrors[j] / total;
            }
        }
        return contributions;
    }

    @Override
    public String toString() {
        return "TreeScorer[" + trees.trees() + " trees" + (autoencoder == null ? "" : ", " + autoencoder) + "]";
    }
}
