//! In-process cache of verified API keys: key hash → owner, plan and limit.
//!
//! Entries live at most [`TTL`]; invalidations remove them at once. A generation
//! counter stops a lookup that raced with an invalidation from re-inserting stale data.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::RwLock;
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::invalidation::Invalidation;
use crate::store::KeyOwner;

pub const TTL: Duration = Duration::from_secs(60);
const MAX_ENTRIES: usize = 100_000;

#[derive(Default)]
pub struct KeyCache {
    entries: RwLock<HashMap<String, (KeyOwner, Instant)>>,
    generation: AtomicU64,
}

impl KeyCache {
    /// The cached owner of `key_hash`, if fresh.
    pub fn get(&self, key_hash: &str) -> Option<KeyOwner> {
        let entries = self.entries.read().expect("key cache lock");
        let (owner, stored) = entries.get(key_hash)?;
        (stored.elapsed() < TTL).then(|| owner.clone())
    }

    /// The generation to pass to [`KeyCache::insert`] after a storage lookup.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Caches a lookup made at `generation`, unless something was invalidated since.
    pub fn insert(&self, key_hash: String, owner: KeyOwner, generation: u64) {
        let mut entries = self.entries.write().expect("key cache lock");
        if self.generation.load(Ordering::Acquire) != generation {
            return;
        }
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (_, stored)| stored.elapsed() < TTL);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(key_hash, (owner, Instant::now()));
    }

    /// Applies an invalidation from this or another instance.
    pub fn invalidate(&self, message: &Invalidation) {
        let mut entries = self.entries.write().expect("key cache lock");
        self.generation.fetch_add(1, Ordering::AcqRel);
        match message {
            Invalidation::Key(hash) => {
                entries.remove(hash);
            }
            Invalidation::User(user_id) => entries.retain(|_, (owner, _)| owner.user_id != *user_id),
            Invalidation::All => entries.clear(),
        }
    }

    /// Number of cached keys of a user (for tests and metrics).
    pub fn len_for(&self, user_id: Uuid) -> usize {
        let entries = self.entries.read().expect("key cache lock");
        entries.values().filter(|(owner, _)| owner.user_id == user_id).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Plan;

    fn owner(user_id: Uuid) -> KeyOwner {
        KeyOwner { key_id: Uuid::new_v4(), user_id, plan: Plan::Free, rate_limit: 200 }
    }

    #[test]
    fn hit_miss_and_invalidation() {
        let cache = KeyCache::default();
        let user = Uuid::new_v4();
        cache.insert("a".into(), owner(user), cache.generation());
        cache.insert("b".into(), owner(user), cache.generation());
        assert!(cache.get("a").is_some() && cache.get("zzz").is_none());
        cache.invalidate(&Invalidation::Key("a".into()));
        assert!(cache.get("a").is_none() && cache.get("b").is_some());
        cache.invalidate(&Invalidation::User(user));
        assert_eq!(cache.len_for(user), 0);
        cache.insert("c".into(), owner(user), cache.generation());
        cache.invalidate(&Invalidation::All);
        assert!(cache.get("c").is_none());
    }

    #[test]
    fn a_lookup_that_raced_an_invalidation_is_not_cached() {
        let cache = KeyCache::default();
        let generation = cache.generation();
        cache.invalidate(&Invalidation::Key("a".into()));
        cache.insert("a".into(), owner(Uuid::new_v4()), generation);
        assert!(cache.get("a").is_none());
    }
}
