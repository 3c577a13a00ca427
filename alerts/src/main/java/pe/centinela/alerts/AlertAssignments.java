package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Objects;
import pe.centinela.adapters.http.Caller;
import pe.centinela.core.domain.AlertOwnership;

/**
 * Who holds an alert, by the rules of {@link AlertOwnership}. Changed only by conditional UPDATEs judged by their row
 * count (never read, decide, then write), inside the caller's transaction, each change in the audit trail.
 */
final class AlertAssignments {

    private AlertAssignments() {}

    /** Lets the caller act on the alert, making it theirs first when no one holds it; fails with a {@link Refusal} otherwise. */
    static Future<Void> claim(SqlConnection conn, String alertId, Caller caller) {
        String actor = caller.username();
        return conn.preparedQuery(AlertQueries.CLAIM)
                .execute(Tuple.of(alertId, actor, AlertOwnership.actsOnAnyAlert(caller.role())))
                .compose(rows -> rows.size() == 0
                        ? refused(conn, alertId)
                        : claimed(conn, alertId, actor, rows.iterator().next().getString("previous_assignee")));
    }

    private static Future<Void> claimed(SqlConnection conn, String alertId, String actor, String previous) {
        return previous == null ? recordChange(conn, alertId, actor, null, actor) : Future.succeededFuture();
    }

    /** Gives the alert to {@code assignee} (null: back to the queue) if it is unassigned, the caller's, or the caller acts on any alert. */
    static Future<Void> assign(SqlConnection conn, String alertId, String assignee, Caller caller) {
        return conn.preparedQuery(AlertQueries.ASSIGN)
                .execute(Tuple.of(alertId, assignee, caller.username(), AlertOwnership.actsOnAnyAlert(caller.role())))
                .compose(rows -> rows.size() == 0
                        ? refused(conn, alertId)
                        : recordChange(
                                conn,
                                alertId,
                                caller.username(),
                                rows.iterator().next().getString("previous_assignee"),
                                assignee));
    }

    private static Future<Void> recordChange(
            SqlConnection conn, String alertId, String actor, String previous, String assignee) {
        if (Objects.equals(previous, assignee)) {
            return Future.succeededFuture();
        }
        Tuple event = assignee == null
                ? Tuple.of(alertId, actor, "unassign", null, null, previous)
                : Tuple.of(alertId, actor, "assign", null, null, assignee);
        return conn.preparedQuery(AlertQueries.ADD_EVENT).execute(event).mapEmpty();
    }

    private static Future<Void> refused(SqlConnection conn, String alertId) {
        return conn.preparedQuery(AlertQueries.ASSIGNEE)
                .execute(Tuple.of(alertId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(new Refusal(404, "not_found", "no alert " + alertId, null));
                    }
                    String holder = rows.iterator().next().getString("assignee");
                    return Future.failedFuture(
                            holder == null
                                    ? new Refusal(
                                            409,
                                            "changed_meanwhile",
                                            "the alert changed while you worked on it; reload it",
                                            null)
                                    : new Refusal(403, "not_yours", AlertOwnership.notYours(alertId, holder), null));
                });
    }
}
