//! What every request handler shares.

use std::sync::Arc;
use std::time::Duration;

use crate::auth::password::Passwords;
use crate::auth::throttle::FailureThrottle;
use crate::config::Settings;
use crate::store::Store;

/// Failed password checks are counted over this window.
pub const LOGIN_FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Failures allowed per email (or per account, for password confirmation) in the window.
pub const MAX_FAILURES_PER_EMAIL: usize = 10;
/// Failures allowed per client address in the window.
pub const MAX_FAILURES_PER_ADDRESS: usize = 20;
/// API keys one account may hold.
pub const MAX_KEYS_PER_ACCOUNT: u32 = 50;

/// Shared application state; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub settings: Arc<Settings>,
    pub store: Store,
    pub passwords: Passwords,
    pub login_failures: Arc<FailureThrottle>,
}

impl AppState {
    pub fn new(settings: Settings, store: Store) -> Self {
        Self {
            settings: Arc::new(settings),
            store,
            passwords: Passwords::default(),
            login_failures: Arc::new(FailureThrottle::new(LOGIN_FAILURE_WINDOW)),
        }
    }
}
