//! Plain HTML form posts: their bodies, their CSRF check and where they may redirect.

use axum::extract::{FromRequest, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::page::PageError;
use crate::auth::csrf;
use crate::error::ApiError;
use crate::state::AppState;

/// An `application/x-www-form-urlencoded` body; a malformed one gets the HTML error page.
pub struct FormBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for FormBody<T> {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &S) -> Result<Self, PageError> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(value)) => Ok(Self(value)),
            Err(rejection) => Err(PageError(ApiError::bad_request("invalid_form", rejection.body_text()))),
        }
    }
}

/// Form posts change state only when they come from our own pages, like the JSON API.
pub async fn refuse_cross_origin(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if csrf::allows(request.method(), request.headers(), &state.settings.app_origin()) {
        next.run(request).await
    } else {
        PageError(ApiError::cross_origin()).into_response()
    }
}

/// Where to go after signing in: `next` when it is a path on this site, else the dashboard.
/// `//host` and `/\host` are refused, since browsers read both as another site.
pub fn local_path(next: Option<&str>) -> &str {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && path.len() <= 2048
                && !path.chars().any(|c| c.is_control() || c == '\\') =>
        {
            path
        }
        _ => "/dashboard",
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path(Some("/tools/word-counter?x=1")), "/tools/word-counter?x=1");
        for foreign in ["https://evil.example", "//evil.example", "/\\evil.example", "evil", "/a\nb", ""] {
            assert_eq!(local_path(Some(foreign)), "/dashboard", "{foreign:?}");
        }
        assert_eq!(local_path(None), "/dashboard");
    }
}
