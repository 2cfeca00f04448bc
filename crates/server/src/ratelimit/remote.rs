//! The Redis limiter: one Lua script per check (EVALSHA, one round trip), global across
//! instances. When Redis fails or is slow the request is decided in-process instead, and
//! a background task brings Redis back once it answers again.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, PoisonError, RwLock, Weak};
use std::time::Duration;

use anyhow::Context;
use redis::aio::ConnectionManager;
use redis::{Client, Script};

use super::connection::connect;
use super::memory::InProcess;
use super::window::{decide, Counts};
use super::{Decision, WINDOW_SECS};
use crate::config::RateLimitAlgorithm;

/// The longest a request waits for Redis before it is decided in-process.
const REQUEST_TIMEOUT: Duration = Duration::from_millis(50);
/// While Redis is down, how often the background task tries it again.
const RECOVERY_INTERVAL: Duration = Duration::from_secs(1);
const PING_TIMEOUT: Duration = Duration::from_millis(500);

pub(crate) struct RedisLimiter {
    shared: Arc<Shared>,
    fallback: InProcess,
    algorithm: RateLimitAlgorithm,
    key_prefix: String,
    script: Script,
}

/// What the request path and the recovery task both see.
struct Shared {
    client: Client,
    connection: RwLock<Option<ConnectionManager>>,
    healthy: AtomicBool,
}

type Reply = (u8, u64, u64, u64);

impl RedisLimiter {
    pub(crate) async fn connect(
        url: &str,
        prefix: &str,
        algorithm: RateLimitAlgorithm,
    ) -> anyhow::Result<Self> {
        let client = Client::open(url).context("not a usable Redis URL")?;
        let connection = connect(&client).await;
        if let Err(e) = &connection {
            let error = format!("{e:#}");
            tracing::warn!(%error, "Redis unreachable; rate limiting in-process until it answers");
        }
        let shared = Arc::new(Shared {
            client,
            healthy: AtomicBool::new(connection.is_ok()),
            connection: RwLock::new(connection.ok()),
        });
        tokio::spawn(recover(Arc::downgrade(&shared)));
        Ok(Self {
            shared,
            fallback: InProcess::new(algorithm),
            algorithm,
            key_prefix: prefix.to_owned(),
            script: Script::new(include_str!("check.lua")),
        })
    }

    pub(crate) async fn check(&self, subject: &str, limit: u32, cost: u32) -> Decision {
        if self.healthy() {
            match self.check_in_redis(subject, limit, cost).await {
                Ok(decision) => return decision,
                Err(e) => self.shared.mark_down(&e),
            }
        }
        self.fallback.check(subject, limit, cost)
    }

    pub(crate) fn healthy(&self) -> bool {
        self.shared.healthy.load(Ordering::Acquire)
    }

    async fn check_in_redis(&self, subject: &str, limit: u32, cost: u32) -> anyhow::Result<Decision> {
        let mut connection = self.shared.connection().context("not connected")?;
        let sliding = self.algorithm == RateLimitAlgorithm::Sliding;
        let mut call = self.script.prepare_invoke();
        call.key(format!("{}ratelimit:{{{subject}}}:", self.key_prefix))
            .arg(WINDOW_SECS)
            .arg(limit)
            .arg(cost)
            .arg(u8::from(sliding));
        let reply = tokio::time::timeout(REQUEST_TIMEOUT, call.invoke_async::<Reply>(&mut connection));
        let (allowed, current, previous, now_ms) = reply.await.context("timed out")??;
        let decision = decide(self.algorithm, now_ms, Counts { previous, current }, limit, cost);
        debug_assert_eq!(decision.allowed, allowed == 1, "check.lua and window.rs disagree");
        Ok(decision)
    }
}

impl Shared {
    fn connection(&self) -> Option<ConnectionManager> {
        self.connection.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn mark_down(&self, error: &anyhow::Error) {
        if self.healthy.swap(false, Ordering::AcqRel) {
            let error = format!("{error:#}");
            tracing::warn!(%error, "Redis rate limiter failing; limiting in-process until it answers");
        }
    }

    /// Marks Redis healthy again if it answers.
    async fn try_recover(&self) {
        if self.reachable().await && !self.healthy.swap(true, Ordering::AcqRel) {
            tracing::info!("Redis rate limiter reachable again; limits are global again");
        }
    }

    /// True if Redis answers a ping on the current connection or, failing that, a new one.
    async fn reachable(&self) -> bool {
        if self.ping().await.is_ok() {
            return true;
        }
        match connect(&self.client).await {
            Ok(connection) => {
                *self.connection.write().unwrap_or_else(PoisonError::into_inner) = Some(connection)
            }
            Err(e) => {
                tracing::debug!(error = %format!("{e:#}"), "Redis still unreachable");
                return false;
            }
        }
        self.ping().await.is_ok()
    }

    async fn ping(&self) -> anyhow::Result<()> {
        let mut connection = self.connection().context("not connected")?;
        let ping = redis::cmd("PING");
        let reply = tokio::time::timeout(PING_TIMEOUT, ping.query_async::<()>(&mut connection));
        Ok(reply.await??)
    }
}

/// Runs until the limiter is dropped, trying Redis again while it is marked down.
async fn recover(shared: Weak<Shared>) {
    let mut ticks = tokio::time::interval(RECOVERY_INTERVAL);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let Some(shared) = shared.upgrade() else {
            return;
        };
        if !shared.healthy.load(Ordering::Acquire) {
            shared.try_recover().await;
        }
    }
}
