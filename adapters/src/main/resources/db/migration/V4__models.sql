-- The model registry: every published bundle, its status and the history of what was active.
CREATE TABLE models (
    version          text PRIMARY KEY,
    kind             text NOT NULL,
    status           text NOT NULL CHECK (status IN ('candidate', 'active', 'shadow', 'retired')),
    alert_threshold  double precision NOT NULL,
    metrics          jsonb NOT NULL,
    sha256           text NOT NULL,
    bundle           bytea NOT NULL,
    created_at       timestamptz NOT NULL,
    published_at     timestamptz NOT NULL DEFAULT now(),
    activated_at     timestamptz,
    previous_active  text
);
CREATE UNIQUE INDEX models_one_active ON models (status) WHERE status = 'active';

CREATE TABLE model_events (
    id       bigserial PRIMARY KEY,
    version  text NOT NULL,
    action   text NOT NULL,
    actor    text NOT NULL,
    at       timestamptz NOT NULL DEFAULT now()
);
