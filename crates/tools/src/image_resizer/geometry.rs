//! Where pixels go: the output size and the source region for each `fit` mode.

use super::options::{Fit, Gravity, Options};
use super::{MAX_PIXELS, MAX_SIDE};
use crate::error::ToolError;

/// A region of the source image, in source pixels (fractional for exact crops).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SourceRect {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

/// How one image becomes the output.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plan {
    /// The output's size.
    pub canvas: (u32, u32),
    /// The part of the source that is kept.
    pub source: SourceRect,
    /// The size that part is resampled to.
    pub scaled: (u32, u32),
    /// Where the scaled part sits on the canvas; the rest is background (`contain`).
    pub offset: (u32, u32),
}

impl Plan {
    /// The same plan for the source decoded at 1/`denominator` of its size: libjpeg's
    /// reduced pixel `i` covers full-size pixels `i·d` to `(i + 1)·d`, so the source
    /// region scales exactly; the output does not change.
    pub fn shrunk(self, denominator: f64) -> Self {
        let SourceRect { left, top, width, height } = self.source;
        let source = SourceRect {
            left: left / denominator,
            top: top / denominator,
            width: width / denominator,
            height: height / denominator,
        };
        Self { source, ..self }
    }
}

/// Plans the resize of a `width` × `height` source, refusing outputs over the limits.
pub fn plan(width: u32, height: u32, options: &Options) -> Result<Plan, ToolError> {
    let plan = unchecked_plan(width, height, options);
    ensure_output_fits(plan.canvas)?;
    Ok(plan)
}

fn unchecked_plan(width: u32, height: u32, options: &Options) -> Plan {
    let source = (f64::from(width), f64::from(height));
    let box_size = match (options.width, options.height) {
        (None, None) => return whole(source, (width, height)),
        // sharp's `fill` stretches only the given side; the other modes keep the aspect ratio.
        (Some(w), None) if options.fit == Fit::Fill => return fill(source, (w, height), options),
        (None, Some(h)) if options.fit == Fit::Fill => return fill(source, (width, h), options),
        (Some(w), None) => return uniform(source, f64::from(w) / source.0, options),
        (None, Some(h)) => return uniform(source, f64::from(h) / source.1, options),
        (Some(w), Some(h)) => (w, h),
    };
    let scales = (f64::from(box_size.0) / source.0, f64::from(box_size.1) / source.1);
    match options.fit {
        Fit::Fill => fill(source, box_size, options),
        Fit::Inside => uniform(source, scales.0.min(scales.1), options),
        Fit::Outside => uniform(source, scales.0.max(scales.1), options),
        Fit::Cover => cover(source, box_size, scales.0.max(scales.1), options),
        Fit::Contain => contain(source, box_size, scales.0.min(scales.1), options),
    }
}

/// The whole source resampled to `size`.
fn whole(source: (f64, f64), size: (u32, u32)) -> Plan {
    let rect = SourceRect { left: 0.0, top: 0.0, width: source.0, height: source.1 };
    Plan { canvas: size, source: rect, scaled: size, offset: (0, 0) }
}

/// The whole source stretched to `size` (each side capped at the source's for
/// `withoutEnlargement`).
fn fill(source: (f64, f64), size: (u32, u32), options: &Options) -> Plan {
    let cap = |side: u32, limit: f64| if options.without_enlargement { side.min(limit as u32) } else { side };
    whole(source, (cap(size.0, source.0), cap(size.1, source.1)))
}

/// The whole source scaled by `scale` on both axes.
fn uniform(source: (f64, f64), scale: f64, options: &Options) -> Plan {
    let scale = limit_scale(scale, options);
    whole(source, scaled_size(source, scale))
}

fn cover(source: (f64, f64), box_size: (u32, u32), scale: f64, options: &Options) -> Plan {
    let scale = limit_scale(scale, options);
    let full = scaled_size(source, scale);
    let canvas = (box_size.0.min(full.0), box_size.1.min(full.1));
    let (width, height) = (f64::from(canvas.0) / scale, f64::from(canvas.1) / scale);
    let (width, height) = (width.min(source.0), height.min(source.1));
    let Gravity { x, y } = options.position;
    let rect = SourceRect { left: (source.0 - width) * x, top: (source.1 - height) * y, width, height };
    Plan { canvas, source: rect, scaled: canvas, offset: (0, 0) }
}

fn contain(source: (f64, f64), box_size: (u32, u32), scale: f64, options: &Options) -> Plan {
    let scale = limit_scale(scale, options);
    let inner = scaled_size(source, scale);
    let inner = (inner.0.min(box_size.0), inner.1.min(box_size.1));
    let Gravity { x, y } = options.position;
    let place = |room: u32, share: f64| (f64::from(room) * share).round() as u32;
    let offset = (place(box_size.0 - inner.0, x), place(box_size.1 - inner.1, y));
    let mut plan = whole(source, inner);
    (plan.canvas, plan.offset) = (box_size, offset);
    plan
}

fn limit_scale(scale: f64, options: &Options) -> f64 {
    if options.without_enlargement {
        scale.min(1.0)
    } else {
        scale
    }
}

/// The source scaled by `scale`, rounded, at least one pixel and at most `u32::MAX`.
fn scaled_size(source: (f64, f64), scale: f64) -> (u32, u32) {
    let side = |s: f64| (s * scale).round().clamp(1.0, f64::from(u32::MAX)) as u32;
    (side(source.0), side(source.1))
}

fn ensure_output_fits((width, height): (u32, u32)) -> Result<(), ToolError> {
    let pixels = u64::from(width) * u64::from(height);
    if width > MAX_SIDE || height > MAX_SIDE || pixels > MAX_PIXELS {
        let message = format!(
            "the output would be {width}×{height} pixels; at most {MAX_SIDE} pixels per side and {} megapixels are allowed",
            MAX_PIXELS / 1_000_000
        );
        let field = if width > MAX_SIDE { "width" } else { "height" };
        return Err(ToolError::invalid(field, message));
    }
    Ok(())
}
