ALTER TABLE alerts ADD COLUMN assignee text;
ALTER TABLE alerts ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX alerts_assignee_idx ON alerts (assignee, created_at DESC);

-- Every change to an alert: who, when, what. Append-only: updates and deletes are refused by the database itself.
CREATE TABLE alert_events (
    id           bigserial PRIMARY KEY,
    alert_id     text NOT NULL REFERENCES alerts (alert_id),
    at           timestamptz NOT NULL DEFAULT now(),
    actor        text NOT NULL,
    action       text NOT NULL,
    from_status  text,
    to_status    text,
    detail       text
);
CREATE INDEX alert_events_alert_idx ON alert_events (alert_id, id);

CREATE FUNCTION alert_events_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'alert_events is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER alert_events_no_change BEFORE UPDATE OR DELETE ON alert_events
    FOR EACH ROW EXECUTE FUNCTION alert_events_append_only();
