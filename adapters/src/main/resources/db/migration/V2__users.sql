CREATE TABLE users (
    username       text PRIMARY KEY,
    password_hash  text NOT NULL,
    role           text NOT NULL CHECK (role IN ('analyst', 'supervisor', 'admin')),
    created_at     timestamptz NOT NULL DEFAULT now()
);
