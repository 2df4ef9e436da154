//! `direction`: a comparison word of the 情况说明 against the numbers it
//! compares. `决算数小于预算数` against the 预算 and 决算 its item states
//! (in its own sentence, or the one before it in the same paragraph);
//! `增加 X 万元，下降 Y%` against itself; and, where the table prints the
//! year the statement compares with (a budget's 上年执行数), 增加 / 减少 /
//! 持平 against the table.

use rust_decimal::Decimal;

use super::narrative::{convert, yuan};
use super::narrative_lines::item_row;
use super::statement::{only, Between, Comparison, Direction, Reading, Role, Statement, Term};
use super::{value, Filing};
use crate::facts::narrative::Narrative;
use crate::model::{Amount, Check, Row, Rule, Status, Table};

pub(super) fn run(filing: &Filing, text: &Narrative, reading: &Reading, out: &mut Vec<Check>) {
    for (i, statement) in reading.statements.iter().enumerate() {
        for comparison in &statement.comparisons {
            if comparison.between == Between::FinalBudget {
                final_budget(filing, text, reading, i, comparison, out);
            }
        }
        year_before(filing, text, reading, i, out);
    }
}

/// The cell a statement's comparison is about: the item its paragraph
/// opens with (a 类/款/项 of the 一般公共预算 table), else the total the
/// statement names.
fn subject<'a>(
    filing: &Filing<'a>,
    text: &Narrative,
    reading: &Reading,
    i: usize,
) -> Option<(&'a Table, &'a Row)> {
    let mut j = i;
    loop {
        // A head wrapped over lines reads on into the next statement.
        if let Some(found) = item_row(filing, reading.between(&text.text, j, i)) {
            return Some(found);
        }
        match reading.before(j) {
            Some(_) => j -= 1,
            None => break,
        }
    }
    let words = reading.statements[i].text;
    let total = |ids: &[&str]| {
        ids.iter()
            .filter_map(|id| filing.table(id))
            .find_map(|t| Some((t, t.by_item(None, "合计")?)))
    };
    if words.contains("三公") {
        total(&["three_public", "budget_three_public"])
    } else if words.contains("一般公共预算财政拨款支出") {
        total(&["general_budget_expenditure", "budget_general_expenditure"])
    } else {
        None
    }
}

/// The check's cell: the subject's row, or the narrative itself.
fn cell(found: Option<(&Table, &Row)>, column: &str, quote: &str) -> (String, String, String) {
    match found {
        Some((table, row)) => (table.id.clone(), row.key(), column.to_string()),
        None => ("narrative".into(), quote.to_string(), "direction".into()),
    }
}

fn in_unit(term: &Term, unit: &str) -> Amount {
    convert(term.value, yuan(&term.unit), yuan(unit))
}

/// Whether `diff` (later less earlier) is what the word says.
fn holds(direction: Direction, diff: Amount, base: Amount) -> bool {
    match direction {
        Direction::More => diff > Decimal::ZERO,
        Direction::Less => diff < Decimal::ZERO,
        Direction::Same => diff.is_zero(),
        // 基本持平: within 5% of the base.
        Direction::RoughlySame => diff.abs() * Decimal::from(20) <= base.abs(),
    }
}

fn word(direction: Direction) -> &'static str {
    match direction {
        Direction::More => ">",
        Direction::Less => "<",
        Direction::Same => "=",
        Direction::RoughlySame => "≈",
    }
}

#[allow(clippy::too_many_arguments)]
fn check(
    (table, row, column): (String, String, String),
    (expected, actual): (Amount, Amount),
    holds: bool,
    detail: String,
    page: Option<u32>,
) -> Check {
    Check {
        rule: Rule::Direction,
        table,
        row,
        column,
        expected,
        actual,
        diff: actual - expected,
        status: if holds { Status::Pass } else { Status::Fail },
        detail,
        page,
        at: None,
    }
}

