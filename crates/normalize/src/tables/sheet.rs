//! A section's grids as one sheet of rows with spans expanded to grid
//! columns, each row tagged header or data.

use juesuan_extract::{BBox, Grid};

use crate::aliases;
use crate::model::At;
use crate::text::{as_code, fold, parse_cell, strip_ordinal};

/// One grid column of one row.
#[derive(Debug, Clone, Copy)]
pub struct Slot<'a> {
    pub text: &'a str,
    pub bbox: Option<BBox>,
    /// False for the columns a merged cell covers after its first.
    pub origin: bool,
}

#[derive(Debug)]
pub struct SheetRow<'a> {
    pub page: u32,
    /// Index of the grid the row came from.
    pub grid: usize,
    pub slots: Vec<Slot<'a>>,
    pub header: bool,
}

impl<'a> SheetRow<'a> {
    /// The printed text at a column, for values (covered slots are blank).
    pub fn text(&self, col: usize) -> &'a str {
        self.slots
            .get(col)
            .filter(|s| s.origin)
            .map_or("", |s| s.text)
    }
    pub fn amount(&self, col: usize) -> Option<rust_decimal::Decimal> {
        parse_cell(self.text(col))
    }
    pub fn at(&self, col: usize) -> Option<At> {
        let b = self.slots.get(col)?.bbox?;
        Some(At {
            page: self.page,
            bbox: [b.x0, b.y0, b.x1, b.y1],
        })
    }
    pub fn width(&self) -> usize {
        self.slots.len()
    }
}

pub struct Sheet<'a> {
    pub rows: Vec<SheetRow<'a>>,
    /// The year the filing reports on: headers name it (`2026年预算数`).
    pub year: Option<u16>,
}

impl<'a> Sheet<'a> {
    pub fn new(grids: &[&'a Grid], year: Option<u16>) -> Sheet<'a> {
        let mut rows = Vec::new();
        for (gi, g) in grids.iter().enumerate() {
            let mut in_header = true;
            for r in &g.rows {
                let mut slots = Vec::new();
                for c in &r.cells {
                    let text = c.text.trim();
                    for k in 0..c.span.max(1) {
                        slots.push(Slot {
                            text,
                            bbox: c.bbox,
                            origin: k == 0,
                        });
                    }
                }
                let row = SheetRow {
                    page: r.page,
                    grid: gi,
                    slots,
                    header: false,
                };
                if in_header && is_data(&row) {
                    in_header = false;
                }
                rows.push(SheetRow {
                    header: in_header,
                    ..row
                });
            }
        }
        Sheet { rows, year }
    }

    pub fn header_rows(&self, grid: usize) -> impl Iterator<Item = &SheetRow<'a>> {
        self.rows.iter().filter(move |r| r.grid == grid && r.header)
    }

    pub fn data_rows(&self) -> impl Iterator<Item = &SheetRow<'a>> {
        self.rows.iter().filter(|r| !r.header)
    }

    pub fn grids(&self) -> usize {
        self.rows.last().map_or(0, |r| r.grid + 1)
    }

    pub fn width(&self) -> usize {
        self.rows.iter().map(SheetRow::width).max().unwrap_or(0)
    }
}

/// Whether a row carries data rather than header labels: a code, a
/// total label, or a text label followed by amounts — but not the 栏次 row
/// of column numbers.
fn is_data(row: &SheetRow) -> bool {
    if is_ordinal_row(row) {
        return false;
    }
    let texts: Vec<&str> = row
        .slots
        .iter()
        .filter(|s| s.origin)
        .map(|s| s.text)
        .filter(|t| !t.is_empty())
        .collect();
    // Where the row's text starts: a line label is printed in the first
    // columns; words further right with the label columns blank are a
    // header's second row (`其中：` over `基本支出 | 项目支出`).
    let first = row
        .slots
        .iter()
        .filter(|s| s.origin)
        .position(|s| !s.text.is_empty());
    // A code, or a line label with its printed ordinal (`十六、金融支出`),
    // is a data row even without amounts: a continued table's first rows.
    if texts.iter().take(3).any(|t| as_code(t).is_some())
        || texts
            .iter()
            .any(|t| strip_ordinal(t).len() < t.trim().len())
        // (A row of several labels and no amount is a header: 总计 |
        // 基本支出 | 项目支出.)
        || texts.first().is_some_and(|t| is_line_label(t))
            && first.is_some_and(|i| i < 2)
            && texts.iter().filter(|t| parse_cell(t).is_none()).count() <= 2
    {
        return true;
    }
    // Header rows never print decimals; whole numbers there are 栏次.
    let decimal = texts
        .iter()
        .any(|t| t.contains('.') && parse_cell(t).is_some());
    let whole = texts.iter().any(|t| parse_cell(t).is_some());
    let labelled = texts
        .iter()
        .any(|t| parse_cell(t).is_none() && !is_header_word(t));
    decimal || (whole && labelled)
}

/// A label that names a line of a table (总计, 结余分配, a 类 name):
/// at the start of a row, never a header.
fn is_line_label(t: &str) -> bool {
    let f = fold(strip_ordinal(t));
    let a = aliases::get();
    a.is_summary_line(&f) || a.class_code(&f).is_some()
}

/// Words that only appear in header rows.
pub fn is_header_word(t: &str) -> bool {
    matches!(
        fold(t).as_str(),
        "栏次" | "行次" | "类" | "款" | "项" | "项目" | "科目编码" | "科目名称" | "金额" | "决算数"
    )
}

/// The row of column numbers (`栏次 | 1 | 2 | 3`), or of 类/款/项 labels.
pub fn is_ordinal_row(row: &SheetRow) -> bool {
    let mut nums = Vec::new();
    // `栏次` or `**` names the row even over a single column
    let mut marked = false;
    for s in row.slots.iter().filter(|s| s.origin && !s.text.is_empty()) {
        let f = fold(s.text);
        if let Ok(n) = f.parse::<u32>() {
            nums.push(n);
        } else if f.starts_with("栏次") || f.chars().all(|c| c == '*') {
            marked = true;
        } else if !is_header_word(&f) {
            return false;
        }
    }
    let counting = nums.windows(2).all(|w| w[1] == w[0] + 1);
    (nums.len() >= 2 || marked) && counting || nums.is_empty()
}
