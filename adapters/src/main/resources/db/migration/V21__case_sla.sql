-- SLA bands of the team's own (issue 18): a case's severity (0.6 x its highest score + 0.4 x its amount factor, as
-- before) puts it in the band with the highest threshold it reaches, and the band gives the time the team allows
-- itself to decide it. Supervisors change thresholds and times through PUT /api/cases/sla; the defaults are the
-- bands V14 fixed in the view. 'low' starts at 0 so that every case has a band.
CREATE TABLE case_sla (
    band          text PRIMARY KEY CHECK (band IN ('critical', 'high', 'medium', 'low')),
    min_severity  numeric(4, 3) NOT NULL CHECK (min_severity >= 0 AND min_severity <= 1),
    sla           interval NOT NULL CHECK (sla > interval '0'),
    updated_by    text NOT NULL DEFAULT 'migration',
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (band <> 'low' OR min_severity = 0)
);
INSERT INTO case_sla (band, min_severity, sla) VALUES
    ('critical', 0.85, interval '4 hours'),
    ('high', 0.70, interval '24 hours'),
    ('medium', 0.50, interval '72 hours'),
    ('low', 0, interval '7 days');

-- Every change of the bands, whole, append-only: who set what, when.
CREATE TABLE case_sla_changes (
    id     bigserial PRIMARY KEY,
    at     timestamptz NOT NULL DEFAULT now(),
    actor  text NOT NULL,
    bands  jsonb NOT NULL
);
CREATE TRIGGER case_sla_changes_append_only BEFORE UPDATE OR DELETE ON case_sla_changes
    FOR EACH ROW EXECUTE FUNCTION append_only_but_purged();

CREATE OR REPLACE VIEW case_summaries AS
SELECT c.case_id, c.account_id, c.status, c.owner, c.opened_at, c.updated_at, c.closed_at,
       s.alerts, s.undecided, s.max_score, s.amount_at_risk, s.first_tx_time, s.last_tx_time, s.last_alert_at,
       b.band,
       c.opened_at + b.sla AS due_at,
       round(100 * (0.5 * s.max_score + 0.3 * f.amount_factor
                    + 0.2 * least(1.0, extract(epoch FROM now() - c.opened_at) / extract(epoch FROM b.sla))))::integer
           AS priority
FROM cases c
CROSS JOIN LATERAL (
    SELECT count(*) AS alerts,
           count(*) FILTER (WHERE a.status IN ('new', 'investigating', 'escalated')) AS undecided,
           coalesce(max(a.score), 0) AS max_score,
           coalesce(sum(a.amount) FILTER (WHERE a.status <> 'false_positive'), 0) AS amount_at_risk,
           min(a.tx_time) AS first_tx_time,
           max(a.tx_time) AS last_tx_time,
           max(a.created_at) AS last_alert_at
    FROM alerts a WHERE a.case_id = c.case_id) s
CROSS JOIN LATERAL (SELECT least(1.0, ln(1 + s.amount_at_risk) / ln(20001.0)) AS amount_factor) f
CROSS JOIN LATERAL (
    SELECT b.band, b.sla FROM case_sla b
    WHERE b.min_severity <= 0.6 * s.max_score + 0.4 * f.amount_factor
    ORDER BY b.min_severity DESC LIMIT 1) b;
