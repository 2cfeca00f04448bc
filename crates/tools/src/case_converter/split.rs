//! Word splitting that matches `split` from the npm package `change-case` v5.
//!
//! A word is a run of letters (`\p{L}`) and ASCII digits. Inside a run, a word
//! also ends between a lower-case letter or digit and an upper-case letter
//! (`fooBar`, `v2Beta`), and between two upper-case letters when a lower-case
//! one follows (`XMLHttp` → `XML`, `Http`). Everything else separates words.
//!
//! Like change-case, combining marks (`\p{M}`) separate words too, so decomposed
//! accents are dropped and scripts with vowel signs (Devanagari: `हिन्दी` → `ह`, `न`,
//! `द`) come apart; counting marks as word characters would fix that but differ from it.

use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// Splits `text` into words, in order, as slices of `text`.
pub fn split_words(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut word_start: Option<usize> = None;
    // The character before the current one, while inside a word.
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if !is_word_char(c) {
            if let Some(start) = word_start.take() {
                words.push(&text[start..offset]);
            }
            previous = None;
            continue;
        }
        match (word_start, previous) {
            (Some(start), Some(before)) if starts_new_word(before, c, chars.peek().map(|&(_, c)| c)) => {
                words.push(&text[start..offset]);
                word_start = Some(offset);
            }
            (Some(_), _) => {}
            (None, _) => word_start = Some(offset),
        }
        previous = Some(c);
    }
    if let Some(start) = word_start {
        words.push(&text[start..]);
    }
    words
}

/// Whether a word boundary falls between the word characters `previous` and `current`.
fn starts_new_word(previous: char, current: char, next: Option<char>) -> bool {
    let lower_then_upper = (is_lower(previous) || previous.is_ascii_digit()) && is_upper(current);
    let acronym_then_word = is_upper(previous) && is_upper(current) && next.is_some_and(is_lower);
    lower_then_upper || acronym_then_word
}

/// `[\p{L}\d]` in a JavaScript `u` regex: any letter, but only ASCII digits.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.general_category_group() == GeneralCategoryGroup::Letter
}

/// `\p{Lu}`; not `char::is_uppercase`, which also counts symbols such as Ⓐ.
fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    c.general_category() == GeneralCategory::UppercaseLetter
}

/// `\p{Ll}`.
fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    c.general_category() == GeneralCategory::LowercaseLetter
}

#[cfg(test)]
mod tests {
    use super::split_words;

    fn check(text: &str, expected: &[&str]) {
        assert_eq!(split_words(text), expected, "splitting {text:?}");
    }

    #[test]
    fn splits_lower_to_upper() {
        check("fooBar", &["foo", "Bar"]);
    }

    #[test]
    fn keeps_acronyms_together() {
        check("XMLHttpRequest", &["XML", "Http", "Request"]);
        check("getHTTPResponseCode", &["get", "HTTP", "Response", "Code"]);
        check("ABC", &["ABC"]);
    }

    #[test]
    fn keeps_letters_and_digits_together() {
        check("v2", &["v2"]);
        check("version2Beta", &["version2", "Beta"]);
        check("foo2bar", &["foo2bar"]);
        check("HTML5Parser", &["HTML5", "Parser"]);
    }

    #[test]
    fn separators_collapse_and_trim() {
        check("  foo--bar__baz  qux.", &["foo", "bar", "baz", "qux"]);
        check("", &[]);
        check(" -_ ", &[]);
    }

    #[test]
    fn unicode_letters_are_letters() {
        check("ÜberCool", &["Über", "Cool"]);
        check("привет_мир", &["привет", "мир"]);
        check("日本語テキスト", &["日本語テキスト"]);
    }

    #[test]
    fn non_ascii_digits_separate_words() {
        check("a١b", &["a", "b"]);
    }
}
