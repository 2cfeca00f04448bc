//! Rows and values the store reads and writes.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

/// An account's plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Plan {
    Free,
    Pro,
}

impl Plan {
    pub fn as_str(self) -> &'static str {
        match self {
            Plan::Free => "free",
            Plan::Pro => "pro",
        }
    }
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Plan {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "free" => Ok(Plan::Free),
            "pro" => Ok(Plan::Pro),
            other => Err(format!("unknown plan '{other}'; expected free or pro")),
        }
    }
}

impl TryFrom<String> for Plan {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

/// A new account, ready to be written.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub id: Uuid,
    pub email: String,
    pub password_hash: String,
    pub rate_limit: u32,
    pub created_at: DateTime<Utc>,
}

/// What login needs: the id and the stored password hash.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Credentials {
    pub id: Uuid,
    pub password_hash: String,
}

/// An account with its profile.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Account {
    pub id: Uuid,
    pub email: String,
    #[sqlx(try_from = "String")]
    pub plan: Plan,
    pub rate_limit: i32,
    pub stripe_customer_id: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A stored session (looked up by the hash of its token).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Session {
    pub user_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

/// A new API key, ready to be written.
#[derive(Debug, Clone)]
pub struct NewApiKey {
    pub id: Uuid,
    pub user_id: Uuid,
    pub key_hash: String,
    pub key_hint: String,
    pub label: String,
    pub created_at: DateTime<Utc>,
}

/// An API key as listed to its owner (never the key itself).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ApiKeyInfo {
    pub id: Uuid,
    pub label: String,
    pub key_hint: String,
    pub last_used: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// What the gateway needs to authorise a request made with a key.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct KeyOwner {
    pub key_id: Uuid,
    pub user_id: Uuid,
    #[sqlx(try_from = "String")]
    pub plan: Plan,
    pub rate_limit: i32,
}

/// Requests made with one key on one day.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DailyUsage {
    pub key_id: Uuid,
    pub day: NaiveDate,
    pub count: i64,
}

/// A password reset link taken from storage.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PasswordReset {
    pub user_id: Uuid,
    pub expires_at: DateTime<Utc>,
}
