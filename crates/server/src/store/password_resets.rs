//! Password reset links: one live link per account, stored by the SHA-256 of its token.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{with_pool, Db, PasswordReset, Store, StoreResult};

impl Store {
    /// Stores a reset link for `user_id`, replacing an older one, unless the account was
    /// sent one after `paced_since`. True when stored (a mail may go out). One statement,
    /// so instances sharing the database cannot both pass the check.
    pub async fn create_password_reset(
        &self,
        user_id: Uuid,
        token_hash: &str,
        created_at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        paced_since: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let sql = "INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) \
                   VALUES ($1, $2, $3, $4) \
                   ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, \
                   created_at = excluded.created_at, expires_at = excluded.expires_at \
                   WHERE password_resets.created_at <= $5";
        let done = with_pool!(self, pool => sqlx::query(sql)
            .bind(user_id)
            .bind(token_hash)
            .bind(created_at)
            .bind(expires_at)
            .bind(paced_since)
            .execute(pool)
            .await?
            .rows_affected());
        Ok(done == 1)
    }

    /// Removes and returns the link with this token hash: a link can be taken once.
    pub async fn take_password_reset(&self, token_hash: &str) -> StoreResult<Option<PasswordReset>> {
        let sql = "DELETE FROM password_resets WHERE token_hash = $1 RETURNING user_id, expires_at";
        Ok(with_pool!(self, pool => sqlx::query_as(sql).bind(token_hash).fetch_optional(pool).await?))
    }

    /// The token hashes of every live link (for tests and support: no tokens are stored).
    pub async fn password_reset_token_hashes(&self) -> StoreResult<Vec<String>> {
        let sql = "SELECT token_hash FROM password_resets ORDER BY created_at";
        Ok(with_pool!(self, pool => sqlx::query_scalar(sql).fetch_all(pool).await?))
    }
}
