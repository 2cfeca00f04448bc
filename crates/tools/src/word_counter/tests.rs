use proptest::prelude::*;
use serde_json::json;

use super::*;

#[test]
fn empty_text_counts_nothing() {
    let output = count("");
    assert_eq!(
        (output.words, output.characters, output.sentences, output.paragraphs, output.lines),
        (0, 0, 0, 0, 0)
    );
    assert_eq!((output.bytes, output.unique_words, output.reading_time_seconds), (0, 0, 0));
    assert!(output.top_keywords.is_empty());
}

#[test]
fn whitespace_only_has_characters_but_no_words() {
    let output = count(" \t\n \n");
    assert_eq!((output.words, output.sentences, output.paragraphs), (0, 0, 0));
    assert_eq!((output.characters, output.characters_no_spaces), (5, 0));
    assert_eq!((output.lines, output.bytes), (2, 5));
}

#[test]
fn counts_a_plain_sentence() {
    let output = count("The quick brown fox jumps over the lazy dog.");
    assert_eq!((output.words, output.unique_words, output.sentences), (9, 8, 1));
    assert_eq!((output.characters, output.characters_no_spaces), (44, 36));
    assert_eq!((output.reading_time_seconds, output.speaking_time_seconds), (3, 4));
    assert_eq!(output.top_keywords.len(), 6);
    assert_eq!(output.top_keywords[0].word, "brown");
    assert_eq!(output.top_keywords[0].density, 11.11);
}

#[test]
fn crlf_is_one_character_and_one_line_break() {
    let output = count("First line.\r\nSecond line.\r\n\r\nNew paragraph.");
    assert_eq!((output.lines, output.paragraphs, output.sentences), (4, 2, 3));
    assert_eq!(output.characters, 40);
    assert_eq!(output.characters_no_spaces, 34);
}

#[test]
fn emoji_with_modifiers_is_one_character() {
    let output = count("👍🏽 ok 👨‍👩‍👧");
    assert_eq!(output.characters, 6);
    assert_eq!(output.characters_no_spaces, 4);
    assert_eq!(output.words, 1);
    assert_eq!(output.bytes, "👍🏽 ok 👨‍👩‍👧".len());
}

#[test]
fn cjk_ideographs_are_words_by_unicode_rules() {
    let output = count("我爱东京。東京タワーに行きます。");
    assert_eq!(output.sentences, 2);
    assert_eq!(output.characters, 16);
    // UAX #29 has no dictionary: each ideograph and kana is a word, a katakana run is one.
    assert_eq!(output.words, 12);
    let words: Vec<&str> = "東京タワーに".unicode_words().collect();
    assert_eq!(words, ["東", "京", "タワー", "に"]);
}

#[test]
fn unique_words_ignore_case() {
    assert_eq!(count("Go go GO gopher").unique_words, 2);
    assert_eq!(count("Straße STRASSE").unique_words, 2);
}

#[test]
fn times_round_up_to_whole_seconds() {
    let text = "word ".repeat(239);
    let output = count(&text);
    assert_eq!(output.reading_time_seconds, 61);
    assert_eq!(output.speaking_time_seconds, 96);
    assert_eq!(count("one").reading_time_seconds, 1);
}

#[test]
fn too_large_text_is_refused() {
    let input = Input { text: "a".repeat(crate::error::MAX_TEXT_BYTES + 1) };
    assert!(matches!(run(input), Err(ToolError::TooLarge { .. })));
}

#[test]
fn serializes_with_camel_case_names() {
    let output = run(Input { text: "Rust rust. Go!".into() }).unwrap();
    let expected = json!({
        "words": 3, "characters": 14, "charactersNoSpaces": 12, "sentences": 2,
        "paragraphs": 1, "lines": 1, "bytes": 14, "uniqueWords": 2,
        "readingTimeSeconds": 1, "speakingTimeSeconds": 2,
        "topKeywords": [
            {"word": "rust", "count": 2, "density": 66.67},
            {"word": "go", "count": 1, "density": 33.33}
        ]
    });
    assert_eq!(serde_json::to_value(output).unwrap(), expected);
}

proptest! {
    #[test]
    fn counts_stay_consistent_on_any_text(text in any::<String>()) {
        let output = count(&text);
        prop_assert!(output.characters_no_spaces <= output.characters);
        prop_assert!(output.characters <= text.chars().count());
        prop_assert!(output.unique_words <= output.words);
        // Not `sentences <= words`: "Σ.א" is one word (UAX #29) but two sentences.
        prop_assert_eq!(output.words == 0, output.sentences == 0);
        prop_assert!(output.paragraphs <= output.lines);
        prop_assert!(output.top_keywords.len() <= 10);
        prop_assert_eq!(output.bytes, text.len());
    }

    #[test]
    fn keyword_densities_are_percentages(text in "[a-c ,.\n]{0,200}") {
        for keyword in count(&text).top_keywords {
            prop_assert!(keyword.density > 0.0 && keyword.density <= 100.0);
        }
    }
}
