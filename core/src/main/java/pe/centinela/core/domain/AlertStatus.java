package pe.centinela.core.domain;

import java.util.Locale;

/** Where an alert is in the analysts' workflow. */
public enum AlertStatus {
    NEW,
    INVESTIGATING,
    CONFIRMED_FRAUD,
    FALSE_POSITIVE,
    ESCALATED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlertStatus fromCode(String code) {
        for (AlertStatus s : values()) {
            if (s.code().equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown status '" + code
                + "', expected new, investigating, confirmed_fraud, false_positive or escalated");
    }

    /** A decision that becomes a label: confirmed fraud or false positive. */
    public boolean decided() {
        return this == CONFIRMED_FRAUD || this == FALSE_POSITIVE;
    }
}
