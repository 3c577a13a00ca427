package pe.centinela.core.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a rule asks for when it hits. An {@code allow} hit wins over everything: it is for known-good accounts. */
public enum RuleOutcome {
    DECLINE,
    REVIEW,
    ALLOW;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a code; throws {@link IllegalArgumentException} naming the allowed ones. */
    @JsonCreator
    public static RuleOutcome fromCode(String code) {
        for (RuleOutcome outcome : values()) {
            if (outcome.code().equals(code)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + code + "', expected decline, review or allow");
    }
}
