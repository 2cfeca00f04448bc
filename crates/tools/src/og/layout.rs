//! Laying shaped text out in a box: greedy line breaks at spaces (inside a word, between
//! clusters, only when the word is wider than the line), shrinking the size until every
//! line fits; at the smallest size, the last line that fits ends with an ellipsis.

use std::ops::Range;

use rustybuzz::Face;

use super::fonts::Font;
use super::shape::{Glyph, Shaped};

/// How a block of text is set.
pub struct TextStyle {
    pub font: Font,
    /// Largest and smallest font sizes tried, in pixels.
    pub max_size: f32,
    pub min_size: f32,
    /// Distance between baselines, in em.
    pub line_height: f32,
}

/// Text laid out in a box, ready to draw.
#[derive(Debug, Default)]
pub struct Block {
    /// Font size in pixels.
    pub size: f32,
    /// Distance between baselines in pixels.
    pub line_height: f32,
    pub lines: Vec<Line>,
    pub units_per_em: f32,
}

/// One line of glyphs, positions in font units.
#[derive(Debug)]
pub struct Line {
    pub glyphs: Vec<Glyph>,
    /// Width in pixels.
    pub width: f32,
}

impl Block {
    /// Height of all lines, in pixels.
    pub fn height(&self) -> f32 {
        self.lines.len() as f32 * self.line_height
    }

    /// Widest line, in pixels.
    pub fn width(&self) -> f32 {
        self.lines.iter().map(|line| line.width).fold(0.0, f32::max)
    }
}

/// Lays `text` out in `width` × `height` pixels at the largest size of `style` that fits.
pub fn fit(text: &str, style: &TextStyle, width: f32, height: f32) -> Block {
    let shaped = Shaped::new(style.font.face(), text);
    let mut size = style.max_size;
    loop {
        let scale = size / shaped.units_per_em;
        let max_units = (width / scale).floor() as i32;
        let lines = break_lines(&shaped, max_units);
        let line_height = size * style.line_height;
        let fits = lines.len() as f32 * line_height <= height
            && lines.iter().all(|line| shaped.width(line.clone()) <= max_units);
        if fits || size <= style.min_size {
            let max_lines = ((height / line_height).floor() as usize).max(1);
            let lines = finish_lines(&shaped, lines, max_lines, max_units, style.font.face());
            let lines = lines.into_iter().map(|(glyphs, units)| Line { glyphs, width: units as f32 * scale });
            return Block { size, line_height, lines: lines.collect(), units_per_em: shaped.units_per_em };
        }
        size = (size - 2.0).max(style.min_size);
    }
}

/// Cluster ranges of each line, without leading or trailing spaces.
fn break_lines(shaped: &Shaped, max_units: i32) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut current: Option<(Range<usize>, i32)> = None;
    for word in words(shaped) {
        let word_width = shaped.width(word.clone());
        if let Some((line, line_width)) = &mut current {
            let with_gap = *line_width + shaped.width(line.end..word.start) + word_width;
            if with_gap <= max_units {
                (line.end, *line_width) = (word.end, with_gap);
                continue;
            }
            lines.push(line.clone());
        }
        let mut start = word.start;
        loop {
            let (end, end_width) = take_fitting(shaped, start..word.end, max_units);
            if end == word.end {
                current = Some((start..end, end_width));
                break;
            }
            lines.push(start..end);
            start = end;
        }
    }
    lines.extend(current.map(|(line, _)| line));
    lines
}

/// Ranges of clusters between spaces.
fn words(shaped: &Shaped) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    let count = shaped.clusters.len();
    std::iter::from_fn(move || {
        while start < count && shaped.clusters[start].is_space {
            start += 1;
        }
        let end = (start..count).find(|&i| shaped.clusters[i].is_space).unwrap_or(count);
        let word = start..end;
        start = end;
        (!word.is_empty()).then_some(word)
    })
}

/// The end of the longest prefix of `range` that fits (at least one cluster), and its width.
fn take_fitting(shaped: &Shaped, range: Range<usize>, max_units: i32) -> (usize, i32) {
    let mut width = 0;
    for index in range.clone() {
        let next = width + shaped.clusters[index].width;
        if next > max_units && index > range.start {
            return (index, width);
        }
        width = next;
    }
    (range.end, width)
}

