//! The twelve cases and how a list of words is written in each, as `change-case` v5 does.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::split::split_words;

/// A case the converter can write text in.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
            Case::Snake => map_join(&words, "_", |out, _, w| push_lower(out, w)),
            Case::Kebab => map_join(&words, "-", |out, _, w| push_lower(out, w)),
            Case::Constant => map_join(&words, "_", |out, _, w| push_upper(out, w)),
            Case::Title => map_join(&words, " ", |out, _, w| capitalize(out, w)),
            Case::Sentence => sentence(&words),
            Case::Lower => text.to_lowercase(),
            Case::Upper => text.to_uppercase(),
            Case::Dot => map_join(&words, ".", |out, _, w| push_lower(out, w)),
            Case::Path => map_join(&words, "/", |out, _, w| push_lower(out, w)),
            Case::Train => map_join(&words, "-", |out, _, w| capitalize(out, w)),
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

/// Writes each word with `write` into one string, `separator` between them.
fn map_join(words: &[&str], separator: &str, write: impl Fn(&mut String, usize, &str)) -> String {
    let mut out = String::with_capacity(words.iter().map(|w| w.len() + separator.len()).sum());
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        write(&mut out, i, word);
    }
    out
}

fn camel(words: &[&str]) -> String {
    map_join(words, "", |out, i, w| match i {
        0 => push_lower(out, w),
        _ => pascal_word(out, i, w),
    })
}

fn sentence(words: &[&str]) -> String {
    map_join(words, " ", |out, i, w| match i {
        0 => capitalize(out, w),
        _ => push_lower(out, w),
    })
}

/// `change-case` puts `_` before a later word that starts with a digit, so that
/// `["v1", "2"]` does not read as the single word `v12`.
fn pascal_word(out: &mut String, index: usize, word: &str) {
    match word.chars().next() {
        Some(first) if index > 0 && first.is_ascii_digit() => {
            out.push('_');
            push_lower(out, word);
        }
        _ => capitalize(out, word),
    }
}

/// Upper-cases the first character and lower-cases the rest.
fn capitalize(out: &mut String, word: &str) {
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        if first.is_ascii() {
            out.push(first.to_ascii_uppercase());
        } else {
            out.extend(first.to_uppercase());
        }
        push_lower(out, chars.as_str());
    }
}

/// Lower-cases a whole word (`str::to_lowercase` knows context rules such as a final sigma).
fn push_lower(out: &mut String, word: &str) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&word.to_lowercase());
    }
}

fn push_upper(out: &mut String, word: &str) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_uppercase();
    } else {
        out.push_str(&word.to_uppercase());
    }
}
