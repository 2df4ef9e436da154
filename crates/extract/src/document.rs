//! The hand-off between extraction and normalization: what a filing says,
//! in reading order, with no interpretation yet.

use serde::{Deserialize, Serialize};

/// A rectangle on a page, in PDF points, origin at the top-left of the
/// visible (cropped, upright) page, y growing downwards.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BBox {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl BBox {
    pub fn union(self, o: BBox) -> BBox {
        BBox {
            x0: self.x0.min(o.x0),
            y0: self.y0.min(o.y0),
            x1: self.x1.max(o.x1),
            y1: self.y1.max(o.y1),
        }
    }
}

/// One line of running text (narrative, titles, unit lines, notes).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// 1-based page number; 0 where the source has no pages (a text dump
    /// without form feeds).
    pub page: u32,
    pub bbox: Option<BBox>,
}

/// One cell of a grid row as printed: its text with wrapped lines joined.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub text: String,
    pub bbox: Option<BBox>,
    /// How many grid columns the cell covers (merged cells); at least 1.
    pub span: u16,
    /// Where a page break cuts the cell: it goes on in the grid of the
    /// page before or after.
    pub cut: Cut,
}

/// The edges of a cell that lie on its grid's frame and are left
/// unruled where the frame is ruled elsewhere: a merged cell cut by a
/// page break, going on above (on the page before) or below (on the page
/// after). A frame left out entirely (as WPS often does) cuts nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cut {
    pub above: bool,
    pub below: bool,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            bbox: None,
            span: 1,
            cut: Cut::default(),
        }
    }
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct GridRow {
    pub page: u32,
    pub cells: Vec<Cell>,
}

impl GridRow {
    /// The texts of the row's cells, trimmed.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.cells.iter().map(|c| c.text.trim())
    }
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_blank)
    }
}

/// A table as laid out on the page: rows of cells, header rows included.
/// A grid never spans pages; the normalizer joins continued tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub page: u32,
    pub bbox: Option<BBox>,
    pub rows: Vec<GridRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Line(Line),
    Grid(Grid),
}

impl Block {
    pub fn page(&self) -> u32 {
        match self {
            Block::Line(l) => l.page,
            Block::Grid(g) => g.page,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Warn,
    Error,
}

/// Something the reader of the output must know: a file that could not be
/// read (`error`), a value kept but not placed (`warn`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Diagnostic {
    pub level: Level,
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

impl Diagnostic {
    pub fn warn(code: &str, message: impl Into<String>, page: Option<u32>) -> Diagnostic {
        Diagnostic {
            level: Level::Warn,
            code: code.into(),
            message: message.into(),
            page,
        }
    }
    pub fn error(code: &str, message: impl Into<String>, page: Option<u32>) -> Diagnostic {
        Diagnostic {
            level: Level::Error,
            code: code.into(),
            message: message.into(),
            page,
        }
    }
}

/// Everything extraction recovered from one filing.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Number of pages (0 for a text dump without page breaks).
    pub pages: u32,
    /// The producing application as the file names it (PDF /Producer).
    pub producer: Option<String>,
    pub blocks: Vec<Block>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// The running text lines, in reading order.
    pub fn lines(&self) -> impl Iterator<Item = &Line> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Line(l) => Some(l),
            _ => None,
        })
    }
}
