package pe.centinela.alerts;

/** Every SQL statement of the alert store, with bound parameters only. */
final class AlertQueries {

    private AlertQueries() {}

    /**
     * The batch's alerts not stored yet ($1 … $17, one array per column), and the open case of each of their accounts,
     * opened when the account has none (at most one open case per account, by the partial unique index; two batches
     * racing for a new account's case meet in ON CONFLICT). A newly opened case gets its first event.
     */
    private static final String ACTIVE = "('open', 'investigating', 'escalated')";

    /**
     * An alert of a linked account: in an active case, stored within the window ($19 seconds), of a kind of link
     * switched on ($18).
     */
    private static final String LINKED_ALERT = """
            FROM alerts b JOIN cases c ON c.case_id = b.case_id
            WHERE '%s' = ANY($18::text[]) AND b.created_at > now() - $19::bigint * interval '1 second'
              AND c.status IN %s AND %s""";

    /**
     * The new alerts (redeliveries left out) and the case each account's alerts go to: the account's open case, else
     * an open case an earlier alert of the account joined, else an open case linked to it (by the customer's own
     * device, not a shop's terminal or an ATM; then beneficiary; then IP), else a new one. Links are recorded in {@code case_links} with a {@code linked} event.
     * Each kind of match is looked up only when the ones before it found nothing ({@code coalesce} evaluates no further
     * than its first non-null argument): most alerts belong to an account whose case is open, and cost one index
     * lookup instead of every search. {@code OFFSET 0} keeps each search on its own selective index: without it the
     * planner reads alerts in case order to stop at the first match, through far more rows; on the lateral, it keeps
     * the planner from copying the whole search into each of the five places its result is read.
     */
    private static final String NEW_ALERTS_AND_THEIR_CASES = """
            input AS (
                SELECT u.*, (u.tx::jsonb) ->> 'device_id' AS dev, (u.tx::jsonb) ->> 'ip' AS ipa,
                       (u.tx::jsonb) ->> 'counterparty_account' AS cp
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                            $8::text[], $9::text[], $10::float8[], $11::float8[], $12::text[], $13::text[],
                            $14::text[], $15::text[], $16::text[], $17::text[])
                     AS u(a, t, acc, amt, cur, ts, m, mcc, ch, s, th, mv, r, tx, sa, d, rh)
                WHERE NOT EXISTS (SELECT 1 FROM alerts x WHERE x.alert_id = u.a OR x.transaction_id = u.t)
            ), joined AS (
                SELECT DISTINCT ON (i.acc) i.acc, h.hit[2] AS case_id, h.hit[3] AS via, h.hit[4] AS value,
                       h.hit[5] AS other
                FROM input i CROSS JOIN LATERAL (SELECT coalesce(
                    (SELECT ARRAY['0', c.case_id, NULL, NULL, NULL]
                     FROM cases c WHERE c.account_id = i.acc AND c.status IN %1$s LIMIT 1),
                    (SELECT ARRAY['1', x.case_id, NULL, NULL, NULL] FROM (
                        SELECT b.case_id FROM alerts b JOIN cases c ON c.case_id = b.case_id
                        WHERE b.account_id = i.acc AND c.status IN %1$s OFFSET 0) x
                     ORDER BY x.case_id LIMIT 1),
                    (SELECT ARRAY['2', x.case_id, 'device', i.dev, x.other] FROM (
                        SELECT b.case_id, b.account_id AS other %2$s OFFSET 0) x
                     ORDER BY x.case_id LIMIT 1),
                    (SELECT ARRAY['3', x.case_id, 'counterparty', x.value, x.other] FROM (
                        SELECT b.case_id, i.cp AS value, b.account_id AS other %3$s
                        UNION ALL
                        SELECT b.case_id, i.acc, b.account_id %4$s
                        UNION ALL
                        SELECT b.case_id, i.cp, b.account_id %5$s OFFSET 0) x
                     ORDER BY x.case_id LIMIT 1),
                    (SELECT ARRAY['4', x.case_id, 'ip', i.ipa, x.other] FROM (
                        SELECT b.case_id, b.account_id AS other %6$s OFFSET 0) x
                     ORDER BY x.case_id LIMIT 1)) AS hit OFFSET 0) h
                WHERE h.hit IS NOT NULL
                ORDER BY i.acc, h.hit[1], h.hit[2]
            ), new_cases AS (
                INSERT INTO cases (case_id, account_id)
                SELECT 'case-' || nextval('case_numbers'), acc FROM (SELECT DISTINCT acc FROM input) AS accounts
                WHERE NOT EXISTS (SELECT 1 FROM joined j WHERE j.acc = accounts.acc)
                ON CONFLICT (account_id) WHERE status IN %1$s
                DO UPDATE SET updated_at = now()
                RETURNING case_id, account_id, (xmax = 0) AS opened
            ), touched AS (
                UPDATE cases SET updated_at = now() WHERE case_id IN (SELECT case_id FROM joined)
            ), cases_of AS (
                SELECT acc AS account_id, case_id FROM joined
                UNION ALL
                SELECT account_id, case_id FROM new_cases
            ), case_opened AS (
                INSERT INTO case_events (case_id, actor, action)
                SELECT case_id, 'centinela', 'opened' FROM new_cases WHERE opened
            ), links AS (
                INSERT INTO case_links (case_id, account_id, via, value, linked_account)
                SELECT case_id, acc, via, value, other FROM joined WHERE via IS NOT NULL
                ON CONFLICT DO NOTHING
                RETURNING case_id, via
            ), case_linked AS (
                INSERT INTO case_events (case_id, actor, action, detail)
                SELECT case_id, 'centinela', 'linked', via FROM links
            )""".formatted(
            ACTIVE,
            LINKED_ALERT.formatted(
                    "device",
                    ACTIVE,
                    "i.dev IS NOT NULL AND b.transaction ->> 'device_id' = i.dev AND coalesce(i.ch, '') NOT IN ('pos', 'atm')"
                            + " AND coalesce(b.channel, '') NOT IN ('pos', 'atm')"),
            LINKED_ALERT.formatted(
                    "counterparty", ACTIVE, "i.cp IS NOT NULL AND b.transaction ->> 'counterparty_account' = i.cp"),
            LINKED_ALERT.formatted("counterparty", ACTIVE, "b.transaction ->> 'counterparty_account' = i.acc"),
            LINKED_ALERT.formatted("counterparty", ACTIVE, "i.cp IS NOT NULL AND b.account_id = i.cp"),
            LINKED_ALERT.formatted("ip", ACTIVE, "i.ipa IS NOT NULL AND b.transaction ->> 'ip' = i.ipa"));

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
     * inserted, in the same statement; $20 and $21 hold each alert's event id and payload, in the order of $1.
     */
    static final String INSERT_ALERTS_AND_WEBHOOKS = enqueuingWebhooks(NEW_ALERTS_AND_THEIR_CASES, 20);

