//! Redis failing under the limiter: requests wait at most the time-out, are decided
//! in-process meanwhile, and the limiter returns to Redis by itself.

use std::time::{Duration, Instant};

use redis::aio::MultiplexedConnection;
use toolshub::config::RateLimitAlgorithm::Fixed;
use toolshub::ratelimit::RateLimiter;

use super::proxy::Proxy;
use super::{away_from_window_end, random_prefix, raw_redis, redis_url};

/// A failing Redis costs a request at most the 50 ms time-out; a loaded machine adds to it.
const WORST_CASE: Duration = Duration::from_millis(150);

/// A limiter (limit 100 for "user:a", one request counted) connected through a proxy.
async fn limiter_behind_proxy(redis: &mut MultiplexedConnection) -> (RateLimiter, Proxy) {
    let proxy = Proxy::start(&redis_url()).await;
    let limiter = RateLimiter::redis(&proxy.url, &random_prefix(), Fixed).await.unwrap();
    away_from_window_end(redis).await;
    assert_eq!(limiter.check("user:a", 100, 1).await.remaining, 99);
    (limiter, proxy)
}

/// Restores the proxy, waits for the limiter to use Redis again, and checks once more.
async fn comes_back(limiter: &RateLimiter, proxy: &Proxy) -> u32 {
    proxy.restore();
    let deadline = Instant::now() + Duration::from_secs(5);
    while !limiter.redis_healthy() {
        assert!(Instant::now() < deadline, "Redis did not come back");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(limiter.backend(), "redis");
    limiter.check("user:a", 100, 1).await.remaining
}

#[tokio::test]
async fn a_lost_connection_falls_back_at_once_and_redis_returns_by_itself() {
    let Some(mut redis) = raw_redis().await else { return };
    let (limiter, proxy) = limiter_behind_proxy(&mut redis).await;
    proxy.cut().await;
    let started = Instant::now();
    assert_eq!(limiter.check("user:a", 100, 1).await.remaining, 99, "decided in-process");
    assert!(started.elapsed() < WORST_CASE, "took {:?}", started.elapsed());
    assert_eq!((limiter.backend(), limiter.redis_healthy()), ("redis-fallback", false));
    assert_eq!(comes_back(&limiter, &proxy).await, 98, "counted in Redis again");
}

#[tokio::test]
async fn a_hung_redis_costs_one_time_out_then_nothing() {
    let Some(mut redis) = raw_redis().await else { return };
    let (limiter, proxy) = limiter_behind_proxy(&mut redis).await;
    proxy.stall();
    let started = Instant::now();
    assert_eq!(limiter.check("user:a", 100, 1).await.remaining, 99, "decided in-process");
    let waited = started.elapsed();
    assert!(Duration::from_millis(50) <= waited && waited < WORST_CASE, "took {waited:?}");
    assert_eq!((limiter.backend(), limiter.redis_healthy()), ("redis-fallback", false));
    let started = Instant::now();
    assert_eq!(limiter.check("user:a", 100, 1).await.remaining, 98);
    assert!(started.elapsed() < Duration::from_millis(50), "Redis is not waited for again");
    // The timed-out request may still have reached Redis and been counted there.
    assert!((97..=98).contains(&comes_back(&limiter, &proxy).await));
}

#[tokio::test]
async fn a_redis_down_at_start_up_is_used_once_it_answers() {
    let Some(mut redis) = raw_redis().await else { return };
    let proxy = Proxy::start(&redis_url()).await;
    proxy.cut().await;
    let limiter = RateLimiter::redis(&proxy.url, &random_prefix(), Fixed).await.unwrap();
    assert_eq!(limiter.backend(), "redis-fallback");
    away_from_window_end(&mut redis).await;
    assert_eq!(limiter.check("user:a", 100, 1).await.remaining, 99, "decided in-process");
    assert_eq!(comes_back(&limiter, &proxy).await, 99, "a fresh count in Redis");
}
