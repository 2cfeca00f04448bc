-- Server secrets shared by every instance and kept across restarts (e.g. the OG image
-- URL signing key when OG_SIGNING_SECRET is not set). Written once, never changed.
CREATE TABLE app_secrets (
    name       text PRIMARY KEY,
    value      text NOT NULL,
    created_at timestamptz NOT NULL
);
