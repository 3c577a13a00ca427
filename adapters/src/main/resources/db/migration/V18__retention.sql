-- Retention (issue 18): a scheduled purge deletes what is older than each kind's retention, keeping what an open case
-- still needs, and records every run here. The append-only audit tables still refuse every update, and refuse deletes
-- except inside the purge's own transaction, which sets centinela.retention_purge locally (SET LOCAL): no other
-- statement of the platform sets it.
CREATE TABLE retention_purges (
    id          bigserial PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('transactions', 'cases', 'audit')),
    cutoff      timestamptz NOT NULL,
    deleted     bigint NOT NULL,
    kept        bigint NOT NULL,
    detail      jsonb NOT NULL DEFAULT '{}',
    actor       text NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX retention_purges_recent_idx ON retention_purges (finished_at DESC, id DESC);

CREATE FUNCTION retention_purges_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'retention_purges is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER retention_purges_no_change BEFORE UPDATE OR DELETE ON retention_purges
    FOR EACH ROW EXECUTE FUNCTION retention_purges_append_only();

-- One trigger function for the case trails and the export log: updates refused, deletes only inside the purge.
CREATE FUNCTION append_only_but_purged() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('centinela.retention_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER alert_events_no_change ON alert_events;
CREATE TRIGGER alert_events_no_change BEFORE UPDATE OR DELETE ON alert_events
    FOR EACH ROW EXECUTE FUNCTION append_only_but_purged();
DROP TRIGGER case_events_no_change ON case_events;
CREATE TRIGGER case_events_no_change BEFORE UPDATE OR DELETE ON case_events
    FOR EACH ROW EXECUTE FUNCTION append_only_but_purged();
DROP TRIGGER data_subject_exports_no_change ON data_subject_exports;
CREATE TRIGGER data_subject_exports_no_change BEFORE UPDATE OR DELETE ON data_subject_exports
    FOR EACH ROW EXECUTE FUNCTION append_only_but_purged();
DROP FUNCTION alert_events_append_only();
DROP FUNCTION case_events_append_only();
DROP FUNCTION data_subject_exports_append_only();

-- The purge's searches: closed cases by when they closed, audit rows by age.
CREATE INDEX cases_closed_idx ON cases (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX rule_events_at_idx ON rule_events (at);
CREATE INDEX data_subject_exports_at_idx ON data_subject_exports (at);
CREATE INDEX label_outbox_alert_idx ON label_outbox (alert_id);
