-- What a shadow model said about each scored transaction, to compare it with the model in force.
ALTER TABLE scored_transactions ADD COLUMN shadow_version text;
ALTER TABLE scored_transactions ADD COLUMN shadow_score double precision;
ALTER TABLE scored_transactions ADD COLUMN shadow_alert boolean;
-- Marked for review: at or above the review threshold, below the alert threshold.
ALTER TABLE scored_transactions ADD COLUMN review boolean NOT NULL DEFAULT false;
CREATE INDEX scored_transactions_shadow_idx ON scored_transactions (shadow_version, scored_at) WHERE shadow_version IS NOT NULL;
CREATE INDEX scored_transactions_version_idx ON scored_transactions (model_version, scored_at);
