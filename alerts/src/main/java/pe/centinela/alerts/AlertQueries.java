package pe.centinela.alerts;

/** Every SQL statement of the alert store, with bound parameters only. */
final class AlertQueries {

    private AlertQueries() {}

    /**
     * The batch's alerts not stored yet ($1 … $17, one array per column), and the open case of each of their accounts,
     * opened when the account has none (at most one open case per account, by the partial unique index; two batches
     * racing for a new account's case meet in ON CONFLICT). A newly opened case gets its first event.
     */
    private static final String NEW_ALERTS_AND_THEIR_CASES = """
            input AS (
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                                     $8::text[], $9::text[], $10::float8[], $11::float8[], $12::text[], $13::text[],
                                     $14::text[], $15::text[], $16::text[], $17::text[])
                     AS u(a, t, acc, amt, cur, ts, m, mcc, ch, s, th, mv, r, tx, sa, d, rh)
                WHERE NOT EXISTS (SELECT 1 FROM alerts x WHERE x.alert_id = u.a OR x.transaction_id = u.t)
            ), cases_of AS (
                INSERT INTO cases (case_id, account_id)
                SELECT 'case-' || nextval('case_numbers'), acc FROM (SELECT DISTINCT acc FROM input) AS accounts
                ON CONFLICT (account_id) WHERE status IN ('open', 'investigating', 'escalated')
                DO UPDATE SET updated_at = now()
                RETURNING case_id, account_id, (xmax = 0) AS opened
            ), case_opened AS (
                INSERT INTO case_events (case_id, actor, action)
                SELECT case_id, 'centinela', 'opened' FROM cases_of WHERE opened
            )""";

    private static final String STORE_NEW_ALERTS = """
            INSERT INTO alerts (alert_id, transaction_id, account_id, amount, currency, tx_time, merchant_id, mcc, channel,
                                score, threshold, model_version, reasons, transaction, scored_at, decision, rule_hits,
                                case_id)
            SELECT a, t, acc, amt::numeric, cur, ts::timestamptz, m, mcc, ch, s, th, mv, r::jsonb, tx::jsonb, sa::timestamptz,
                   d, rh::jsonb, c.case_id
            FROM input JOIN cases_of c ON c.account_id = input.acc
            ON CONFLICT DO NOTHING
            RETURNING alert_id, transaction_id, account_id, amount::text AS amount, currency, tx_time, merchant_id, mcc,
                      channel, score, threshold, model_version, reasons::text AS reasons, status, assignee, created_at,
                      decision, rule_hits::text AS rule_hits, case_id
            """;

    /** Stores a batch of alerts, each in its account's open case; a redelivered alert is skipped, and opens no case. */
    static final String INSERT_ALERTS = "WITH " + NEW_ALERTS_AND_THEIR_CASES + "\n" + STORE_NEW_ALERTS;

    /**
     * {@link #INSERT_ALERTS} that also enqueues an {@code alert.created} webhook delivery for each row actually
     * inserted, in the same statement; $18 and $19 hold each alert's event id and payload, in the order of $1.
     */
    static final String INSERT_ALERTS_AND_WEBHOOKS =
            "WITH " + NEW_ALERTS_AND_THEIR_CASES + ", stored AS (" + STORE_NEW_ALERTS + """
            ), enqueued AS (
                INSERT INTO webhook_deliveries (event_id, event_type, payload)
                SELECT e.event_id, 'alert.created', e.payload::jsonb
                FROM stored JOIN unnest($1::text[], $18::text[], $19::text[]) AS e(alert_id, event_id, payload) USING (alert_id)
                ON CONFLICT (event_id) DO NOTHING
            )
            SELECT * FROM stored
            """;

    static final String LIST_COLUMNS = """
            SELECT alert_id, transaction_id, account_id, amount::text AS amount, currency, tx_time, merchant_id, mcc, channel,
                   score, threshold, model_version, reasons::text AS reasons, status, assignee, created_at,
                   decision, rule_hits::text AS rule_hits, case_id
            FROM alerts
            """;

    static final String ALERT_DETAIL = """
            SELECT alert_id, transaction_id, account_id, amount::text AS amount, currency, tx_time, merchant_id, mcc, channel,
                   score, threshold, model_version, reasons::text AS reasons, status, assignee, created_at, updated_at,
                   transaction::text AS transaction, decision, rule_hits::text AS rule_hits, case_id
            FROM alerts WHERE alert_id = $1""";

    static final String ALERT_EVENTS =
            "SELECT at, actor, action, from_status, to_status, detail FROM alert_events WHERE alert_id = $1 ORDER BY id";

    static final String MOVE_STATUS = """
            UPDATE alerts SET status = $1, updated_at = now() WHERE alert_id = $2 AND status = $3
            RETURNING alert_id, transaction_id, account_id, merchant_id, tx_time,
                transaction->>'counterparty_account' AS counterparty_account, transaction->>'device_id' AS device_id""";

    /**
     * Makes an alert the work of $2 when no one holds it, in the one statement that checks it is $2's (or that $3, the
     * caller, acts on any alert); no row back means it is missing or someone else's. The row lock of {@code current} makes
     * a concurrent claim wait and then see this one's assignee, so of two callers exactly one wins.
     */
    static final String CLAIM = """
            WITH current AS (SELECT alert_id, assignee FROM alerts WHERE alert_id = $1 FOR UPDATE)
            UPDATE alerts SET assignee = coalesce(current.assignee, $2),
                              updated_at = CASE WHEN current.assignee IS NULL THEN now() ELSE alerts.updated_at END
            FROM current
            WHERE alerts.alert_id = current.alert_id AND (current.assignee IS NULL OR current.assignee = $2 OR $3)
            RETURNING current.assignee AS previous_assignee""";

    /** Sets the assignee to $2 (null: nobody) if the alert is unassigned, $3's, or $4 (the caller acts on any alert). */
    static final String ASSIGN = """
            WITH current AS (SELECT alert_id, assignee FROM alerts WHERE alert_id = $1 FOR UPDATE)
            UPDATE alerts SET assignee = $2, updated_at = now()
            FROM current
            WHERE alerts.alert_id = current.alert_id AND (current.assignee IS NULL OR current.assignee = $3 OR $4)
            RETURNING current.assignee AS previous_assignee""";

    static final String ASSIGNEE = "SELECT assignee FROM alerts WHERE alert_id = $1";

    static final String ADD_EVENT =
            "INSERT INTO alert_events (alert_id, actor, action, from_status, to_status, detail) VALUES ($1, $2, $3, $4, $5, $6)";

    static final String CONFIRMED_OF_ACCOUNT = """
            SELECT transaction::text AS transaction, reasons::text AS reasons FROM alerts
            WHERE account_id = $1 AND status = 'confirmed_fraud' ORDER BY tx_time""";
}
