//! The twelve cases and how a list of words is written in each, as `change-case` v5 does.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::split::split_words;

/// A case the converter can write text in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Case {
    Camel,
    Pascal,
    Snake,
    Kebab,
    Constant,
    Title,
    Sentence,
    Lower,
    Upper,
    Dot,
    Path,
    Train,
}

impl Case {
    /// Every case, in the order they are listed in the API.
    pub const ALL: [Case; 12] = [
        Case::Camel,
        Case::Pascal,
        Case::Snake,
        Case::Kebab,
        Case::Constant,
        Case::Title,
        Case::Sentence,
        Case::Lower,
        Case::Upper,
        Case::Dot,
        Case::Path,
        Case::Train,
    ];

    /// The name used in requests and responses (`"camel"`, …).
    pub fn name(self) -> &'static str {
        match self {
            Case::Camel => "camel",
            Case::Pascal => "pascal",
            Case::Snake => "snake",
            Case::Kebab => "kebab",
            Case::Constant => "constant",
            Case::Title => "title",
            Case::Sentence => "sentence",
            Case::Lower => "lower",
            Case::Upper => "upper",
            Case::Dot => "dot",
            Case::Path => "path",
            Case::Train => "train",
        }
    }

    /// Writes `text` in this case.
    ///
    /// `lower` and `upper` change the letters of the whole text and keep its
    /// punctuation, like `toLowerCase`/`toUpperCase`; every other case rebuilds
    /// the text from its words.
    pub fn convert(self, text: &str) -> String {
        let words = split_words(text);
        match self {
            Case::Camel => camel(&words),
            Case::Pascal => map_join(&words, "", pascal_word),
            Case::Snake => map_join(&words, "_", |_, w| w.to_lowercase()),
            Case::Kebab => map_join(&words, "-", |_, w| w.to_lowercase()),
            Case::Constant => map_join(&words, "_", |_, w| w.to_uppercase()),
            Case::Title => map_join(&words, " ", |_, w| capitalize(w)),
            Case::Sentence => sentence(&words),
            Case::Lower => text.to_lowercase(),
            Case::Upper => text.to_uppercase(),
            Case::Dot => map_join(&words, ".", |_, w| w.to_lowercase()),
            Case::Path => map_join(&words, "/", |_, w| w.to_lowercase()),
            Case::Train => map_join(&words, "-", |_, w| capitalize(w)),
        }
    }
}

impl fmt::Display for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Case {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Case::ALL.into_iter().find(|case| case.name().eq_ignore_ascii_case(name.trim())).ok_or_else(|| {
            let names: Vec<&str> = Case::ALL.iter().map(|case| case.name()).collect();
            format!("unknown case '{name}'; expected one of: {}", names.join(", "))
        })
    }
}

fn map_join(words: &[&str], separator: &str, write: impl Fn(usize, &str) -> String) -> String {
    let written: Vec<String> = words.iter().enumerate().map(|(i, w)| write(i, w)).collect();
    written.join(separator)
}

fn camel(words: &[&str]) -> String {
    map_join(words, "", |i, w| match i {
        0 => w.to_lowercase(),
        _ => pascal_word(i, w),
    })
}

fn sentence(words: &[&str]) -> String {
    map_join(words, " ", |i, w| match i {
        0 => capitalize(w),
        _ => w.to_lowercase(),
    })
}

/// `change-case` puts `_` before a later word that starts with a digit, so that
/// `["v1", "2"]` does not read as the single word `v12`.
fn pascal_word(index: usize, word: &str) -> String {
    match word.chars().next() {
        Some(first) if index > 0 && first.is_ascii_digit() => format!("_{}", word.to_lowercase()),
        _ => capitalize(word),
    }
}

/// Upper-cases the first character and lower-cases the rest.
fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars.as_str().to_lowercase().chars()).collect(),
        None => String::new(),
    }
}
