//! The decision rule shared by both backends: given the window counters before a
//! request, is it allowed, and what do we tell the client? Integer arithmetic in
//! "request-milliseconds" so the Lua script (doubles, exact below 2^53) computes the
//! same answer as Rust.

use super::{Decision, WINDOW_SECS};
use crate::config::RateLimitAlgorithm;

/// The window length in milliseconds.
pub(crate) const WINDOW_MS: u64 = WINDOW_SECS * 1000;

/// What the counters of one subject held before the request being checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    /// Requests counted in the previous window (read only by the sliding algorithm).
    pub previous: u64,
    /// Requests counted so far in the current window.
    pub current: u64,
}

/// Start (Unix milliseconds) of the window holding `now_ms`.
pub(crate) fn window_start_ms(now_ms: u64) -> u64 {
    now_ms - now_ms % WINDOW_MS
}

/// Decides a request of `cost` against `limit` at `now_ms`.
pub(crate) fn decide(
    algorithm: RateLimitAlgorithm,
    now_ms: u64,
    counts: Counts,
    limit: u32,
    cost: u32,
) -> Decision {
    let start = window_start_ms(now_ms);
    let elapsed = now_ms - start;
    let (limit64, cost64) = (u64::from(limit), u64::from(cost));
    let budget = limit64.saturating_mul(WINDOW_MS);
    let used = weighted_previous(algorithm, counts.previous, elapsed)
        .saturating_add(counts.current.saturating_add(cost64).saturating_mul(WINDOW_MS));
    let allowed = used <= budget;
    let retry_after =
        if allowed { 0 } else { wait_ms(algorithm, elapsed, counts, limit64, cost64).div_ceil(1000).max(1) };
    Decision {
        allowed,
        limit,
        remaining: if allowed { to_u32((budget - used) / WINDOW_MS) } else { 0 },
        reset_at: (start + WINDOW_MS) / 1000,
        retry_after,
    }
}

fn weighted_previous(algorithm: RateLimitAlgorithm, previous: u64, elapsed: u64) -> u64 {
    match algorithm {
        RateLimitAlgorithm::Fixed => 0,
        RateLimitAlgorithm::Sliding => previous.saturating_mul(WINDOW_MS - elapsed),
    }
}

/// Milliseconds until a request of `cost` would pass, if nothing else is counted.
fn wait_ms(algorithm: RateLimitAlgorithm, elapsed: u64, counts: Counts, limit: u64, cost: u64) -> u64 {
    let to_window_end = WINDOW_MS - elapsed;
    match algorithm {
        RateLimitAlgorithm::Fixed => to_window_end,
        // Room in this window: wait for the previous window's weight to fade enough.
        RateLimitAlgorithm::Sliding if counts.current + cost <= limit => {
            let slack = (limit - counts.current - cost) * WINDOW_MS;
            fade_point(counts.previous, slack).saturating_sub(elapsed)
        }
        // The current window becomes the previous one; wait for it to fade.
        RateLimitAlgorithm::Sliding if cost <= limit => {
            to_window_end + fade_point(counts.current, (limit - cost) * WINDOW_MS)
        }
        RateLimitAlgorithm::Sliding => to_window_end,
    }
}

/// The first elapsed time in a window at which `previous` weighted by the rest of the
/// window fits in `slack` request-milliseconds.
fn fade_point(previous: u64, slack: u64) -> u64 {
    WINDOW_MS.saturating_sub(slack.checked_div(previous).unwrap_or(WINDOW_MS))
}

fn to_u32(value: u64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use RateLimitAlgorithm::{Fixed, Sliding};

    const T0: u64 = 1_700_000_040_000; // a window start

    fn counts(previous: u64, current: u64) -> Counts {
        Counts { previous, current }
    }

    #[test]
    fn the_last_request_of_the_window_passes_with_nothing_left() {
        // Sliding: the 200 weigh on the next window too, until 0.3 s into it.
        for (algorithm, retry_after) in [(Fixed, 55), (Sliding, 56)] {
            let last = decide(algorithm, T0 + 5_000, counts(0, 199), 200, 1);
            assert_eq!((last.allowed, last.remaining, last.retry_after), (true, 0, 0));
            assert_eq!(last.reset_at, T0 / 1000 + 60);
            let over = decide(algorithm, T0 + 5_000, counts(0, 200), 200, 1);
            assert_eq!((over.allowed, over.remaining, over.retry_after), (false, 0, retry_after));
        }
    }

    #[test]
    fn retry_after_is_at_least_one_second() {
        let late = decide(Fixed, T0 + 59_999, counts(0, 200), 200, 1);
        assert_eq!(late.retry_after, 1);
    }

    #[test]
    fn sliding_weighs_the_previous_window_by_its_overlap() {
        // A quarter into the window, three quarters of the previous 200 still count.
        let d = decide(Sliding, T0 + 15_000, counts(200, 0), 200, 1);
        assert_eq!((d.allowed, d.remaining), (true, 49));
        let full = decide(Sliding, T0 + 15_000, counts(200, 50), 200, 1);
        assert!(!full.allowed);
        // 200 × (1 − e) + 51 ≤ 200 from e = 25.5 %, i.e. 15.3 s: 300 ms from now.
        assert_eq!(full.retry_after, 1);
        assert!(decide(Sliding, T0 + 15_300, counts(200, 50), 200, 1).allowed);
        assert!(!decide(Sliding, T0 + 15_299, counts(200, 50), 200, 1).allowed);
    }

    #[test]
    fn sliding_without_room_waits_into_the_next_window() {
        // 200 counted now: the next window must fade them by half before 100 fit.
        let d = decide(Sliding, T0 + 40_000, counts(0, 200), 200, 100);
        assert_eq!(d.retry_after, 20 + 30);
    }

    #[test]
    fn a_cost_above_the_limit_never_passes() {
        for algorithm in [Fixed, Sliding] {
            let d = decide(algorithm, T0 + 10_000, counts(0, 0), 5, 6);
            assert_eq!((d.allowed, d.retry_after), (false, 50));
        }
    }

    #[test]
    fn fixed_ignores_the_previous_window() {
        let d = decide(Fixed, T0, counts(200, 0), 200, 1);
        assert_eq!((d.allowed, d.remaining), (true, 199));
    }
}
