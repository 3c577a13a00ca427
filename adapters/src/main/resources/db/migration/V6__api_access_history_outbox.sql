-- Users can be disabled (never deleted: the audit trail names them).
ALTER TABLE users ADD COLUMN enabled boolean NOT NULL DEFAULT true;
ALTER TABLE users ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
-- Integration accounts send transactions and nothing else.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('analyst', 'supervisor', 'admin', 'integration'));

-- Bearer tokens: browser sessions and long-lived tokens for scripts. Only a SHA-256 of the secret is kept.
CREATE TABLE api_tokens (
    token_id      text PRIMARY KEY,
    username      text NOT NULL REFERENCES users (username),
    kind          text NOT NULL CHECK (kind IN ('session', 'script')),
    name          text NOT NULL,
    secret_sha256 text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (username, created_at DESC);

-- Decisions waiting to be published as labels: written in the decision's own transaction, relayed to Kafka.
CREATE TABLE label_outbox (
    id            bigserial PRIMARY KEY,
    alert_id      text NOT NULL REFERENCES alerts (alert_id),
    account_id    text NOT NULL,
    label         jsonb NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz
);
CREATE INDEX label_outbox_pending_idx ON label_outbox (id) WHERE published_at IS NULL;

-- Every scored transaction, so an alert can be read against the account's own history.
CREATE TABLE scored_transactions (
    transaction_id  text PRIMARY KEY,
    account_id      text NOT NULL,
    tx_time         timestamptz NOT NULL,
    amount          numeric(18, 2),
    currency        text,
    amount_pen      numeric(18, 2),
    merchant_id     text,
    mcc             text,
    channel         text,
    score           double precision NOT NULL,
    model_version   text NOT NULL,
    alert           boolean NOT NULL,
    scored_at       timestamptz NOT NULL
);
CREATE INDEX scored_transactions_account_time_idx ON scored_transactions (account_id, tx_time);
CREATE INDEX scored_transactions_scored_at_idx ON scored_transactions (scored_at);

-- One index per way the alert list can be filtered or sorted.
CREATE INDEX alerts_score_idx ON alerts (score DESC, alert_id DESC);
CREATE INDEX alerts_amount_idx ON alerts (amount DESC, alert_id DESC);
CREATE INDEX alerts_tx_time_idx ON alerts (tx_time DESC, alert_id DESC);
CREATE INDEX alerts_account_created_idx ON alerts (account_id, created_at DESC, alert_id DESC);
CREATE INDEX alerts_merchant_created_idx ON alerts (merchant_id, created_at DESC, alert_id DESC);
CREATE INDEX alerts_mcc_created_idx ON alerts (mcc, created_at DESC, alert_id DESC);
CREATE INDEX alerts_channel_created_idx ON alerts (channel, created_at DESC, alert_id DESC);
CREATE INDEX alerts_model_created_idx ON alerts (model_version, created_at DESC, alert_id DESC);
