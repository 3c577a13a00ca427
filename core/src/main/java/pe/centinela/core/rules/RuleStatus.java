package pe.centinela.core.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a rule is in its life: a {@code draft} is only tested on history; a {@code shadow} runs live and records its
 * hits without acting; an {@code active} rule decides; a {@code retired} one no longer runs.
 */
public enum RuleStatus {
    DRAFT,
    SHADOW,
    ACTIVE,
    RETIRED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether scoring evaluates the rule on live traffic. */
    public boolean runsLive() {
        return this == SHADOW || this == ACTIVE;
    }

    /** Parses a code; throws {@link IllegalArgumentException} naming the allowed ones. */
    @JsonCreator
    public static RuleStatus fromCode(String code) {
        for (RuleStatus status : values()) {
            if (status.code().equals(code)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown status '" + code + "', expected draft, shadow, active or retired");
    }
}
