package pe.centinela.alerts;

/** Every SQL statement of cases, with bound parameters only. Cases are opened by {@link AlertQueries#INSERT_ALERTS}. */
final class CaseQueries {

    private CaseQueries() {}

    static final String SUMMARY_COLUMNS = """
            SELECT case_id, account_id, status, owner, opened_at, updated_at, closed_at, alerts, undecided, max_score,
                   amount_at_risk::text AS amount_at_risk, first_tx_time, last_tx_time, last_alert_at, band, due_at,
                   priority
            FROM case_summaries s
            """;

    static final String CASE = SUMMARY_COLUMNS + " WHERE case_id = $1";

    static final String CASE_LINKS =
            "SELECT account_id, via, value, linked_account, at FROM case_links WHERE case_id = $1 ORDER BY at, account_id";

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
    /**
     * $1 the caller, $2 a queue or NULL: the highest-priority open case no one holds with an alert to decide, from the
     * queue $2, else from the caller's queues, else (a caller in no queue) from all; it becomes $1's, under
     * investigation.
     */
    static final String TAKE_NEXT = """
            WITH mine AS (
                SELECT q.* FROM case_queues q WHERE q.name = $2::text OR ($2::text IS NULL AND $1 = ANY(q.members))
            ), candidates AS (
                SELECT s.case_id, s.priority, s.opened_at FROM case_summaries s
                WHERE s.status = 'open' AND s.owner IS NULL AND s.undecided > 0
                  AND (($2::text IS NULL AND NOT EXISTS (SELECT 1 FROM mine)) OR EXISTS (SELECT 1 FROM mine q WHERE %s))
                ORDER BY s.priority DESC, s.opened_at, s.case_id
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
            RETURNING cases.case_id""".formatted(QueueQueries.MATCHES);

    /**
     * The case's accounts (its own, then those linked into it) and the window of its network: N days ($2) up to a day
     * after its latest alerted payment.
     */
    static final String NETWORK_WINDOW = """
            SELECT c.account_id, array(SELECT l.account_id FROM case_links l WHERE l.case_id = c.case_id ORDER BY l.at, l.account_id)
                       AS linked,
                   coalesce(max(a.tx_time), c.opened_at) - make_interval(days => $2) AS window_from,
                   coalesce(max(a.tx_time), c.opened_at) + interval '1 day' AS window_to
            FROM cases c LEFT JOIN alerts a ON a.case_id = c.case_id
            WHERE c.case_id = $1 GROUP BY c.case_id""";

    /**
     * A device the customer holds: a shop's card terminal or an ATM serves everyone and links no one, so payments at
     * them do not count as devices.
     */
    static final String OWN_DEVICE = "coalesce(channel, '') NOT IN ('pos', 'atm')";

    /**
     * What the accounts $1 used and paid in [$2, $3] (devices, IPs, the accounts they paid, their ten most paid
     * merchants) and who paid them; {@code root} is the case's account of each row.
     */
    static final String NETWORK_FIRST_RING = """
            SELECT account_id AS root, 'device' AS kind, device_id AS value, count(*) AS n FROM scored_transactions
            WHERE account_id = ANY($1) AND tx_time BETWEEN $2 AND $3 AND device_id IS NOT NULL AND %1$s
            GROUP BY account_id, device_id
            UNION ALL
            SELECT account_id, 'ip', ip, count(*) FROM scored_transactions
            WHERE account_id = ANY($1) AND tx_time BETWEEN $2 AND $3 AND ip IS NOT NULL GROUP BY account_id, ip
            UNION ALL
            SELECT account_id, 'paid', counterparty_account, count(*) FROM scored_transactions
            WHERE account_id = ANY($1) AND tx_time BETWEEN $2 AND $3 AND counterparty_account IS NOT NULL
            GROUP BY account_id, counterparty_account
            UNION ALL
            SELECT counterparty_account, 'paid_by', account_id, count(*) FROM scored_transactions
            WHERE counterparty_account = ANY($1) AND tx_time BETWEEN $2 AND $3 GROUP BY counterparty_account, account_id
            UNION ALL
            (SELECT account_id, 'merchant', merchant_id, count(*) FROM scored_transactions
             WHERE account_id = ANY($1) AND tx_time BETWEEN $2 AND $3 AND merchant_id IS NOT NULL
             GROUP BY account_id, merchant_id ORDER BY count(*) DESC, merchant_id LIMIT 10)""".formatted(OWN_DEVICE);

