CREATE TABLE alerts (
    alert_id        text PRIMARY KEY,
    transaction_id  text NOT NULL UNIQUE,
    account_id      text NOT NULL,
    amount          numeric(18, 2) NOT NULL,
    currency        text NOT NULL,
    tx_time         timestamptz NOT NULL,
    merchant_id     text,
    mcc             text,
    channel         text NOT NULL,
    score           double precision NOT NULL,
    threshold       double precision NOT NULL,
    model_version   text NOT NULL,
    reasons         jsonb NOT NULL,
    transaction     jsonb NOT NULL,
    status          text NOT NULL DEFAULT 'new',
    scored_at       timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX alerts_created_idx ON alerts (created_at DESC, alert_id DESC);
CREATE INDEX alerts_status_created_idx ON alerts (status, created_at DESC, alert_id DESC);
CREATE INDEX alerts_account_time_idx ON alerts (account_id, tx_time DESC);
