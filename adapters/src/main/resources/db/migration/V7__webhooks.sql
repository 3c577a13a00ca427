-- Webhook deliveries: the outbox of events pushed to the business's endpoint. A row is written in the same statement
-- or transaction as the change it announces, so no event is lost; event_id makes each event enqueued once.
CREATE TABLE webhook_deliveries (
    id                bigserial PRIMARY KEY,
    event_id          text NOT NULL UNIQUE,
    event_type        text NOT NULL,
    payload           jsonb NOT NULL,
    status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts          integer NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    last_status_code  integer,
    last_error        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    delivered_at      timestamptz
);

-- The senders' query: pending rows that are due, oldest due first.
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at, id) WHERE status = 'pending';
-- The delivery log: newest first, optionally by status.
CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (status, created_at DESC, id DESC);
CREATE INDEX webhook_deliveries_created_idx ON webhook_deliveries (created_at DESC, id DESC);
