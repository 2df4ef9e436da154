//! 财政拨款“三公”经费支出决算表: one data row whose columns are
//! (item × 预算数/决算数) — item-major with 预算数 | 决算数 pairs
//! (Shanghai), or a 预算数 block then a 决算数 block (national, 栏次 1–12).
//! Rows of the canonical table are the items.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::aliases::{self, TableSpec};
use crate::model::{At, Diagnostic, Row};

use super::header::Columns;
use super::sheet::Sheet;

const TOTAL: &str = "合计";
const ABROAD: &str = "因公出国（境）费";
const VEHICLES: &str = "公务用车购置及运行维护费";
const PURCHASE: &str = "公务用车购置费";
const RUNNING: &str = "公务用车运行维护费";
const RECEPTION: &str = "公务接待费";
/// The national column order, 栏次 1–6 (预算数) and 7–12 (决算数).
const NATIONAL: [&str; 6] = [TOTAL, ABROAD, VEHICLES, PURCHASE, RUNNING, RECEPTION];
const MEASURES: [&str; 3] = ["预算数", "决算数", "上年预算数"];

type Cell = (&'static str, &'static str);

pub fn read(spec: &TableSpec, sheet: &Sheet, diags: &mut Vec<Diagnostic>) -> Vec<Row> {
    let mut values: BTreeMap<Cell, (Decimal, Option<At>)> = BTreeMap::new();
    let mut items: Vec<&'static str> = Vec::new();
    for g in 0..sheet.grids() {
        let cols = Columns::of(sheet, g);
        let Some(data) = sheet
            .data_rows()
            .find(|r| r.grid == g && (0..r.width()).any(|c| r.amount(c).is_some()))
        else {
            continue;
        };
        let width = sheet.width();
        if let Some(cells) = transposed(sheet, g, &cols) {
            for (cell, v, at) in cells {
                if !items.contains(&cell.0) {
                    items.push(cell.0);
                }
                values.entry(cell).or_insert((v, at));
            }
            continue;
        }
        let value_cols: Vec<usize> = (0..width)
            .filter(|&c| cols.ordinals[c].is_some() || data.amount(c).is_some())
            .collect();
        // A budget prints one measure, often without naming it.
        let default = (spec.kind == "budget")
            .then(|| spec.columns.first().copied())
            .flatten();
        if let Some(cells) = by_rows(sheet, g, &cols, default) {
            for (cell, v, at) in cells {
                if !items.contains(&cell.0) {
                    items.push(cell.0);
                }
                values.entry(cell).or_insert((v, at));
            }
            continue;
        }
        let Some(map) =
            by_header(&cols, &value_cols, default).or_else(|| by_ordinal(&cols, &value_cols))
        else {
            diags.push(Diagnostic::warn(
                "unknown_column",
                format!("{}: the columns of the 三公 table could not be named; its amounts are not placed", spec.id),
                Some(data.page),
            ));
            continue;
        };
        let mut row: Vec<(usize, Cell, Option<Decimal>)> = map
            .iter()
            .map(|&(c, cell)| (c, cell, data.amount(c)))
            .collect();
        if let Some(msg) = resolve_shift(&mut row) {
            diags.push(Diagnostic::warn(
                "value_shifted",
                format!("{}: {msg}", spec.id),
                Some(data.page),
            ));
        }
        for (c, cell, v) in row {
            if !items.contains(&cell.0) {
                items.push(cell.0);
            }
            if let Some(v) = v {
                values.entry(cell).or_insert((v, data.at(c)));
            }
        }
    }
    items
        .into_iter()
        .map(|item| {
            let mut row = Row {
                item: Some(item.to_string()),
                ..Row::default()
            };
            for m in MEASURES {
                if let Some((v, at)) = values.get(&(item, m)) {
                    row.values.insert(m.to_string(), *v);
                    if let Some(at) = at {
                        row.at.insert(m.to_string(), *at);
                        row.page = at.page;
                    }
                }
            }
            row
        })
        .collect()
}

