//! Running a tool on JSON: input errors become [`ToolError::InvalidInput`] naming the field.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::error::ToolError;

/// The field named for problems with the input as a whole (unknown fields, not an object).
pub const WHOLE_INPUT: &str = "input";

/// Deserializes `input` into the tool's input type, runs the tool, serializes its output.
pub fn run_on_json<I, O>(
    input: Value,
    fields: &'static [&'static str],
    run: fn(I) -> Result<O, ToolError>,
) -> Result<Value, ToolError>
where
    I: DeserializeOwned,
    O: Serialize,
{
    if !input.is_object() {
        // serde would also read a struct from an array of its fields in order.
        let message = format!("the input must be a JSON object with the fields {}", list(fields));
        return Err(ToolError::invalid(WHOLE_INPUT, message));
    }
    let input = serde_path_to_error::deserialize(input).map_err(|e| describe(&e, fields))?;
    let output = run(input)?;
    Ok(serde_json::to_value(output).expect("tool outputs have string keys only"))
}

/// Turns serde's message into one that names the field and says what is accepted.
fn describe(
    error: &serde_path_to_error::Error<serde_json::Error>,
    fields: &'static [&'static str],
) -> ToolError {
    let message = error.inner().to_string();
    let known_field = |name: &str| fields.iter().copied().find(|field| *field == name);
    if let Some(name) = backquoted_after(&message, "missing field ") {
        let field = known_field(name).unwrap_or(WHOLE_INPUT);
        return ToolError::invalid(field, format!("field `{name}` is required"));
    }
    if let Some(name) = backquoted_after(&message, "unknown field ") {
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
