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
    CNN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelFamily parse(String text) {
        for (ModelFamily f : values()) {
            if (f.code().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown model '" + text + "', expected logistic, autoencoder, dense, hybrid or cnn");
    }
}
