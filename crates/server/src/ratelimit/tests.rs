//! The in-process limiter, on a clock the tests move.

use std::sync::Arc;

use super::clock::ManualClock;
use super::memory::InProcess;
use super::{Backend, Decision, RateLimiter};
use crate::config::RateLimitAlgorithm::{self, Fixed, Sliding};

const T0: u64 = 1_700_000_040_000; // a window start, in Unix milliseconds

fn limiter(algorithm: RateLimitAlgorithm) -> (RateLimiter, Arc<ManualClock>) {
    let clock = ManualClock::at(T0);
    let backend = Backend::InProcess(InProcess::with_clock(algorithm, clock.clone()));
    (RateLimiter::from_backend(backend), clock)
}

async fn allowed_in_a_row(limiter: &RateLimiter, subject: &str, limit: u32) -> u32 {
    let mut allowed = 0;
    while limiter.check(subject, limit, 1).await.allowed {
        allowed += 1;
    }
    allowed
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn exact_under_concurrency() {
    for algorithm in [Fixed, Sliding] {
        let (limiter, _clock) = limiter(algorithm);
        let checks = (0..250).map(|_| {
            let limiter = limiter.clone();
            tokio::spawn(async move { limiter.check("user:a", 200, 1).await })
        });
        let decisions: Vec<Decision> = futures_util::future::try_join_all(checks).await.unwrap();
        let (allowed, denied): (Vec<&Decision>, Vec<_>) = decisions.iter().partition(|d| d.allowed);
        let mut remaining: Vec<u32> = allowed.iter().map(|d| d.remaining).collect();
        remaining.sort_unstable();
        assert_eq!(remaining, (0..200).collect::<Vec<_>>(), "{algorithm:?}");
        assert_eq!(denied.len(), 50);
        assert!(denied.iter().all(|d| d.remaining == 0 && d.retry_after >= 60));
    }
}

#[tokio::test]
async fn costs_add_up_and_denied_requests_consume_nothing() {
    let (limiter, _clock) = limiter(Fixed);
    let remaining = |d: Decision| (d.allowed, d.remaining);
    assert_eq!(remaining(limiter.check("user:a", 10, 4).await), (true, 6));
    assert_eq!(remaining(limiter.check("user:a", 10, 4).await), (true, 2));
    assert_eq!(remaining(limiter.check("user:a", 10, 4).await), (false, 0));
    assert_eq!(remaining(limiter.check("user:a", 10, 2).await), (true, 0));
    assert_eq!(remaining(limiter.check("user:a", 10, 1).await), (false, 0));
    assert_eq!(remaining(limiter.check("user:b", 10, 1).await), (true, 9));
}

#[tokio::test]
async fn a_new_window_starts_afresh() {
    let (limiter, clock) = limiter(Fixed);
    assert_eq!(allowed_in_a_row(&limiter, "user:a", 200).await, 200);
    clock.set(T0 + 59_999);
    assert_eq!(limiter.check("user:a", 200, 1).await.retry_after, 1);
    clock.set(T0 + 60_000);
    let first = limiter.check("user:a", 200, 1).await;
    assert_eq!((first.allowed, first.remaining, first.reset_at), (true, 199, T0 / 1000 + 120));
}

#[tokio::test]
async fn fixed_allows_the_boundary_burst_and_sliding_does_not() {
    for (algorithm, after_boundary) in [(Fixed, 200), (Sliding, 0)] {
        let (limiter, clock) = limiter(algorithm);
        clock.set(T0 + 59_000);
        assert_eq!(allowed_in_a_row(&limiter, "user:a", 200).await, 200);
        clock.set(T0 + 60_000);
        assert_eq!(allowed_in_a_row(&limiter, "user:a", 200).await, after_boundary, "{algorithm:?}");
    }
}

#[tokio::test]
async fn sliding_frees_the_previous_window_as_it_fades() {
    let (limiter, clock) = limiter(Sliding);
    assert_eq!(allowed_in_a_row(&limiter, "user:a", 200).await, 200);
    clock.set(T0 + 90_000); // half the previous window still counts
    assert_eq!(allowed_in_a_row(&limiter, "user:a", 200).await, 100);
    clock.set(T0 + 180_000); // two windows on, nothing counts
    assert_eq!(allowed_in_a_row(&limiter, "user:a", 200).await, 200);
}

#[test]
fn expired_subjects_are_swept() {
    let clock = ManualClock::at(T0);
    let limiter = InProcess::with_clock(Sliding, clock.clone());
    let check_many = |tag: &str| {
        for i in 0..1000 {
            limiter.check(&format!("{tag}:{i}"), 5, 1);
        }
    };
    check_many("early");
    assert_eq!(limiter.len(), 1000);
    clock.set(T0 + 60_000);
    check_many("later");
    assert_eq!(limiter.len(), 2000, "the previous window is still read");
    clock.set(T0 + 120_000);
    check_many("latest");
    // 1000 subjects reach every shard, and each shard sweeps when first touched.
    assert_eq!(limiter.len(), 2000, "the early ones are gone");
    clock.set(T0 + 240_000);
    check_many("last");
    assert_eq!(limiter.len(), 1000);
}

#[test]
fn a_denied_first_request_stores_nothing() {
    let limiter = InProcess::with_clock(Fixed, ManualClock::at(T0));
    assert!(!limiter.check("anon:1.2.3.4", 1, 2).allowed);
    assert_eq!(limiter.len(), 0);
}

#[tokio::test]
async fn the_in_process_backend_reports_itself() {
    let limiter = RateLimiter::in_process(Fixed);
    assert_eq!((limiter.backend(), limiter.redis_healthy()), ("in-process", true));
    assert!(limiter.check("user:a", 1, 1).await.allowed);
}
