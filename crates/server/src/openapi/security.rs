//! The two ways to authenticate: an API key (tools) and the session cookie (account).

use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::OpenApi;
use utoipa::Modify;

use crate::auth::session::COOKIE_NAME;

/// Adds the `apiKey` (Bearer) and `session` (cookie) security schemes.
pub struct Schemes;

impl Modify for Schemes {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let bearer = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .bearer_format("pk_ + 32 hex characters")
            .description(Some(
                "An API key from the dashboard: `Authorization: Bearer pk_…`. Calls with any key \
                 of an account share the account's per-minute limit.",
            ))
            .build();
        components.add_security_scheme("apiKey", SecurityScheme::Http(bearer));
        let cookie = ApiKeyValue::with_description(
            COOKIE_NAME,
            "The session cookie set by sign-up and login (HttpOnly, 30 days). State-changing \
             requests with it must come from the site itself (CSRF check on Origin).",
        );
        components.add_security_scheme("session", SecurityScheme::ApiKey(ApiKey::Cookie(cookie)));
    }
}
