//! The card's composition: gradient background, accent band, header (logo and site
//! name), title, description. Sizes shrink so that everything stays in its box.

use tiny_skia::{FilterQuality, Paint, Pixmap, PixmapPaint, Rect, Transform};

use super::draw::draw_block;
use super::fonts::Font;
use super::layout::{fit, Block, TextStyle};
use super::palette::{Palette, Rgb};
use super::{HEIGHT, WIDTH};

const MARGIN: f32 = 80.0;
const CONTENT_WIDTH: f32 = WIDTH as f32 - 2.0 * MARGIN;
const CONTENT_BOTTOM: f32 = HEIGHT as f32 - 60.0;
const ACCENT_BAND: f32 = 12.0;
const HEADER_TOP: f32 = 60.0;
const HEADER_HEIGHT: f32 = 56.0;
const LOGO_GAP: f32 = 20.0;
const TITLE_TOP_WITH_HEADER: f32 = 150.0;
const TITLE_TOP_ALONE: f32 = 90.0;
const TITLE_MAX_HEIGHT_WITH_DESCRIPTION: f32 = 290.0;
const DESCRIPTION_GAP: f32 = 28.0;

const TITLE: TextStyle = TextStyle { font: Font::Bold, max_size: 76.0, min_size: 28.0, line_height: 1.18 };
const DESCRIPTION: TextStyle =
    TextStyle { font: Font::Regular, max_size: 34.0, min_size: 18.0, line_height: 1.4 };
const SITE_NAME: TextStyle = TextStyle { font: Font::Bold, max_size: 30.0, min_size: 16.0, line_height: 1.3 };

/// A validated card, ready to draw.
pub struct Card {
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) site_name: String,
    pub(crate) palette: Palette,
    pub(crate) logo: Option<Pixmap>,
}

impl Card {
    /// Draws the card on a new 1200×630 canvas.
    pub fn paint(&self) -> Pixmap {
        let mut pixmap = Pixmap::new(WIDTH, HEIGHT).expect("the card size is valid");
        self.paint_background(&mut pixmap);
        let layout = self.layout();
        if let (Some(logo), Some((scale, x, y))) = (&self.logo, layout.logo) {
            let paint = PixmapPaint { quality: FilterQuality::Bicubic, ..PixmapPaint::default() };
            let transform = Transform::from_row(scale, 0.0, 0.0, scale, x, y);
            pixmap.draw_pixmap(0, 0, logo.as_ref(), &paint, transform, None);
        }
        let colours = [self.palette.muted, self.palette.text, self.palette.muted];
        for (placed, colour) in
            [&layout.site_name, &Some(layout.title), &layout.description].into_iter().zip(colours)
        {
            if let Some(placed) = placed {
                draw_block(&mut pixmap, &placed.block, placed.font.face(), placed.x, placed.top, colour);
            }
        }
        pixmap
    }

    /// Where everything goes: text is fitted to its box here.
    pub fn layout(&self) -> CardLayout {
        let mut x = MARGIN;
        let logo = self.logo.as_ref().map(|logo| {
            let scale = HEADER_HEIGHT / logo.width().max(logo.height()) as f32;
            let top = HEADER_TOP + (HEADER_HEIGHT - logo.height() as f32 * scale) / 2.0;
            let placed = (scale, x, top);
            x += logo.width() as f32 * scale + LOGO_GAP;
            placed
        });
        let site_name = (!self.site_name.is_empty()).then(|| {
            let placed = Placed::fit(
                &self.site_name,
                &SITE_NAME,
                x,
                HEADER_TOP,
                WIDTH as f32 - MARGIN - x,
                HEADER_HEIGHT,
            );
            let top = HEADER_TOP + (HEADER_HEIGHT - placed.block.height()) / 2.0;
            Placed { top, ..placed }
        });
        let has_header = logo.is_some() || site_name.is_some();
        let title_top = if has_header { TITLE_TOP_WITH_HEADER } else { TITLE_TOP_ALONE };
        let title_height = match self.description.is_empty() {
            true => CONTENT_BOTTOM - title_top,
            false => TITLE_MAX_HEIGHT_WITH_DESCRIPTION,
        };
        let title = Placed::fit(&self.title, &TITLE, MARGIN, title_top, CONTENT_WIDTH, title_height);
        let description = (!self.description.is_empty()).then(|| {
            let top = title_top + title.block.height() + DESCRIPTION_GAP;
            Placed::fit(&self.description, &DESCRIPTION, MARGIN, top, CONTENT_WIDTH, CONTENT_BOTTOM - top)
        });
        CardLayout { logo, site_name, title, description }
    }

    fn paint_background(&self, pixmap: &mut Pixmap) {
        paint_diagonal_gradient(pixmap, self.palette.background, self.palette.gradient_end);
        let mut accent = Paint::default();
        accent.set_color(self.palette.accent.to_skia());
        let band = Rect::from_xywh(0.0, 0.0, WIDTH as f32, ACCENT_BAND).expect("valid rect");
        pixmap.fill_rect(band, &accent, Transform::identity(), None);
    }
}

/// The card's parts, placed.
pub struct CardLayout {
    /// Scale and top-left corner of the logo.
    pub logo: Option<(f32, f32, f32)>,
    pub site_name: Option<Placed>,
    pub title: Placed,
    pub description: Option<Placed>,
}

/// A block of text and the box it was fitted to.
pub struct Placed {
    pub block: Block,
    pub font: Font,
    pub x: f32,
    pub top: f32,
    pub box_width: f32,
    pub box_height: f32,
}

impl Placed {
    fn fit(text: &str, style: &TextStyle, x: f32, top: f32, box_width: f32, box_height: f32) -> Self {
        let block = fit(text, style, box_width, box_height);
        Self { block, font: style.font, x, top, box_width, box_height }
    }

    /// True when the text is wider or taller than its box, or its box leaves the canvas.
    pub fn overflows(&self) -> bool {
        let outside = self.x + self.box_width > WIDTH as f32 || self.top + self.box_height > HEIGHT as f32;
        outside || self.block.width() > self.box_width + 0.5 || self.block.height() > self.box_height + 0.5
    }
}

impl CardLayout {
    /// True when any text leaves its box.
    pub fn overflows(&self) -> bool {
        let parts = [self.site_name.as_ref(), Some(&self.title), self.description.as_ref()];
        parts.into_iter().flatten().any(Placed::overflows)
    }
}

/// Fills the opaque canvas from `from` (top left) to `to` (bottom right), as a linear
/// gradient along the diagonal; a colour table makes it a few operations per pixel.
fn paint_diagonal_gradient(pixmap: &mut Pixmap, from: Rgb, to: Rgb) {
    const STEPS: usize = 1024;
    let table: Vec<[u8; 4]> =
        (0..STEPS).map(|i| from.mix(to, i as f32 / (STEPS - 1) as f32).to_rgba8()).collect();
    let (width, height) = (pixmap.width() as f32, pixmap.height() as f32);
    let step = (STEPS - 1) as f32 / (width * width + height * height);
    for (y, row) in pixmap.data_mut().chunks_exact_mut(WIDTH as usize * 4).enumerate() {
        let row_start = y as f32 * height;
        for (x, pixel) in row.chunks_exact_mut(4).enumerate() {
            let index = ((x as f32 * width + row_start) * step + 0.5) as usize;
            pixel.copy_from_slice(&table[index.min(STEPS - 1)]);
        }
    }
}
