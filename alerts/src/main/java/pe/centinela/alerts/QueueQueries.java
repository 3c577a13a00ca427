package pe.centinela.alerts;

/** SQL of the team queues, with bound parameters only. */
final class QueueQueries {

    private QueueQueries() {}

    /** Whether the case {@code s} (a row of case_summaries) belongs in the queue {@code q}. */
    static final String MATCHES = """
            (q.bands IS NULL OR s.band = ANY(q.bands))
            AND (q.min_amount IS NULL OR s.amount_at_risk >= q.min_amount)
            AND ((q.channels IS NULL AND q.mccs IS NULL) OR EXISTS (
                SELECT 1 FROM alerts qa WHERE qa.case_id = s.case_id
                  AND (q.channels IS NULL OR qa.channel = ANY(q.channels))
                  AND (q.mccs IS NULL OR qa.mcc = ANY(q.mccs))))""";

    static final String COLUMNS =
            "name, description, bands, min_amount::text AS min_amount, channels, mccs, members, auto_assign, next_member,"
                    + " updated_by, updated_at";

    /** Every queue with its open cases no one holds, and how many of those are past their SLA. */
    static final String LIST = """
            SELECT %s,
                   (SELECT count(*) FROM case_summaries s WHERE s.status = 'open' AND s.owner IS NULL AND %s) AS waiting,
                   (SELECT count(*) FROM case_summaries s WHERE s.status = 'open' AND s.owner IS NULL AND s.due_at < now()
                      AND %s) AS overdue
            FROM case_queues q ORDER BY name""".formatted(COLUMNS, MATCHES, MATCHES);

    static final String ONE = "SELECT " + COLUMNS + " FROM case_queues WHERE name = $1";

    /** $1 name, $2 description, $3 bands, $4 min amount, $5 channels, $6 mccs, $7 members, $8 auto, $9 by. */
    static final String SAVE = """
            INSERT INTO case_queues (name, description, bands, min_amount, channels, mccs, members, auto_assign, updated_by)
            VALUES ($1, $2, $3, $4::text::numeric, $5, $6, $7, $8, $9)
            ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description, bands = EXCLUDED.bands,
                min_amount = EXCLUDED.min_amount, channels = EXCLUDED.channels, mccs = EXCLUDED.mccs,
                members = EXCLUDED.members, auto_assign = EXCLUDED.auto_assign, updated_by = EXCLUDED.updated_by,
                updated_at = now()
            RETURNING (xmax = 0) AS created""";

    static final String DELETE = "DELETE FROM case_queues WHERE name = $1";

    /** Of the user names $1, those that exist and may work cases. */
    static final String WORKERS =
            "SELECT username FROM users WHERE username = ANY($1) AND enabled AND role IN ('analyst', 'supervisor', 'admin')";

    /** The queues with turns to hand out, locked for this replica (another skips them). */
    static final String ROUND_ROBIN_QUEUES = """
            SELECT name, members, next_member FROM case_queues
            WHERE auto_assign AND cardinality(members) > 0
            ORDER BY name FOR UPDATE SKIP LOCKED""";

    /** $1 queue: its open cases no one holds, highest priority first, locked; at most $2. */
    static final String ROUND_ROBIN_CASES = """
            WITH candidates AS (
                SELECT s.case_id, s.priority, s.opened_at FROM case_summaries s, case_queues q
                WHERE q.name = $1 AND s.status = 'open' AND s.owner IS NULL AND s.undecided > 0 AND %s
                ORDER BY s.priority DESC, s.opened_at, s.case_id LIMIT $2
            )
            SELECT c.case_id FROM cases c JOIN candidates USING (case_id)
            WHERE c.status = 'open' AND c.owner IS NULL
            ORDER BY candidates.priority DESC, candidates.opened_at, c.case_id
            FOR UPDATE OF c SKIP LOCKED""".formatted(MATCHES);

    /** $1 case ids, $2 their new owners, in the same order; each assignment in the case's timeline. */
    static final String HAND_OUT = """
            WITH assigned AS (
                UPDATE cases c SET owner = u.owner, updated_at = now()
                FROM unnest($1::text[], $2::text[]) AS u(case_id, owner)
                WHERE c.case_id = u.case_id AND c.owner IS NULL
                RETURNING c.case_id, c.owner
            )
            INSERT INTO case_events (case_id, actor, action, detail)
            SELECT case_id, 'round-robin', 'assign', owner FROM assigned""";

    static final String NEXT_TURN = "UPDATE case_queues SET next_member = $2 WHERE name = $1";
}
