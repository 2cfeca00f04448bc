//! The most frequent meaningful words of a text.

use std::collections::HashMap;

use serde::Serialize;

use super::stop_words::is_stop_word;

/// A frequent word: lower-cased, how often it occurs, and its share of all words in percent.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyword {
    pub word: String,
    pub count: usize,
    /// `count / words * 100`, rounded to 2 decimals.
    pub density: f64,
}

/// The `limit` most frequent words, most frequent first, ties in alphabetical order.
/// Words are compared lower-cased with `’` read as `'`; English stop words and
/// words without a letter (numbers) are left out.
pub fn top_keywords(words: &[&str], limit: usize) -> Vec<Keyword> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for word in words {
        let word = normalize(word);
        if is_keyword(&word) {
            *counts.entry(word).or_default() += 1;
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_unstable_by(|(a, a_count), (b, b_count)| b_count.cmp(a_count).then_with(|| a.cmp(b)));
    ranked
        .into_iter()
        .take(limit)
        .map(|(word, count)| Keyword { word, count, density: percent_to_2_decimals(count, words.len()) })
        .collect()
}

fn normalize(word: &str) -> String {
    word.to_lowercase().replace('\u{2019}', "'")
}

fn is_keyword(word: &str) -> bool {
    word.chars().any(char::is_alphabetic) && !is_stop_word(word)
}

fn percent_to_2_decimals(part: usize, whole: usize) -> f64 {
    (part as f64 / whole as f64 * 10_000.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keywords(words: &[&str]) -> Vec<(String, usize, f64)> {
        let found = top_keywords(words, 10);
        found.into_iter().map(|k| (k.word, k.count, k.density)).collect()
    }

    #[test]
    fn ranks_by_count_then_alphabetically() {
        let words = ["Rust", "go", "rust", "Zig", "go", "RUST", "ada"];
        let expected = vec![
            ("rust".to_string(), 3, 42.86),
            ("go".to_string(), 2, 28.57),
            ("ada".to_string(), 1, 14.29),
            ("zig".to_string(), 1, 14.29),
        ];
        assert_eq!(keywords(&words), expected);
    }

    #[test]
    fn leaves_out_stop_words_and_numbers() {
        let words = ["The", "cat", "and", "THE", "dog", "3", "2.5", "don’t", "x2"];
        let found: Vec<String> = keywords(&words).into_iter().map(|k| k.0).collect();
        assert_eq!(found, ["cat", "dog", "x2"]);
    }

    #[test]
    fn keeps_at_most_the_limit() {
        let words: Vec<String> = (0..30).map(|i| format!("word{i:02}")).collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let found = top_keywords(&words, 10);
        assert_eq!(found.len(), 10);
        assert_eq!(found[0].word, "word00");
        assert_eq!(found[9].word, "word09");
    }

    #[test]
    fn no_words_no_keywords() {
        assert!(top_keywords(&[], 10).is_empty());
    }
}
