package pe.centinela.core.inference;

/** Turns raw feature rows into scores in [0, 1] in one batch, and says which features drove the high ones. */
public interface Scorer {

    /**
     * One row's score and, where it is explained, the features' shares in it.
     *
     * @param score         0–1, higher is more suspicious
     * @param contributions per-feature share in the score for rows at or above the explanation level, else null
     */
    record RowScore(double score, double[] contributions) {}

    /** Raw features per row: {@code FeatureCatalogue.SIZE} times {@link #sequenceLength()}. */
    int inputSize();

    /** Transactions per input row: 1, or the sequence length of a sequence model. */
    default int sequenceLength() {
        return 1;
    }

    RowScore[] score(double[][] rawRows, double explainFrom);
}
