//! Users and their profiles.

use uuid::Uuid;

use super::{now, with_pool, Account, Credentials, Db, NewUser, Plan, Store, StoreResult};

const ACCOUNT_COLUMNS: &str =
    "SELECT u.id, u.email, p.plan, p.rate_limit, p.stripe_customer_id, u.created_at \
     FROM users u JOIN users_profile p ON p.id = u.id";

impl Store {
    /// Creates a user and its free profile in one transaction.
    /// A taken email gives `StoreError::Conflict("email")`.
    pub async fn create_user(&self, user: &NewUser) -> StoreResult<()> {
        with_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query(
                "INSERT INTO users (id, email, password_hash, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $4)",
            )
            .bind(user.id)
            .bind(&user.email)
            .bind(&user.password_hash)
            .bind(user.created_at)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO users_profile (id, plan, rate_limit, created_at, updated_at) \
                 VALUES ($1, 'free', $2, $3, $3)",
            )
            .bind(user.id)
            .bind(user.rate_limit as i32)
            .bind(user.created_at)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The id and password hash of the account with this (normalised) email.
    pub async fn credentials_by_email(&self, email: &str) -> StoreResult<Option<Credentials>> {
        let sql = "SELECT id, password_hash FROM users WHERE email = $1";
        Ok(with_pool!(self, pool => sqlx::query_as(sql).bind(email).fetch_optional(pool).await?))
    }

    /// The stored password hash of a user.
    pub async fn password_hash(&self, user_id: Uuid) -> StoreResult<Option<String>> {
        let sql = "SELECT password_hash FROM users WHERE id = $1";
        Ok(with_pool!(self, pool => sqlx::query_scalar(sql).bind(user_id).fetch_optional(pool).await?))
    }

    /// An account with its profile.
    pub async fn account(&self, user_id: Uuid) -> StoreResult<Option<Account>> {
        let sql = format!("{ACCOUNT_COLUMNS} WHERE u.id = $1");
        Ok(with_pool!(self, pool => sqlx::query_as(&sql).bind(user_id).fetch_optional(pool).await?))
    }

    /// Replaces a user's password hash.
    pub async fn set_password_hash(&self, user_id: Uuid, hash: &str) -> StoreResult<bool> {
        let sql = "UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1";
        let done = with_pool!(self, pool => sqlx::query(sql).bind(user_id).bind(hash).bind(now()).execute(pool).await?.rows_affected());
        Ok(done == 1)
    }

    /// Deletes a user; profile, sessions, keys and usage go with it (cascade).
    pub async fn delete_user(&self, user_id: Uuid) -> StoreResult<bool> {
        let sql = "DELETE FROM users WHERE id = $1";
        let done =
            with_pool!(self, pool => sqlx::query(sql).bind(user_id).execute(pool).await?.rows_affected());
        Ok(done == 1)
    }

    /// Sets the plan and limit of the account with this email; returns its id if found.
    pub async fn set_plan_by_email(
        &self,
        email: &str,
        plan: Plan,
        rate_limit: u32,
    ) -> StoreResult<Option<Uuid>> {
        let sql = "UPDATE users_profile SET plan = $2, rate_limit = $3, updated_at = $4 \
                   WHERE id = (SELECT id FROM users WHERE email = $1) RETURNING id";
        Ok(with_pool!(self, pool => sqlx::query_scalar(sql)
            .bind(email)
            .bind(plan.as_str())
            .bind(rate_limit as i32)
            .bind(now())
            .fetch_optional(pool)
            .await?))
    }
}
