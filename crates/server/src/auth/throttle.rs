//! Throttling of failed password checks: after `max` failures for one key (an email or a
//! client address) within the window, further attempts are refused until the oldest
//! failure leaves the window. Exact (a log of failure times), and bounded: a key keeps
//! at most `max` entries and expired keys are swept.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const SWEEP_EVERY: Duration = Duration::from_secs(60);

/// A sliding log of failures per key.
pub struct FailureThrottle {
    window: Duration,
    state: Mutex<State>,
}

struct State {
    failures: HashMap<String, VecDeque<Instant>>,
    last_sweep: Instant,
}

impl FailureThrottle {
    pub fn new(window: Duration) -> Self {
        let state = State { failures: HashMap::new(), last_sweep: Instant::now() };
        Self { window, state: Mutex::new(state) }
    }

    /// How long `key` must wait, if it already has `max` failures in the window.
    pub fn retry_after(&self, key: &str, max: usize) -> Option<Duration> {
        let now = Instant::now();
        let mut state = self.state.lock().expect("throttle lock");
        let log = state.failures.get_mut(key)?;
        self.expire(log, now);
        (log.len() >= max).then(|| self.window - now.duration_since(log[0]))
    }

    /// Records one failure for `key`.
    pub fn record_failure(&self, key: &str, max: usize) {
        let now = Instant::now();
        let mut state = self.state.lock().expect("throttle lock");
        state.sweep(now, self.window);
        let log = state.failures.entry(key.to_owned()).or_default();
        self.expire(log, now);
        if log.len() >= max {
            log.pop_front();
        }
        log.push_back(now);
    }

    /// Forgets the failures of `key` (after a successful login).
    pub fn clear(&self, key: &str) {
        self.state.lock().expect("throttle lock").failures.remove(key);
    }

    fn expire(&self, log: &mut VecDeque<Instant>, now: Instant) {
        while log.front().is_some_and(|t| now.duration_since(*t) >= self.window) {
            log.pop_front();
        }
    }
}

impl State {
    fn sweep(&mut self, now: Instant, window: Duration) {
        if now.duration_since(self.last_sweep) < SWEEP_EVERY {
            return;
        }
        self.last_sweep = now;
        self.failures.retain(|_, log| log.back().is_some_and(|t| now.duration_since(*t) < window));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_max_failures_and_reopens_after_the_window() {
        let throttle = FailureThrottle::new(Duration::from_millis(200));
        for _ in 0..3 {
            assert!(throttle.retry_after("a", 3).is_none());
            throttle.record_failure("a", 3);
        }
        let wait = throttle.retry_after("a", 3).expect("blocked");
        assert!(wait <= Duration::from_millis(200));
        assert!(throttle.retry_after("b", 3).is_none(), "keys are independent");
        std::thread::sleep(Duration::from_millis(210));
        assert!(throttle.retry_after("a", 3).is_none());
    }

    #[test]
    fn clear_forgets_a_key() {
        let throttle = FailureThrottle::new(Duration::from_secs(60));
        throttle.record_failure("a", 1);
        assert!(throttle.retry_after("a", 1).is_some());
        throttle.clear("a");
        assert!(throttle.retry_after("a", 1).is_none());
    }
}
