package pe.centinela.generator.terminals;

import java.util.Locale;

/** Which fraud pattern of the terminals data set a transaction belongs to; {@link #NONE} for legitimate ones. */
public enum FraudPattern {
    NONE,
    COMPROMISED_TERMINAL,
    ACCOUNT_TAKEOVER,
    CARD_TESTING;

    private final String code = name().toLowerCase(Locale.ROOT);

    /** The lower_snake name printed in summaries, e.g. {@code compromised_terminal}. */
    public String code() {
        return code;
    }
}
