//! Checks for one subject that arrive while a Redis call for it is in flight wait and go
//! together in the next call: one script run decides them all, in arrival order. A quiet
//! subject costs one call per check, as before; a busy one (many concurrent requests of
//! one account) costs one call per round trip instead of one per request.

use std::collections::HashMap;
use std::mem;
use std::sync::{Mutex, PoisonError};

use redis::aio::ConnectionManager;
use redis::Script;
use tokio::sync::oneshot;

use super::window::{decide, Counts};
use super::{Decision, WINDOW_SECS};
use crate::config::RateLimitAlgorithm;

/// Most checks decided by one script run (bounds the script's arguments and reply).
const MAX_BATCH: usize = 256;

/// One check waiting for its batch; `None` means "decide it in-process".
pub(super) struct Waiter {
    limit: u32,
    cost: u32,
    reply: oneshot::Sender<Option<Decision>>,
}

impl Waiter {
    pub(super) fn new(limit: u32, cost: u32) -> (Self, oneshot::Receiver<Option<Decision>>) {
        let (reply, answer) = oneshot::channel();
        (Self { limit, cost, reply }, answer)
    }
}

/// Per subject with a call in flight: the checks that arrived since it was sent.
#[derive(Default)]
pub(super) struct Queues(Mutex<HashMap<String, Vec<Waiter>>>);

impl Queues {
    /// Queues `waiter`; true if no call for `subject` is in flight, so the caller must
    /// start [`Queues::next_batch`] rounds for it.
    pub(super) fn push(&self, subject: &str, waiter: Waiter) -> bool {
        let mut queues = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        match queues.get_mut(subject) {
            Some(queue) => {
                queue.push(waiter);
                false
            }
            None => {
                queues.insert(subject.to_owned(), vec![waiter]);
                true
            }
        }
    }

    /// The checks to send next for `subject`, or `None` (and the subject forgotten) when
    /// none arrived.
    pub(super) fn next_batch(&self, subject: &str) -> Option<Vec<Waiter>> {
        let mut queues = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let queue = queues.get_mut(subject)?;
        if queue.is_empty() {
            queues.remove(subject);
            return None;
        }
        if queue.len() <= MAX_BATCH {
            return Some(mem::take(queue));
        }
        Some(queue.drain(..MAX_BATCH).collect())
    }
}

/// Sends each waiter of `batch` its decision (or `None` for all of them).
pub(super) fn answer(batch: Vec<Waiter>, decisions: Option<Vec<Decision>>) {
    match decisions {
        Some(decisions) => {
            for (waiter, decision) in batch.into_iter().zip(decisions) {
                let _ = waiter.reply.send(Some(decision));
            }
        }
        None => {
            for waiter in batch {
                let _ = waiter.reply.send(None);
            }
        }
    }
}

/// Runs the script once for `batch` under `key`.
pub(super) async fn run(
    script: &Script,
    connection: &mut ConnectionManager,
    key: String,
    algorithm: RateLimitAlgorithm,
    batch: &[Waiter],
) -> anyhow::Result<Vec<Decision>> {
    let mut call = script.prepare_invoke();
    call.key(key).arg(WINDOW_SECS).arg(u8::from(algorithm == RateLimitAlgorithm::Sliding));
    for waiter in batch {
        call.arg(waiter.limit).arg(waiter.cost);
    }
    let reply: Vec<u64> = call.invoke_async(connection).await?;
    decisions(algorithm, &reply, batch)
}

/// Reads the script's reply: `{now ms, previous, (count before, allowed) per check}`.
fn decisions(
    algorithm: RateLimitAlgorithm,
    reply: &[u64],
    batch: &[Waiter],
) -> anyhow::Result<Vec<Decision>> {
    let [now_ms, previous, per_check @ ..] = reply else {
        anyhow::bail!("the rate-limit script answered {} values", reply.len());
    };
    anyhow::ensure!(per_check.len() == 2 * batch.len(), "the rate-limit script answered for another batch");
    let decide_one = |(waiter, pair): (&Waiter, &[u64])| {
        let counts = Counts { previous: *previous, current: pair[0] };
        let decision = decide(algorithm, *now_ms, counts, waiter.limit, waiter.cost);
        debug_assert_eq!(decision.allowed, pair[1] == 1, "check.lua and window.rs disagree");
        decision
    };
    Ok(batch.iter().zip(per_check.chunks_exact(2)).map(decide_one).collect())
}
