-- Server secrets shared by every instance and kept across restarts (e.g. the OG image
-- URL signing key when OG_SIGNING_SECRET is not set). Written once, never changed.
CREATE TABLE app_secrets (
    name       TEXT PRIMARY KEY NOT NULL,
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
