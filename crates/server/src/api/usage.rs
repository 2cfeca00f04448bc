//! `GET /api/account/usage`: requests per day over the last 30 days, per key and in total.

use std::collections::HashMap;

use axum::extract::State;
use axum::Json;
use chrono::{Days, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::extract::CurrentSession;
use crate::error::ApiResult;
use crate::state::AppState;

pub const DAYS: u64 = 30;

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UsageView {
    /// The 30 days covered, oldest first.
    pub days: Vec<NaiveDate>,
    /// Requests on each day, all keys together.
    pub totals: Vec<i64>,
    pub total: i64,
    pub keys: Vec<KeyUsage>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct KeyUsage {
    pub id: Uuid,
    pub label: String,
    pub key_hint: String,
    /// Requests on each day of `days`.
    pub counts: Vec<i64>,
    pub total: i64,
}

/// `GET /api/account/usage`: requests per day over 30 days, per key and in total.
#[utoipa::path(get, operation_id = "get_usage", path = "/api/account/usage", tag = "account", security(("session" = [])),
    responses((status = 200, description = "Requests per day, last 30 days, per key and in total.", body = UsageView)))]
pub async fn show(State(state): State<AppState>, session: CurrentSession) -> ApiResult<Json<UsageView>> {
    Ok(Json(usage_of(&state, session.user_id).await?))
}

/// `user_id`'s requests per day over the last [`DAYS`] days, after flushing pending counts.
pub async fn usage_of(state: &AppState, user_id: Uuid) -> ApiResult<UsageView> {
    state.usage.flush(&state.store).await;
    let today = Utc::now().date_naive();
    let first = today - Days::new(DAYS - 1);
    let days: Vec<NaiveDate> = first.iter_days().take(DAYS as usize).collect();
    let index: HashMap<NaiveDate, usize> = days.iter().enumerate().map(|(i, d)| (*d, i)).collect();
    let rows = state.store.usage_since(user_id, first).await?;
    let keys = state.store.api_keys(user_id).await?;
    let mut per_key: Vec<KeyUsage> = keys
        .into_iter()
        .map(|k| KeyUsage {
            id: k.id,
            label: k.label,
            key_hint: k.key_hint,
            counts: vec![0; days.len()],
            total: 0,
        })
        .collect();
    let mut totals = vec![0; days.len()];
    for row in rows {
        let (Some(&day), Some(key)) = (index.get(&row.day), per_key.iter_mut().find(|k| k.id == row.key_id))
        else {
            continue;
        };
        key.counts[day] += row.count;
        key.total += row.count;
        totals[day] += row.count;
    }
    per_key.sort_by_key(|k| std::cmp::Reverse(k.total));
    let total = totals.iter().sum();
    Ok(UsageView { days, totals, total, keys: per_key })
}
