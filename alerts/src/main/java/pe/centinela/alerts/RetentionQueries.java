package pe.centinela.alerts;

/**
 * SQL of the retention purge, with bound parameters only. "Needed by an open case": the history of any account with
 * an alert in an open, investigating or escalated case, and the closed cases of such an account.
 */
final class RetentionQueries {

    private RetentionQueries() {}

    /** One replica purges at a time: a session lock on the purge's own connection. */
    static final String TRY_LOCK = "SELECT pg_try_advisory_lock(hashtext('centinela.retention')) AS locked";

    static final String UNLOCK = "SELECT pg_advisory_unlock(hashtext('centinela.retention'))";

    /** Lets the append-only tables' triggers accept this transaction's deletes (see V18). */
    static final String ALLOW_DELETES = "SET LOCAL centinela.retention_purge = 'on'";

    private static final String ACCOUNT_IN_OPEN_CASE = """
            EXISTS (SELECT 1 FROM alerts b JOIN cases o ON o.case_id = b.case_id
                    WHERE b.account_id = %s AND o.status IN ('open', 'investigating', 'escalated'))""";

    /** $1 cutoff, $2 most rows in one statement. */
    static final String DELETE_TRANSACTIONS = """
            DELETE FROM scored_transactions WHERE transaction_id IN (
                SELECT s.transaction_id FROM scored_transactions s
                WHERE s.scored_at < $1 AND NOT %s
                LIMIT $2)""".formatted(ACCOUNT_IN_OPEN_CASE.formatted("s.account_id"));

    static final String TRANSACTIONS_PAST_CUTOFF =
            "SELECT count(*) AS kept FROM scored_transactions WHERE scored_at < $1";

    private static final String CLOSED_BEFORE = "c.status IN ('closed_fraud', 'closed_not_fraud') AND c.closed_at < $1";

    /**
     * $1 cutoff, $2 most cases: closed before the cutoff, no account of theirs in an open case, and every label of
     * theirs already published (an unpublished one is still owed to the training data).
     */
    static final String CASES_TO_PURGE = """
            SELECT c.case_id FROM cases c
            WHERE %s
              AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.case_id = c.case_id AND %s)
              AND NOT EXISTS (SELECT 1 FROM alerts a JOIN label_outbox l ON l.alert_id = a.alert_id
                              WHERE a.case_id = c.case_id AND l.published_at IS NULL)
            ORDER BY c.closed_at LIMIT $2""".formatted(CLOSED_BEFORE, ACCOUNT_IN_OPEN_CASE.formatted("a.account_id"));

    static final String CASES_PAST_CUTOFF = "SELECT count(*) AS kept FROM cases c WHERE " + CLOSED_BEFORE;

    /** Each takes $1, the cases' ids; in this order, so no row is left pointing at a deleted one. */
    static final String DELETE_CASE_LABELS =
            "DELETE FROM label_outbox WHERE alert_id IN (SELECT alert_id FROM alerts WHERE case_id = ANY($1))";

    static final String DELETE_CASE_ALERT_EVENTS =
            "DELETE FROM alert_events WHERE alert_id IN (SELECT alert_id FROM alerts WHERE case_id = ANY($1))";

    static final String DELETE_CASE_ALERTS = "DELETE FROM alerts WHERE case_id = ANY($1)";

    static final String DELETE_CASE_EVENTS = "DELETE FROM case_events WHERE case_id = ANY($1)";

    static final String DELETE_CASE_LINKS = "DELETE FROM case_links WHERE case_id = ANY($1)";

    static final String DELETE_CASES = "DELETE FROM cases WHERE case_id = ANY($1)";

    /** The trails not tied to a case, each with its cutoff in $1. */
    static final String DELETE_RULE_EVENTS = "DELETE FROM rule_events WHERE at < $1";

    static final String DELETE_EXPORTS = "DELETE FROM data_subject_exports WHERE at < $1";

    static final String DELETE_DELIVERIES =
            "DELETE FROM webhook_deliveries WHERE created_at < $1 AND status <> 'pending'";

    /** Webhook events still being delivered are kept past the cutoff. */
    static final String DELIVERIES_PAST_CUTOFF =
            "SELECT count(*) AS kept FROM webhook_deliveries WHERE created_at < $1";

    static final String RECORD = """
            INSERT INTO retention_purges (kind, cutoff, deleted, kept, detail, actor, started_at)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)
            RETURNING id, kind, cutoff, deleted, kept, detail, actor, started_at, finished_at""";

    static final String RECENT = """
            SELECT id, kind, cutoff, deleted, kept, detail, actor, started_at, finished_at
            FROM retention_purges ORDER BY finished_at DESC, id DESC LIMIT $1""";
}
