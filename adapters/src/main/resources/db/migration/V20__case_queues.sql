-- Team queues (issue 18): which cases a team works, by the case's band, amount at risk, and its alerts' channel and
-- MCC (a NULL criterion matches any case); who is in the team; and whether new cases are handed to its members in
-- turn (round robin; next_member is whose turn it is).
CREATE TABLE case_queues (
    name         text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_]{0,63}$'),
    description  text NOT NULL DEFAULT '',
    bands        text[],
    min_amount   numeric(18, 2),
    channels     text[],
    mccs         text[],
    members      text[] NOT NULL DEFAULT '{}',
    auto_assign  boolean NOT NULL DEFAULT false,
    next_member  integer NOT NULL DEFAULT 0,
    updated_by   text NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
