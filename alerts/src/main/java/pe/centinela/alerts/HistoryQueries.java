package pe.centinela.alerts;

/** SQL of the scored-transaction history, with bound parameters only. */
final class HistoryQueries {

    private HistoryQueries() {
    }

    static final String INSERT = """
            INSERT INTO scored_transactions (transaction_id, account_id, tx_time, amount, currency, amount_pen, merchant_id, mcc,
                                             channel, score, model_version, alert, scored_at)
            SELECT t, acc, ts::timestamptz, amt::numeric, cur, pen::numeric, m, mcc, ch, s, mv, al, sa::timestamptz
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                        $9::text[], $10::float8[], $11::text[], $12::bool[], $13::text[])
                 AS u(t, acc, ts, amt, cur, pen, m, mcc, ch, s, mv, al, sa)
            ON CONFLICT (transaction_id) DO NOTHING""";

    static final String ALERT_ANCHOR = "SELECT transaction_id, account_id, tx_time FROM alerts WHERE alert_id = $1";

    static final String AROUND = """
            SELECT transaction_id, tx_time, amount::text AS amount, currency, amount_pen::text AS amount_pen, merchant_id, mcc, channel,
                   score, alert
            FROM scored_transactions
            WHERE account_id = $1 AND tx_time >= $2 AND tx_time <= $3
            ORDER BY tx_time DESC LIMIT $4""";

    static final String EXPIRE = "DELETE FROM scored_transactions WHERE scored_at < $1";
}
