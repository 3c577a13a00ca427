package pe.centinela.core.cases;

import java.util.Optional;
import pe.centinela.core.domain.Role;

/**
 * Who may move a case from one status to another, as alerts move ({@link pe.centinela.core.domain.AlertWorkflow}): an
 * analyst takes an open case into investigation, then closes it (fraud or not fraud) or escalates it; only a
 * supervisor closes an escalated case or reopens a closed one.
 */
public final class CaseWorkflow {

    private CaseWorkflow() {}

    /** Why the move is refused, or empty when it is allowed. */
    public static Optional<String> refusal(CaseStatus from, CaseStatus to, Role role) {
        boolean supervisor = role == Role.SUPERVISOR || role == Role.ADMIN;
        boolean allowed = switch (from) {
            case OPEN -> to == CaseStatus.INVESTIGATING;
            case INVESTIGATING -> to.closed() || to == CaseStatus.ESCALATED;
            case ESCALATED -> supervisor && to.closed();
            case CLOSED_FRAUD, CLOSED_NOT_FRAUD -> supervisor && to == CaseStatus.INVESTIGATING;
        };
        if (allowed) {
            return Optional.empty();
        }
        boolean supervisorWould =
                !supervisor && refusal(from, to, Role.SUPERVISOR).isEmpty();
        return Optional.of(
                supervisorWould
                        ? "only a supervisor may move a case from " + from.code() + " to " + to.code()
                        : "a case cannot move from " + from.code() + " to " + to.code());
    }
}
