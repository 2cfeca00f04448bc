//! `/api/account/api-keys`: list, create (key shown once), delete.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::extract::{CurrentSession, OptionalJson};
use crate::domain::KeyLabel;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::invalidation::Invalidation;
use crate::keys;
use crate::state::{AppState, MAX_KEYS_PER_ACCOUNT};
use crate::store::{now, ApiKeyInfo, KeyCreation, NewApiKey};

/// An API key as listed: never the key itself.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct KeyView {
    id: Uuid,
    label: String,
    #[schema(example = "pk_1a2b…9f0e")]
    key_hint: String,
    last_used: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

impl From<ApiKeyInfo> for KeyView {
    fn from(k: ApiKeyInfo) -> Self {
        Self {
            id: k.id,
            label: k.label,
            key_hint: k.key_hint,
            last_used: k.last_used,
            created_at: k.created_at,
        }
    }
}

/// `GET /api/account/api-keys`: the account's keys (hints, never the keys).
#[utoipa::path(get, operation_id = "list_api_keys", path = "/api/account/api-keys", tag = "api-keys", security(("session" = [])),
    responses((status = 200, description = "The account's keys, newest first.", body = [KeyView])))]
pub async fn list(State(state): State<AppState>, session: CurrentSession) -> ApiResult<Json<Vec<KeyView>>> {
    let keys = state.store.api_keys(session.user_id).await?;
    Ok(Json(keys.into_iter().map(KeyView::from).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateKeyBody {
    /// 1 to 64 printable characters; "Default" when left out.
    #[schema(example = "laptop")]
    label: Option<String>,
}

/// The one response that contains the key itself.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreatedKey {
    pub id: Uuid,
    pub label: String,
    /// The key: shown in this answer only.
    #[schema(example = "pk_1a2b3c4d5e6f7a8b9c0d1e2f3a4b9f0e", pattern = "^pk_[0-9a-f]{32}$")]
    pub key: String,
    pub key_hint: String,
    pub created_at: DateTime<Utc>,
}

/// `POST /api/account/api-keys`: creates a key; the key is in this answer only.
#[utoipa::path(post, operation_id = "create_api_key", path = "/api/account/api-keys", tag = "api-keys", security(("session" = [])),
    request_body(content = Option<CreateKeyBody>, description = "Optional: an empty body gives the label \"Default\"."),
    responses(
        (status = 201, description = "The new key, shown this once.", body = CreatedKey),
        (status = 409, description = "`key_limit_reached`: the account holds 50 keys.", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    session: CurrentSession,
    OptionalJson(body): OptionalJson<CreateKeyBody>,
) -> ApiResult<(StatusCode, Json<CreatedKey>)> {
    let label = body.and_then(|b| b.label);
    Ok((StatusCode::CREATED, Json(create_key(&state, session.user_id, label.as_deref()).await?)))
}

/// Creates a key for `user_id` (the body of create, shared with the web form).
pub async fn create_key(state: &AppState, user_id: Uuid, label: Option<&str>) -> ApiResult<CreatedKey> {
    let label = KeyLabel::parse(label).map_err(ApiError::invalid_field)?.into_inner();
    let key = keys::generate();
    let new_key = NewApiKey {
        id: Uuid::new_v4(),
        user_id,
        key_hash: keys::hash(&key),
        key_hint: keys::hint(&key),
        label,
        created_at: now(),
    };
    if state.store.create_api_key(&new_key, MAX_KEYS_PER_ACCOUNT).await? == KeyCreation::LimitReached {
        return Err(ApiError::conflict(
            "key_limit_reached",
            format!("An account can hold at most {MAX_KEYS_PER_ACCOUNT} API keys; delete one first."),
        ));
    }
    Ok(CreatedKey {
        id: new_key.id,
        label: new_key.label,
        key,
        key_hint: new_key.key_hint,
        created_at: new_key.created_at,
    })
}

/// `DELETE /api/account/api-keys/{id}`: deletes a key; it stops working at once.
#[utoipa::path(delete, operation_id = "delete_api_key", path = "/api/account/api-keys/{id}", tag = "api-keys", security(("session" = [])),
    params(("id" = String, Path, description = "The key's id, from the list.")),
    responses(
        (status = 204, description = "Deleted: the key stops working at once, on every instance."),
        (status = 404, description = "`not_found`: no key with this id on your account.", body = ErrorBody),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    session: CurrentSession,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    delete_key(&state, session.user_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes one of `user_id`'s keys; it stops working at once on every instance.
pub async fn delete_key(state: &AppState, user_id: Uuid, id: &str) -> ApiResult<()> {
    let not_found = || ApiError::not_found("No API key with this id on your account.");
    let id = Uuid::parse_str(id).map_err(|_| not_found())?;
    let key_hash = state.store.delete_api_key(user_id, id).await?.ok_or_else(not_found)?;
    state.invalidate(Invalidation::Key(key_hash)).await;
    Ok(())
}
