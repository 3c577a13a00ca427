-- Cases (issue 18): the alerts of one account join one open case instead of scattering over the queue. A case is
-- worked as a whole: one owner, one status, one decision that labels all its alerts. At most one case per account is
-- open (open, investigating or escalated) at a time, which the partial unique index enforces; a closed case stays
-- closed, and the account's next alert opens a new one (a supervisor may reopen the old).
CREATE SEQUENCE case_numbers;

CREATE TABLE cases (
    case_id     text PRIMARY KEY,
    account_id  text NOT NULL,
    status      text NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'investigating', 'escalated', 'closed_fraud', 'closed_not_fraud')),
    owner       text,
    opened_at   timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    closed_at   timestamptz
);
CREATE UNIQUE INDEX cases_one_open_per_account ON cases (account_id)
    WHERE status IN ('open', 'investigating', 'escalated');
CREATE INDEX cases_status_opened_idx ON cases (status, opened_at);
CREATE INDEX cases_owner_idx ON cases (owner, status);

-- Every change to a case: who, when, what. Append-only, as alert_events.
CREATE TABLE case_events (
    id           bigserial PRIMARY KEY,
    case_id      text NOT NULL REFERENCES cases (case_id),
    at           timestamptz NOT NULL DEFAULT now(),
    actor        text NOT NULL,
    action       text NOT NULL,
    from_status  text,
    to_status    text,
    detail       text
);
CREATE INDEX case_events_case_idx ON case_events (case_id, id);

CREATE FUNCTION case_events_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'case_events is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER case_events_no_change BEFORE UPDATE OR DELETE ON case_events
    FOR EACH ROW EXECUTE FUNCTION case_events_append_only();

ALTER TABLE alerts ADD COLUMN case_id text REFERENCES cases (case_id);
CREATE INDEX alerts_case_idx ON alerts (case_id, created_at);

-- The alerts stored before cases existed. Each account's undecided alerts (new, investigating, escalated) join one
-- open case, whose status is the furthest any of them reached and whose owner is the one assignee they have, if only one;
-- each account's decided alerts join one closed case, closed as fraud when any of them was confirmed.
INSERT INTO cases (case_id, account_id, status, owner, opened_at, updated_at)
SELECT 'case-' || nextval('case_numbers'),
       account_id,
       CASE WHEN bool_or(status = 'escalated') THEN 'escalated'
            WHEN bool_or(status = 'investigating') THEN 'investigating'
            ELSE 'open' END,
       CASE WHEN count(DISTINCT assignee) = 1 THEN min(assignee) END,
       min(created_at),
       max(updated_at)
FROM alerts
WHERE status IN ('new', 'investigating', 'escalated')
GROUP BY account_id;

UPDATE alerts a SET case_id = c.case_id
FROM cases c
WHERE a.case_id IS NULL
  AND a.status IN ('new', 'investigating', 'escalated')
  AND c.account_id = a.account_id
  AND c.status IN ('open', 'investigating', 'escalated');

INSERT INTO cases (case_id, account_id, status, owner, opened_at, updated_at, closed_at)
SELECT 'case-' || nextval('case_numbers'),
       account_id,
       CASE WHEN bool_or(status = 'confirmed_fraud') THEN 'closed_fraud' ELSE 'closed_not_fraud' END,
       CASE WHEN count(DISTINCT assignee) = 1 THEN min(assignee) END,
       min(created_at),
       max(updated_at),
       max(updated_at)
FROM alerts
WHERE case_id IS NULL
GROUP BY account_id;

UPDATE alerts a SET case_id = c.case_id
FROM cases c
WHERE a.case_id IS NULL
  AND c.account_id = a.account_id
  AND c.status IN ('closed_fraud', 'closed_not_fraud');

-- Opened by the migration itself: the timeline says so by the actor.
INSERT INTO case_events (case_id, actor, action)
SELECT case_id, 'migration', 'opened' FROM cases;

-- A case as the queue shows it: its alerts counted, the highest score, the amount at risk in soles (alerts not
-- cleared as false positives), a severity band from score and amount, the time its band allows (SLA) and a
-- priority from 0 to 100 that grows with score (half), amount (three tenths, S/ 20,000 or more counting in full)
-- and the share of its SLA already used (a fifth).
CREATE VIEW case_summaries AS
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
    SELECT CASE WHEN 0.6 * s.max_score + 0.4 * f.amount_factor >= 0.85 THEN 'critical'
                WHEN 0.6 * s.max_score + 0.4 * f.amount_factor >= 0.70 THEN 'high'
                WHEN 0.6 * s.max_score + 0.4 * f.amount_factor >= 0.50 THEN 'medium'
                ELSE 'low' END AS band,
           CASE WHEN 0.6 * s.max_score + 0.4 * f.amount_factor >= 0.85 THEN interval '4 hours'
                WHEN 0.6 * s.max_score + 0.4 * f.amount_factor >= 0.70 THEN interval '24 hours'
                WHEN 0.6 * s.max_score + 0.4 * f.amount_factor >= 0.50 THEN interval '72 hours'
                ELSE interval '7 days' END AS sla) b;
