//! Server secrets shared by every instance: created once by whichever instance asks
//! first, then read by all.

use super::{now, with_pool, Db, Store, StoreResult};

impl Store {
    /// The secret called `name`; when there is none yet, `candidate` is stored and
    /// returned (if two instances race, both get the one that was written first).
    pub async fn app_secret(&self, name: &str, candidate: &str) -> StoreResult<String> {
        let insert = "INSERT INTO app_secrets (name, value, created_at) VALUES ($1, $2, $3) \
                      ON CONFLICT (name) DO NOTHING";
        let select = "SELECT value FROM app_secrets WHERE name = $1";
        Ok(with_pool!(self, pool => {
            sqlx::query(insert).bind(name).bind(candidate).bind(now()).execute(pool).await?;
            sqlx::query_scalar(select).bind(name).fetch_one(pool).await?
        }))
    }
}