/// Names each value column from the labels above it: an item and a
/// measure; None unless every column gets a distinct pair.
fn by_header(
    cols: &Columns,
    value_cols: &[usize],
    default: Option<&'static str>,
) -> Option<Vec<(usize, Cell)>> {
    let mut out: Vec<(usize, Cell)> = Vec::new();
    for &c in value_cols {
        let labels = &cols.labels[c];
        // The change on the year before is no measure of the table.
        if labels
            .iter()
            .any(|l| l.contains("增减") || l.contains("变化"))
        {
            continue;
        }
        let mut item = item_of(labels)?;
        let year_before = labels.iter().any(|l| l.starts_with("上年"));
        let measure = if year_before {
            MEASURES[2]
        } else {
            labels
                .iter()
                .rev()
                .find_map(|l| measure_of(l))
                .or(default)?
        };
        if let Some(first) = out.iter().position(|&(_, cell)| cell == (item, measure)) {
            // A 合计 of the 三公 with 会议费 and 培训费 beside the 三公's own.
            let own = |c: usize| cols.labels[c].iter().any(|l| l.contains("三公"));
            if item != TOTAL || own(out[first].0) == own(c) {
                return None;
            }
            if own(c) {
                out[first].1 .0 = ALL;
            } else {
                item = ALL;
            }
        }
        out.push((c, (item, measure)));
    }
    (!out.is_empty()).then_some(out)
}

/// The total of the 三公 and the 会议费 and 培训费 printed with them.
const ALL: &str = "合计（含会议费、培训费）";

/// The measure a label names: 预算数 (年初预算数, “三公”经费预算数),
/// 决算数, or the year before's 预算数.
fn measure_of(label: &str) -> Option<&'static str> {
    if label.contains("预算") {
        Some(if label.starts_with("上年") {
            MEASURES[2]
        } else {
            MEASURES[0]
        })
    } else if label.contains("决算") {
        Some(MEASURES[1])
    } else {
        None
    }
}

/// The layout of one row per item (`1、因公出国（境）费用 | 0.00`), each
/// amount under a measure's column (or the budget's one measure).
fn by_rows(
    sheet: &Sheet,
    grid: usize,
    cols: &Columns,
    default: Option<&'static str>,
) -> Option<Vec<(Cell, Decimal, Option<At>)>> {
    let a = aliases::get();
    let mut out = Vec::new();
    for r in sheet.data_rows().filter(|r| r.grid == grid) {
        let Some(label) = (0..r.width()).map(|c| r.text(c)).find(|t| !t.is_empty()) else {
            continue;
        };
        let bare = crate::text::fold(label);
        let bare = bare.trim_start_matches("其中:");
        let bare = crate::text::fold(crate::text::strip_ordinal(bare));
        let Some(item) = a
            .item("three_public", &bare)
            .or((bare == "合计").then_some(TOTAL))
        else {
            continue;
        };
        for c in 1..r.width() {
            let Some(v) = r.amount(c) else { continue };
            let measure = cols.labels[c]
                .iter()
                .rev()
                .find_map(|l| measure_of(l))
                .or(default);
            let Some(measure) = measure else { continue };
            out.push(((item, measure), v, r.at(c)));
        }
    }
    // Item rows are the layout only where several items are rows.
    let rows: std::collections::BTreeSet<&str> = out.iter().map(|((i, _), _, _)| *i).collect();
    (rows.len() >= 2).then_some(out)
}

/// The item the labels above a column name, most specific first. A
/// 小计 is the subtotal of the item printed above it (公务用车购置及运行
/// 维护费), or the 三公 total when it stands right under the table's
/// spanning header.
fn item_of(labels: &[String]) -> Option<&'static str> {
    let a = aliases::get();
    for (i, l) in labels.iter().enumerate().rev() {
        if matches!(l.as_str(), "小计" | "合计") {
            let parent = labels[..i]
                .iter()
                .rev()
                .find_map(|p| a.item("three_public", p));
            return Some(parent.unwrap_or(TOTAL));
        }
        if let Some(item) = a.item("three_public", l) {
            return Some(item);
        }
    }
    None
}

/// Items in the order of the 栏次 a transposed table prints them.
const ITEM_ORDER: [&str; 8] = [
    TOTAL,
    ABROAD,
    VEHICLES,
    PURCHASE,
    RUNNING,
    RECEPTION,
    "会议费",
    "培训费",
];

