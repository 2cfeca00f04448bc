//! Usage recording off the hot path: counts accumulate in memory and are written in
//! batches (every few seconds and at shutdown), so a tool call costs no SQL.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::store::{Store, UsageDelta};

/// Requests counted for one key on one day, and when the last one came.
type Pending = HashMap<(Uuid, NaiveDate), (i64, DateTime<Utc>)>;

/// Pending usage per key and day.
#[derive(Default)]
pub struct UsageRecorder {
    pending: Mutex<Pending>,
}

impl UsageRecorder {
    /// Counts one request made with `key_id` now.
    pub fn record(&self, key_id: Uuid) {
        let now = Utc::now();
        let mut pending = self.pending.lock().expect("usage lock");
        let entry = pending.entry((key_id, now.date_naive())).or_insert((0, now));
        entry.0 += 1;
        entry.1 = now;
    }

    /// Writes everything pending; what fails to write is kept for the next flush.
    pub async fn flush(&self, store: &Store) {
        let batch = std::mem::take(&mut *self.pending.lock().expect("usage lock"));
        for ((key_id, day), (count, last_used)) in batch {
            let delta = UsageDelta { key_id, day, count, last_used };
            if let Err(e) = store.add_usage(&delta).await {
                tracing::warn!(error = %e, %key_id, "usage flush failed; will retry");
                self.restore(delta);
            }
        }
    }

    fn restore(&self, delta: UsageDelta) {
        let mut pending = self.pending.lock().expect("usage lock");
        let entry = pending.entry((delta.key_id, delta.day)).or_insert((0, delta.last_used));
        entry.0 += delta.count;
        entry.1 = entry.1.max(delta.last_used);
    }

    /// True when nothing waits to be written.
    pub fn is_empty(&self) -> bool {
        self.pending.lock().expect("usage lock").is_empty()
    }
}

/// Flushes `recorder` every `interval` until the task is dropped.
pub async fn flush_periodically(recorder: std::sync::Arc<UsageRecorder>, store: Store, interval: Duration) {
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        if !recorder.is_empty() {
            recorder.flush(&store).await;
        }
    }
}
