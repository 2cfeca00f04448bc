//! The invalidation bus between instances, through Redis pub/sub.

use std::time::{Duration, Instant};

use tokio::sync::broadcast::Receiver;
use toolshub::invalidation::{Invalidation, InvalidationBus};

use super::proxy::Proxy;
use super::{random_prefix, raw_redis, redis_url};

async fn next(messages: &mut Receiver<Invalidation>, within: Duration) -> Invalidation {
    tokio::time::timeout(within, messages.recv()).await.expect("no invalidation arrived in time").unwrap()
}

#[tokio::test]
async fn an_invalidation_reaches_the_other_instance() {
    let Some(mut redis) = raw_redis().await else { return };
    let prefix = random_prefix();
    let (here, there) = (
        InvalidationBus::redis(&redis_url(), &prefix).await.unwrap(),
        InvalidationBus::redis(&redis_url(), &prefix).await.unwrap(),
    );
    let (mut local, mut remote) = (here.subscribe(), there.subscribe());
    let channel = format!("{prefix}toolshub:invalidate");
    let () = redis::cmd("PUBLISH").arg(&channel).arg("garbage").query_async(&mut redis).await.unwrap();

    let user = Invalidation::User(uuid::Uuid::new_v4());
    here.publish(user.clone()).await;
    assert_eq!(next(&mut local, Duration::from_millis(10)).await, user, "delivered here at once");
    assert_eq!(next(&mut remote, Duration::from_secs(1)).await, user, "malformed messages skipped");

    there.publish(Invalidation::Key("ab12".into())).await;
    assert_eq!(next(&mut local, Duration::from_secs(1)).await, user, "its own message, echoed");
    assert_eq!(next(&mut local, Duration::from_secs(1)).await, Invalidation::Key("ab12".into()));
}

#[tokio::test]
async fn buses_on_other_prefixes_hear_nothing() {
    if raw_redis().await.is_none() {
        return;
    }
    let here = InvalidationBus::redis(&redis_url(), &random_prefix()).await.unwrap();
    let elsewhere = InvalidationBus::redis(&redis_url(), &random_prefix()).await.unwrap();
    let mut messages = elsewhere.subscribe();
    here.publish(Invalidation::Key("ab12".into())).await;
    let heard = tokio::time::timeout(Duration::from_millis(300), messages.recv()).await;
    assert!(heard.is_err(), "{heard:?}");
}

#[tokio::test]
async fn the_subscriber_comes_back_after_an_outage() {
    if raw_redis().await.is_none() {
        return;
    }
    let prefix = random_prefix();
    let proxy = Proxy::start(&redis_url()).await;
    let publisher = InvalidationBus::redis(&redis_url(), &prefix).await.unwrap();
    let subscriber = InvalidationBus::redis(&proxy.url, &prefix).await.unwrap();
    let mut messages = subscriber.subscribe();

    proxy.cut().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    proxy.restore();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut told_to_forget_everything = false;
    loop {
        publisher.publish(Invalidation::Key("ab12".into())).await;
        if let Ok(message) = tokio::time::timeout(Duration::from_millis(200), messages.recv()).await {
            match message.unwrap() {
                Invalidation::All => told_to_forget_everything = true,
                other => {
                    assert_eq!(other, Invalidation::Key("ab12".into()));
                    break;
                }
            }
        }
        assert!(Instant::now() < deadline, "the subscriber did not resubscribe");
    }
    assert!(told_to_forget_everything, "messages missed during the outage must clear the caches");
}