/// The transposed layout (Shaanxi): one row per measure (`预算数`,
/// `决算数`) and one column per item. Items come from the labels above a
/// column or, failing that, from its 栏次 in the national order.
fn transposed(
    sheet: &Sheet,
    grid: usize,
    cols: &Columns,
) -> Option<Vec<(Cell, Decimal, Option<At>)>> {
    let measure_of = |r: &super::sheet::SheetRow| {
        let first = (0..r.width()).map(|c| r.text(c)).find(|t| !t.is_empty())?;
        let f = crate::text::fold(first);
        if f.contains("预算") {
            Some(MEASURES[0])
        } else if f.contains("决算") {
            Some(MEASURES[1])
        } else {
            None
        }
    };
    let rows: Vec<(&str, &super::sheet::SheetRow)> = sheet
        .data_rows()
        .filter(|r| r.grid == grid)
        .filter_map(|r| measure_of(r).map(|m| (m, r)))
        .collect();
    if rows.is_empty() {
        return None;
    }
    let item_at = |c: usize| -> Option<&'static str> {
        let labelled = item_of(cols.labels.get(c)?);
        // An ordinal printed one column left of its amounts (a column
        // boundary the layout drew inside the cell) still names it.
        let ordinal = cols.ordinals.get(c).copied().flatten().or_else(|| {
            let left = c.checked_sub(1)?;
            let free = rows.iter().all(|(_, r)| r.amount(left).is_none());
            free.then(|| cols.ordinals.get(left).copied().flatten())
                .flatten()
        });
        labelled.or_else(|| ITEM_ORDER.get(ordinal? as usize - 1).copied())
    };
    let mut out = Vec::new();
    for (measure, r) in &rows {
        for c in 1..r.width() {
            let Some(v) = r.amount(c) else { continue };
            let item = item_at(c)?;
            out.push(((item, *measure), v, r.at(c)));
        }
    }
    Some(out)
}

/// Names columns by their printed 栏次 in the national order.
fn by_ordinal(cols: &Columns, value_cols: &[usize]) -> Option<Vec<(usize, Cell)>> {
    let out: Vec<(usize, Cell)> = value_cols
        .iter()
        .filter_map(|&c| {
            let n = cols.ordinals[c]? as usize;
            (1..=12)
                .contains(&n)
                .then(|| (c, (NATIONAL[(n - 1) % 6], MEASURES[(n - 1) / 6])))
        })
        .collect();
    (out.len() == 12).then_some(out)
}

/// The table's own identities (合计 = 出国 + 公务用车 + 接待; 公务用车 =
/// 购置 + 运行, per measure) hold?
fn holds(row: &[(usize, Cell, Option<Decimal>)]) -> bool {
    let get = |item: &str, m: &str| {
        row.iter()
            .find(|(_, c, _)| *c == (item, m))
            .map(|(_, _, v)| v.unwrap_or_default())
    };
    MEASURES.iter().all(|m| {
        let sum = |items: &[&str]| items.iter().map(|i| get(i, m)).sum::<Option<Decimal>>();
        let ok1 = match (get(TOTAL, m), sum(&[ABROAD, VEHICLES, RECEPTION])) {
            (Some(t), Some(s)) => t == s,
            _ => true,
        };
        let ok2 = match (get(VEHICLES, m), sum(&[PURCHASE, RUNNING])) {
            (Some(t), Some(s)) => t == s,
            _ => true,
        };
        ok1 && ok2
    })
}

/// A converter that flattened merged cells may print one amount a column
/// off. Where the identities fail and moving exactly one amount to a
/// blank neighbour makes them all hold, move it and say so; otherwise
/// leave the row as printed (the checks will report it).
fn resolve_shift(row: &mut [(usize, Cell, Option<Decimal>)]) -> Option<String> {
    if holds(row) {
        return None;
    }
    let mut fixes = Vec::new();
    for i in 0..row.len() {
        if row[i].2.is_none() {
            continue;
        }
        for j in [i.wrapping_sub(1), i + 1] {
            if j >= row.len() || row[j].2.is_some() || row[j].0.abs_diff(row[i].0) != 1 {
                continue;
            }
            let mut trial = row.to_vec();
            trial[j].2 = trial[i].2.take();
            if holds(&trial) {
                fixes.push((i, j));
            }
        }
    }
    let [(i, j)] = fixes.as_slice() else {
        return None;
    };
    let (i, j) = (*i, *j);
    row[j].2 = row[i].2.take();
    Some(format!(
        "{} printed under {} {} belongs under {} {} by the table's own identities (合计 = 出国 + 公务用车 + 接待, 公务用车 = 购置 + 运行)",
        row[j].2.unwrap_or_default(),
        row[i].1 .0,
        row[i].1 .1,
        row[j].1 .0,
        row[j].1 .1
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Decimal> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn a_shifted_amount_moves_back_only_when_unique() {
        let mut row: Vec<(usize, Cell, Option<Decimal>)> = (0..12)
            .map(|c| (c, (NATIONAL[c % 6], MEASURES[c / 6]), None))
            .collect();
        row[6].2 = d("0.70");
        row[8].2 = d("0.70");
        row[11].2 = d("0.70");
        assert!(resolve_shift(&mut row).is_some());
        assert_eq!(row[10].2, d("0.70"));
        assert_eq!(row[11].2, None);
        // Already consistent: nothing moves.
        assert!(resolve_shift(&mut row).is_none());
    }
}
