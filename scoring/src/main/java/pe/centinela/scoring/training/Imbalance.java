package pe.centinela.scoring.training;

import java.util.Locale;

/** How training makes up for fraud being rare. */
public enum Imbalance {
    /** Fraud rows weigh more in the loss: legitimate/fraud, at most 100. */
    WEIGHTS,
    /** Synthetic fraud rows (SMOTE) until fraud is a quarter of the legitimate rows. */
    SMOTE,
    NONE;

    public static Imbalance parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown imbalance handling '" + text + "', expected weights, smote or none");
        }
    }
}
