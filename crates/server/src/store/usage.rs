//! Per-key usage: daily request counts and the time of last use, written in batches.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{with_pool, DailyUsage, Db, Store, StoreResult};

/// Usage of one key gathered in memory since the last flush.
#[derive(Debug, Clone, PartialEq)]
pub struct UsageDelta {
    pub key_id: Uuid,
    pub day: NaiveDate,
    pub count: i64,
    pub last_used: DateTime<Utc>,
}

impl Store {
    /// Adds a batch of usage. Keys deleted in the meantime are skipped.
    pub async fn add_usage(&self, delta: &UsageDelta) -> StoreResult<()> {
        with_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query(
                "UPDATE api_keys SET last_used = $2 WHERE id = $1 AND (last_used IS NULL OR last_used < $2)",
            )
            .bind(delta.key_id)
            .bind(delta.last_used)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO api_key_usage (key_id, day, count) \
                 SELECT id, $2, $3 FROM api_keys WHERE id = $1 \
                 ON CONFLICT (key_id, day) DO UPDATE SET count = api_key_usage.count + excluded.count",
            )
            .bind(delta.key_id)
            .bind(delta.day)
            .bind(delta.count)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// Daily counts of every key of a user from `since` (inclusive), oldest first.
    pub async fn usage_since(&self, user_id: Uuid, since: NaiveDate) -> StoreResult<Vec<DailyUsage>> {
        let sql = "SELECT u.key_id, u.day, u.count FROM api_key_usage u \
                   JOIN api_keys k ON k.id = u.key_id \
                   WHERE k.user_id = $1 AND u.day >= $2 ORDER BY u.day, u.key_id";
        Ok(with_pool!(self, pool => sqlx::query_as(sql).bind(user_id).bind(since).fetch_all(pool).await?))
    }
}
