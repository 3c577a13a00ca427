package pe.centinela.core.domain;

import java.util.Optional;

/**
 * Who may move an alert from one status to another: an analyst takes a new alert into investigation and decides it
 * (confirmed fraud or false positive) or escalates it; only a supervisor decides an escalated alert or reopens a
 * decided one.
 */
public final class AlertWorkflow {

    private AlertWorkflow() {}

    /** Why the move is refused, or empty when it is allowed. */
    public static Optional<String> refusal(AlertStatus from, AlertStatus to, Role role) {
        boolean supervisor = role == Role.SUPERVISOR || role == Role.ADMIN;
        boolean allowed = switch (from) {
            case NEW -> to == AlertStatus.INVESTIGATING;
            case INVESTIGATING ->
                to == AlertStatus.CONFIRMED_FRAUD || to == AlertStatus.FALSE_POSITIVE || to == AlertStatus.ESCALATED;
            case ESCALATED -> supervisor && (to == AlertStatus.CONFIRMED_FRAUD || to == AlertStatus.FALSE_POSITIVE);
            case CONFIRMED_FRAUD, FALSE_POSITIVE -> supervisor && to == AlertStatus.INVESTIGATING;
        };
        if (allowed) {
            return Optional.empty();
        }
        boolean supervisorWould =
                !supervisor && refusal(from, to, Role.SUPERVISOR).isEmpty();
        return Optional.of(
                supervisorWould
                        ? "only a supervisor may move an alert from " + from.code() + " to " + to.code()
                        : "an alert cannot move from " + from.code() + " to " + to.code());
    }
}
