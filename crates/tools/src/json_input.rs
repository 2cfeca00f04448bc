//! Running a tool on a JSON body: syntax errors become [`ToolError::MalformedJson`], input
//! that does not fit becomes [`ToolError::InvalidInput`] naming the field.

use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::error::ToolError;

/// The field named for problems with the input as a whole (unknown fields, not an object).
pub const WHOLE_INPUT: &str = "input";

/// Deserializes `body` straight into the tool's input type (no intermediate
/// `serde_json::Value`), runs the tool, and serializes its output.
pub fn run_on_json<I, O>(
    body: &[u8],
    fields: &'static [&'static str],
    run: fn(I) -> Result<O, ToolError>,
) -> Result<Box<RawValue>, ToolError>
where
    I: DeserializeOwned,
    O: Serialize,
{
    let input = parse_object(body, fields)?;
    let output = run(input)?;
    Ok(serde_json::value::to_raw_value(&output).expect("tool outputs have string keys only"))
}

/// Parses a JSON object into `I`, describing what went wrong in terms of its fields.
pub fn parse_object<I: DeserializeOwned>(
    body: &[u8],
    fields: &'static [&'static str],
) -> Result<I, ToolError> {
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        // serde would also read a struct from an array of its fields in order.
        serde_json::from_slice::<IgnoredAny>(body).map_err(malformed)?;
        let message = format!("the input must be a JSON object with the fields {}", list(fields));
        return Err(ToolError::invalid(WHOLE_INPUT, message));
    }
    // Tracking the path costs a fifth of a small tool call, so it is done only to explain
    // a failure.
    serde_json::from_slice(body).map_err(|_| explain_failure::<I>(body, fields))
}

fn explain_failure<I: DeserializeOwned>(body: &[u8], fields: &'static [&'static str]) -> ToolError {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, I>(&mut deserializer) {
        Err(e) => describe(&e, fields),
        Ok(_) => deserializer.end().map_or_else(malformed, |()| {
            ToolError::invalid(
                WHOLE_INPUT,
                format!("the input must be a JSON object with the fields {}", list(fields)),
            )
        }),
    }
}

fn malformed(error: serde_json::Error) -> ToolError {
    ToolError::MalformedJson { message: format!("The body is not valid JSON: {error}") }
}

/// Turns serde's message into one that names the field and says what is accepted.
fn describe(
    error: &serde_path_to_error::Error<serde_json::Error>,
    fields: &'static [&'static str],
) -> ToolError {
    if !error.inner().is_data() {
        return ToolError::MalformedJson {
            message: format!("The body is not valid JSON: {}", error.inner()),
        };
    }
    let message = error.inner().to_string();
    let message = message.split(" at line ").next().unwrap_or_default();
    let known_field = |name: &str| fields.iter().copied().find(|field| *field == name);
    if let Some(name) = backquoted_after(message, "missing field ") {
        let field = known_field(name).unwrap_or(WHOLE_INPUT);
        return ToolError::invalid(field, format!("field `{name}` is required"));
    }
    if let Some(name) = backquoted_after(message, "unknown field ") {
        let message = format!("unknown field `{name}`; accepted fields: {}", list(fields));
        return ToolError::invalid(WHOLE_INPUT, message);
    }
    match (known_field(&error.path().to_string()), message.split_once(", expected ")) {
        (Some(field), Some((_, expected))) => {
            ToolError::invalid(field, format!("`{field}` must be {expected}"))
        }
        _ => ToolError::invalid(
            WHOLE_INPUT,
            format!("the input must be a JSON object with the fields {}", list(fields)),
        ),
    }
}

/// "`a`, `b`"
fn list(fields: &[&str]) -> String {
    let quoted: Vec<String> = fields.iter().map(|field| format!("`{field}`")).collect();
    quoted.join(", ")
}

/// `name` in a message such as "missing field `name`".
fn backquoted_after<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(prefix)?.strip_prefix('`')?;
    rest.split_once('`').map(|(name, _)| name)
}
