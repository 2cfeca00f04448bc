//! The cache-invalidation bus: tells this instance and, through Redis pub/sub, every
//! other instance that cached data about a key or a user is stale.

mod listener;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use redis::aio::ConnectionManager;
use redis::Client;
use tokio::sync::{broadcast, OnceCell};
use tokio::task::JoinHandle;
use tokio::time::timeout;
use uuid::Uuid;

use self::listener::{subscribe, Listener};
use crate::ratelimit::connection::connect;

const CHANNEL: &str = "toolshub:invalidate";
const CAPACITY: usize = 1024;
/// Publishing happens inside a request (key deletion, plan change): keep it short.
const PUBLISH_TIMEOUT: Duration = Duration::from_millis(250);

/// Cached data that is no longer true.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalidation {
    /// The API key with this hash (deleted).
    Key(String),
    /// Every key of this user (plan change, account deletion).
    User(Uuid),
    /// Everything: messages may have been missed (a Redis subscription was re-made).
    All,
}

/// Delivers invalidations to every subscriber of every instance; cheap to clone.
#[derive(Clone)]
pub struct InvalidationBus {
    local: broadcast::Sender<Invalidation>,
    remote: Option<Arc<Remote>>,
}

struct Remote {
    client: Client,
    channel: String,
    publisher: OnceCell<ConnectionManager>,
    listener: JoinHandle<()>,
}

impl InvalidationBus {
    /// A bus within this process only (no Redis).
    pub fn local() -> Self {
        Self { local: broadcast::channel(CAPACITY).0, remote: None }
    }

    /// A bus shared through Redis channel "{channel_prefix}toolshub:invalidate". Fails only
    /// if the URL is unusable; an unreachable server is retried in the background.
    pub async fn redis(url: &str, channel_prefix: &str) -> anyhow::Result<Self> {
        let client = Client::open(url).context("not a usable Redis URL")?;
        let channel = format!("{channel_prefix}{CHANNEL}");
        let local = broadcast::channel(CAPACITY).0;
        let first = subscribe(&client, &channel).await;
        if let Err(e) = &first {
            let error = format!("{e:#}");
            tracing::warn!(%error, "cannot subscribe to invalidations yet; retrying in the background");
        }
        let listener = Listener { client: client.clone(), channel: channel.clone(), local: local.clone() };
        let listener = tokio::spawn(listener.run(first.ok()));
        let remote = Remote { client, channel, publisher: OnceCell::new(), listener };
        Ok(Self { local, remote: Some(Arc::new(remote)) })
    }

    /// Delivers `message` here at once, and publishes it to the other instances (best
    /// effort: a failure is logged).
    pub async fn publish(&self, message: Invalidation) {
        // An error only means nobody here is subscribed.
        let _ = self.local.send(message.clone());
        if let Some(remote) = &self.remote {
            remote.publish(&message).await;
        }
    }

    /// Receives every message, local and remote (one published here may arrive twice).
    pub fn subscribe(&self) -> broadcast::Receiver<Invalidation> {
        self.local.subscribe()
    }
}

impl Remote {
    /// Best effort: other instances' caches expire anyway, so a failure is only logged.
    async fn publish(&self, message: &Invalidation) {
        let publishing = timeout(PUBLISH_TIMEOUT, self.try_publish(message));
        if let Err(e) = publishing.await.unwrap_or_else(|_| Err(anyhow::anyhow!("timed out"))) {
            let error = format!("{e:#}");
            tracing::warn!(%error, ?message, "invalidation not published to other instances");
        }
    }

    async fn try_publish(&self, message: &Invalidation) -> anyhow::Result<()> {
        let publisher = self.publisher.get_or_try_init(|| connect(&self.client)).await?;
        let mut publish = redis::cmd("PUBLISH");
        publish.arg(&self.channel).arg(message.encode());
        publish.query_async::<()>(&mut publisher.clone()).await?;
        Ok(())
    }
}

impl Drop for Remote {
    fn drop(&mut self) {
        self.listener.abort();
    }
}

impl Invalidation {
    fn encode(&self) -> String {
        match self {
            Self::Key(hash) => format!("key:{hash}"),
            Self::User(id) => format!("user:{id}"),
            Self::All => "all:".to_owned(),
        }
    }

    fn decode(text: &str) -> Option<Self> {
        match text.split_once(':')? {
            ("key", hash) if !hash.is_empty() => Some(Self::Key(hash.to_owned())),
            ("user", id) => Uuid::parse_str(id).ok().map(Self::User),
            ("all", "") => Some(Self::All),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_survive_encoding_and_garbage_is_ignored() {
        let key = Invalidation::Key("ab12".into());
        let user = Invalidation::User(Uuid::new_v4());
        for message in [key, user, Invalidation::All] {
            assert_eq!(Invalidation::decode(&message.encode()), Some(message));
        }
        for garbage in ["", "key:", "user:nope", "plan:free", "nonsense", "all:x"] {
            assert_eq!(Invalidation::decode(garbage), None, "{garbage}");
        }
    }

    #[tokio::test]
    async fn a_local_bus_delivers_to_every_subscriber() {
        let bus = InvalidationBus::local();
        let (mut first, mut second) = (bus.subscribe(), bus.clone().subscribe());
        bus.publish(Invalidation::Key("ab12".into())).await;
        assert_eq!(first.recv().await.unwrap(), Invalidation::Key("ab12".into()));
        assert_eq!(second.recv().await.unwrap(), Invalidation::Key("ab12".into()));
    }
}
