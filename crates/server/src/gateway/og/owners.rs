//! The per-minute limit of each image owner, cached like API keys: at most [`TTL`] old,
//! dropped at once when the account's plan changes or it is deleted.

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::Instant;

use uuid::Uuid;

pub use super::super::key_cache::TTL;
use crate::error::ApiResult;
use crate::invalidation::Invalidation;
use crate::state::AppState;

const MAX_ENTRIES: usize = 100_000;

/// An account's limit and plan name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwnerLimit {
    pub limit: u32,
    pub policy: &'static str,
}

#[derive(Default)]
pub struct OwnerLimits {
    entries: RwLock<HashMap<Uuid, (OwnerLimit, Instant)>>,
}

impl OwnerLimits {
    /// The owner's limit; `None` when the account no longer exists.
    pub async fn get(&self, state: &AppState, owner: Uuid) -> ApiResult<Option<OwnerLimit>> {
        if let Some(cached) = self.cached(owner) {
            return Ok(Some(cached));
        }
        let Some(account) = state.store.account(owner).await? else { return Ok(None) };
        let limit = OwnerLimit {
            limit: u32::try_from(account.rate_limit).unwrap_or(1),
            policy: account.plan.as_str(),
        };
        let mut entries = self.entries.write().expect("owner cache lock");
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(owner, (limit, Instant::now()));
        Ok(Some(limit))
    }

    fn cached(&self, owner: Uuid) -> Option<OwnerLimit> {
        let entries = self.entries.read().expect("owner cache lock");
        let (limit, stored) = entries.get(&owner)?;
        (stored.elapsed() < TTL).then_some(*limit)
    }

    /// Applies an invalidation from this or another instance.
    pub fn invalidate(&self, message: &Invalidation) {
        let mut entries = self.entries.write().expect("owner cache lock");
        match message {
            Invalidation::Key(_) => {}
            Invalidation::User(user_id) => {
                entries.remove(user_id);
            }
            Invalidation::All => entries.clear(),
        }
    }
}
