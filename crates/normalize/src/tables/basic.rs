//! 一般公共预算财政拨款基本支出决算表: economic codes (301, 30101 …) in
//! two or three panels side by side, each `code | name | amount`, the
//! code maybe split 类 | 款; a footer with 人员经费合计 and 公用经费合计.

use crate::aliases::{self, TableSpec};
use crate::model::{Diagnostic, Row};
use crate::text::{fold, parse_cell, squash};

use super::header::{key_of, Columns};
use super::sheet::{Sheet, SheetRow};

pub fn read(spec: &TableSpec, sheet: &Sheet, diags: &mut Vec<Diagnostic>) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut panels: Vec<(usize, usize)> = Vec::new();
    let mut header: Option<Columns> = None;
    for g in 0..sheet.grids() {
        // A continuation page without a header keeps the one above.
        let here = Columns::of(sheet, g);
        if !here.is_blank() || header.is_none() {
            header = Some(here);
        }
        let cols = header.as_ref().expect("a header");
        let found = panel_starts(cols);
        if !found.is_empty() {
            let width = sheet.width();
            panels = found
                .iter()
                .enumerate()
                .map(|(i, &s)| (s, found.get(i + 1).copied().unwrap_or(width)))
                .collect();
        }
        for r in sheet.data_rows().filter(|r| r.grid == g) {
            let spans: Vec<(usize, usize)> = if panels.is_empty() {
                vec![(0, r.width())]
            } else {
                panels.clone()
            };
            for &(s, e) in &spans {
                for row in panel_rows(spec, r, s, e.min(r.width()), cols, diags) {
                    if !rows
                        .iter()
                        .any(|p| p.code == row.code && p.item == row.item && p.values == row.values)
                    {
                        rows.push(row);
                    }
                }
            }
        }
    }
    rows
}

/// Columns where a panel starts: under a 科目编码 / 经济分类 header.
fn panel_starts(cols: &Columns) -> Vec<usize> {
    let mut starts: Vec<usize> = Vec::new();
    for (c, labels) in cols.labels.iter().enumerate() {
        let head = labels
            .iter()
            .any(|l| l.contains("编码") || l.starts_with("经济分类") || l == "科目代码");
        if head && starts.last().is_none_or(|&p| c > p + 1) {
            starts.push(c);
        }
    }
    starts
}

/// The rows one panel of a grid row holds: a code row, or footer items
/// (人员经费合计 … amount), or nothing.
fn panel_rows(
    spec: &TableSpec,
    r: &SheetRow,
    start: usize,
    end: usize,
    cols: &Columns,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Row> {
    let mut out = Vec::new();
    let mut code = String::new();
    let mut name = String::new();
    let mut amount = None;
    let mut amount_col = None;
    // Budgets print 合计 | 人员经费 | 公用经费 side by side: each a key.
    let mut keyed: Vec<(&'static str, rust_decimal::Decimal, usize)> = Vec::new();
    let mut footer: Option<&'static str> = None;
    for c in start..end {
        let t = r.text(c);
        if t.is_empty() {
            continue;
        }
        let digits: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        let is_digits = digits.chars().all(|d| d.is_ascii_digit());
        if is_digits
            && name.is_empty()
            && footer.is_none()
            && ((code.is_empty() && matches!(digits.len(), 3 | 5))
                || (code.len() == 3 && digits.len() == 2))
        {
            code.push_str(&digits);
        } else if let Some(v) =
            parse_cell(t).filter(|_| !is_digits || !code.is_empty() || footer.is_some())
        {
            // A header labelled with another key (人员经费 | 公用经费 columns)
            // is a column this table does not print canonically.
            let key = cols.labels.get(c).and_then(|l| key_of(spec.id, l));
            if let Some(item) = footer.take() {
                out.push(item_row(spec, item.to_string(), v, r, c));
            } else if amount.is_none() && (key.is_none() || key == spec.columns.first().copied()) {
                amount = Some(v);
                amount_col = Some(c);
            } else if let Some(k) = key.filter(|k| !keyed.iter().any(|(o, _, _)| o == k)) {
                keyed.push((k, v, c));
            }
        } else if let Some(item) = aliases::get().item("basic", &fold(t)) {
            footer = Some(item);
        } else if name.is_empty() {
            name = squash(t);
        }
    }
    let total = code.is_empty() && matches!(fold(&name).as_str(), "合计" | "总计" | "基本支出合计");
    if code.len() == 3 || code.len() == 5 || total {
        let mut row = Row {
            page: r.page,
            ..Row::default()
        };
        if total {
            row.item = Some("合计".into());
            row.label = Some(name);
        } else {
            row.code = Some(code.clone());
            row.name = (!name.is_empty()).then_some(name);
        }
        let first = spec.columns.first().copied().unwrap_or("决算数");
        let values = amount.zip(amount_col).map(|(v, c)| (first, v, c));
        for (key, v, c) in values.into_iter().chain(keyed) {
            row.values.insert(key.into(), v);
            if let Some(at) = r.at(c) {
                row.at.insert(key.into(), at);
            }
        }
        out.insert(0, row);
    } else if !code.is_empty() || (amount.is_some() && !name.is_empty()) {
        diags.push(Diagnostic::warn(
            "unknown_row",
            format!("{}: row {code}{name:?} with amount {amount:?} could not be placed under an economic code", spec.id),
            Some(r.page),
        ));
        if let Some(v) = amount {
            out.push(item_row(
                spec,
                squash(&format!("{code}{name}")),
                v,
                r,
                amount_col.unwrap_or(start),
            ));
        }
    }
    out
}

fn item_row(
    spec: &TableSpec,
    item: String,
    v: rust_decimal::Decimal,
    r: &SheetRow,
    col: usize,
) -> Row {
    let key = spec.columns.first().copied().unwrap_or("决算数");
    let mut row = Row {
        item: Some(item),
        page: r.page,
        ..Row::default()
    };
    row.values.insert(key.into(), v);
    if let Some(at) = r.at(col) {
        row.at.insert(key.into(), at);
    }
    row
}
