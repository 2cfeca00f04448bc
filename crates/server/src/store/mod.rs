//! Storage: accounts, sessions, API keys, usage and Stripe events.
//!
//! One [`Store`] type serves both backends. Each operation is written once; the
//! [`with_pool!`] macro compiles its body for SQLite and for PostgreSQL, so callers never
//! know which database is in use. SQL lives here and nowhere else.

mod accounts;
mod api_keys;
mod billing;
mod models;
mod password_resets;
mod secrets;
mod sessions;
mod usage;

use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};

pub use api_keys::KeyCreation;
pub use billing::{BillingChange, BillingState, EventOutcome};
pub use models::*;
pub use usage::UsageDelta;

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the write; the string names the constraint's column.
    #[error("conflict on {0}")]
    Conflict(&'static str),
    /// The database could not be reached.
    #[error("database unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    #[error(transparent)]
    Database(sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("bad database url: {0}")]
    BadUrl(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                Self::Unavailable(err)
            }
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                Self::Conflict(unique_column(db.message()))
            }
            _ => Self::Database(err),
        }
    }
}

/// Names the column of a unique violation from the driver's message.
fn unique_column(message: &str) -> &'static str {
    const COLUMNS: [&str; 4] = ["email", "key_hash", "stripe_customer_id", "token_hash"];
    COLUMNS.into_iter().find(|c| message.contains(c)).unwrap_or("unique")
}

pub type StoreResult<T> = Result<T, StoreError>;

#[derive(Clone)]
enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Handle to the database; cheap to clone.
#[derive(Clone)]
pub struct Store {
    db: Db,
    operations: Arc<AtomicU64>,
}

/// Runs `$body` with `$pool` bound to the backend's pool, counting the operation.
macro_rules! with_pool {
    ($store:expr, $pool:ident => $body:expr) => {{
        $store.count_operation();
        match &$store.db {
            Db::Sqlite($pool) => $body,
            Db::Postgres($pool) => $body,
        }
    }};
}
use with_pool;

impl Store {
    /// Connects to `sqlite://PATH` (creating the file and its folder) or `postgres://…`.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let db = if url.starts_with("sqlite:") {
            Db::Sqlite(connect_sqlite(url).await?)
        } else {
            Db::Postgres(connect_postgres(url).await?)
        };
        Ok(Self { db, operations: Arc::default() })
    }

    /// Applies the backend's migrations (embedded in the binary).
    pub async fn migrate(&self) -> StoreResult<()> {
        match &self.db {
            Db::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await?,
            Db::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    /// The backend's name, for logs and `/readyz`.
    pub fn backend(&self) -> &'static str {
        match self.db {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> StoreResult<()> {
        with_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(drop)?);
        Ok(())
    }

    /// How many storage operations ran since start (each is one or a few SQL statements).
    pub fn operation_count(&self) -> u64 {
        self.operations.load(Ordering::Relaxed)
    }

    fn count_operation(&self) {
        self.operations.fetch_add(1, Ordering::Relaxed);
    }

    /// Closes every connection (at shutdown).
    pub async fn close(&self) {
        match &self.db {
            Db::Sqlite(pool) => pool.close().await,
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

async fn connect_sqlite(url: &str) -> StoreResult<SqlitePool> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|e| StoreError::BadUrl(e.to_string()))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    if let Some(folder) = options.get_filename().parent() {
        if !folder.as_os_str().is_empty() {
            std::fs::create_dir_all(folder)
                .map_err(|e| StoreError::BadUrl(format!("cannot create {}: {e}", folder.display())))?;
        }
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await?;
    Ok(pool)
}

async fn connect_postgres(url: &str) -> StoreResult<PgPool> {
    let options = PgConnectOptions::from_str(url).map_err(|e| StoreError::BadUrl(e.to_string()))?;
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await?;
    Ok(pool)
}

/// Now, at the precision both backends keep (microseconds).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    use chrono::SubsecRound;
    chrono::Utc::now().trunc_subsecs(6)
}
