package pe.centinela.core.cases;

import java.util.Locale;
import java.util.Optional;
import pe.centinela.core.domain.AlertStatus;

/** Where a case is in the analysts' workflow: open until someone takes it, closed by one decision on all its alerts. */
public enum CaseStatus {
    OPEN,
    INVESTIGATING,
    ESCALATED,
    CLOSED_FRAUD,
    CLOSED_NOT_FRAUD;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CaseStatus fromCode(String code) {
        for (CaseStatus s : values()) {
            if (s.code().equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown case status '" + code
                + "', expected open, investigating, escalated, closed_fraud or closed_not_fraud");
    }

    public boolean closed() {
        return this == CLOSED_FRAUD || this == CLOSED_NOT_FRAUD;
    }

    /** The status a closing decision gives each of the case's alerts: the label every one of them gets. */
    public Optional<AlertStatus> alertDecision() {
        return switch (this) {
            case CLOSED_FRAUD -> Optional.of(AlertStatus.CONFIRMED_FRAUD);
            case CLOSED_NOT_FRAUD -> Optional.of(AlertStatus.FALSE_POSITIVE);
            default -> Optional.empty();
        };
    }
}
