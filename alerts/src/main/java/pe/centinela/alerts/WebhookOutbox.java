package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.AlertStatus;

/**
 * Enqueues webhook events inside the caller's database transaction, so an event is stored exactly when the change it
 * announces is; does nothing when webhooks are off. Once the transaction commits, the senders are woken.
 */
final class WebhookOutbox {

    /** Published (no body) when deliveries became due outside the alert store, e.g. a decision or a manual retry. */
    static final String DUE_ADDRESS = "webhooks.due";

    private final Vertx vertx;
    private final boolean enabled;
    private final Clock clock;

    WebhookOutbox(Vertx vertx, PlatformConfig.Webhooks webhooks, Clock clock) {
        this.vertx = vertx;
        this.enabled = webhooks.enabled();
        this.clock = clock;
    }

    /** An {@code alert.decided} event when {@code to} is a decision; {@code moved} is the row of {@link AlertQueries#MOVE_STATUS}. */
    Future<Void> decided(SqlConnection conn, Row moved, AlertStatus from, AlertStatus to, String actor, String note) {
        if (!enabled || !to.decided()) {
            return Future.succeededFuture();
        }
        WebhookEvents.Decision decision = new WebhookEvents.Decision(
                moved.getString("alert_id"),
                moved.getString("transaction_id"),
                moved.getString("account_id"),
                moved.getString("merchant_id"),
                from,
                to,
                actor,
                note);
        String eventId = WebhookEvents.decidedId(decision.alertId(), to);
        return conn.preparedQuery(WebhookQueries.ENQUEUE)
                .execute(Tuple.of(
                        eventId, WebhookEvents.ALERT_DECIDED, WebhookEvents.decided(decision, clock.instant())))
                .onSuccess(v -> wakeSendersAfterCommit(conn.transaction()))
                .mapEmpty();
    }

    private void wakeSendersAfterCommit(Transaction transaction) {
        if (transaction == null) {
            vertx.eventBus().publish(DUE_ADDRESS, null);
        } else {
            transaction.completion().onSuccess(v -> vertx.eventBus().publish(DUE_ADDRESS, null));
        }
    }
}
