-- Business rules beside the models (issue 17). A rule's row holds its version in force; every version, with who
-- saved it, stays in rule_versions, so a change can be read and rolled back. Lists of accounts, devices, IPs,
-- merchants and counterparties hold their entries; every change to a rule or a list is an event. rules_revision
-- moves with every change in the same transaction: scoring replicas poll it and reload only when it moved.
CREATE TABLE rules (
    rule_id         text PRIMARY KEY,
    version         integer NOT NULL,
    expression      text NOT NULL,
    outcome         text NOT NULL CHECK (outcome IN ('decline', 'review', 'allow')),
    status          text NOT NULL CHECK (status IN ('draft', 'shadow', 'active', 'retired')),
    description_es  text NOT NULL,
    description_en  text NOT NULL,
    managed_by      text NOT NULL DEFAULT 'api' CHECK (managed_by IN ('api', 'kubernetes')),
    updated_by      text NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rule_versions (
    rule_id         text NOT NULL REFERENCES rules (rule_id),
    version         integer NOT NULL,
    expression      text NOT NULL,
    outcome         text NOT NULL,
    status          text NOT NULL,
    description_es  text NOT NULL,
    description_en  text NOT NULL,
    change          text NOT NULL,
    changed_by      text NOT NULL,
    changed_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (rule_id, version)
);

CREATE TABLE rule_lists (
    name            text PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('account', 'device', 'ip', 'merchant', 'counterparty')),
    purpose         text NOT NULL CHECK (purpose IN ('block', 'allow', 'watch')),
    description     text NOT NULL DEFAULT '',
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rule_list_entries (
    list_name       text NOT NULL REFERENCES rule_lists (name) ON DELETE CASCADE,
    value           text NOT NULL,
    note            text NOT NULL DEFAULT '',
    added_by        text NOT NULL,
    added_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (list_name, value)
);

CREATE TABLE rule_events (
    id              bigserial PRIMARY KEY,
    subject_kind    text NOT NULL CHECK (subject_kind IN ('rule', 'list')),
    subject         text NOT NULL,
    action          text NOT NULL,
    actor           text NOT NULL,
    at              timestamptz NOT NULL DEFAULT now(),
    detail          jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX rule_events_subject_idx ON rule_events (subject_kind, subject, at DESC);

CREATE TABLE rules_revision (
    id              integer PRIMARY KEY CHECK (id = 1),
    revision        bigint NOT NULL
);
INSERT INTO rules_revision VALUES (1, 0);

-- what was decided, and which rules held, on every alert and scored transaction
ALTER TABLE alerts ADD COLUMN decision text NOT NULL DEFAULT 'review' CHECK (decision IN ('review', 'decline'));
ALTER TABLE alerts ADD COLUMN rule_hits jsonb NOT NULL DEFAULT '[]';
ALTER TABLE scored_transactions ADD COLUMN decision text CHECK (decision IN ('approve', 'review', 'decline'));
ALTER TABLE scored_transactions ADD COLUMN rule_hits jsonb;
