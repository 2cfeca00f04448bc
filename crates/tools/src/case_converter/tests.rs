use proptest::prelude::*;
use serde_json::json;

use super::*;

fn convert(text: &str, case: &str) -> String {
    let input = Input { text: text.into(), to: Some(case.into()) };
    match run(input).unwrap() {
        Output::One { output, .. } => output,
        Output::All { .. } => panic!("asked for one case"),
    }
}

#[test]
fn converts_to_each_case() {
    let text = "XMLHttpRequest handler";
    assert_eq!(convert(text, "camel"), "xmlHttpRequestHandler");
    assert_eq!(convert(text, "pascal"), "XmlHttpRequestHandler");
    assert_eq!(convert(text, "snake"), "xml_http_request_handler");
    assert_eq!(convert(text, "kebab"), "xml-http-request-handler");
    assert_eq!(convert(text, "constant"), "XML_HTTP_REQUEST_HANDLER");
    assert_eq!(convert(text, "title"), "Xml Http Request Handler");
    assert_eq!(convert(text, "sentence"), "Xml http request handler");
    assert_eq!(convert(text, "lower"), "xmlhttprequest handler");
    assert_eq!(convert(text, "upper"), "XMLHTTPREQUEST HANDLER");
    assert_eq!(convert(text, "dot"), "xml.http.request.handler");
    assert_eq!(convert(text, "path"), "xml/http/request/handler");
    assert_eq!(convert(text, "train"), "Xml-Http-Request-Handler");
}

#[test]
fn pascal_and_camel_keep_digit_words_apart() {
    assert_eq!(convert("v1 2", "pascal"), "V1_2");
    assert_eq!(convert("version 2", "camel"), "version_2");
}

#[test]
fn case_names_ignore_ascii_case_and_spaces() {
    assert_eq!(convert("foo bar", " Snake "), "foo_bar");
}

#[test]
fn capitalises_letters_outside_the_basic_plane() {
    // change-case leaves 𐐨 (Deseret) lower-case here; we capitalise the whole character.
    assert_eq!(convert("𐐨𐐨 x", "title"), "𐐀𐐨 X");
}

#[test]
fn unknown_case_lists_the_accepted_ones() {
    let input = Input { text: "x".into(), to: Some("foo".into()) };
    let ToolError::InvalidInput { field, message } = run(input).unwrap_err() else {
        panic!("expected InvalidInput");
    };
    assert_eq!(field, "to");
    assert_eq!(
        message,
        "unknown case 'foo'; expected one of: camel, pascal, snake, kebab, constant, title, \
         sentence, lower, upper, dot, path, train"
    );
}

#[test]
fn too_large_text_is_refused() {
    let input = Input { text: "a".repeat(crate::error::MAX_TEXT_BYTES + 1), to: None };
    assert!(matches!(run(input), Err(ToolError::TooLarge { .. })));
}

#[test]
fn one_case_serializes_as_to_and_output() {
    let output = run(Input { text: "foo bar".into(), to: Some("kebab".into()) });
    let json = serde_json::to_value(output.unwrap()).unwrap();
    assert_eq!(json, json!({"to": "kebab", "output": "foo-bar"}));
}

#[test]
fn all_cases_serialize_in_listed_order() {
    let output = run(Input { text: "foo bar".into(), to: None });
    let json = serde_json::to_string(&output.unwrap()).unwrap();
    let expected = r#"{"outputs":{"camel":"fooBar","pascal":"FooBar","snake":"foo_bar","kebab":"foo-bar","constant":"FOO_BAR","title":"Foo Bar","sentence":"Foo bar","lower":"foo bar","upper":"FOO BAR","dot":"foo.bar","path":"foo/bar","train":"Foo-Bar"}}"#;
    assert_eq!(json, expected);
}

/// Letters whose case maps back and forth one to one (not ß: title("ß") is "SS", then "Ss"),
/// plus digits and separators.
const TAME_TEXT: &str = "[a-zA-Z0-9 _./üÜéÉαΑЖж-]{0,40}";

proptest! {
    #[test]
    fn never_panics(text in any::<String>()) {
        for case in Case::ALL {
            case.convert(&text);
        }
    }

    #[test]
    fn separated_cases_are_idempotent(text in TAME_TEXT) {
        for case in [Case::Snake, Case::Kebab, Case::Dot, Case::Path, Case::Title, Case::Train, Case::Sentence] {
            let once = case.convert(&text);
            prop_assert_eq!(case.convert(&once), once.clone(), "{} of {:?}", case, text);
        }
    }

    /// Not idempotent, as in change-case: pascal("a b") is "AB" and constant("a1b") is
    /// "A1B", which split differently when read again.
    #[test]
    fn joined_cases_depend_only_on_the_words(text in TAME_TEXT) {
        let snake = Case::Snake.convert(&text);
        for case in [Case::Pascal, Case::Camel, Case::Constant] {
            prop_assert_eq!(case.convert(&snake), case.convert(&text), "{} of {:?}", case, text);
        }
    }

    #[test]
    fn snake_output_has_only_lower_words_and_underscores(text in TAME_TEXT) {
        let snake = Case::Snake.convert(&text);
        prop_assert!(!snake.starts_with('_') && !snake.ends_with('_') && !snake.contains("__"));
        prop_assert_eq!(snake.to_lowercase(), snake);
    }
}
