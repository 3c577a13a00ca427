-- Failed logins by the user name tried (whether or not such a user exists, so a lockout tells nothing about who
-- exists); shared by every replica. A successful login or an admin's unlock deletes the row.
CREATE TABLE login_failures (
    username         text PRIMARY KEY,
    failures         integer NOT NULL,
    last_failure_at  timestamptz NOT NULL DEFAULT now(),
    locked_until     timestamptz
);
CREATE INDEX login_failures_last_idx ON login_failures (last_failure_at);