/// Glyphs and widths (font units) of at most `max_lines` lines; an ellipsis marks a cut.
fn finish_lines(
    shaped: &Shaped,
    mut lines: Vec<Range<usize>>,
    max_lines: usize,
    max_units: i32,
    face: &Face<'_>,
) -> Vec<(Vec<Glyph>, i32)> {
    let cut = lines.len() > max_lines;
    lines.truncate(max_lines);
    let mut finished: Vec<_> =
        lines.iter().map(|line| (glyphs_of(shaped, line.clone()), shaped.width(line.clone()))).collect();
    if let (true, Some(last)) = (cut, lines.last()) {
        finished.pop();
        finished.push(with_ellipsis(shaped, last.clone(), max_units, face));
    }
    finished
}

fn glyphs_of(shaped: &Shaped, line: Range<usize>) -> Vec<Glyph> {
    if line.is_empty() {
        return Vec::new();
    }
    let glyphs = shaped.clusters[line.start].glyphs.start..shaped.clusters[line.end - 1].glyphs.end;
    shaped.glyphs[glyphs].to_vec()
}

/// The line shortened until "…" fits after it.
fn with_ellipsis(
    shaped: &Shaped,
    mut line: Range<usize>,
    max_units: i32,
    face: &Face<'_>,
) -> (Vec<Glyph>, i32) {
    let ellipsis = Shaped::new(face, "…");
    let ellipsis_width = ellipsis.width(0..ellipsis.clusters.len());
    while !line.is_empty()
        && (shaped.width(line.clone()) + ellipsis_width > max_units || shaped.clusters[line.end - 1].is_space)
    {
        line.end -= 1;
    }
    let mut glyphs = glyphs_of(shaped, line.clone());
    glyphs.extend_from_slice(&ellipsis.glyphs);
    (glyphs, shaped.width(line) + ellipsis_width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::og::fonts::BOLD;

    fn style(max_size: f32, min_size: f32) -> TextStyle {
        TextStyle { font: Font::Bold, max_size, min_size, line_height: 1.2 }
    }

    fn text_of(block: &Block) -> Vec<usize> {
        block.lines.iter().map(|line| line.glyphs.len()).collect()
    }

    #[test]
    fn short_text_stays_at_the_largest_size_on_one_line() {
        let block = fit("Hello world", &style(72.0, 24.0), 1000.0, 300.0);
        assert_eq!((block.size, block.lines.len()), (72.0, 1));
        assert_eq!(text_of(&block), vec![11]);
    }

    #[test]
    fn long_text_wraps_then_shrinks_and_never_overflows() {
        let text = "Ship faster with a metered API of developer tools ".repeat(4);
        let block = fit(text.trim(), &style(72.0, 24.0), 1000.0, 300.0);
        assert!(block.size < 72.0 && block.lines.len() > 1);
        assert!(block.height() <= 300.0 && block.width() <= 1000.0);
    }

    #[test]
    fn a_word_wider_than_the_line_breaks_between_clusters() {
        let block = fit(&"Ж".repeat(200), &style(40.0, 40.0), 500.0, 1000.0);
        assert!(block.lines.len() > 1 && block.width() <= 500.0);
        assert_eq!(text_of(&block).iter().sum::<usize>(), 200);
    }

    #[test]
    fn text_that_cannot_fit_ends_with_an_ellipsis() {
        let block = fit(&"word ".repeat(300), &style(30.0, 30.0), 400.0, 100.0);
        assert_eq!(block.lines.len(), 2);
        let ellipsis = Shaped::new(&BOLD, "…").glyphs[0].id;
        assert_eq!(block.lines[1].glyphs.last().unwrap().id, ellipsis);
        assert!(block.width() <= 400.0);
    }

    #[test]
    fn empty_text_has_no_lines() {
        let block = fit(
            "",
            &TextStyle { font: Font::Regular, max_size: 30.0, min_size: 20.0, line_height: 1.4 },
            400.0,
            100.0,
        );
        assert_eq!(block.height(), 0.0);
    }
}
