//! API keys, stored only as the SHA-256 of the key.

use uuid::Uuid;

use super::{with_pool, ApiKeyInfo, Db, KeyOwner, NewApiKey, Store, StoreResult};

/// Whether a key was created, or the account already holds the maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyCreation {
    Created,
    LimitReached,
}

impl Store {
    /// Stores a new key unless the user already has `max_keys`. The count and the insert
    /// run under a write lock on the user's profile row, so concurrent creations cannot
    /// exceed the maximum.
    pub async fn create_api_key(&self, key: &NewApiKey, max_keys: u32) -> StoreResult<KeyCreation> {
        with_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query("UPDATE users_profile SET updated_at = updated_at WHERE id = $1")
                .bind(key.user_id)
                .execute(&mut *tx)
                .await?;
            let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM api_keys WHERE user_id = $1")
                .bind(key.user_id)
                .fetch_one(&mut *tx)
                .await?;
            if count >= i64::from(max_keys) {
                return Ok(KeyCreation::LimitReached);
            }
            sqlx::query(
                "INSERT INTO api_keys (id, user_id, key_hash, key_hint, label, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(key.id)
            .bind(key.user_id)
            .bind(&key.key_hash)
            .bind(&key.key_hint)
            .bind(&key.label)
            .bind(key.created_at)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
        });
        Ok(KeyCreation::Created)
    }

    /// A user's keys, newest first.
    pub async fn api_keys(&self, user_id: Uuid) -> StoreResult<Vec<ApiKeyInfo>> {
        let sql = "SELECT id, label, key_hint, last_used, created_at FROM api_keys \
                   WHERE user_id = $1 ORDER BY created_at DESC, id";
        Ok(with_pool!(self, pool => sqlx::query_as(sql).bind(user_id).fetch_all(pool).await?))
    }

    /// Deletes a user's key; returns its hash (for cache invalidation), or None when
    /// there is no such key *of this user*.
    pub async fn delete_api_key(&self, user_id: Uuid, key_id: Uuid) -> StoreResult<Option<String>> {
        let sql = "DELETE FROM api_keys WHERE id = $1 AND user_id = $2 RETURNING key_hash";
        Ok(
            with_pool!(self, pool => sqlx::query_scalar(sql).bind(key_id).bind(user_id).fetch_optional(pool).await?),
        )
    }

    /// The hashes of all of a user's keys (to invalidate caches when the account changes).
    pub async fn api_key_hashes(&self, user_id: Uuid) -> StoreResult<Vec<String>> {
        let sql = "SELECT key_hash FROM api_keys WHERE user_id = $1";
        Ok(with_pool!(self, pool => sqlx::query_scalar(sql).bind(user_id).fetch_all(pool).await?))
    }

    /// The key and account behind a key hash, for request authorisation.
    pub async fn key_owner(&self, key_hash: &str) -> StoreResult<Option<KeyOwner>> {
        let sql = "SELECT k.id AS key_id, k.user_id, p.plan, p.rate_limit FROM api_keys k \
                   JOIN users_profile p ON p.id = k.user_id WHERE k.key_hash = $1";
        Ok(with_pool!(self, pool => sqlx::query_as(sql).bind(key_hash).fetch_optional(pool).await?))
    }
}
