package pe.centinela.alerts;

/** Every SQL statement of cases, with bound parameters only. Cases are opened by {@link AlertQueries#INSERT_ALERTS}. */
final class CaseQueries {

    private CaseQueries() {}

    static final String SUMMARY_COLUMNS = """
            SELECT case_id, account_id, status, owner, opened_at, updated_at, closed_at, alerts, undecided, max_score,
                   amount_at_risk::text AS amount_at_risk, first_tx_time, last_tx_time, last_alert_at, band, due_at,
                   priority
            FROM case_summaries
            """;

    static final String CASE = SUMMARY_COLUMNS + " WHERE case_id = $1";

    static final String CASE_ALERTS = AlertQueries.LIST_COLUMNS + " WHERE case_id = $1 ORDER BY tx_time, alert_id";

    /** The case's own events, its alerts' events and the alerts' arrival, in time order: what happened, by whom. */
    static final String TIMELINE = """
            SELECT at, actor, action, from_status, to_status, detail, NULL AS alert_id,
                   CASE WHEN action = 'opened' THEN 0 ELSE 2 END AS rank
            FROM case_events WHERE case_id = $1
            UNION ALL
            SELECT e.at, e.actor, e.action, e.from_status, e.to_status, e.detail, e.alert_id, 2
            FROM alert_events e JOIN alerts a ON a.alert_id = e.alert_id WHERE a.case_id = $1
            UNION ALL
            SELECT created_at, 'centinela', 'alert', NULL, NULL, decision, alert_id, 1 FROM alerts WHERE case_id = $1
            ORDER BY at, rank
            """;

    /**
     * Makes the case $2's when no one owns it, in the statement that checks it may be $2's work ($3: the caller acts on
     * any case); no row back means it is missing or a colleague's. The row lock makes a concurrent claim wait.
     */
    static final String CLAIM = """
            WITH current AS (SELECT case_id, owner, status FROM cases WHERE case_id = $1 FOR UPDATE)
            UPDATE cases SET owner = coalesce(current.owner, $2),
                             updated_at = CASE WHEN current.owner IS NULL THEN now() ELSE cases.updated_at END
            FROM current
            WHERE cases.case_id = current.case_id AND (current.owner IS NULL OR current.owner = $2 OR $3)
            RETURNING current.owner AS previous_owner, current.status AS status""";

    /** Sets the owner to $2 (null: nobody) if the case is unowned, $3's, or $4 (the caller acts on any case). */
    static final String ASSIGN = """
            WITH current AS (SELECT case_id, owner FROM cases WHERE case_id = $1 FOR UPDATE)
            UPDATE cases SET owner = $2, updated_at = now()
            FROM current
            WHERE cases.case_id = current.case_id AND (current.owner IS NULL OR current.owner = $3 OR $4)
            RETURNING current.owner AS previous_owner""";

    static final String OWNER = "SELECT owner FROM cases WHERE case_id = $1";

    static final String MOVE = """
            UPDATE cases SET status = $1, updated_at = now(),
                             closed_at = CASE WHEN $1 IN ('closed_fraud', 'closed_not_fraud') THEN now() END
            WHERE case_id = $2 AND status = $3
            RETURNING case_id""";

    /**
     * Gives every alert of case $1 not already so the status $2 (a decision), the caller $3 as assignee where it had
     * none; returns each with its previous status and what its label needs.
     */
    static final String DECIDE_ALERTS = """
            WITH previous AS (
                SELECT alert_id, status FROM alerts WHERE case_id = $1 AND status <> $2 FOR UPDATE)
            UPDATE alerts SET status = $2, assignee = coalesce(alerts.assignee, $3), updated_at = now()
            FROM previous
            WHERE alerts.alert_id = previous.alert_id
            RETURNING previous.status AS from_status, alerts.alert_id, alerts.transaction_id, alerts.account_id,
                      alerts.merchant_id, alerts.tx_time,
                      alerts.transaction->>'counterparty_account' AS counterparty_account,
                      alerts.transaction->>'device_id' AS device_id""";

    static final String ADD_EVENT =
            "INSERT INTO case_events (case_id, actor, action, from_status, to_status, detail) VALUES ($1, $2, $3, $4, $5, $6)";

    /**
     * Takes, for $1, the highest-priority open case no one owns that has an alert left to decide (alerts may still be
     * decided one by one): among the first candidates by priority, the first whose row is not locked by another
     * taker, so two callers at once get two cases.
     */
    static final String TAKE_NEXT = """
            WITH candidates AS (
                SELECT case_id, priority, opened_at FROM case_summaries
                WHERE status = 'open' AND owner IS NULL AND undecided > 0
                ORDER BY priority DESC, opened_at, case_id
                LIMIT 20
            ), picked AS (
                SELECT c.case_id FROM cases c JOIN candidates USING (case_id)
                WHERE c.status = 'open' AND c.owner IS NULL
                ORDER BY candidates.priority DESC, candidates.opened_at, c.case_id
                LIMIT 1
                FOR UPDATE OF c SKIP LOCKED
            )
            UPDATE cases SET owner = $1, status = 'investigating', updated_at = now()
            FROM picked WHERE cases.case_id = picked.case_id
            RETURNING cases.case_id""";
}