    /**
     * The alerts of {@code ctes} stored ({@link #STORE_NEW_ALERTS}), and an {@code alert.created} webhook delivery
     * enqueued for each row inserted, in the same statement; parameters {@code eventIds} and the one after it hold each
     * alert's event id and payload, in the order of $1.
     */
    private static String enqueuingWebhooks(String ctes, int eventIds) {
        return "WITH " + ctes + ", stored AS (" + STORE_NEW_ALERTS + """
                ), enqueued AS (
                    INSERT INTO webhook_deliveries (event_id, event_type, payload)
                    SELECT e.event_id, 'alert.created', e.payload::jsonb
                    FROM stored JOIN unnest($1::text[], $%d::text[], $%d::text[]) AS e(alert_id, event_id, payload) USING (alert_id)
                    ON CONFLICT (event_id) DO NOTHING
                )
                SELECT * FROM stored
                """.formatted(eventIds, eventIds + 1);
    }

    /**
     * The alerts of the batch ($1 … $17, as for {@link #INSERT_ALERTS}) whose account is already in an active case (its
     * own, or one an earlier alert of it joined), stored in that case, and the case touched: what {@link #INSERT_ALERTS}
     * does for them (its first two searches, which record no link), in a statement PostgreSQL plans in a fraction of
     * the time (planning was three quarters of a small batch's cost in that one). The alert store runs it first and
     * {@link #INSERT_ALERTS} only for the alerts it left, which that one's redelivery check then skips.
     */
    private static final String ALERTS_IN_OPEN_CASES = """
            input AS (
                SELECT u.* FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                       $7::text[], $8::text[], $9::text[], $10::float8[], $11::float8[], $12::text[],
                                       $13::text[], $14::text[], $15::text[], $16::text[], $17::text[])
                     AS u(a, t, acc, amt, cur, ts, m, mcc, ch, s, th, mv, r, tx, sa, d, rh)
                WHERE NOT EXISTS (SELECT 1 FROM alerts x WHERE x.alert_id = u.a OR x.transaction_id = u.t)
            ), cases_of AS (
                SELECT account_id, case_id FROM (
                    SELECT i.acc AS account_id, coalesce(
                        (SELECT c.case_id FROM cases c WHERE c.account_id = i.acc AND c.status IN %1$s LIMIT 1),
                        (SELECT x.case_id FROM (
                            SELECT b.case_id FROM alerts b JOIN cases c ON c.case_id = b.case_id
                            WHERE b.account_id = i.acc AND c.status IN %1$s OFFSET 0) x
                         ORDER BY x.case_id LIMIT 1)) AS case_id
                    FROM (SELECT DISTINCT acc FROM input) i) found
                WHERE case_id IS NOT NULL
            ), touched AS (
                UPDATE cases SET updated_at = now() WHERE case_id IN (SELECT case_id FROM cases_of)
            )""".formatted(ACTIVE);

    /** The alerts of accounts already in an active case, stored in it; returns the rows stored. */
    static final String INTO_OPEN_CASES = "WITH " + ALERTS_IN_OPEN_CASES + "\n" + STORE_NEW_ALERTS;

    /**
     * {@link #INTO_OPEN_CASES} that also enqueues an {@code alert.created} webhook delivery for each row inserted; $18
     * and $19 hold each alert's event id and payload, in the order of $1.
     */
    static final String INTO_OPEN_CASES_AND_WEBHOOKS = enqueuingWebhooks(ALERTS_IN_OPEN_CASES, 18);

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
            SELECT transaction::text AS transaction, reasons::text AS reasons, rule_hits::text AS rule_hits FROM alerts
            WHERE account_id = $1 AND status = 'confirmed_fraud' ORDER BY tx_time""";
}
