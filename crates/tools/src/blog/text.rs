//! Small text helpers: clipping at a word boundary, title case, Markdown escaping.

/// `text` trimmed to at most `max` characters, cut at a word boundary with `…` when long.
pub fn clip(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let head: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = match head.rfind(char::is_whitespace) {
        Some(space) if space > head.len() / 2 => &head[..space],
        _ => head.as_str(),
    };
    format!("{}…", cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:-".contains(c)))
}

/// Words that stay lower-case inside a title.
const SMALL_WORDS: &[&str] =
    &["a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "with"];

/// Capitalises each word's first letter except small words after the first; other
/// letters are kept, so acronyms and product names survive.
pub fn title_case(text: &str) -> String {
    let words = text.split(' ').enumerate().map(|(i, word)| {
        if i > 0 && SMALL_WORDS.contains(&word.to_lowercase().as_str()) {
            return word.to_lowercase();
        }
        capitalize(word)
    });
    words.collect::<Vec<_>>().join(" ")
}

/// The first character upper-cased.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// Characters that can start Markdown syntax anywhere in a line.
const INLINE_SYNTAX: &str = "\\`*_[]<>&|~!#";

/// Backslash-escapes what Markdown could read as syntax, so user text inside Markdown is
/// plain text wherever it lands, line starts included (`- `, `+ `, `= `, `1. `).
pub fn escape_markdown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in text.char_indices() {
        let starts_block = i == 0 && "-+=".contains(c);
        let ends_number = i == digits && digits > 0 && ".)".contains(c);
        if INLINE_SYNTAX.contains(c) || starts_block || ends_number {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}
