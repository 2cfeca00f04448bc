-- Password reset links: at most one live link per account (a new request replaces it),
-- stored by the SHA-256 of its token. created_at also paces mails (one a minute).
CREATE TABLE password_resets (
    user_id    BLOB PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
