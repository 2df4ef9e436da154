//! The cells a check reads, placed on their pages: the cell it judges and
//! the cells its identity sums (as its detail names them), where the record
//! placed them; the sentence a narrative check quotes; and, for a 绩效 form
//! (whose cells the record does not place), the cells found on the page by
//! the values the check prints.

use juesuan_extract::layout::page_blocks;
use juesuan_extract::{Block, Page};
use juesuan_normalize::{At, Check, Record, Row, Rule, Table};
use rust_decimal::Decimal;

use crate::draw::{Mark, MarkKind};

/// A table cell a check takes part in, named as the check names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CellRef {
    pub table: String,
    pub row: String,
    pub column: String,
}

/// The table cells a check reads: the one it judges first, then its terms.
pub fn cells(record: &Record, check: &Check) -> Vec<CellRef> {
    let Some(table) = record.tables.iter().find(|t| t.id == check.table) else {
        return Vec::new();
    };
    // A percentage is computed from the cell its column is suffixed to.
    let column = check.column.split('/').next().unwrap_or_default();
    let column = if table_prints(table, &check.column) {
        check.column.as_str()
    } else {
        column
    };
    let cell = |table: &Table, row: &Row, column: &str| CellRef {
        table: table.id.clone(),
        row: row.key(),
        column: column.to_string(),
    };
    let Some(target) = table.rows.iter().find(|r| r.key() == check.row) else {
        return Vec::new();
    };
    let mut out = vec![cell(table, target, column)];
    let terms = identity_terms(&check.detail).unwrap_or("");
    match check.rule {
        Rule::Hierarchy => {
            let parent = target.code.as_deref().unwrap_or_default();
            out.extend(
                table
                    .rows
                    .iter()
                    .filter(|r| {
                        r.side.is_none()
                            && r.code.as_deref().is_some_and(|c| {
                                c.len() == parent.len() + 2 && c.starts_with(parent)
                            })
                    })
                    .map(|r| cell(table, r, column)),
            );
        }
        Rule::RowSum | Rule::Total => {
            for name in terms.split([' ']).filter(|n| !matches!(*n, "+" | "−" | "")) {
                if target.values.contains_key(name) && name != column {
                    out.push(cell(table, target, name));
                } else if let Some(row) = table.by_item(target.side, name) {
                    out.push(cell(table, row, column));
                } else if name == "类" {
                    out.extend(
                        table
                            .rows
                            .iter()
                            .filter(|r| {
                                r.side.is_none() && r.code.as_deref().is_some_and(|c| c.len() == 3)
                            })
                            .map(|r| cell(table, r, column)),
                    );
                }
            }
        }
        // `table key [column] + table key [column]`
        Rule::CrossTable => {
            for term in terms.split(" + ") {
                let Some((head, col)) = term.trim().trim_end_matches(']').rsplit_once(" [") else {
                    continue;
                };
                let Some((id, key)) = head.split_once(' ') else {
                    continue;
                };
                let found = record
                    .tables
                    .iter()
                    .find(|t| t.id == id)
                    .and_then(|t| Some((t, t.rows.iter().find(|r| r.key() == key)?)));
                if let Some((t, r)) = found {
                    out.push(cell(t, r, col));
                }
            }
        }
        _ => {}
    }
    // A blank term adds nothing: only printed terms are pointed at.
    let printed = |c: &CellRef| {
        record
            .tables
            .iter()
            .find(|t| t.id == c.table)
            .and_then(|t| t.rows.iter().find(|r| r.key() == c.row))
            .is_some_and(|r| r.values.contains_key(&c.column))
    };
    let mut kept = vec![out[0].clone()];
    kept.extend(out.into_iter().skip(1).filter(printed));
    kept.dedup();
    kept
}

fn table_prints(table: &Table, column: &str) -> bool {
    table.rows.iter().any(|r| r.values.contains_key(column))
}

/// Where the record placed a cell.
pub fn at(record: &Record, cell: &CellRef) -> Option<At> {
    record
        .tables
        .iter()
        .find(|t| t.id == cell.table)?
        .rows
        .iter()
        .find(|r| r.key() == cell.row)?
        .at
        .get(&cell.column)
        .copied()
}

