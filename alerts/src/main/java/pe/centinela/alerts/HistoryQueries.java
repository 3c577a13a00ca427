package pe.centinela.alerts;

/** SQL of the scored-transaction history, with bound parameters only. */
final class HistoryQueries {

    private HistoryQueries() {}

    static final String INSERT = """
            INSERT INTO scored_transactions (transaction_id, account_id, tx_time, amount, currency, amount_pen, merchant_id, mcc,
                                             channel, score, model_version, alert, scored_at, shadow_version, shadow_score, shadow_alert,
                                             review, decision, rule_hits, device_id, ip, counterparty_account)
            SELECT t, acc, ts::timestamptz, amt::numeric, cur, pen::numeric, m, mcc, ch, s, mv, al, sa::timestamptz, sv, ss, sal, rv,
                   d, rh::jsonb, dev, ip, cp
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                        $9::text[], $10::float8[], $11::text[], $12::bool[], $13::text[], $14::text[], $15::float8[], $16::bool[],
                        $17::bool[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[])
                 AS u(t, acc, ts, amt, cur, pen, m, mcc, ch, s, mv, al, sa, sv, ss, sal, rv, d, rh, dev, ip, cp)
            ON CONFLICT (transaction_id) DO NOTHING""";

    static final String ALERT_ANCHOR = "SELECT transaction_id, account_id, tx_time FROM alerts WHERE alert_id = $1";

    static final String AROUND = """
            SELECT transaction_id, tx_time, amount::text AS amount, currency, amount_pen::text AS amount_pen, merchant_id, mcc, channel,
                   score, alert, review
            FROM scored_transactions
            WHERE account_id = $1 AND tx_time >= $2 AND tx_time <= $3
            ORDER BY tx_time DESC LIMIT $4""";

    /**
     * Per version that scored in the window: how much it scored and alerted, and how its alerts were decided; beside
     * it, per shadow, how often it agreed with the model in force and how the alerts it would have raised were decided
     * (only transactions the model in force alerted on are decided, so the shadow's precision counts those).
     */
    static final String VERSIONS = """
            SELECT s.model_version AS version, count(*) AS scored, count(*) FILTER (WHERE s.alert) AS alerts,
                   count(*) FILTER (WHERE s.alert AND a.status IN ('confirmed_fraud', 'false_positive')) AS decided,
                   count(*) FILTER (WHERE s.alert AND a.status = 'confirmed_fraud') AS confirmed
            FROM scored_transactions s LEFT JOIN alerts a ON a.transaction_id = s.transaction_id
            WHERE s.scored_at >= $1 GROUP BY s.model_version ORDER BY scored DESC""";

    static final String SHADOWS = """
            SELECT s.shadow_version AS shadow, s.model_version AS version, count(*) AS scored,
                   count(*) FILTER (WHERE s.alert = s.shadow_alert) AS agreed,
                   count(*) FILTER (WHERE s.alert) AS alerts, count(*) FILTER (WHERE s.shadow_alert) AS shadow_alerts,
                   count(*) FILTER (WHERE s.alert AND s.shadow_alert) AS both_alerted,
                   count(*) FILTER (WHERE s.alert AND a.status IN ('confirmed_fraud', 'false_positive')) AS decided,
                   count(*) FILTER (WHERE s.alert AND a.status = 'confirmed_fraud') AS confirmed,
                   count(*) FILTER (WHERE s.shadow_alert AND a.status IN ('confirmed_fraud', 'false_positive')) AS shadow_decided,
                   count(*) FILTER (WHERE s.shadow_alert AND a.status = 'confirmed_fraud') AS shadow_confirmed,
                   count(*) FILTER (WHERE NOT s.shadow_alert AND a.status = 'confirmed_fraud') AS shadow_missed
            FROM scored_transactions s LEFT JOIN alerts a ON a.transaction_id = s.transaction_id
            WHERE s.scored_at >= $1 AND s.shadow_version IS NOT NULL
            GROUP BY s.shadow_version, s.model_version ORDER BY scored DESC""";
}
