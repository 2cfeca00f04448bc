//! URL slugs: ASCII kebab-case.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Longest slug, in characters; longer ones are cut at a hyphen.
pub const MAX_SLUG_CHARS: usize = 80;

/// `text` as lower-case ASCII words joined by hyphens: accents are dropped (`é` → `e`, `ß` → `ss`),
/// everything else that is not a letter or digit separates words. Text with no ASCII
/// letter or digit at all (e.g. only CJK) gives `post`.
pub fn slugify(text: &str) -> String {
    let ascii: String = text.nfkd().filter(|c| !is_combining_mark(*c)).flat_map(fold).collect();
    let words: Vec<&str> =
        ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let mut slug = String::new();
    for word in words {
        if !slug.is_empty() && slug.len() + 1 + word.len() > MAX_SLUG_CHARS {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word[..word.len().min(MAX_SLUG_CHARS)]);
    }
    if slug.is_empty() {
        "post".to_owned()
    } else {
        slug
    }
}

/// Lower-case ASCII for letters that do not decompose into a base letter and accents.
fn fold(c: char) -> std::iter::Take<std::array::IntoIter<char, 2>> {
    let (pair, len) = match c.to_lowercase().next().unwrap_or(c) {
        'ß' => (['s', 's'], 2),
        'æ' => (['a', 'e'], 2),
        'œ' => (['o', 'e'], 2),
        'þ' => (['t', 'h'], 2),
        'ø' => (['o', ' '], 1),
        'đ' | 'ð' => (['d', ' '], 1),
        'ł' => (['l', ' '], 1),
        other => ([other.to_ascii_lowercase(), ' '], 1),
    };
    pair.into_iter().take(len)
}
