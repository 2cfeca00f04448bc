//! Shaping text once, in font units: glyphs grouped into clusters (one or more characters
//! drawn together), so that lines can be broken and measured at any size by scaling.

use std::ops::Range;

use rustybuzz::{Direction, Face, UnicodeBuffer};

/// Advance of a missing-glyph box, in em.
pub const MISSING_ADVANCE_EM: f32 = 0.62;

/// One glyph of shaped text, positions in font units.
#[derive(Debug, Clone, Copy)]
pub struct Glyph {
    pub id: u16,
    pub x_advance: i32,
    pub x_offset: i32,
    pub y_offset: i32,
    /// The font has no glyph for this character: a visible box is drawn instead.
    pub missing: bool,
}

/// Glyphs that belong together (a grapheme, a ligature); lines break only between them.
#[derive(Debug, Clone)]
pub struct Cluster {
    pub glyphs: Range<usize>,
    /// Sum of the glyphs' advances, in font units.
    pub width: i32,
    pub is_space: bool,
}

/// A text shaped with one face.
#[derive(Debug, Clone)]
pub struct Shaped {
    pub glyphs: Vec<Glyph>,
    pub clusters: Vec<Cluster>,
    pub units_per_em: f32,
}

impl Shaped {
    /// Shapes `text` (already normalised: single spaces, no control characters) left to right.
    pub fn new(face: &Face<'_>, text: &str) -> Self {
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(Direction::LeftToRight);
        let output = rustybuzz::shape(face, &[], buffer);
        let units_per_em = face.units_per_em() as f32;
        let missing_advance = (MISSING_ADVANCE_EM * units_per_em) as i32;
        let glyphs = output
            .glyph_infos()
            .iter()
            .zip(output.glyph_positions())
            .map(|(info, position)| {
                let missing = info.glyph_id == 0;
                Glyph {
                    id: info.glyph_id as u16,
                    x_advance: if missing {
                        position.x_advance.max(missing_advance)
                    } else {
                        position.x_advance
                    },
                    x_offset: position.x_offset,
                    y_offset: position.y_offset,
                    missing,
                }
            })
            .collect::<Vec<_>>();
        let starts: Vec<usize> = output.glyph_infos().iter().map(|info| info.cluster as usize).collect();
        let clusters = group_clusters(text, &glyphs, &starts);
        Self { glyphs, clusters, units_per_em }
    }

    /// Width of clusters `range`, in font units.
    pub fn width(&self, range: Range<usize>) -> i32 {
        self.clusters[range].iter().map(|c| c.width).sum()
    }
}

/// Groups consecutive glyphs with the same cluster start (byte offset into `text`).
fn group_clusters(text: &str, glyphs: &[Glyph], starts: &[usize]) -> Vec<Cluster> {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut first = 0;
    while first < glyphs.len() {
        let start = starts[first];
        let end_glyph = (first..glyphs.len()).find(|&i| starts[i] != start).unwrap_or(glyphs.len());
        let end_byte = starts.get(end_glyph).copied().unwrap_or(text.len()).max(start);
        let is_space = text.get(start..end_byte).is_some_and(|s| !s.is_empty() && s.trim().is_empty());
        let width = glyphs[first..end_glyph].iter().map(|g| g.x_advance).sum();
        clusters.push(Cluster { glyphs: first..end_glyph, width, is_space });
        first = end_glyph;
    }
    clusters
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::og::fonts::REGULAR;

    #[test]
    fn latin_greek_and_cyrillic_have_glyphs() {
        let shaped = Shaped::new(&REGULAR, "Hello Καλημέρα Привет");
        assert!(shaped.glyphs.iter().all(|g| !g.missing));
        assert_eq!(shaped.clusters.iter().filter(|c| c.is_space).count(), 2);
    }

    #[test]
    fn characters_the_font_lacks_are_marked_missing_and_take_room() {
        let shaped = Shaped::new(&REGULAR, "a😀漢");
        let missing: Vec<_> = shaped.glyphs.iter().filter(|g| g.missing).collect();
        assert_eq!(missing.len(), 2);
        assert!(missing.iter().all(|g| g.x_advance >= 600));
    }
}
