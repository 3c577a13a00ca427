package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import pe.centinela.core.domain.AlertStatus;
import pe.centinela.core.domain.Label;
import pe.centinela.core.json.Json;

/**
 * Decisions become labels through an outbox: the label is written in the decision's own database transaction, and
 * {@link LabelRelayVerticle} publishes it to Kafka afterwards, so a decision is never recorded without its label.
 */
final class LabelOutbox {

    static final String PENDING_ADDRESS = "labels.pending";

    static final String ENQUEUE =
            "INSERT INTO label_outbox (alert_id, account_id, label) VALUES ($1, $2, $3::text::jsonb)";
    static final String CLAIM = """
            SELECT id, account_id, label::text AS label FROM label_outbox WHERE published_at IS NULL
            ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED""";
    static final String MARK_PUBLISHED = "UPDATE label_outbox SET published_at = now() WHERE id = ANY($1::bigint[])";

    private LabelOutbox() {}

    static Future<Void> enqueue(SqlConnection conn, Label label) {
        return conn.preparedQuery(ENQUEUE)
                .execute(Tuple.of(label.alertId(), label.accountId(), Json.toString(label)))
                .mapEmpty();
    }

    /**
     * The label of a decided alert, from a row with its {@code alert_id}, {@code transaction_id}, {@code account_id},
     * {@code merchant_id}, {@code tx_time}, {@code counterparty_account} and {@code device_id}.
     */
    static Label label(Row alert, AlertStatus decision, String actor) {
        return new Label(
                alert.getString("transaction_id"),
                alert.getString("account_id"),
                alert.getString("merchant_id"),
                decision == AlertStatus.CONFIRMED_FRAUD,
                alert.getString("alert_id"),
                actor,
                Instant.now(),
                alert.getOffsetDateTime("tx_time").toInstant(),
                alert.getString("counterparty_account"),
                alert.getString("device_id"));
    }
}
