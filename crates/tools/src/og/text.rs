//! Text as it is drawn: runs of white space and control characters become one space, and
//! a grapheme keeps at most a few characters (so stacked combining marks stay in the box).

use unicode_segmentation::UnicodeSegmentation;

/// Characters kept of one grapheme: a base and its usual marks.
const MAX_CHARS_PER_GRAPHEME: usize = 4;

/// `text` with white space collapsed and trimmed and overlong graphemes shortened.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for grapheme in text.graphemes(true) {
        if grapheme.chars().all(|c| c.is_whitespace() || c.is_control()) {
            pending_space = true;
            continue;
        }
        if std::mem::take(&mut pending_space) && !out.is_empty() {
            out.push(' ');
        }
        out.extend(grapheme.chars().filter(|c| !c.is_control()).take(MAX_CHARS_PER_GRAPHEME));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn white_space_and_controls_collapse() {
        assert_eq!(normalise("  Hello,\n\t\u{0}world  \u{a0}"), "Hello, world");
    }

    #[test]
    fn stacked_marks_are_cut_short() {
        let zalgo = format!("a{}b", "\u{301}".repeat(50));
        assert_eq!(normalise(&zalgo).chars().count(), 1 + 3 + 1);
    }

    #[test]
    fn greek_and_cyrillic_pass_through() {
        assert_eq!(normalise("Ἀθῆναι Москва"), "Ἀθῆναι Москва");
    }
}
