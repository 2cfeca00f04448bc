//! Browser sessions, stored by the SHA-256 of their token.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{with_pool, Db, Session, Store, StoreResult};

impl Store {
    /// Stores a new session.
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: Uuid,
        created_at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let sql = "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) \
                   VALUES ($1, $2, $3, $4, $3)";
        with_pool!(self, pool => sqlx::query(sql)
            .bind(token_hash)
            .bind(user_id)
            .bind(created_at)
            .bind(expires_at)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// The session with this token hash, expired or not (the caller checks).
    pub async fn session(&self, token_hash: &str) -> StoreResult<Option<Session>> {
        let sql = "SELECT user_id, created_at, expires_at, last_seen_at FROM sessions WHERE token_hash = $1";
        Ok(with_pool!(self, pool => sqlx::query_as(sql).bind(token_hash).fetch_optional(pool).await?))
    }

    /// Records that a session was used.
    pub async fn touch_session(&self, token_hash: &str, at: DateTime<Utc>) -> StoreResult<()> {
        let sql = "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1";
        with_pool!(self, pool => sqlx::query(sql).bind(token_hash).bind(at).execute(pool).await.map(drop)?);
        Ok(())
    }

    /// Deletes one session; true if it existed.
    pub async fn delete_session(&self, token_hash: &str) -> StoreResult<bool> {
        let sql = "DELETE FROM sessions WHERE token_hash = $1";
        let done =
            with_pool!(self, pool => sqlx::query(sql).bind(token_hash).execute(pool).await?.rows_affected());
        Ok(done == 1)
    }

    /// Deletes every session of a user except `keep` (if given); returns how many ended.
    pub async fn delete_other_sessions(&self, user_id: Uuid, keep: Option<&str>) -> StoreResult<u64> {
        let sql = "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2";
        let keep = keep.unwrap_or("");
        Ok(
            with_pool!(self, pool => sqlx::query(sql).bind(user_id).bind(keep).execute(pool).await?.rows_affected()),
        )
    }

    /// Deletes sessions whose lifetime is over; returns how many.
    pub async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        let sql = "DELETE FROM sessions WHERE expires_at < $1";
        Ok(with_pool!(self, pool => sqlx::query(sql).bind(now).execute(pool).await?.rows_affected()))
    }
}
