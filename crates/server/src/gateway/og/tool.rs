//! `POST /api/tools/og-generator`: validate, render on the CPU pool, sign a public URL.

use axum::body::Bytes;
use serde_json::{Map, Value};
use toolshub_tools::og::{self, HEIGHT, WIDTH};

use super::signing::{SignedCard, SignedPayload};
use crate::error::ApiResult;
use crate::gateway::caller::Caller;
use crate::gateway::output::{ImageOutput, ToolOutput};
use crate::gateway::request::ToolRequest;
use crate::gateway::tools::tool_error;
use crate::state::AppState;

/// Renders the card of `request`; callers with an account also get its signed URL.
pub async fn run(state: &AppState, caller: &Caller, request: ToolRequest) -> ApiResult<ToolOutput> {
    let input = og::parse(request.json()?).map_err(tool_error)?;
    let card = input.prepare().map_err(tool_error)?;
    let signed = match caller.user_id {
        Some(owner) => {
            let card = SignedCard { owner, key_id: caller.key_id, card: input };
            Some(state.og.signer.sign(state, &card).await?)
        }
        None => None,
    };
    let png = Bytes::from(state.cpu_pool.run(move || card.render_png()).await?);
    if let Some(signed) = &signed {
        state.og.cache.insert(signed.signature.clone(), png.clone());
    }
    let extra = url_fields(state, signed.as_ref());
    Ok(ToolOutput::Image(ImageOutput { format: "png", width: WIDTH, height: HEIGHT, bytes: png, extra }))
}

/// `url` and the ready-made `metaTag` (both null for anonymous callers).
fn url_fields(state: &AppState, signed: Option<&SignedPayload>) -> Map<String, Value> {
    let url = signed.map(|signed| public_url(state, signed));
    let meta_tag = url.as_ref().map(|url| format!(r#"<meta property="og:image" content="{url}">"#));
    let mut extra = Map::new();
    extra.insert("url".into(), url.map_or(Value::Null, Value::String));
    extra.insert("metaTag".into(), meta_tag.map_or(Value::Null, Value::String));
    extra
}

/// `{APP_URL}/og/{payload}.png?sig={signature}`; base64url needs no escaping in HTML.
fn public_url(state: &AppState, signed: &SignedPayload) -> String {
    let app = state.settings.app_url.as_str().trim_end_matches('/');
    format!("{app}/og/{}.png?sig={}", signed.payload, signed.signature)
}
