package pe.centinela.alerts;

/** The dashboard's SQL, with bound parameters only. Days are calendar days in Lima. */
final class DashboardQueries {

    private DashboardQueries() {}

    /** $1: hours. One row per whole UTC hour of the window, the current one last, zero when no alert was stored. */
    static final String ALERTS_PER_HOUR = """
            WITH hours AS (
                SELECT generate_series(date_trunc('hour', now(), 'UTC') - make_interval(hours => $1 - 1),
                                       date_trunc('hour', now(), 'UTC'), interval '1 hour') AS hour)
            SELECT hours.hour, coalesce(counted.count, 0) AS count
            FROM hours LEFT JOIN (
                SELECT date_trunc('hour', created_at, 'UTC') AS hour, count(*) AS count
                FROM alerts
                WHERE created_at >= date_trunc('hour', now(), 'UTC') - make_interval(hours => $1 - 1)
                GROUP BY 1) counted USING (hour)
            ORDER BY hours.hour""";

    /** $1: hours. Where the alerts stored or changed within the window stand now. */
    static final String STATUS_COUNTS = """
            SELECT status, count(*) AS count FROM alerts
            WHERE updated_at >= now() - make_interval(hours => $1) OR created_at >= now() - make_interval(hours => $1)
            GROUP BY status""";

    /** $1: days. Decisions by the Lima day they were last changed: confirmed frauds among all decided alerts. */
    static final String DECISIONS_PER_DAY = """
            WITH days AS (
                SELECT generate_series((now() AT TIME ZONE 'America/Lima')::date - ($1 - 1), (now() AT TIME ZONE 'America/Lima')::date,
                                       interval '1 day')::date AS day)
            SELECT to_char(days.day, 'YYYY-MM-DD') AS day, coalesce(decided.confirmed, 0) AS confirmed, coalesce(decided.decided, 0) AS decided
            FROM days LEFT JOIN (
                SELECT (updated_at AT TIME ZONE 'America/Lima')::date AS day,
                       count(*) FILTER (WHERE status = 'confirmed_fraud') AS confirmed, count(*) AS decided
                FROM alerts
                WHERE status IN ('confirmed_fraud', 'false_positive')
                  AND updated_at >= ((now() AT TIME ZONE 'America/Lima')::date - ($1 - 1)) AT TIME ZONE 'America/Lima'
                GROUP BY 1) decided USING (day)
            ORDER BY days.day""";

    /** The registry's active model, or else the model of the newest alert (a model loaded from a file is not registered). */
    static final String MODEL_IN_FORCE = """
            SELECT version, threshold, source FROM (
                (SELECT version, alert_threshold AS threshold, 'registry' AS source, 0 AS preference FROM models WHERE status = 'active')
                UNION ALL
                (SELECT model_version, threshold, 'latest_alert', 1 FROM alerts ORDER BY created_at DESC, alert_id DESC LIMIT 1)) candidates
            ORDER BY preference LIMIT 1""";

    /** $1: days. Cases opened and closed per Lima day, today last. */
    static final String CASES_PER_DAY = """
            WITH days AS (
                SELECT generate_series((now() AT TIME ZONE 'America/Lima')::date - ($1 - 1), (now() AT TIME ZONE 'America/Lima')::date,
                                       interval '1 day')::date AS day)
            SELECT to_char(days.day, 'YYYY-MM-DD') AS day,
                   (SELECT count(*) FROM cases c WHERE (c.opened_at AT TIME ZONE 'America/Lima')::date = days.day) AS opened,
                   (SELECT count(*) FROM cases c WHERE (c.closed_at AT TIME ZONE 'America/Lima')::date = days.day) AS closed
            FROM days ORDER BY days.day""";

    /**
     * $1: days. The median time from opening to closing of the cases closed in the window, the active cases past their
     * SLA now, and the cases closed in the window after it.
     */
    static final String CASE_FIGURES = """
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - opened_at))
                       FILTER (WHERE closed_at >= now() - make_interval(days => $1)) / 3600.0 AS median_hours,
                   count(*) FILTER (WHERE status IN ('open', 'investigating', 'escalated') AND due_at < now()) AS overdue,
                   count(*) FILTER (WHERE closed_at >= now() - make_interval(days => $1) AND closed_at > due_at) AS closed_late
            FROM case_summaries""";

    /**
     * $1: days. The cases closed in the window by what raised them: a rule when any of their alerts had a rule acting
     * (not in shadow), the model otherwise; and how many of each were fraud.
     */
    static final String CASES_BY_SOURCE = """
            SELECT CASE WHEN EXISTS (
                           SELECT 1 FROM alerts a CROSS JOIN LATERAL jsonb_array_elements(a.rule_hits) h
                           WHERE a.case_id = c.case_id AND NOT coalesce((h->>'shadow')::boolean, false))
                        THEN 'rule' ELSE 'model' END AS source,
                   count(*) AS closed, count(*) FILTER (WHERE c.status = 'closed_fraud') AS fraud
            FROM cases c WHERE c.closed_at >= now() - make_interval(days => $1)
            GROUP BY 1 ORDER BY 1""";

    /** $1: days. Soles kept from fraud: payments declined as they were made, and payments confirmed as fraud. */
    static final String AMOUNT_SAVED = """
            SELECT coalesce(sum(amount) FILTER (WHERE decision = 'decline'), 0)::text AS declined,
                   coalesce(sum(amount) FILTER (WHERE status = 'confirmed_fraud' AND decision IS DISTINCT FROM 'decline'), 0)::text
                       AS confirmed
            FROM alerts WHERE created_at >= now() - make_interval(days => $1)""";
}
