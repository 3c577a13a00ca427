package pe.centinela.core.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The answer to "may this payment go through?". */
public enum Decision {
    APPROVE,
    REVIEW,
    DECLINE;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a code as {@link #code()} writes it. */
    public static Decision fromCode(String code) {
        for (Decision decision : values()) {
            if (decision.code().equals(code)) {
                return decision;
            }
        }
        throw new IllegalArgumentException("unknown decision '" + code + "', expected approve, review or decline");
    }
}