    /**
     * The second ring, in [$4, $5]: other accounts on the devices $1 or IPs $2, and the payments of the accounts $3
     * (those the case's account paid or was paid by: where the money went on, who else paid them). At most $6 rows.
     */
    static final String NETWORK_SECOND_RING = """
            (SELECT account_id, 'device' AS kind, device_id AS value, count(*) AS n FROM scored_transactions
             WHERE device_id = ANY($1) AND tx_time BETWEEN $4 AND $5 AND %1$s GROUP BY account_id, device_id
             UNION ALL
             SELECT account_id, 'ip', ip, count(*) FROM scored_transactions
             WHERE ip = ANY($2) AND tx_time BETWEEN $4 AND $5 GROUP BY account_id, ip
             UNION ALL
             SELECT account_id, 'paid', counterparty_account, count(*) FROM scored_transactions
             WHERE account_id = ANY($3) AND tx_time BETWEEN $4 AND $5 AND counterparty_account IS NOT NULL
             GROUP BY account_id, counterparty_account
             UNION ALL
             SELECT account_id, 'paid', counterparty_account, count(*) FROM scored_transactions
             WHERE counterparty_account = ANY($3) AND tx_time BETWEEN $4 AND $5 GROUP BY account_id, counterparty_account)
            ORDER BY n DESC LIMIT $6""".formatted(OWN_DEVICE);

    /** Per account of the network: confirmed frauds, alerts, and the case its latest alert is in. */
    static final String NETWORK_ACCOUNTS = """
            SELECT a.account_id, count(*) FILTER (WHERE a.status = 'confirmed_fraud') AS frauds, count(*) AS alerts,
                   (SELECT l.case_id FROM alerts l WHERE l.account_id = a.account_id ORDER BY l.created_at DESC, l.alert_id DESC
                    LIMIT 1) AS case_id
            FROM alerts a WHERE a.account_id = ANY($1) GROUP BY a.account_id""";

    /** Which of the values $1 a block list holds, by the kind of list. */
    static final String NETWORK_BLOCKED = """
            SELECT l.kind, e.value FROM rule_list_entries e JOIN rule_lists l ON l.name = e.list_name
            WHERE l.purpose = 'block' AND e.value = ANY($1)""";

    /** The transactions and reasons of a case's alerts confirmed as fraud, in time order: a draft ROS's operations. */
    static final String CONFIRMED_OF_CASE = """
            SELECT transaction::text AS transaction, reasons::text AS reasons, rule_hits::text AS rule_hits FROM alerts
            WHERE case_id = $1 AND status = 'confirmed_fraud' ORDER BY tx_time, alert_id""";

    /**
     * Marks the active cases whose SLA ran out and were not announced yet, and enqueues one {@code case.overdue}
     * webhook event for each, in one statement: of two replicas running it at once, the row locks let each case be
     * marked, and so announced, by one only. $1: when the event occurred (ISO instant).
     */
    static final String ANNOUNCE_OVERDUE = """
            WITH overdue AS (
                UPDATE cases c SET overdue_notified_at = now()
                FROM case_summaries s
                WHERE s.case_id = c.case_id AND c.status IN ('open', 'investigating', 'escalated')
                  AND c.overdue_notified_at IS NULL AND s.due_at < now()
                RETURNING c.case_id, c.account_id, c.status, c.owner, s.band, s.due_at, s.priority, s.alerts,
                          s.amount_at_risk
            )
            INSERT INTO webhook_deliveries (event_id, event_type, payload)
            SELECT 'case.overdue:' || case_id, 'case.overdue',
                   json_build_object('type', 'case.overdue', 'event_id', 'case.overdue:' || case_id, 'occurred_at', $1::text,
                       'case', json_build_object('case_id', case_id, 'account_id', account_id, 'status', status,
                           'owner', owner, 'band', band, 'due_at', due_at, 'priority', priority, 'alerts', alerts,
                           'amount_at_risk', amount_at_risk::text))::jsonb
            FROM overdue
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id""";
}
