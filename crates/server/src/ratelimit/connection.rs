//! Redis connections, as the rate limiter and the invalidation bus make them.

use std::time::Duration;

use anyhow::Context;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::Client;

/// How long making a connection may take, so a dead server cannot hang start-up.
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);

/// A connection that reconnects by itself after errors, or an error if the server
/// cannot be reached within [`CONNECT_TIMEOUT`].
pub(crate) async fn connect(client: &Client) -> anyhow::Result<ConnectionManager> {
    let config = ConnectionManagerConfig::new()
        .set_connection_timeout(CONNECT_TIMEOUT)
        .set_number_of_retries(2)
        .set_max_delay(1000);
    let connecting = ConnectionManager::new_with_config(client.clone(), config);
    tokio::time::timeout(CONNECT_TIMEOUT, connecting)
        .await
        .context("timed out connecting to Redis")?
        .context("cannot connect to Redis")
}
