package pe.centinela.alerts;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
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
}
