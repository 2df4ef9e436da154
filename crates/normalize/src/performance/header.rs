//! The columns of a form's section, found by their header text.

use super::form::{Cell, Row};
use super::text::key;
use super::vocab::{field, label, Field, Label};

/// The columns a header row names, each over the grid columns it covers.
#[derive(Debug, Clone, Default)]
pub struct Header {
    pub cols: Vec<(Field, usize, usize)>,
    /// The columns of the grid it heads.
    pub width: usize,
    /// The printed header text at each column it starts.
    labels: Vec<(usize, String)>,
}

impl Header {
    /// A header row, refined by the sub-header below it where a merged
    /// header covers several columns (全年预算数 → 总额 | 财政拨款 | 其他资金:
    /// the amount is the 总额).
    pub fn new(row: &Row, sub: Option<&Row>) -> (Header, bool) {
        let mut cols: Vec<_> = row
            .filled()
            .filter_map(|c| field(&c.text).map(|f| (f, c.col, c.end)))
            .collect();
        // `绩效指标 | 一级指标 | … | 三级指标`: the rightmost names the indicator,
        // the others label the section.
        let names = cols.iter().filter(|c| c.0 == Field::Name).count();
        for c in cols
            .iter_mut()
            .filter(|c| c.0 == Field::Name)
            .take(names.saturating_sub(1))
        {
            c.0 = Field::Other;
        }
        // 年初预算数 is kept apart only beside a 全年预算数; alone it is the budget.
        if !cols.iter().any(|c| c.0 == Field::Budget) {
            for c in cols.iter_mut().filter(|c| c.0 == Field::InitialBudget) {
                c.0 = Field::Budget;
            }
        }
        let labels: Vec<(usize, String)> = row.filled().map(|c| (c.col, c.text.clone())).collect();
        let Some(sub) = sub
            .filter(|s| !s.is_blank() && s.filled().all(|c| field(&c.text) == Some(Field::Other)))
        else {
            return (
                Header {
                    cols,
                    width: row.width,
                    labels,
                },
                false,
            );
        };
        let mut refined = Vec::new();
        for (f, start, end) in cols.drain(..) {
            let parts: Vec<&Cell> = sub
                .filled()
                .filter(|c| c.col >= start && c.col < end)
                .collect();
            let Some(total) = parts
                .iter()
                .find(|c| matches!(key(&c.text).as_str(), "总额" | "合计" | "小计"))
                .or(parts.first())
            else {
                refined.push((f, start, end));
                continue;
            };
            refined.extend(parts.iter().map(|c| {
                (
                    if c.col == total.col { f } else { Field::Other },
                    c.col,
                    c.end,
                )
            }));
        }
        (
            Header {
                cols: refined,
                width: row.width,
                labels,
            },
            true,
        )
    }

    /// A row of a grid on a later page whose columns differ from the
    /// header's (北京 drops the blank first column): its cells, one per
    /// printed header column, placed on the header's columns.
    pub fn realign(&self, row: &Row) -> Option<Row> {
        if row.width == self.width || row.cells.len() < self.cols.len() {
            return None;
        }
        // Cells before the printed columns: blank, or a merged section
        // label printed again (`整体绩效目标`).
        let extra = row.cells.len() - self.cols.len();
        let (lead, cells) = row.cells.split_at(extra);
        if !lead
            .iter()
            .all(|c| c.text.is_empty() || field(&c.text).is_some() || label(&c.text).is_some())
        {
            return None;
        }
        let mut cols = self.cols.clone();
        cols.sort_by_key(|c| c.1);
        let cells = cells
            .iter()
            .zip(&cols)
            .map(|(c, (_, s, e))| Cell {
                col: *s,
                end: *e,
                ..c.clone()
            })
            .collect();
        Some(Row {
            page: row.page,
            cells,
            width: self.width,
        })
    }

    /// A header printed over two rows (长沙: `单位编码 | 单位（项目）名称 |
    /// 资金总额 | 绩效目标 | 绩效指标` over `一级指标 | 二级指标 | …`): the
    /// lower row's columns, and the upper row's where nothing is below.
    pub fn over(upper: &[&Row], below: &Row) -> Header {
        let mut h = Header::new(below, None).0;
        for row in upper.iter().rev() {
            let above = Header::new(row, None).0;
            for c in above.cols {
                if !h.cols.iter().any(|b| b.1 < c.2 && c.1 < b.2) {
                    h.labels
                        .extend(above.labels.iter().filter(|l| l.0 == c.1).cloned());
                    h.cols.push(c);
                }
            }
        }
        h
    }

    /// The header text printed over a field's column (`项目总额`).
    pub fn label(&self, f: Field) -> Option<&str> {
        let (start, _) = self.span(f)?;
        self.labels
            .iter()
            .find(|l| l.0 == start)
            .map(|l| l.1.as_str())
    }

    pub fn at(&self, col: usize) -> Option<Field> {
        self.cols
            .iter()
            .find(|(_, s, e)| *s <= col && col < *e)
            .map(|c| c.0)
    }

    pub fn span(&self, f: Field) -> Option<(usize, usize)> {
        self.cols.iter().find(|c| c.0 == f).map(|c| (c.1, c.2))
    }

    /// The fields among `which`, in printed order, each once.
    pub fn order(&self, which: &[Field]) -> Vec<Field> {
        let mut cols: Vec<_> = self.cols.iter().filter(|c| which.contains(&c.0)).collect();
        cols.sort_by_key(|c| c.1);
        let mut out: Vec<Field> = Vec::new();
        for c in cols {
            if !out.contains(&c.0) {
                out.push(c.0);
            }
        }
        out
    }
}

/// A cell that labels a whole section (绩效指标, 项目资金（万元）).
pub fn is_section(c: &Cell) -> bool {
    label(&c.text) == Some(Label::Section)
}
