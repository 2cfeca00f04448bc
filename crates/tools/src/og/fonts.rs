//! The fonts embedded in the binary: Noto Sans Regular and Bold (SIL Open Font License 1.1,
//! `fonts/OFL.txt`), covering Latin, Greek and Cyrillic. No system font is ever read.

use std::sync::LazyLock;

use rustybuzz::Face;

/// Noto Sans Regular, as a TrueType file.
pub const REGULAR_TTF: &[u8] = include_bytes!("fonts/NotoSans-Regular.ttf");
/// Noto Sans Bold, as a TrueType file.
pub const BOLD_TTF: &[u8] = include_bytes!("fonts/NotoSans-Bold.ttf");

/// The description's and site name's face.
pub static REGULAR: LazyLock<Face<'static>> = LazyLock::new(|| parse(REGULAR_TTF));
/// The title's face.
pub static BOLD: LazyLock<Face<'static>> = LazyLock::new(|| parse(BOLD_TTF));

fn parse(data: &'static [u8]) -> Face<'static> {
    Face::from_slice(data, 0).expect("the embedded font is a valid TrueType file")
}

/// One of the embedded faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Regular,
    Bold,
}

impl Font {
    /// The parsed face (parsed once, on first use).
    pub fn face(self) -> &'static Face<'static> {
        match self {
            Self::Regular => &REGULAR,
            Self::Bold => &BOLD,
        }
    }
}
