package pe.centinela.core.domain;

import java.util.Optional;

/**
 * Whose work an alert is. An analyst works only alerts assigned to them or to no one, and acting on an unassigned
 * alert makes it theirs; they may take an unassigned alert or hand their own back to the queue, but never give work
 * to a colleague. Supervisors and admins act on any alert and assign it to anyone. The check against the alert's
 * current assignee is made by the database, in the same statement that claims the alert, so two callers cannot both win.
 */
public final class AlertOwnership {

    private AlertOwnership() {}

    /** Whether the role may act on alerts assigned to someone else and reassign them. */
    public static boolean actsOnAnyAlert(Role role) {
        return role == Role.SUPERVISOR || role == Role.ADMIN;
    }

    /**
     * Why the caller may not make {@code newAssignee} (null: nobody) the alert's assignee, whoever holds it now; empty
     * when the role allows it.
     */
    public static Optional<String> assignmentRefusal(String newAssignee, String caller, Role role) {
        if (actsOnAnyAlert(role) || newAssignee == null || newAssignee.equals(caller)) {
            return Optional.empty();
        }
        return Optional.of(
                "analysts may take an alert or hand their own back unassigned, not give it to someone else; a supervisor reassigns");
    }

    /** The refusal an analyst gets for acting on a colleague's alert. */
    public static String notYours(String alertId, String assignee) {
        return "alert " + alertId + " is assigned to " + assignee + "; ask a supervisor to reassign it";
    }
}
