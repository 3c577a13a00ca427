package pe.centinela.alerts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import pe.centinela.core.config.PlatformConfig;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.json.Json;

/** Converts alerts to the insert's column arrays and rows to the API's JSON. */
final class AlertRows {

    private AlertRows() {}

    /** The parameters of {@link AlertQueries#INSERT_ALERTS}: the alerts' columns, then how cases link accounts. */
    static Tuple insertParameters(List<Alert> alerts, PlatformConfig.Cases cases) {
        return columns(alerts)
                .addValue(cases.linkBy().toArray(String[]::new))
                .addValue(cases.linkWindow().toSeconds());
    }

    /** The parameters of {@link AlertQueries#INTO_OPEN_CASES}: the alerts' columns, $1 to $17. */
    static Tuple columns(List<Alert> alerts) {
        int n = alerts.size();
        String[] ids = new String[n];
        String[] txIds = new String[n];
        String[] accounts = new String[n];
        String[] amounts = new String[n];
        String[] currencies = new String[n];
        String[] times = new String[n];
        String[] merchants = new String[n];
        String[] mccs = new String[n];
        String[] channels = new String[n];
        Double[] scores = new Double[n];
        Double[] thresholds = new Double[n];
        String[] versions = new String[n];
        String[] reasons = new String[n];
        String[] snapshots = new String[n];
        String[] scoredAt = new String[n];
        String[] decisions = new String[n];
        String[] ruleHits = new String[n];
        for (int i = 0; i < n; i++) {
            Alert a = alerts.get(i);
            Transaction tx = a.transaction();
            ids[i] = a.alertId();
            txIds[i] = tx.transactionId();
            accounts[i] = tx.accountId();
            amounts[i] = tx.amount().toPlainString();
            currencies[i] = tx.currency();
            times[i] = tx.timestamp().toString();
            merchants[i] = tx.merchantId();
            mccs[i] = tx.merchantCategoryCode();
            channels[i] = tx.channel().code();
            scores[i] = a.score();
            thresholds[i] = a.threshold();
            versions[i] = a.modelVersion();
            reasons[i] = Json.toString(a.reasons());
            snapshots[i] = Json.toString(tx);
            scoredAt[i] = a.scoredAt().toString();
            decisions[i] = a.decision().code();
            ruleHits[i] = Json.toString(a.rules());
        }
        return Tuple.of(ids, txIds, accounts, amounts, currencies, times, merchants, mccs, channels, scores)
                .addValue(thresholds)
                .addValue(versions)
                .addValue(reasons)
                .addValue(snapshots)
                .addValue(scoredAt)
                .addValue(decisions)
                .addValue(ruleHits);
    }

    static JsonObject toJson(Row row) {
        return new JsonObject()
                .put("alert_id", row.getString("alert_id"))
                .put("transaction_id", row.getString("transaction_id"))
                .put("account_id", row.getString("account_id"))
                .put("amount", row.getString("amount"))
                .put("currency", row.getString("currency"))
                .put("timestamp", instant(row.getOffsetDateTime("tx_time")))
                .put("merchant_id", row.getString("merchant_id"))
                .put("merchant_category_code", row.getString("mcc"))
                .put("channel", row.getString("channel"))
                .put("score", row.getDouble("score"))
                .put("threshold", row.getDouble("threshold"))
                .put("model_version", row.getString("model_version"))
                .put("reasons", new JsonArray(row.getString("reasons")))
                .put("status", row.getString("status"))
                .put("assignee", row.getString("assignee"))
                .put("created_at", instant(row.getOffsetDateTime("created_at")))
                .put("decision", row.getString("decision"))
                .put("rules", new JsonArray(row.getString("rule_hits")))
                .put("case_id", row.getString("case_id"));
    }

    /** The alert as a given role may see it: identities masked for analysts. */
    static JsonObject forRole(JsonObject alert, pe.centinela.core.domain.Role role) {
        if (pe.centinela.core.domain.PersonalData.seesIdentities(role)) {
            return alert;
        }
        JsonObject masked = alert.copy();
        masked.put("account_id", pe.centinela.core.domain.PersonalData.mask(alert.getString("account_id")));
        JsonObject tx = masked.getJsonObject("transaction");
        if (tx != null) {
            for (String field : pe.centinela.core.domain.PersonalData.IDENTIFYING_FIELDS) {
                if (tx.containsKey(field)) {
                    tx.put(field, pe.centinela.core.domain.PersonalData.mask(tx.getString(field)));
                }
            }
        }
        return masked;
    }

    private static String instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }
}
