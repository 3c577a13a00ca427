package pe.centinela.alerts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.AlertStatus;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;

/** The events pushed to webhooks: their ids (one delivery per id) and payloads. */
final class WebhookEvents {

    static final String ALERT_CREATED = "alert.created";
    static final String ALERT_DECIDED = "alert.decided";

    private WebhookEvents() {}

    static String createdId(String alertId) {
        return ALERT_CREATED + ":" + alertId;
    }

    static String decidedId(String alertId, AlertStatus status) {
        return ALERT_DECIDED + ":" + alertId + ":" + status.code();
    }

    static JsonObject created(Alert alert, Instant at) {
        Transaction tx = alert.transaction();
        JsonObject body = new JsonObject()
                .put("alert_id", alert.alertId())
                .put("transaction_id", tx.transactionId())
                .put("account_id", tx.accountId())
                .put("amount", tx.amount().toPlainString())
                .put("currency", tx.currency())
                .put("timestamp", tx.timestamp().toString())
                .put("merchant_id", tx.merchantId())
                .put("merchant_category_code", tx.merchantCategoryCode())
                .put("channel", tx.channel().code())
                .put("score", alert.score())
                .put("threshold", alert.threshold())
                .put("model_version", alert.modelVersion())
                .put("reasons", new JsonArray(Json.toString(alert.reasons())))
                .put("status", AlertStatus.NEW.code())
                .put("scored_at", alert.scoredAt().toString())
                .put("transaction", new JsonObject(Json.toString(tx)));
        return envelope(ALERT_CREATED, createdId(alert.alertId()), at).put("alert", body);
    }

    /** Each alert's event id and payload, in the order of the alerts, as the insert's two extra arrays. */
    static String[][] createdColumns(List<Alert> alerts, Instant at) {
        String[] ids = new String[alerts.size()];
        String[] payloads = new String[alerts.size()];
        for (int i = 0; i < alerts.size(); i++) {
            ids[i] = createdId(alerts.get(i).alertId());
            payloads[i] = created(alerts.get(i), at).encode();
        }
        return new String[][] {ids, payloads};
    }

    record Decision(
            String alertId,
            String transactionId,
            String accountId,
            String merchantId,
            AlertStatus from,
            AlertStatus to,
            String decidedBy,
            String note) {}

    static JsonObject decided(Decision d, Instant at) {
        JsonObject decision = new JsonObject()
                .put("alert_id", d.alertId())
                .put("transaction_id", d.transactionId())
                .put("account_id", d.accountId())
                .put("merchant_id", d.merchantId())
                .put("status", d.to().code())
                .put("previous_status", d.from().code())
                .put("fraud", d.to() == AlertStatus.CONFIRMED_FRAUD)
                .put("decided_by", d.decidedBy())
                .put("note", d.note());
        return envelope(ALERT_DECIDED, decidedId(d.alertId(), d.to()), at).put("decision", decision);
    }

    private static JsonObject envelope(String type, String eventId, Instant at) {
        return new JsonObject().put("type", type).put("event_id", eventId).put("occurred_at", at.toString());
    }
}
