//! `GET /og/{payload}.png?sig=…`: the public, signed card for crawlers.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::signing::{SignedCard, SignedPayload};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::gateway::tools::tool_error;
use crate::gateway::{headers, rate_limited, unix_now};
use crate::metrics;
use crate::state::AppState;

/// Signed URLs never change what they show.
const CACHE_CONTROL: &str = "public, max-age=31536000, immutable";

#[derive(Deserialize)]
pub struct Signature {
    sig: Option<String>,
}

/// `GET /og/{payload}.png?sig=…`: the card a signed URL names, metered against its owner.
#[utoipa::path(get, operation_id = "get_og_image", path = "/og/{file}", tag = "tools",
    params(
        ("file" = String, Path, description = "`<payload>.png`, as `url` of an og-generator answer gives it."),
        ("sig" = Option<String>, Query, description = "The URL's signature (HMAC-SHA256)."),
        ("if-none-match" = Option<String>, Header, description = "An `ETag` from an earlier fetch."),
    ),
    responses(
        (status = 200, description = "The 1200×630 PNG; `Cache-Control: public, max-age=31536000, immutable`.",
            content_type = "image/png", body = Vec<u8>,
            headers(("etag" = String, description = "Stable for a URL."))),
        (status = 304, description = "The client's copy (`If-None-Match`) is current."),
        (status = 403, description = "`invalid_signature`: the URL was changed or not signed here.", body = ErrorBody),
        (status = 404, description = "`not_found`: not a `.png` name, or the owner's account is gone.", body = ErrorBody),
        (status = 429, description = "`rate_limited`: the owner's per-minute limit is used up.", body = ErrorBody,
            headers(("retry-after" = u64, description = "Seconds to wait."))),
    ))]
pub async fn fetch(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<Signature>,
    request_headers: HeaderMap,
) -> ApiResult<Response> {
    let payload = file.strip_suffix(".png").ok_or_else(not_found)?;
    let signed = SignedPayload { payload: payload.to_owned(), signature: query.sig.unwrap_or_default() };
    let card = state.og.signer.verify(&state, &signed).await?;
    let owner = state.og.owners.get(&state, card.owner).await?.ok_or_else(owner_gone)?;
    let decision = state.limiter.check(&subject(card.owner), owner.limit, 1).await;
    metrics::record_decision(decision.allowed);
    let mut response = match decision.allowed {
        true => image_response(&state, card.clone(), &signed.signature, &request_headers).await?,
        false => rate_limited(&decision).into_response(),
    };
    headers::apply(response.headers_mut(), owner.policy, &decision, unix_now());
    if let (true, Some(key_id)) = (decision.allowed, card.key_id) {
        state.usage.record(key_id);
    }
    Ok(response)
}

async fn image_response(
    state: &AppState,
    card: SignedCard,
    signature: &str,
    request_headers: &HeaderMap,
) -> ApiResult<Response> {
    let etag = HeaderValue::try_from(format!("\"og1-{signature}\"")).map_err(ApiError::internal)?;
    let caching =
        [(header::ETAG, etag.clone()), (header::CACHE_CONTROL, HeaderValue::from_static(CACHE_CONTROL))];
    if matches_etag(request_headers, &etag) {
        return Ok((StatusCode::NOT_MODIFIED, caching).into_response());
    }
    let png = match state.og.cache.get(signature) {
        Some(png) => png,
        None => {
            let png = render(state, card).await?;
            state.og.cache.insert(signature.to_owned(), png.clone());
            png
        }
    };
    let content_type = [(header::CONTENT_TYPE, HeaderValue::from_static("image/png"))];
    Ok((caching, content_type, png).into_response())
}

async fn render(state: &AppState, signed: SignedCard) -> ApiResult<Bytes> {
    let card = signed.card.prepare().map_err(tool_error)?;
    state.og.fetch_renders.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    Ok(Bytes::from(state.cpu_pool.run(move || card.render_png()).await?))
}

/// True when `If-None-Match` lists `etag` (or is `*`).
fn matches_etag(request_headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let Some(Ok(tags)) = request_headers.get(header::IF_NONE_MATCH).map(|v| v.to_str()) else {
        return false;
    };
    let wanted = etag.to_str().unwrap_or_default();
    tags.split(',').map(|tag| tag.trim().trim_start_matches("W/")).any(|tag| tag == wanted || tag == "*")
}

fn subject(owner: Uuid) -> String {
    format!("user:{owner}")
}

fn not_found() -> ApiError {
    ApiError::not_found("There is no such image; OG image URLs end in .png.")
}

fn owner_gone() -> ApiError {
    ApiError::not_found("The account that made this image no longer exists.")
}
