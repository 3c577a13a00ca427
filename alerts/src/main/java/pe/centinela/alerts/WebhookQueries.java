package pe.centinela.alerts;

/** Every SQL statement of the webhook outbox, with bound parameters only. */
final class WebhookQueries {

    private WebhookQueries() {}

    static final String ENQUEUE = """
            INSERT INTO webhook_deliveries (event_id, event_type, payload) VALUES ($1, $2, $3)
            ON CONFLICT (event_id) DO NOTHING""";

    /**
     * Takes up to $1 due deliveries that no other sender holds, counts the attempt and leases them for $2 ms: a
     * sender that dies mid-delivery leaves them due again once the lease ends.
     */
    static final String CLAIM_DUE = """
            UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = now() + $2::float8 * interval '1 millisecond'
            FROM (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= now()
                  ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED) due
            WHERE d.id = due.id
            RETURNING d.id, d.event_type, d.payload::text AS payload, d.attempts""";

    static final String DELIVERED = """
            UPDATE webhook_deliveries SET status = 'delivered', delivered_at = now(), last_status_code = $2, last_error = NULL
            WHERE id = $1 AND status = 'pending'""";

    /** A failed attempt: $2 is 'pending' with the next attempt in $5 ms, or 'failed' after the last one. */
    static final String ATTEMPT_FAILED = """
            UPDATE webhook_deliveries SET status = $2, last_status_code = $3, last_error = $4,
                   next_attempt_at = now() + $5::float8 * interval '1 millisecond'
            WHERE id = $1 AND status = 'pending'""";

    static final String RETRY = """
            UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = now()
            WHERE id = $1 AND status <> 'pending' RETURNING id""";

    static final String STATUS_OF = "SELECT status, next_attempt_at FROM webhook_deliveries WHERE id = $1";

    private static final String LOG_COLUMNS = """
            SELECT id, event_id, event_type, status, attempts, next_attempt_at, last_status_code, last_error, created_at, delivered_at,
                   payload::text AS payload
            FROM webhook_deliveries
            """;

    static final String LOG = LOG_COLUMNS + " ORDER BY created_at DESC, id DESC LIMIT $1";

    static final String LOG_BY_STATUS = LOG_COLUMNS + " WHERE status = $1 ORDER BY created_at DESC, id DESC LIMIT $2";
}
