package pe.centinela.generator;

import java.util.Locale;

/** The kind of fraud a generated transaction belongs to; {@link #NONE} for legitimate traffic. */
public enum FraudScenario {
    NONE,
    ACCOUNT_TAKEOVER,
    CARD_TESTING,
    COMPROMISED_POS,
    AMOUNT_SPIKE;

    private final String code = name().toLowerCase(Locale.ROOT);

    /** The lower_snake code used in CSV files, e.g. {@code account_takeover}. */
    public String code() {
        return code;
    }
}
