-- Tools Hub schema (SQLite). Ids are UUIDs stored as 16-byte BLOBs, times as RFC 3339 TEXT.
CREATE TABLE users (
    id            BLOB PRIMARY KEY NOT NULL,
    email         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE users_profile (
    id                     BLOB PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    plan                   TEXT NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro')),
    rate_limit             INTEGER NOT NULL CHECK (rate_limit > 0),
    stripe_customer_id     TEXT UNIQUE,
    stripe_subscription_id TEXT,
    subscription_status    TEXT,
    billing_updated_at     TEXT,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY NOT NULL,
    user_id      BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE api_keys (
    id         BLOB PRIMARY KEY NOT NULL,
    user_id    BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key_hash   TEXT NOT NULL UNIQUE,
    key_hint   TEXT NOT NULL,
    label      TEXT NOT NULL,
    last_used  TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX api_keys_user_id ON api_keys (user_id);

CREATE TABLE api_key_usage (
    key_id BLOB NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,
    day    TEXT NOT NULL,
    count  INTEGER NOT NULL,
    PRIMARY KEY (key_id, day)
);

CREATE TABLE stripe_events (
    id          TEXT PRIMARY KEY NOT NULL,
    type        TEXT NOT NULL,
    received_at TEXT NOT NULL
);
