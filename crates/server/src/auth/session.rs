//! Session tokens and the `toolshub_session` cookie.

use axum_extra::extract::cookie::{Cookie, SameSite};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};

use crate::keys::random_bytes;

pub const COOKIE_NAME: &str = "toolshub_session";

/// Sessions end 30 days after login, however active they are.
pub const LIFETIME: Duration = Duration::days(30);

/// A new session token: 32 random bytes, base64url (43 characters).
pub fn new_token() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

/// True when `token` has the shape of one of ours (checked before any I/O).
pub fn is_well_formed(token: &str) -> bool {
    token.len() == 43 && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The cookie that carries a new session.
pub fn cookie(token: String, expires_at: DateTime<Utc>, secure: bool) -> Cookie<'static> {
    let max_age = (expires_at - Utc::now()).num_seconds().max(0);
    Cookie::build((COOKIE_NAME, token))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .secure(secure)
        .max_age(time_seconds(max_age))
        .build()
}

/// A cookie that makes the browser forget the session.
pub fn removal_cookie(secure: bool) -> Cookie<'static> {
    Cookie::build((COOKIE_NAME, ""))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .secure(secure)
        .max_age(time_seconds(0))
        .build()
}

fn time_seconds(seconds: i64) -> cookie::time::Duration {
    cookie::time::Duration::seconds(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_bits_and_well_formed() {
        let token = new_token();
        assert_eq!(URL_SAFE_NO_PAD.decode(&token).unwrap().len(), 32);
        assert!(is_well_formed(&token));
        assert!(!is_well_formed("short") && !is_well_formed(&format!("{}!", &token[..42])));
    }

    #[test]
    fn cookie_attributes() {
        let text = cookie(new_token(), Utc::now() + LIFETIME, true).to_string();
        for part in ["HttpOnly", "SameSite=Lax", "Path=/", "Secure", "Max-Age=259"] {
            assert!(text.contains(part), "{text} lacks {part}");
        }
        assert!(!cookie(new_token(), Utc::now(), false).to_string().contains("Secure"));
    }
}
