package pe.centinela.alerts;

/**
 * What the platform stores about one account ($1), table by table, for a data subject's request of access (Ley
 * 29733); each statement returns one row with a JSON array, so the export is one read per kind of data.
 */
final class DataSubjectQueries {

    private DataSubjectQueries() {}

    static final String RECORD_EXPORT =
            "INSERT INTO data_subject_exports (account_id, actor) VALUES ($1, $2) RETURNING at";

    static final String ALERTS = """
            SELECT coalesce(json_agg(json_build_object(
                       'alert_id', alert_id, 'transaction', transaction, 'score', score, 'model_version', model_version,
                       'reasons', reasons, 'status', status, 'assignee', assignee, 'decision', decision,
                       'case_id', case_id, 'created_at', created_at) ORDER BY created_at), '[]')::text AS items
            FROM alerts WHERE account_id = $1""";

    static final String ALERT_EVENTS = """
            SELECT coalesce(json_agg(json_build_object(
                       'alert_id', e.alert_id, 'at', e.at, 'actor', e.actor, 'action', e.action,
                       'from_status', e.from_status, 'to_status', e.to_status, 'detail', e.detail)
                   ORDER BY e.id), '[]')::text AS items
            FROM alert_events e JOIN alerts a ON a.alert_id = e.alert_id WHERE a.account_id = $1""";

    /** Its own cases, and the cases of other accounts it joined through a shared device, beneficiary or IP (how). */
    static final String CASES = """
            SELECT coalesce(json_agg(json_build_object(
                       'case_id', c.case_id, 'status', c.status, 'owner', c.owner, 'opened_at', c.opened_at,
                       'closed_at', c.closed_at, 'joined_via', l.via) ORDER BY c.opened_at), '[]')::text AS items
            FROM cases c LEFT JOIN case_links l ON l.case_id = c.case_id AND l.account_id = $1
            WHERE c.account_id = $1 OR l.account_id IS NOT NULL""";

    static final String CASE_EVENTS = """
            SELECT coalesce(json_agg(json_build_object(
                       'case_id', e.case_id, 'at', e.at, 'actor', e.actor, 'action', e.action,
                       'from_status', e.from_status, 'to_status', e.to_status, 'detail', e.detail)
                   ORDER BY e.id), '[]')::text AS items
            FROM case_events e JOIN cases c ON c.case_id = e.case_id WHERE c.account_id = $1""";

    static final String TRANSACTIONS = """
            SELECT coalesce(json_agg(json_build_object(
                       'transaction_id', transaction_id, 'time', tx_time, 'amount', amount, 'currency', currency,
                       'amount_pen', amount_pen, 'merchant_id', merchant_id, 'mcc', mcc, 'channel', channel,
                       'device_id', device_id, 'ip', ip, 'counterparty_account', counterparty_account, 'score', score,
                       'model_version', model_version, 'alert', alert, 'decision', decision, 'scored_at', scored_at)
                   ORDER BY tx_time), '[]')::text AS items
            FROM scored_transactions WHERE account_id = $1""";

    /** Payments others made to the account: the account is their counterparty; the payer's identity is not its data. */
    static final String RECEIVED = """
            SELECT coalesce(json_agg(json_build_object(
                       'transaction_id', transaction_id, 'time', tx_time, 'amount_pen', amount_pen,
                       'channel', channel, 'payer', '****' || right(account_id, 4)) ORDER BY tx_time), '[]')::text AS items
            FROM scored_transactions WHERE counterparty_account = $1""";

    static final String LABELS = """
            SELECT coalesce(json_agg(json_build_object(
                       'alert_id', alert_id, 'label', label, 'created_at', created_at, 'published_at', published_at)
                   ORDER BY id), '[]')::text AS items
            FROM label_outbox WHERE account_id = $1""";

    static final String LIST_ENTRIES = """
            SELECT coalesce(json_agg(json_build_object(
                       'list', e.list_name, 'kind', l.kind, 'purpose', l.purpose, 'note', e.note,
                       'added_by', e.added_by, 'added_at', e.added_at) ORDER BY e.added_at), '[]')::text AS items
            FROM rule_list_entries e JOIN rule_lists l ON l.name = e.list_name
            WHERE e.value = $1 AND l.kind IN ('account', 'counterparty')""";

    static final String EARLIER_EXPORTS = """
            SELECT coalesce(json_agg(json_build_object('actor', actor, 'at', at) ORDER BY id), '[]')::text AS items
            FROM data_subject_exports WHERE account_id = $1""";
}
