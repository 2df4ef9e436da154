//! 一般公共预算财政拨款基本支出决算表: economic codes (301, 30101 …) in
//! two or three panels side by side, each `code | name | amount`, the
//! code maybe split 类 | 款; a footer with 人员经费合计 and 公用经费合计.

use crate::aliases::{self, TableSpec};
use crate::model::{Diagnostic, Row};
use crate::text::{fold, parse_cell, split_code, squash};

use super::header::{key_of, Columns};
use super::sheet::{Sheet, SheetRow};

pub fn read(spec: &TableSpec, sheet: &Sheet, diags: &mut Vec<Diagnostic>) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut panels: Vec<(usize, usize)> = Vec::new();
    let mut header: Option<Columns> = None;
    let mut class: Option<String> = None;
    for g in 0..sheet.grids() {
        // A continuation page without a header keeps the one above.
        let here = Columns::of(sheet, g);
        if !here.is_blank() || header.is_none() {
            header = Some(here);
        }
        let cols = header.as_ref().expect("a header");
        let found = panel_starts(spec, cols);
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
                for row in panel_rows(spec, r, (s, e.min(r.width())), cols, &mut class, diags) {
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

/// Columns where a panel starts: under a 科目编码 / 经济分类 header, with
/// a value column since the last start (a second classification printed
/// beside the first, 部门 and 政府 经济分类, is the same row).
fn panel_starts(spec: &TableSpec, cols: &Columns) -> Vec<usize> {
    let mut starts: Vec<usize> = Vec::new();
    for (c, labels) in cols.labels.iter().enumerate() {
        let head = labels
            .iter()
            .any(|l| l.contains("编码") || l.starts_with("经济分类") || l == "科目代码");
        let valued_since = |p: usize| (p + 1..c).any(|v| is_value_column(spec, cols, v));
        if head && starts.last().is_none_or(|&p| c > p + 1 && valued_since(p)) {
            starts.push(c);
        }
    }
    starts
}

/// A column whose header names an amount of the table.
fn is_value_column(spec: &TableSpec, cols: &Columns, c: usize) -> bool {
    cols.labels
        .get(c)
        .is_some_and(|l| key_of(spec.id, l).is_some())
}

/// A column headed as part of a classification (类 | 款, 科目编码, 名称):
/// never an amount, whatever it prints.
fn is_label_column(cols: &Columns, c: usize) -> bool {
    cols.labels.get(c).is_some_and(|ls| {
        ls.last().is_some_and(|l| {
            matches!(l.as_str(), "类" | "款" | "项")
                || l.contains("编码")
                || l.contains("代码")
                || l.contains("名称")
        })
    })
}

/// One classification printed in a row: its code (whole, `类 | 款`, or
/// with its name `30101-基本工资`) and its name.
#[derive(Default)]
struct Printed {
    code: String,
    name: String,
}

/// The rows one panel of a grid row holds: a code row (keyed by the
/// 部门 economic code where the 政府 one is printed beside it), a name the
/// reference knows under the rows above, a 合计, footer items (人员经费合计
/// … amount), or nothing.
fn panel_rows(
    spec: &TableSpec,
    r: &SheetRow,
    (start, end): (usize, usize),
    cols: &Columns,
    class: &mut Option<String>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Row> {
    let mut out = Vec::new();
    let mut printed: Vec<Printed> = Vec::new();
    let mut values: Vec<(&'static str, rust_decimal::Decimal, usize)> = Vec::new();
    let mut footer: Option<&'static str> = None;
    let first = spec.columns.first().copied().unwrap_or("决算数");
    for c in start..end {
        let t = r.text(c);
        if t.is_empty() {
            continue;
        }
        let digits: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        let is_digits = digits.chars().all(|d| d.is_ascii_digit());
        let last = printed.last_mut();
        let open = last.as_ref().is_some_and(|p| p.name.is_empty());
        let value_col = is_value_column(spec, cols, c);
        if is_digits && !value_col && footer.is_none() && matches!(digits.len(), 3 | 5) {
            printed.push(Printed {
                code: digits,
                ..Printed::default()
            });
        } else if is_digits && open && digits.len() == 2 && !value_col {
            // 类 | 款 in two cells.
            if let Some(p) = last {
                p.code.push_str(&digits);
            }
        } else if let Some((code, name)) = split_code(t).filter(|_| !value_col) {
            printed.push(Printed {
                code,
                name: squash(name),
            });
        } else if let Some(v) = parse_cell(t)
            .filter(|_| !is_label_column(cols, c))
            .filter(|_| !is_digits || !printed.is_empty() || footer.is_some() || value_col)
        {
            let key = cols.labels.get(c).and_then(|l| key_of(spec.id, l));
            if let Some(item) = footer.take() {
                out.push(item_row(spec, item.to_string(), v, r, c));
                continue;
            }
            // An unlabelled amount (a dump's panel) is the table's first key.
            let key = key.or_else(|| values.is_empty().then_some(first));
            if let Some(k) = key.filter(|k| !values.iter().any(|(o, _, _)| o == k)) {
                values.push((k, v, c));
            }
        } else if let Some(item) = aliases::get().item("basic", &fold(t)) {
            footer = Some(item);
        } else if let Some(p) = printed.last_mut().filter(|p| p.name.is_empty()) {
            p.name = squash(t);
        } else if printed.is_empty() {
            printed.push(Printed {
                name: squash(t),
                ..Printed::default()
            });
        }
    }
    let mut row = Row {
        page: r.page,
        ..Row::default()
    };
    for (key, v, c) in &values {
        row.values.insert(key.to_string(), *v);
        if let Some(at) = r.at(*c) {
            row.at.insert(key.to_string(), at);
        }
    }
    // The 部门 classification (30x) keys the row; the 政府 one (50x) printed
    // beside it is kept in `label`.
    let keyed = printed
        .iter()
        .position(|p| p.code.starts_with('3') && matches!(p.code.len(), 3 | 5))
        .or_else(|| printed.iter().position(|p| matches!(p.code.len(), 3 | 5)));
    let others = |skip: Option<usize>| {
        let o: Vec<String> = printed
            .iter()
            .enumerate()
            .filter(|&(i, p)| Some(i) != skip && !p.code.is_empty())
            .map(|(_, p)| format!("{} {}", p.code, p.name).trim().to_string())
            .collect();
        (!o.is_empty()).then(|| o.join(" "))
    };
    let name = printed.first().map(|p| p.name.clone()).unwrap_or_default();
    let f = fold(&name);
    if let Some(i) = keyed {
        let p = &printed[i];
        if p.code.len() == 3 {
            *class = Some(p.code.clone());
        }
        row.code = Some(p.code.clone());
        row.name = (!p.name.is_empty()).then(|| p.name.clone());
        row.label = others(Some(i));
        out.insert(0, row);
    } else if matches!(f.as_str(), "合计" | "总计" | "基本支出合计") && !values.is_empty()
    {
        row.item = Some("合计".into());
        row.label = Some(name);
        out.insert(0, row);
    } else if let Some(code) =
        by_name(class, &f).filter(|_| printed.iter().all(|p| p.code.is_empty()))
    {
        // Names only, the hierarchy shown by indentation: the reference's
        // economic class, or its 款 under the class above.
        row.code = Some(code);
        row.name = Some(name);
        out.insert(0, row);
    } else if !printed.iter().all(|p| p.code.is_empty()) || (!values.is_empty() && !name.is_empty())
    {
        diags.push(Diagnostic::warn(
            "unknown_row",
            format!(
                "{}: row {:?} with amounts {:?} could not be placed under an economic code; kept under its label",
                spec.id,
                others(None).unwrap_or_else(|| name.clone()),
                values.iter().map(|(_, v, _)| v.to_string()).collect::<Vec<_>>()
            ),
            Some(r.page),
        ));
        if !values.is_empty() {
            row.item = Some(squash(&others(None).unwrap_or(name)));
            out.push(row);
        }
    }
    out
}

/// The economic code of a name printed without one: a 款 under `class`,
/// else a 类 (which then heads the rows below).
fn by_name(class: &mut Option<String>, name: &str) -> Option<String> {
    let a = aliases::get();
    if let Some(code) = class.as_deref().and_then(|c| a.code_by_name(c, name)) {
        return Some(code.to_string());
    }
    let code = a.code_by_name("economic", name)?;
    *class = Some(code.to_string());
    Some(code.to_string())
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
