//! A PDF page as extraction sees it: positioned glyphs and ruling lines.
//!
//! Coordinates are PDF points in the visible page (CropBox, /Rotate
//! applied), origin top-left, y growing downwards.

/// One painted character.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub ch: char,
    /// Left edge of the glyph's advance box.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Advance width (already scaled by font size and text matrix).
    pub width: f32,
    /// Effective font size (from the whole text matrix, not just `Tf`).
    pub size: f32,
    /// Index into [`Page::fonts`].
    pub font: u16,
}

impl Glyph {
    /// An approximate box: ascent 0.88 em, descent 0.12 em.
    pub fn bbox(&self) -> crate::BBox {
        crate::BBox {
            x0: self.x,
            y0: self.y - 0.88 * self.size,
            x1: self.x + self.width,
            y1: self.y + 0.12 * self.size,
        }
    }
}

/// A straight line segment that can bound a table cell: a stroked path
/// segment, or a thin filled rectangle (Word draws borders with `re f*`).
/// Horizontal rulings have `y0 == y1`, vertical ones `x0 == x1`;
/// `x0 <= x1`, `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ruling {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Ruling {
    pub fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() <= (self.x1 - self.x0).abs()
    }
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    /// 1-based.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub rulings: Vec<Ruling>,
    /// Font names (BaseFont) referenced by [`Glyph::font`].
    pub fonts: Vec<String>,
    /// Why the page was read only in part (a content stream that does not
    /// decode whole): what it shows may be cut short or garbled.
    pub damaged: Option<String>,
}