/// 决算数 大于 / 小于 / 等于 / (基本)持平 预算数, against the item's own 预算
/// and 决算.
fn final_budget(
    filing: &Filing,
    text: &Narrative,
    reading: &Reading,
    i: usize,
    comparison: &Comparison,
    out: &mut Vec<Check>,
) {
    let own = &reading.statements[i];
    let states = |s: &Statement| {
        s.terms
            .iter()
            .any(|t| t.is_money() && matches!(t.role, Role::Budget | Role::Final))
    };
    let Some(source) = (if states(own) {
        Some(own)
    } else {
        reading.before(i)
    }) else {
        return;
    };
    let Some((budget, spent)) = source.budget_and_final(comparison.base) else {
        return;
    };
    if spent.span.end > comparison.span.start {
        return;
    }
    let (b, f) = (budget.value, in_unit(spent, &budget.unit));
    let found = subject(filing, text, reading, i);
    let column = match found {
        Some((t, _)) if t.id.ends_with("three_public") => "决算数",
        _ => "合计",
    };
    // The 决算 as stated and as the table prints it: a wrong amount is
    // reported once, by its own check, not again by the word built on it.
    let printed_final = found.map(|(t, r)| {
        convert(
            value(r, column),
            t.unit.as_deref().and_then(yuan),
            yuan(&budget.unit),
        )
    });
    let ok = [Some(f), printed_final]
        .into_iter()
        .flatten()
        .any(|f| holds(comparison.direction, f - b, b));
    let printed = text.printed(budget.span.start, comparison.span.end);
    let detail = format!(
        "决算 {} 预算 as worded ({} vs {}): {}",
        word(comparison.direction),
        spent.value,
        budget.value,
        printed.text
    );
    let at = cell(found, column, &printed.text);
    let page = text.page_at(comparison.span.start);
    out.push(check(at, (b, f), ok, detail, page));
}

/// A change on the year before: its word against the percentage stated
/// with it, and against the table where the row prints the year compared
/// with.
fn year_before(
    filing: &Filing,
    text: &Narrative,
    reading: &Reading,
    i: usize,
    out: &mut Vec<Check>,
) {
    let statement = &reading.statements[i];
    let terms = &statement.terms;
    for (k, change) in terms.iter().enumerate() {
        let Role::Change(sign) = change.role else {
            continue;
        };
        if !change.is_money() {
            continue;
        }
        // `增加 X 万元，下降 Y%`: two words for one change.
        if let Some(pct) = terms
            .get(k + 1)
            .filter(|t| !t.is_money() && matches!(t.role, Role::Change(_)))
        {
            if pct.role != change.role {
                let printed = text.printed(change.span.start, pct.span.end);
                let detail = format!("one change, one direction: {}", printed.text);
                let at = cell(None, "", &printed.text);
                let page = text.page_at(pct.span.start);
                out.push(check(at, (change.value, change.value), false, detail, page));
            }
        }
        against_table(filing, text, reading, i, change, sign, out);
    }
    for comparison in &statement.comparisons {
        if comparison.between == Between::YearBefore {
            let words = text
                .printed(comparison.span.start, comparison.span.end)
                .text;
            let base = if words.contains("执行") {
                "执行"
            } else {
                continue;
            };
            table_direction(
                filing,
                text,
                reading,
                i,
                (comparison.direction, base),
                comparison.span.start,
                out,
            );
        }
    }
}

/// `比2025年执行数增加 X 万元` on an item whose row prints the 2025 执行数.
fn against_table(
    filing: &Filing,
    text: &Narrative,
    reading: &Reading,
    i: usize,
    change: &Term,
    sign: i8,
    out: &mut Vec<Check>,
) {
    if !change.label.contains("执行") {
        return;
    }
    let direction = if sign > 0 {
        Direction::More
    } else {
        Direction::Less
    };
    table_direction(
        filing,
        text,
        reading,
        i,
        (direction, "执行"),
        change.span.start,
        out,
    );
}

/// The statement's subject row, its 合计 against the one column that
/// prints the year compared with (`…执行数`, not a 扣除… variant nor a
/// change column).
fn table_direction(
    filing: &Filing,
    text: &Narrative,
    reading: &Reading,
    i: usize,
    (direction, base): (Direction, &str),
    at: usize,
    out: &mut Vec<Check>,
) {
    let statement = &reading.statements[i];
    // A qualified comparison (扣除中央基建投资后) is against another column.
    if statement.text.contains("扣除") {
        return;
    }
    let Some((table, row)) = subject(filing, text, reading, i) else {
        return;
    };
    let earlier = row.values.keys().filter(|k| {
        k.contains(base)
            && !["扣除", "增减", "比", "/占比"]
                .iter()
                .any(|w| k.contains(w))
    });
    let Some(column) = only(earlier) else {
        return;
    };
    let (before, now) = (value(row, column), value(row, "合计"));
    let ok = holds(direction, now - before, before);
    let printed = text.printed(statement.span.start, statement.span.end);
    let detail = format!(
        "合计 {} {column} as worded ({now} vs {before}): {}",
        word(direction),
        printed.text
    );
    let cell = (table.id.clone(), row.key(), "合计".to_string());
    out.push(check(cell, (before, now), ok, detail, text.page_at(at)));
}
