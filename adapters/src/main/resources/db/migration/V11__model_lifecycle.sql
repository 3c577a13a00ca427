-- The retraining loop: a candidate that did not beat the model in force stays on record as rejected, and every step
-- of a version's life is an event with a code (publish, shadow, promote, reject, rollback, threshold, retrain_started,
-- retrain_failed) and its figures as JSON. An event of the loop before it has a version has none.
ALTER TABLE models DROP CONSTRAINT models_status_check;
ALTER TABLE models ADD CONSTRAINT models_status_check CHECK (status IN ('candidate', 'active', 'shadow', 'retired', 'rejected'));
ALTER TABLE model_events ALTER COLUMN version DROP NOT NULL;
ALTER TABLE model_events ADD COLUMN detail jsonb NOT NULL DEFAULT '{}';
UPDATE model_events SET detail = jsonb_build_object('from', substr(action, 15)), action = 'rollback' WHERE action LIKE 'rollback from %';
UPDATE model_events SET detail = jsonb_build_object('alert_threshold', substr(action, 11)::double precision), action = 'threshold'
    WHERE action LIKE 'threshold %';
CREATE INDEX model_events_at_idx ON model_events (at DESC);
