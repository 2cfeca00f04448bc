//! Where the in-process limiter reads the time (injectable so tests need not sleep).

use std::time::{SystemTime, UNIX_EPOCH};

/// A source of Unix time in milliseconds.
pub(crate) trait Clock: Send + Sync {
    fn now_ms(&self) -> u64;
}

/// The system's wall clock.
pub(crate) struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }
}

/// A clock that moves only when told to.
#[cfg(test)]
pub(crate) struct ManualClock(pub std::sync::atomic::AtomicU64);

#[cfg(test)]
impl ManualClock {
    pub(crate) fn at(now_ms: u64) -> std::sync::Arc<Self> {
        std::sync::Arc::new(Self(now_ms.into()))
    }

    pub(crate) fn set(&self, now_ms: u64) {
        self.0.store(now_ms, std::sync::atomic::Ordering::SeqCst);
    }
}

#[cfg(test)]
impl Clock for ManualClock {
    fn now_ms(&self) -> u64 {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
}
