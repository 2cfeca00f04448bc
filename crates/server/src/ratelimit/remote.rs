//! The Redis limiter: one Lua script run (EVALSHA, one round trip) decides a check, or a
//! batch of concurrent checks for one subject (batch.rs); global across instances. When
//! Redis fails or is slow the request is decided in-process instead, and a background
//! task brings Redis back once it answers again.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, PoisonError, RwLock, Weak};
use std::time::Duration;

use anyhow::Context;
use redis::aio::ConnectionManager;
use redis::{Client, Script};

use super::batch::{self, Queues, Waiter};
use super::connection::connect;
use super::memory::InProcess;
use super::Decision;
use crate::config::RateLimitAlgorithm;

/// The longest a request waits for Redis before it is decided in-process.
const REQUEST_TIMEOUT: Duration = Duration::from_millis(50);
/// While Redis is down, how often the background task tries it again.
const RECOVERY_INTERVAL: Duration = Duration::from_secs(1);
const PING_TIMEOUT: Duration = Duration::from_millis(500);

pub(crate) struct RedisLimiter {
    shared: Arc<Shared>,
    fallback: InProcess,
}

/// What the request path, the batch calls and the recovery task see.
struct Shared {
    client: Client,
    connection: RwLock<Option<ConnectionManager>>,
    healthy: AtomicBool,
    algorithm: RateLimitAlgorithm,
    key_prefix: String,
    script: Script,
    queues: Queues,
}

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
            algorithm,
            key_prefix: prefix.to_owned(),
            script: Script::new(include_str!("check.lua")),
            queues: Queues::default(),
        });
        tokio::spawn(recover(Arc::downgrade(&shared)));
        Ok(Self { shared, fallback: InProcess::new(algorithm) })
    }

    pub(crate) async fn check(&self, subject: &str, limit: u32, cost: u32) -> Decision {
        if self.healthy() {
            if let Some(decision) = self.check_in_redis(subject, limit, cost).await {
                return decision;
            }
        }
        self.fallback.check(subject, limit, cost)
    }

    pub(crate) fn healthy(&self) -> bool {
        self.shared.healthy.load(Ordering::Acquire)
    }

    /// The check's decision from Redis, or `None` if Redis failed or took longer than
    /// [`REQUEST_TIMEOUT`] (then Redis is marked down).
    async fn check_in_redis(&self, subject: &str, limit: u32, cost: u32) -> Option<Decision> {
        let (waiter, answer) = Waiter::new(limit, cost);
        if self.shared.queues.push(subject, waiter) {
            // Spawned, not awaited here: the rounds must go on if this request is dropped.
            tokio::spawn(self.shared.clone().send_batches(subject.to_owned()));
        }
        match tokio::time::timeout(REQUEST_TIMEOUT, answer).await {
            Ok(Ok(decision)) => decision,
            Ok(Err(_)) => None,
            Err(_) => {
                self.shared.mark_down(&anyhow::anyhow!("no answer within {REQUEST_TIMEOUT:?}"));
                None
            }
        }
    }
}

impl Shared {
    /// Sends the queued checks for `subject`, a batch per round trip, until none are left.
    async fn send_batches(self: Arc<Self>, subject: String) {
        let key = format!("{}ratelimit:{{{subject}}}:", self.key_prefix);
        while let Some(batch) = self.queues.next_batch(&subject) {
            let decisions = if self.healthy.load(Ordering::Acquire) {
                self.run_batch(key.clone(), &batch).await
            } else {
                None
            };
            batch::answer(batch, decisions);
        }
    }

    async fn run_batch(&self, key: String, batch: &[Waiter]) -> Option<Vec<Decision>> {
        let outcome = async {
            let mut connection = self.connection().context("not connected")?;
            let run = batch::run(&self.script, &mut connection, key, self.algorithm, batch);
            tokio::time::timeout(REQUEST_TIMEOUT, run).await.context("timed out")?
        };
        outcome.await.inspect_err(|e| self.mark_down(e)).ok()
    }

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
