//! `/dashboard`: account, plan, API keys, usage and account settings.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::chart::UsageChart;
use super::layout::{notice, Layout};
use super::page::{Page, PageError};
use super::viewer::SignedIn;
use crate::api::account_view::AccountView;
use crate::api::api_keys::CreatedKey;
use crate::api::auth::account_view;
use crate::api::extract::CurrentSession;
use crate::api::usage::usage_of;
use crate::state::AppState;
use crate::store::ApiKeyInfo;

/// The dashboard, possibly with a key just created (shown this once) or a message.
#[derive(Template)]
#[template(path = "dashboard.html")]
pub struct DashboardPage {
    layout: Layout,
    account: AccountView,
    member_since: String,
    /// The pro plan's limit, for the upgrade pitch.
    pro_limit: u32,
    keys: Vec<KeyRow>,
    chart: UsageChart,
    new_key: Option<CreatedKey>,
    message: Option<Message>,
}

impl DashboardPage {
    /// The message for the form `section`, if the last action concerned it.
    fn message_for(&self, section: &str) -> Option<&Message> {
        self.message.as_ref().filter(|m| m.section == section)
    }
}

/// The outcome of the last action: a notice at the `top`, or an error beside the form it
/// concerns (`keys`, `password` or `delete`).
pub struct Message {
    pub section: &'static str,
    pub text: String,
}

/// One row of the API keys table.
pub struct KeyRow {
    id: String,
    label: String,
    hint: String,
    created: Stamp,
    last_used: Option<Stamp>,
}

/// A moment, readable and machine-readable (for `<time datetime>`).
pub struct Stamp {
    iso: String,
    text: String,
}

impl Stamp {
    fn new(at: DateTime<Utc>) -> Self {
        Self { iso: at.to_rfc3339(), text: at.format("%Y-%m-%d %H:%M UTC").to_string() }
    }
}

impl From<ApiKeyInfo> for KeyRow {
    fn from(key: ApiKeyInfo) -> Self {
        Self {
            id: key.id.to_string(),
            label: key.label,
            hint: key.key_hint,
            created: Stamp::new(key.created_at),
            last_used: key.last_used.map(Stamp::new),
        }
    }
}

/// `?done=…` of `/dashboard`.
#[derive(Deserialize)]
pub struct DashboardQuery {
    done: Option<String>,
}

/// `GET /dashboard`.
pub async fn show(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Query(query): Query<DashboardQuery>,
) -> Result<Response, PageError> {
    let message = notice(query.done.as_deref()).map(|text| Message { section: "top", text: text.to_owned() });
    Ok(Page::new(page(&state, &session, None, message).await?).no_store().into_response())
}

/// Builds the dashboard of `session`'s account from the same data the JSON API serves.
pub async fn page(
    state: &AppState,
    session: &CurrentSession,
    new_key: Option<CreatedKey>,
    message: Option<Message>,
) -> Result<DashboardPage, PageError> {
    let account = account_view(state, session.user_id).await?;
    let usage = usage_of(state, session.user_id).await?;
    let keys = state.store.api_keys(session.user_id).await?;
    Ok(DashboardPage {
        layout: Layout::new("Dashboard", true),
        member_since: account.created_at.format("%B %-d, %Y").to_string(),
        pro_limit: state.settings.pro_rate_limit,
        account,
        keys: keys.into_iter().map(KeyRow::from).collect(),
        chart: UsageChart::new(&usage.days, &usage.totals),
        new_key,
        message,
    })
}
