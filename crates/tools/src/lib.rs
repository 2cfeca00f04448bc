//! Tools Hub tools as pure functions: JSON-shaped input in, JSON-shaped output out.

pub mod blog;
pub mod case_converter;
pub mod catalogue;
pub mod error;
pub mod hex_rgba;
pub mod image_resizer;
mod json_input;
pub mod og;
pub mod word_counter;

pub use error::ToolError;
pub use json_input::{parse_object, WHOLE_INPUT};

use json_input::run_on_json;
use serde_json::value::RawValue;

/// Runs the text tool `slug` on a JSON body and returns its JSON output.
///
/// `None` when `slug` is not a tool of this crate. A body that is not JSON becomes
/// [`ToolError::MalformedJson`]; input that does not fit the tool's `Input` becomes
/// [`ToolError::InvalidInput`] naming the field, or [`WHOLE_INPUT`] for unknown fields
/// and inputs that are not objects.
pub fn run_json(slug: &str, input: &[u8]) -> Option<Result<Box<RawValue>, ToolError>> {
    let result = match slug {
        "case-converter" => run_on_json(input, case_converter::FIELDS, case_converter::run),
        "word-counter" => run_on_json(input, word_counter::FIELDS, word_counter::run),
        "hex-rgba-converter" => run_on_json(input, hex_rgba::FIELDS, hex_rgba::run),
        "blog-generator" => run_on_json(input, blog::FIELDS, blog::run),
        _ => return None,
    };
    Some(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn run(slug: &str, input: Value) -> Option<Result<Value, ToolError>> {
        let output = run_json(slug, input.to_string().as_bytes())?;
        Some(output.map(|raw| serde_json::from_str(raw.get()).unwrap()))
    }

    fn invalid(slug: &str, input: Value) -> (&'static str, String) {
        match run(slug, input) {
            Some(Err(ToolError::InvalidInput { field, message })) => (field, message),
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[test]
    fn runs_each_text_tool() {
        let case = run("case-converter", json!({"text": "a b", "to": "snake"}));
        assert_eq!(case.unwrap().unwrap(), json!({"to": "snake", "output": "a_b"}));
        let words = run("word-counter", json!({"text": "a b"})).unwrap().unwrap();
        assert_eq!(words["words"], 2);
        let color = run("hex-rgba-converter", json!({"color": "red"})).unwrap().unwrap();
        assert_eq!(color["hex"], "#ff0000");
    }

    #[test]
    fn other_slugs_are_not_ours() {
        assert!(run_json("image-resizer", b"{}").is_none());
        assert!(run_json("nope", b"{}").is_none());
    }

    #[test]
    fn a_missing_field_is_named() {
        let expected = ("text", "field `text` is required".to_string());
        assert_eq!(invalid("case-converter", json!({"to": "snake"})), expected);
        assert_eq!(invalid("word-counter", json!({})).0, "text");
    }

    #[test]
    fn a_field_of_the_wrong_type_is_named() {
        let expected = ("text", "`text` must be a string".to_string());
        assert_eq!(invalid("word-counter", json!({"text": 5})), expected);
        assert_eq!(invalid("case-converter", json!({"text": "x", "to": 1})).0, "to");
        assert_eq!(invalid("hex-rgba-converter", json!({"color": null})).0, "color");
    }

    #[test]
    fn a_null_optional_field_is_absent() {
        let output = run("case-converter", json!({"text": "x", "to": null}));
        assert!(output.unwrap().unwrap()["outputs"].is_object());
    }

    #[test]
    fn unknown_fields_and_non_objects_concern_the_whole_input() {
        let (field, message) = invalid("word-counter", json!({"text": "x", "lang": "en"}));
        assert_eq!((field, message.as_str()), (WHOLE_INPUT, "unknown field `lang`; accepted fields: `text`"));
        let (field, message) = invalid("case-converter", json!("just text"));
        assert_eq!(field, WHOLE_INPUT);
        assert_eq!(message, "the input must be a JSON object with the fields `text`, `to`");
    }

    #[test]
    fn bodies_that_are_not_json_are_malformed() {
        for body in [&b"{\"text\": "[..], b"nope", b"{\"text\": \"a\"} trailing", b"[1,"] {
            let error = run_json("word-counter", body).unwrap().unwrap_err();
            assert!(matches!(error, ToolError::MalformedJson { .. }), "{body:?}: {error:?}");
        }
        assert_eq!(invalid("word-counter", json!([1, 2])).0, WHOLE_INPUT);
    }

    #[test]
    fn tool_errors_pass_through() {
        let (field, _) = invalid("hex-rgba-converter", json!({"color": "nope"}));
        assert_eq!(field, "color");
    }
}
