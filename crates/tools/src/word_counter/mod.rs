//! `word-counter`: words, characters, sentences, reading time and top keywords of a text.

mod keywords;
mod stop_words;
mod structure;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::error::{ensure_text_size, ToolError};
pub use keywords::{top_keywords, Keyword};
pub use structure::{count_lines, count_paragraphs, count_sentences};

/// Average silent reading speed, in words per minute.
pub const READING_WORDS_PER_MINUTE: usize = 238;
/// Average speaking speed, in words per minute.
pub const SPEAKING_WORDS_PER_MINUTE: usize = 150;

/// The fields of [`Input`], as named in JSON.
pub const FIELDS: &[&str] = &["text"];

/// A request: the text to count.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = WordCounterInput))]
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Input {
    /// The text to count (at most 1 MiB).
    pub text: String,
}

/// Counts of one text. Words follow Unicode (UAX #29) word boundaries, so each
/// CJK ideograph counts as a word; characters are grapheme clusters.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = WordCounterOutput))]
#[derive(Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Output {
    pub words: usize,
    pub characters: usize,
    /// Characters that are not whitespace.
    pub characters_no_spaces: usize,
    pub sentences: usize,
    /// Blocks of non-blank lines separated by blank lines.
    pub paragraphs: usize,
    /// Lines, blank ones included; a final line break does not start a new line.
    pub lines: usize,
    /// Size in UTF-8.
    pub bytes: usize,
    /// Distinct words, ignoring case.
    pub unique_words: usize,
    pub reading_time_seconds: usize,
    pub speaking_time_seconds: usize,
    /// The ten most frequent words that are not English stop words or numbers.
    pub top_keywords: Vec<Keyword>,
}

/// Counts the text.
pub fn run(input: Input) -> Result<Output, ToolError> {
    ensure_text_size("text", &input.text)?;
    Ok(count(&input.text))
}

/// Counts `text`, whatever its size.
pub fn count(text: &str) -> Output {
    let words: Vec<&str> = text.unicode_words().collect();
    let graphemes: Vec<&str> = text.graphemes(true).collect();
    Output {
        words: words.len(),
        characters: graphemes.len(),
        characters_no_spaces: graphemes.iter().filter(|g| !is_whitespace(g)).count(),
        sentences: count_sentences(text),
        paragraphs: count_paragraphs(text),
        lines: count_lines(text),
        bytes: text.len(),
        unique_words: count_unique_ignoring_case(&words),
        reading_time_seconds: seconds_to_say(words.len(), READING_WORDS_PER_MINUTE),
        speaking_time_seconds: seconds_to_say(words.len(), SPEAKING_WORDS_PER_MINUTE),
        top_keywords: top_keywords(&words, 10),
    }
}

fn is_whitespace(grapheme: &str) -> bool {
    grapheme.chars().all(char::is_whitespace)
}

fn count_unique_ignoring_case(words: &[&str]) -> usize {
    let lower: std::collections::HashSet<String> = words.iter().map(|w| w.to_lowercase()).collect();
    lower.len()
}

/// Whole seconds, rounded up, to get through `words` at `words_per_minute`.
fn seconds_to_say(words: usize, words_per_minute: usize) -> usize {
    (words * 60).div_ceil(words_per_minute)
}