/// The marks of a check: its cells where placed and its evidence.
pub fn marks(record: &Record, check: &Check) -> Vec<Mark> {
    let mut out: Vec<Mark> = cells(record, check)
        .iter()
        .filter_map(|c| {
            Some(Mark {
                at: at(record, c)?,
                label: format!("{},{},{}", c.table, c.row, c.column),
                kind: MarkKind::Cell,
            })
        })
        .collect();
    if let Some(at) = check.at {
        if !out.iter().any(|m| m.at == at) {
            out.push(Mark {
                at,
                label: format!("the narrative: {}", quoted(record, check)),
                kind: MarkKind::Evidence,
            });
        }
    }
    out
}

/// The text a narrative check quotes: after `: ` in its detail, or the
/// evidence of the fact its detail names first.
fn quoted<'a>(record: &'a Record, check: &'a Check) -> &'a str {
    let detail = check.detail.as_str();
    match detail.split_once(": ") {
        Some((_, quote)) => quote,
        None => detail
            .split(' ')
            .next()
            .and_then(|key| record.facts.get(key))
            .map_or(detail, |f| f.evidence.as_str()),
    }
}

/// Cells of a 绩效 form found on its page by the values a check prints:
/// the printed value it judges (`执行率 1000%`, the score) and, for a rate,
/// the amounts it divides (`= 400 / 400`), in the same grid row.
pub fn found_on_page(page: &Page, check: &Check) -> Vec<Mark> {
    let grids: Vec<_> = page_blocks(page)
        .into_iter()
        .filter_map(|b| match b {
            Block::Grid(g) => Some(g),
            _ => None,
        })
        .collect();
    let number = |text: &str| -> Option<Decimal> {
        let t: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '%' | '％'))
            .collect();
        t.parse().ok()
    };
    let rate = check.column == "rate";
    let judged = |text: &str| number(text) == Some(check.actual);
    let rows: Vec<_> = grids
        .iter()
        .flat_map(|g| &g.rows)
        .filter(|r| r.cells.iter().any(|c| judged(&c.text)))
        .collect();
    // A rate's row is the one its detail names first (`当年财政拨款 执行率 …`),
    // else the first that prints it; a score stands at the foot of its form.
    let item = check.detail.split(' ').next().unwrap_or_default();
    let row = if rate {
        rows.iter()
            .find(|r| {
                r.cells
                    .iter()
                    .any(|c| !item.is_empty() && c.text.contains(item))
            })
            .or(rows.first())
    } else {
        rows.last()
    };
    let Some(row) = row else { return Vec::new() };
    let divided: Vec<Decimal> = identity_terms(&check.detail)
        .map(|t| {
            t.split(" / ")
                .filter_map(|n| n.trim().parse().ok())
                .collect()
        })
        .unwrap_or_default();
    // The judged cell: a rate's first print in its row, a score's last
    // (得分 stands right of 分值, which may print the same number).
    let judged_at = if rate {
        row.cells.iter().position(|c| judged(&c.text))
    } else {
        row.cells.iter().rposition(|c| judged(&c.text))
    };
    let mut out = Vec::new();
    for (i, c) in row.cells.iter().enumerate() {
        let Some(b) = c.bbox else { continue };
        let label = if Some(i) == judged_at {
            format!(
                "performance,{},{} (found by its printed value)",
                check.row, check.column
            )
        } else if rate && number(&c.text).is_some_and(|n| divided.contains(&n)) {
            format!(
                "performance,{},amount {} (found by its printed value)",
                check.row,
                c.text.trim()
            )
        } else {
            continue;
        };
        out.push(Mark {
            at: At {
                page: page.number,
                bbox: [b.x0, b.y0, b.x1, b.y1],
            },
            label,
            kind: MarkKind::Found,
        });
    }
    out
}

/// The right side of a check's identity (`合计 = 基本支出 + 项目支出`, or
/// as older records word it, `合计 ≠ …`).
fn identity_terms(detail: &str) -> Option<&str> {
    [" = ", " ≠ "]
        .iter()
        .filter_map(|sep| detail.split_once(sep).map(|(l, t)| (l.len(), t)))
        .min_by_key(|&(at, _)| at)
        .map(|(_, t)| t)
}
