//! What every request handler shares.

use std::sync::Arc;
use std::time::Duration;

use crate::auth::password::Passwords;
use crate::auth::throttle::FailureThrottle;
use crate::billing::client::StripeClient;
use crate::config::Settings;
use crate::gateway::cpu_pool::CpuPool;
use crate::gateway::key_cache::KeyCache;
use crate::gateway::og::OgState;
use crate::invalidation::{Invalidation, InvalidationBus};
use crate::llm::LlmClient;
use crate::mail::Mailer;
use crate::ratelimit::RateLimiter;
use crate::store::Store;
use crate::usage::UsageRecorder;

/// Failed password checks are counted over this window.
pub const LOGIN_FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Failures allowed per email (or per account, for password confirmation) in the window.
pub const MAX_FAILURES_PER_EMAIL: usize = 10;
/// Failures allowed per client address in the window.
pub const MAX_FAILURES_PER_ADDRESS: usize = 20;
/// API keys one account may hold.
pub const MAX_KEYS_PER_ACCOUNT: u32 = 50;

/// Shared application state; cloning it is one reference-count increment.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

/// What [`AppState`] points to.
pub struct Shared {
    pub settings: Arc<Settings>,
    pub store: Store,
    pub passwords: Passwords,
    pub login_failures: Arc<FailureThrottle>,
    pub limiter: RateLimiter,
    pub key_cache: Arc<KeyCache>,
    pub invalidations: InvalidationBus,
    pub usage: Arc<UsageRecorder>,
    /// Where CPU-heavy tool work runs (one job per core at a time).
    pub cpu_pool: CpuPool,
    /// Outgoing mail; `None` without `SMTP_URL` (links are logged instead).
    pub mailer: Option<Mailer>,
    /// The Stripe client, when billing is configured.
    pub stripe: Option<StripeClient>,
    /// The blog generator's language model, when one is configured.
    pub llm: Option<LlmClient>,
    /// The og-generator's signing key, render cache and owner limits.
    pub og: OgState,
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    pub fn new(
        settings: Settings,
        store: Store,
        limiter: RateLimiter,
        invalidations: InvalidationBus,
    ) -> Self {
        let mailer = Mailer::from_settings(&settings.mail).unwrap_or_else(|e| {
            tracing::error!(error = %e, "SMTP_URL cannot be used; reset links will be logged");
            None
        });
        let stripe = settings
            .stripe
            .secret_key
            .clone()
            .map(|key| StripeClient::new(settings.stripe.api_base.clone(), key));
        let llm = LlmClient::from_settings(&settings.llm).expect("the HTTP client for LLM_BASE_URL starts");
        Self(Arc::new(Shared {
            mailer,
            stripe,
            settings: Arc::new(settings),
            store,
            passwords: Passwords::default(),
            login_failures: Arc::new(FailureThrottle::new(LOGIN_FAILURE_WINDOW)),
            limiter,
            key_cache: Arc::default(),
            invalidations,
            usage: Arc::default(),
            cpu_pool: CpuPool::per_core(),
            llm,
            og: OgState::default(),
        }))
    }

    /// Tells this and every other instance that cached data about keys is stale.
    pub async fn invalidate(&self, message: Invalidation) {
        self.key_cache.invalidate(&message);
        self.og.invalidate(&message);
        self.invalidations.publish(message).await;
    }
}
