//! The dashboard's billing buttons without JavaScript: each post runs the JSON API's logic
//! and redirects to Stripe (Checkout or the billing portal).

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use super::dashboard_forms::retry;
use super::page::PageError;
use super::viewer::SignedIn;
use crate::api::extract::CurrentSession;
use crate::billing::{checkout_url, portal_url};
use crate::error::ApiResult;
use crate::state::AppState;

/// `POST /dashboard/billing/checkout`: on to Stripe Checkout for the pro plan.
pub async fn checkout(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> Result<Response, PageError> {
    let url = checkout_url(&state, session.user_id).await;
    go_to(&state, &session, url).await
}

/// `POST /dashboard/billing/portal`: on to Stripe's billing portal.
pub async fn portal(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
) -> Result<Response, PageError> {
    let url = portal_url(&state, session.user_id).await;
    go_to(&state, &session, url).await
}

/// A redirect to `url`, or the dashboard with the error beside the plan box.
async fn go_to(
    state: &AppState,
    session: &CurrentSession,
    url: ApiResult<String>,
) -> Result<Response, PageError> {
    match url {
        Ok(url) => Ok(Redirect::to(&url).into_response()),
        Err(e) => retry(state, session, "plan", e).await,
    }
}
