//! Markdown to safe HTML, and counting the words a reader sees.

use pulldown_cmark::{html, Event, Options, Parser};
use unicode_segmentation::UnicodeSegmentation;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Renders `markdown` as HTML that is safe to embed: raw HTML in the Markdown is shown as
/// text, and the result is sanitized (no scripts, event handlers, `javascript:` URLs or
/// styles; links get `rel="noopener noreferrer"`).
pub fn to_safe_html(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, options()).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut rendered = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut rendered, events);
    ammonia::clean(&rendered)
}

/// Words of the text a reader sees (Markdown syntax left out), by Unicode word boundaries.
pub fn plain_word_count(markdown: &str) -> usize {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => text.push_str(&t),
            Event::End(_) | Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.unicode_words().count()
}
