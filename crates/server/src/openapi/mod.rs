//! The OpenAPI 3.1 document of the HTTP API (`GET /api/openapi.json`), generated from the
//! handlers' `#[utoipa::path]` annotations and the types they take and answer, so it
//! follows the code.
//!
//! To document a new route: put `#[utoipa::path(...)]` on its handler (see any handler
//! in `api/`) and add the handler to `paths(...)` below. Common errors (bad JSON, 401,
//! CSRF, 5xx) are added to every operation by [`errors::StandardErrors`]. The test
//! `openapi::every_route_is_documented` names any route that is missing.

mod errors;
mod security;
pub mod tools;

use std::sync::LazyLock;

use axum::http::header;
use axum::response::IntoResponse;
use utoipa::OpenApi;

use crate::api::{account, api_keys, auth, password_reset, stripe, usage};
use crate::{gateway, metrics, ops};
use errors::StandardErrors;
use security::Schemes;
use tools::ToolPaths;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tools Hub API",
        description = "Developer tools over HTTP. Call a tool with `POST /api/tools/{slug}` and \
            `Authorization: Bearer pk_…`; manage your account and keys with the session cookie \
            that sign-up and login set. Errors are always `{\"error\": {\"code\", \"message\"}}`. \
            The readable reference is at `/docs`.",
        license(name = "MIT")
    ),
    paths(
        auth::signup,
        auth::login,
        auth::logout,
        password_reset::request,
        password_reset::confirm,
        account::show,
        account::change_password,
        account::delete,
        usage::show,
        api_keys::list,
        api_keys::create,
        api_keys::delete,
        stripe::checkout,
        stripe::portal,
        stripe::webhook,
        gateway::catalogue,
        gateway::call_tool,
        gateway::og::fetch::fetch,
        ops::healthz,
        ops::readyz,
        metrics::render,
        serve_document,
    ),
    components(schemas(crate::error::ErrorBody, crate::gateway::output::RateLimitView)),
    modifiers(&Schemes, &ToolPaths, &StandardErrors),
    tags(
        (name = "tools", description = "The tools: metered per account, with rate-limit headers."),
        (name = "auth", description = "Sign up, sign in, sign out, reset a forgotten password."),
        (name = "account", description = "The signed-in account (session cookie)."),
        (name = "api-keys", description = "API keys of the signed-in account (session cookie)."),
        (name = "billing", description = "Stripe Checkout, billing portal and webhook (503 when billing is off)."),
        (name = "operations", description = "Health, readiness, metrics and this document."),
    )
)]
struct ApiDoc;

/// The document as built from the code.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The document as JSON, built once.
pub fn document_json() -> &'static str {
    static JSON: LazyLock<String> =
        LazyLock::new(|| document().to_json().expect("the OpenAPI document serializes"));
    &JSON
}

/// `GET /api/openapi.json`.
#[utoipa::path(get, operation_id = "openapi_document", path = "/api/openapi.json", tag = "operations",
    responses((status = 200, description = "This document (OpenAPI 3.1).", body = Object)))]
pub async fn serve_document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], document_json())
}
