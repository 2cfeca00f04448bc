//! The og-generator: `POST /api/tools/og-generator` renders a card and returns a signed
//! public URL; `GET /og/{payload}.png?sig=…` serves that card to crawlers without a key,
//! counted against the owner's per-minute limit, from an in-memory cache when it can.

pub(crate) mod fetch;
pub mod owners;
pub mod render_cache;
pub mod signing;
mod tool;

use axum::routing::get;
use axum::Router;

use crate::invalidation::Invalidation;
use crate::state::AppState;
use owners::OwnerLimits;
use render_cache::RenderCache;
use signing::Signer;
pub use tool::run;

/// Largest request body: the texts, colours and a logo of at most 3 KiB, with room to spare.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// What the og-generator keeps between requests.
#[derive(Default)]
pub struct OgState {
    pub signer: Signer,
    pub cache: RenderCache,
    pub owners: OwnerLimits,
    /// Cards rendered for public fetches (cache misses), for tests and metrics.
    pub fetch_renders: std::sync::atomic::AtomicU64,
}

impl OgState {
    /// Applies an invalidation (plan change, deleted account) to cached owner limits.
    pub fn invalidate(&self, message: &Invalidation) {
        self.owners.invalidate(message);
    }
}

/// `GET /og/{file}`.
pub fn router() -> Router<AppState> {
    Router::new().route("/og/{file}", get(fetch::fetch))
}
