-- Tools Hub schema (PostgreSQL).
CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         text NOT NULL UNIQUE,
    password_hash text NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE TABLE users_profile (
    id                     uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    plan                   text NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro')),
    rate_limit             integer NOT NULL CHECK (rate_limit > 0),
    stripe_customer_id     text UNIQUE,
    stripe_subscription_id text,
    subscription_status    text,
    billing_updated_at     timestamptz,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL
);

CREATE TABLE sessions (
    token_hash   text PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE api_keys (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key_hash   text NOT NULL UNIQUE,
    key_hint   text NOT NULL,
    label      text NOT NULL,
    last_used  timestamptz,
    created_at timestamptz NOT NULL
);
CREATE INDEX api_keys_user_id ON api_keys (user_id);

CREATE TABLE api_key_usage (
    key_id uuid NOT NULL REFERENCES api_keys(id) ON DELETE CASCADE,
    day    date NOT NULL,
    count  bigint NOT NULL,
    PRIMARY KEY (key_id, day)
);

CREATE TABLE stripe_events (
    id          text PRIMARY KEY,
    type        text NOT NULL,
    received_at timestamptz NOT NULL
);
