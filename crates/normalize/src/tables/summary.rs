//! The two summary tables (收入支出决算总表, 财政拨款收入支出决算总表):
//! an income panel and an expenditure panel side by side, each with its
//! label, maybe its 行次, and its amounts.

use crate::aliases::{self, TableSpec};
use crate::model::{Diagnostic, Row, Side};
use crate::text::{fold, parse_cell, squash, strip_ordinal};

use super::coded::Parents;
use super::header::Columns;
use super::sheet::{Sheet, SheetRow};

pub fn read(spec: &TableSpec, sheet: &Sheet, diags: &mut Vec<Diagnostic>) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut panels: Option<[Panel; 2]> = None;
    let mut state: [State; 2] = Default::default();
    for g in 0..sheet.grids() {
        let cols = Columns::of(sheet, g);
        // A continuation page without a header keeps the panels found above.
        if !cols.is_blank() || panels.is_none() {
            if let Some(p) = Panel::split(spec, sheet, g, &cols) {
                // Labels that name no column are not the table's header.
                if panels.is_none() || p.iter().any(|panel| !panel.keys.is_empty()) {
                    panels = Some(p);
                }
            }
        }
        let Some(panels) = &panels else { continue };
        // Amounts right of the expenditure panel (a third panel) are said.
        let end = panels[1].end;
        if let Some(r) = sheet
            .data_rows()
            .filter(|r| r.grid == g)
            .find(|r| (end..r.width()).any(|c| r.amount(c).is_some()))
        {
            diags.push(Diagnostic::warn(
                "unknown_column",
                format!("{}: a further panel right of the expenditure panel (columns from {}) is not read", spec.id, end + 1),
                Some(r.page),
            ));
        }
        for r in sheet.data_rows().filter(|r| r.grid == g) {
            for (i, panel) in panels.iter().enumerate() {
                if let Some(row) = panel.row(spec, r, &mut state[i], diags) {
                    if !rows.iter().any(|p| {
                        p.side == row.side
                            && p.code == row.code
                            && p.item == row.item
                            && p.values == row.values
                    }) {
                        rows.push(row);
                    }
                }
            }
        }
    }
    rows
}

/// What the lines above on one side tell about the next line.
#[derive(Default)]
struct State {
    /// The carry-over line whose breakdown lines follow.
    parent: Option<String>,
    /// 本年收入合计 / 本年支出合计 was printed: a later 合计 is the 总计.
    past_year_total: bool,
    /// The 类 and 款 above, for expenditure lines that break a class down
    /// by its 款 and 项 names (Hangzhou prints the whole classification).
    classes: Parents,
}

struct Panel {
    side: Side,
    /// The column after the panel's last.
    end: usize,
    label: usize,
    line: Option<usize>,
    keys: Vec<(usize, &'static str)>,
}

impl Panel {
    /// Finds the two panels of a grid: the expenditure panel starts at the
    /// second 项目 header (or at 支出), or else at the first column where a
    /// data row prints a second label after an amount.
    fn split(spec: &TableSpec, sheet: &Sheet, grid: usize, cols: &Columns) -> Option<[Panel; 2]> {
        let width = sheet.width();
        let heads: Vec<usize> = (0..width)
            .filter(|&c| cols.labels[c].iter().any(|l| l == "项目"))
            .collect();
        let mut start = heads
            .get(1)
            .copied()
            .or_else(|| (1..width).find(|&c| cols.labels[c].iter().any(|l| l == "支出")));
        if start.is_none() {
            start = sheet.data_rows().filter(|r| r.grid == grid).find_map(|r| {
                let first_amount = (0..r.width()).find(|&c| r.amount(c).is_some())?;
                (first_amount + 1..r.width())
                    .find(|&c| !r.text(c).is_empty() && parse_cell(r.text(c)).is_none())
            });
        }
        let start = start?;
        // A third panel (the expenditure again by economic class, Xi'an)
        // starts at the next column of labels: it is not read.
        let is_label_column = |c: usize| {
            sheet
                .data_rows()
                .filter(|r| r.grid == grid)
                .any(|r| !r.text(c).is_empty() && parse_cell(r.text(c)).is_none())
        };
        let end = (start + 2..width)
            .find(|&c| is_label_column(c))
            .unwrap_or(width);
        let panel = |side, range: std::ops::Range<usize>| {
            let line = range
                .clone()
                .find(|&c| cols.labels[c].iter().any(|l| l == "行次"));
            let label = range.start;
            let values = range.clone().filter(|&c| c != label && Some(c) != line);
            let keys = cols.keys(spec.id, values);
            Panel {
                side,
                end: range.end,
                label,
                line,
                keys,
            }
        };
        Some([
            panel(Side::Income, 0..start),
            panel(Side::Expenditure, start..end),
        ])
    }

    fn row(
        &self,
        spec: &TableSpec,
        r: &SheetRow,
        state: &mut State,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Row> {
        let label = squash(r.text(self.label));
        let mut row = Row {
            side: Some(self.side),
            page: r.page,
            ..Row::default()
        };
        for &(c, key) in &self.keys {
            if let Some(v) = r.amount(c) {
                row.values.insert(key.to_string(), v);
                if let Some(at) = r.at(c) {
                    row.at.insert(key.to_string(), at);
                }
            }
        }
        row.line = self.line.and_then(|c| fold(r.text(c)).parse().ok());
        if label.is_empty() || label == "栏次" {
            if !row.values.is_empty() {
                diags.push(Diagnostic::warn(
                    "unknown_row",
                    format!(
                        "{}: {} line {:?} has amounts but no label; kept without an item",
                        spec.id,
                        self.side.as_str(),
                        row.line
                    ),
                    Some(r.page),
                ));
                return Some(row);
            }
            return None;
        }
        let parent = &mut state.parent;
        let bare = strip_ordinal(&label).to_string();
        let f = fold(&bare);
        let a = aliases::get();
        // A table's own lines, then the lines of every summary of its kind.
        let item = a
            .item(spec.id, &f)
            .or_else(|| a.item(spec.kind, &f))
            .or_else(|| (state.past_year_total && f == "合计").then_some("总计"))
            // 当年收入小计 … 收入合计: after the year's total, a second one
            // is the grand total.
            .map(|i| match i {
                "本年收入合计" | "本年支出合计"
                    if state.past_year_total && spec.kind == "budget" =>
                {
                    "总计"
                }
                i => i,
            });
        if item.is_some_and(|i| i.starts_with("本年")) {
            state.past_year_total = true;
        }
        match item {
            Some(item) => {
                let nested = parent.as_ref().filter(|p| a.nests(p, item));
                row.item = Some(match nested {
                    Some(p) => format!("{p}/{item}"),
                    None => item.to_string(),
                });
                if nested.is_none() {
                    *parent = a.is_nesting(item).then(|| item.to_string());
                }
            }
            None => {
                *parent = None;
                let code = (self.side == Side::Expenditure)
                    .then(|| state.classes.by_name(&f))
                    .flatten();
                if code.is_none() {
                    diags.push(Diagnostic::warn(
                        "unknown_row",
                        format!("{}: {} line {bare:?} is not a known line; kept under its printed label", spec.id, self.side.as_str()),
                        Some(r.page),
                    ));
                }
                row.code = code;
                row.item = Some(
                    bare.trim_end_matches("（类）")
                        .trim_end_matches("(类)")
                        .to_string(),
                );
            }
        }
        row.label = Some(label);
        Some(row)
    }
}
