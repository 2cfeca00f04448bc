//! Errors every operation of a kind can answer, added in one place: bad bodies for
//! operations that take one, 401/403 for authenticated ones, 5xx for all.

use serde_json::Value;
use utoipa::openapi::path::Operation;
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, Response, ResponseBuilder};
use utoipa::Modify;

/// Adds the standard error answers an operation does not describe itself.
pub struct StandardErrors;

impl Modify for StandardErrors {
    fn modify(&self, openapi: &mut OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                (false, &mut item.get),
                (true, &mut item.post),
                (true, &mut item.put),
                (true, &mut item.patch),
                (true, &mut item.delete),
            ];
            for (changes_state, operation) in operations {
                if let Some(operation) = operation {
                    add_standard_errors(operation, changes_state);
                }
            }
        }
    }
}

fn add_standard_errors(operation: &mut Operation, changes_state: bool) {
    let schemes = security_schemes(operation);
    let mut errors: Vec<(&str, &str)> = Vec::new();
    if operation.request_body.is_some() {
        errors.extend([
            ("400", "`invalid_json`: the body is not valid JSON."),
            ("413", "`payload_too_large`: the body is over the size limit."),
            ("415", "`unsupported_media_type`: send `Content-Type: application/json`."),
            ("422", "`invalid_field` / `invalid_input`: a field is missing or has an unusable value."),
        ]);
    }
    if schemes.iter().any(|s| s == "apiKey") {
        errors.push(("401", "`missing_api_key` or `invalid_api_key`."));
        errors.push(("429", "`rate_limited`, or `too_many_invalid_keys` from this address."));
    } else if schemes.iter().any(|s| s == "session") && !schemes.is_empty() && !optional(operation) {
        errors.push(("401", "`not_signed_in`: this needs the session cookie."));
    }
    if changes_state {
        errors
            .push(("403", "`cross_origin_request`: a browser request from another site (CSRF protection)."));
    }
    errors.push(("5XX", "`internal_error` or `database_unavailable` (with `Retry-After`)."));
    for (status, description) in errors {
        operation.responses.responses.entry(status.to_owned()).or_insert_with(|| error_response(description));
    }
}

/// The names of the security schemes an operation accepts.
fn security_schemes(operation: &Operation) -> Vec<String> {
    let requirements = serde_json::to_value(&operation.security).unwrap_or_default();
    let Value::Array(requirements) = requirements else { return Vec::new() };
    requirements.iter().filter_map(Value::as_object).flat_map(|r| r.keys().cloned()).collect()
}

/// True when the operation also works without credentials (an empty requirement).
fn optional(operation: &Operation) -> bool {
    let requirements = serde_json::to_value(&operation.security).unwrap_or_default();
    requirements.as_array().is_some_and(|r| r.iter().any(|r| r.as_object().is_some_and(|o| o.is_empty())))
}

/// An answer with the `Error` schema.
pub fn error_response(description: &str) -> RefOr<Response> {
    let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("Error"))).build();
    ResponseBuilder::new().description(description).content("application/json", content).build().into()
}
