//! The one error type of the HTTP API, rendered as
//! `{"error":{"code":"snake_case","message":"human sentence"}}`.

use std::borrow::Cow;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::store::StoreError;

/// An error answered to the client. Internal details are logged, never sent.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: Cow<'static, str>,
    /// Seconds for `Retry-After`, on 429 and 503.
    pub retry_after: Option<u64>,
    /// What went wrong inside, for the log only.
    pub internal: Option<anyhow::Error>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<Cow<'static, str>>) -> Self {
        Self { status, code, message: message.into(), retry_after: None, internal: None }
    }

    pub fn bad_request(code: &'static str, message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// A well-formed request with an unusable field value.
    pub fn invalid_field(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_field", message)
    }

    pub fn unauthorized(code: &'static str, message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, code, message)
    }

    pub fn not_found(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn conflict(code: &'static str, message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(StatusCode::CONFLICT, code, message)
    }

    pub fn too_many_requests(
        code: &'static str,
        message: impl Into<Cow<'static, str>>,
        retry_after: u64,
    ) -> Self {
        Self {
            retry_after: Some(retry_after.max(1)),
            ..Self::new(StatusCode::TOO_MANY_REQUESTS, code, message)
        }
    }

    pub fn not_signed_in() -> Self {
        Self::unauthorized("not_signed_in", "Sign in first: this needs a session (POST /api/auth/login).")
    }

    pub fn cross_origin() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "cross_origin_request",
            "This request came from another site and was refused (CSRF protection).",
        )
    }

    /// An unexpected failure: the client gets a generic 500, the log gets the cause.
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        Self {
            internal: Some(cause.into()),
            ..Self::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                "Something went wrong on our side; please try again.",
            )
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Unavailable(e) => Self {
                internal: Some(e.into()),
                retry_after: Some(1),
                ..Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "database_unavailable",
                    "The database is unavailable; please retry shortly.",
                )
            },
            other => Self::internal(other),
        }
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(err: anyhow::Error) -> Self {
        Self::internal(err)
    }
}

/// Every error answer: `{"error": {"code", "message"}}`.
#[derive(Serialize, ToSchema)]
#[schema(as = Error, example = json!({"error": {"code": "invalid_field", "message": "`email` must be an email address such as ada@example.com"}}))]
pub struct ErrorBody {
    error: ErrorDetail,
}

/// What went wrong: a stable code for programs, a sentence for people.
#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// snake_case and stable: branch on this.
    #[schema(value_type = String, example = "invalid_field")]
    code: &'static str,
    /// A sentence saying what to do; its wording may change.
    #[schema(value_type = String)]
    message: Cow<'static, str>,
}

/// Marks a response as an error, so the logging middleware can report the cause.
#[derive(Clone)]
pub struct ErrorCause(pub std::sync::Arc<String>);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let ApiError { status, code, message, retry_after, internal } = self;
        let mut response = (status, Json(ErrorBody { error: ErrorDetail { code, message } })).into_response();
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if let Some(cause) = internal {
            response.extensions_mut().insert(ErrorCause(std::sync::Arc::new(format!("{cause:#}"))));
        }
        response
    }
}
