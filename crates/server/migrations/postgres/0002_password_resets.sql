-- Password reset links: at most one live link per account (a new request replaces it),
-- stored by the SHA-256 of its token. created_at also paces mails (one a minute).
CREATE TABLE password_resets (
    user_id    uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
