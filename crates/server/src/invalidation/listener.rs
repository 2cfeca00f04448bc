//! The background task that forwards invalidations from Redis to this instance's
//! subscribers, resubscribing with backoff whenever the connection fails.

use std::time::Duration;

use anyhow::Context;
use futures_util::StreamExt;
use redis::aio::{PubSubSink, PubSubStream};
use redis::Client;
use tokio::sync::broadcast;
use tokio::time::timeout;

use super::Invalidation;
use crate::ratelimit::connection::CONNECT_TIMEOUT;

/// A subscription that silently died (no reset from the network) is found by pinging.
const HEARTBEAT: Duration = Duration::from_secs(5);
const MIN_BACKOFF: Duration = Duration::from_millis(100);
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// The background task that forwards messages from Redis to local subscribers.
pub(super) struct Listener {
    pub client: Client,
    pub channel: String,
    pub local: broadcast::Sender<Invalidation>,
}

pub(super) type Subscription = (PubSubSink, PubSubStream);

impl Listener {
    pub(super) async fn run(self, mut first: Option<Subscription>) {
        let mut backoff = MIN_BACKOFF;
        // Whatever is published while not subscribed is lost; the caches must forget it all.
        let mut missed_some = first.is_none();
        loop {
            let subscription = match first.take() {
                Some(subscription) => Ok(subscription),
                None => subscribe(&self.client, &self.channel).await,
            };
            match subscription {
                Ok(subscription) => {
                    backoff = MIN_BACKOFF;
                    if missed_some {
                        let _ = self.local.send(Invalidation::All);
                    }
                    self.listen(subscription).await;
                    missed_some = true;
                    tracing::warn!("invalidation subscription lost; resubscribing");
                }
                Err(e) => {
                    missed_some = true;
                    tracing::debug!(error = %format!("{e:#}"), "cannot subscribe to invalidations");
                }
            }
            tokio::time::sleep(backoff).await;
            backoff = (backoff * 2).min(MAX_BACKOFF);
        }
    }

    /// Forwards messages until the connection fails.
    async fn listen(&self, (mut sink, mut stream): Subscription) {
        let mut heartbeat = tokio::time::interval(HEARTBEAT);
        heartbeat.tick().await;
        loop {
            tokio::select! {
                message = stream.next() => match message {
                    Some(message) => self.deliver(&message),
                    None => return,
                },
                _ = heartbeat.tick() => {
                    let ping = timeout(CONNECT_TIMEOUT, sink.ping::<redis::Value>()).await;
                    if !matches!(ping, Ok(Ok(_))) {
                        return;
                    }
                }
            }
        }
    }

    fn deliver(&self, message: &redis::Msg) {
        let payload = message.get_payload::<String>().unwrap_or_default();
        match Invalidation::decode(&payload) {
            Some(invalidation) => _ = self.local.send(invalidation),
            None => tracing::debug!(payload, "ignoring a malformed invalidation message"),
        }
    }
}

/// A subscription to `channel`, or an error if none could be made in time.
pub(super) async fn subscribe(client: &Client, channel: &str) -> anyhow::Result<Subscription> {
    let subscribing = async {
        let mut pubsub = client.get_async_pubsub().await?;
        pubsub.subscribe(channel).await?;
        Ok::<_, redis::RedisError>(pubsub.split())
    };
    let subscription = timeout(CONNECT_TIMEOUT, subscribing).await.context("timed out")?;
    subscription.context("cannot subscribe to Redis")
}
