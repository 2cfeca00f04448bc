//! Sentences, paragraphs and lines: how a text is laid out.
//!
//! Line breaks are `\n`, `\r\n` and a lone `\r`.

use unicode_segmentation::UnicodeSegmentation;

/// Sentences by Unicode (UAX #29) sentence boundaries, counting only those
/// with at least one word, so `"..."` is none and `"Hello"` is one.
/// UAX #29 ends a sentence at a line break too, and after an abbreviation
/// such as `Mr.` that is followed by a capital.
pub fn count_sentences(text: &str) -> usize {
    // A plain loop: `Iterator::count` on these bounds calls a `size_hint` that
    // underflows on empty text (unicode-segmentation 1.13).
    let mut sentences = 0;
    for sentence in text.split_sentence_bounds() {
        if sentence.unicode_words().next().is_some() {
            sentences += 1;
        }
    }
    sentences
}

/// Blocks of non-blank lines; any number of blank (or whitespace-only) lines separates two.
pub fn count_paragraphs(text: &str) -> usize {
    let mut paragraphs = 0;
    let mut in_paragraph = false;
    for line in split_lines(text) {
        let blank = line.trim().is_empty();
        if !blank && !in_paragraph {
            paragraphs += 1;
        }
        in_paragraph = !blank;
    }
    paragraphs
}

/// Lines, blank ones included: `""` has 0, `"a"` and `"a\n"` have 1, `"a\n\nb"` has 3.
pub fn count_lines(text: &str) -> usize {
    split_lines(text).count()
}

/// Like [`str::lines`], but a lone `\r` also ends a line.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    // Splitting leaves an empty last piece after a final break (and for ""): not a line.
    let last_piece_is_empty = text.is_empty() || text.ends_with(['\n', '\r']);
    let mut lines = text.split("\r\n").flat_map(|part| part.split(['\n', '\r'])).peekable();
    std::iter::from_fn(move || {
        let line = lines.next()?;
        let is_last = lines.peek().is_none();
        if is_last && last_piece_is_empty {
            return None;
        }
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_ignore_a_final_break() {
        assert_eq!(count_lines(""), 0);
        assert_eq!(count_lines("a"), 1);
        assert_eq!(count_lines("a\n"), 1);
        assert_eq!(count_lines("\n"), 1);
        assert_eq!(count_lines("a\n\nb"), 3);
        assert_eq!(count_lines("   "), 1);
    }

    #[test]
    fn crlf_and_lone_cr_are_one_break_each() {
        assert_eq!(count_lines("a\r\nb\r\n"), 2);
        assert_eq!(count_lines("a\rb\rc"), 3);
        assert_eq!(count_lines("a\r\n\r\nb"), 3);
    }

    #[test]
    fn paragraphs_are_separated_by_blank_lines() {
        assert_eq!(count_paragraphs(""), 0);
        assert_eq!(count_paragraphs(" \n\t\n"), 0);
        assert_eq!(count_paragraphs("one\nstill one"), 1);
        assert_eq!(count_paragraphs("\n\none\n  \n\ntwo\r\n\r\nthree\n"), 3);
    }

    #[test]
    fn sentences_need_a_word() {
        assert_eq!(count_sentences(""), 0);
        assert_eq!(count_sentences("... !!! ?"), 0);
        assert_eq!(count_sentences("no final stop"), 1);
        assert_eq!(count_sentences("One. Two! Three? Four"), 4);
        // An ellipsis before a lower-case word does not end the sentence.
        assert_eq!(count_sentences("Wait... what?! Really."), 2);
    }

    #[test]
    fn decimals_and_lower_case_after_a_stop_do_not_end_a_sentence() {
        assert_eq!(count_sentences("Pi is 3.14 or so."), 1);
        assert_eq!(count_sentences("Use e.g. a fork."), 1);
    }

    #[test]
    fn cjk_sentences_end_at_ideographic_stops() {
        assert_eq!(count_sentences("你好。世界！"), 2);
    }
}
