//! The in-process limiter: window counters per subject in sharded maps. Exact within
//! one process; each check holds one shard's lock for a lookup and an addition, and
//! allocates only for a subject's first request.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex, PoisonError};

use super::clock::{Clock, SystemClock};
use super::window::{decide, window_start_ms, Counts, WINDOW_MS};
use super::Decision;
use crate::config::RateLimitAlgorithm;

const SHARDS: usize = 32;

/// Window counters of every subject seen in the last two windows.
pub(crate) struct InProcess {
    algorithm: RateLimitAlgorithm,
    clock: Arc<dyn Clock>,
    hasher: RandomState,
    shards: Box<[Mutex<Shard>]>,
}

#[derive(Default)]
struct Shard {
    counters: HashMap<Box<str>, Counter>,
    swept_window: u64,
}

#[derive(Clone, Copy)]
struct Counter {
    window_start: u64,
    previous: u32,
    current: u32,
}

impl InProcess {
    pub(crate) fn new(algorithm: RateLimitAlgorithm) -> Self {
        Self::with_clock(algorithm, Arc::new(SystemClock))
    }

    pub(crate) fn with_clock(algorithm: RateLimitAlgorithm, clock: Arc<dyn Clock>) -> Self {
        Self {
            algorithm,
            clock,
            hasher: RandomState::new(),
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
        }
    }

    /// Counts a request of `cost` for `subject` if it fits in `limit`.
    pub(crate) fn check(&self, subject: &str, limit: u32, cost: u32) -> Decision {
        let now = self.clock.now_ms();
        let start = window_start_ms(now);
        let shard = &self.shards[self.hasher.hash_one(subject) as usize % SHARDS];
        let mut shard = shard.lock().unwrap_or_else(PoisonError::into_inner);
        shard.sweep(start);
        shard.hit(subject, start, |counter| {
            let decision = decide(self.algorithm, now, counter.counts(), limit, cost);
            if decision.allowed {
                counter.current = counter.current.saturating_add(cost);
            }
            decision
        })
    }

    /// Number of subjects held (for tests of the sweep).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.shards.iter().map(|shard| shard.lock().unwrap().counters.len()).sum()
    }
}

impl Shard {
    fn hit(&mut self, subject: &str, start: u64, f: impl FnOnce(&mut Counter) -> Decision) -> Decision {
        if let Some(counter) = self.counters.get_mut(subject) {
            counter.roll(start);
            return f(counter);
        }
        let mut counter = Counter { window_start: start, previous: 0, current: 0 };
        let decision = f(&mut counter);
        if counter.current > 0 {
            self.counters.insert(subject.into(), counter);
        }
        decision
    }

    /// Once per window, drops the subjects that the current window no longer reads.
    fn sweep(&mut self, start: u64) {
        if start <= self.swept_window {
            return;
        }
        self.swept_window = start;
        self.counters.retain(|_, c| c.window_start + WINDOW_MS >= start);
        if self.counters.capacity() > 4 * self.counters.len().max(64) {
            self.counters.shrink_to_fit();
        }
    }
}

impl Counter {
    fn counts(&self) -> Counts {
        Counts { previous: self.previous.into(), current: self.current.into() }
    }

    /// Moves the counter into the window starting at `start` (never backwards, should
    /// the system clock step back).
    fn roll(&mut self, start: u64) {
        if start <= self.window_start {
            return;
        }
        let adjacent = self.window_start + WINDOW_MS == start;
        self.previous = if adjacent { self.current } else { 0 };
        self.current = 0;
        self.window_start = start;
    }
}
