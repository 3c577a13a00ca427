package pe.centinela.scoring.training;

import java.util.Locale;

/** The models the platform trains and compares. */
public enum ModelFamily {
    /** Baseline: multinomial logistic regression on the same features. */
    LOGISTIC,
    /** Autoencoder trained on legitimate transactions; the score is its calibrated reconstruction error (no labels needed). */
    AUTOENCODER,
    /** Supervised dense network. */
    DENSE,
    /** Dense network with the autoencoder's reconstruction error as an extra input. */
    HYBRID,
    /** 1D convolutional network over the account's last transactions together with the current one. */
    CNN,
    /** Gradient-boosted trees (XGBoost for training, plain Java for scoring). */
    GBDT,
    /** Gradient-boosted trees with the autoencoder's reconstruction error as an extra input. */
    HYBRID_GBDT;

    /** The name on the command line and in bundles: {@code hybrid-gbdt}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Trees rather than a network. */
    public boolean trees() {
        return this == GBDT || this == HYBRID_GBDT;
    }

    public static ModelFamily parse(String text) {
        for (ModelFamily f : values()) {
            if (f.code().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown model '" + text
                + "', expected logistic, autoencoder, dense, hybrid, cnn, gbdt or hybrid-gbdt");
    }
}
