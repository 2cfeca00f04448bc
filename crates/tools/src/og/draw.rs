//! Drawing laid-out text with tiny-skia: each glyph's outline is added to one path per
//! block, filled once. A glyph the font lacks becomes a hollow box, never nothing.

use rustybuzz::ttf_parser::{GlyphId, OutlineBuilder};
use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, Transform};

use super::layout::Block;
use super::palette::Rgb;
use super::shape::Glyph;

/// Draws `block` with its first line's top at (`x`, `y`).
pub fn draw_block(
    pixmap: &mut Pixmap,
    block: &Block,
    face: &rustybuzz::Face<'_>,
    x: f32,
    y: f32,
    color: Rgb,
) {
    let scale = block.size / block.units_per_em;
    let ascender = f32::from(face.ascender()) * scale;
    let descender = f32::from(face.descender()) * scale;
    let half_leading = (block.line_height - (ascender - descender)) / 2.0;
    let mut path = PathBuilder::new();
    for (index, line) in block.lines.iter().enumerate() {
        let baseline = y + index as f32 * block.line_height + half_leading + ascender;
        let mut pen = x;
        for glyph in &line.glyphs {
            let origin = (pen + glyph.x_offset as f32 * scale, baseline - glyph.y_offset as f32 * scale);
            add_glyph(&mut path, face, glyph, origin, scale, block.size);
            pen += glyph.x_advance as f32 * scale;
        }
    }
    let Some(path) = path.finish() else { return };
    let mut paint = Paint::default();
    paint.set_color(color.to_skia());
    paint.anti_alias = true;
    pixmap.fill_path(&path, &paint, FillRule::Winding, Transform::identity(), None);
}

fn add_glyph(
    path: &mut PathBuilder,
    face: &rustybuzz::Face<'_>,
    glyph: &Glyph,
    origin: (f32, f32),
    scale: f32,
    size: f32,
) {
    if glyph.missing {
        add_missing_box(path, origin, glyph.x_advance as f32 * scale, size);
        return;
    }
    let mut sink = Sink { path, scale, origin };
    face.outline_glyph(GlyphId(glyph.id), &mut sink);
}

/// A hollow box on the baseline: outer edge clockwise, inner counter-clockwise.
fn add_missing_box(path: &mut PathBuilder, (x, baseline): (f32, f32), advance: f32, size: f32) {
    let (inset, stroke) = (size * 0.08, (size * 0.07).max(1.5));
    let (left, right) = (x + inset, x + advance - inset);
    let (top, bottom) = (baseline - size * 0.72, baseline);
    rectangle(path, [left, top, right, bottom], true);
    rectangle(path, [left + stroke, top + stroke, right - stroke, bottom - stroke], false);
}

fn rectangle(path: &mut PathBuilder, [left, top, right, bottom]: [f32; 4], clockwise: bool) {
    let corners = [(left, top), (right, top), (right, bottom), (left, bottom)];
    let order: [usize; 4] = if clockwise { [0, 1, 2, 3] } else { [0, 3, 2, 1] };
    path.move_to(corners[order[0]].0, corners[order[0]].1);
    for &i in &order[1..] {
        path.line_to(corners[i].0, corners[i].1);
    }
    path.close();
}

/// Receives a glyph outline in font units (y up) and adds it in pixels (y down).
struct Sink<'a> {
    path: &'a mut PathBuilder,
    scale: f32,
    origin: (f32, f32),
}

impl Sink<'_> {
    fn point(&self, x: f32, y: f32) -> (f32, f32) {
        (self.origin.0 + x * self.scale, self.origin.1 - y * self.scale)
    }
}

impl OutlineBuilder for Sink<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.point(x, y);
        self.path.move_to(x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.point(x, y);
        self.path.line_to(x, y);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let ((x1, y1), (x, y)) = (self.point(x1, y1), self.point(x, y));
        self.path.quad_to(x1, y1, x, y);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let ((x1, y1), (x2, y2), (x, y)) = (self.point(x1, y1), self.point(x2, y2), self.point(x, y));
        self.path.cubic_to(x1, y1, x2, y2, x, y);
    }

    fn close(&mut self) {
        self.path.close();
    }
}
