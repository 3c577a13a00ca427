-- Transaction ids already received, so a duplicate is rejected within the configured horizon, across restarts and replicas.
CREATE TABLE ingest_seen (
    transaction_id  text PRIMARY KEY,
    seen_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ingest_seen_time_idx ON ingest_seen (seen_at);

-- Where each polled database source stopped, so a restart neither skips nor repeats rows.
CREATE TABLE ingest_positions (
    source_name  text PRIMARY KEY,
    position     text NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Data-quality counts by hour of arrival, source and outcome ('accepted', 'rejected:<field>:<code>', 'flag:<flag>').
CREATE TABLE dq_counts (
    hour     timestamptz NOT NULL,
    source   text NOT NULL,
    outcome  text NOT NULL,
    count    bigint NOT NULL,
    PRIMARY KEY (hour, source, outcome)
);
