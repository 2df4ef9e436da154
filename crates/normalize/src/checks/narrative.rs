//! Numbers of the 情况说明 against the table cells they restate.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{value, verdict, Filing, RowRef, CENT};
use crate::model::{Amount, Check, Fact, Row, Rule, Side, Status, Table};

/// Which table cell each narrative fact restates.
fn restated() -> Vec<(&'static str, RowRef, &'static str)> {
    let summary = |side, item| RowRef::item("income_expenditure_summary", Some(side), item);
    let total = |table| RowRef::item(table, None, "合计");
    let budget = |side, item| RowRef::item("budget_summary", Some(side), item);
    vec![
        // A budget's facts restate its own tables (a filing has one kind).
        ("totals.grand_total", budget(Side::Income, "总计"), "预算数"),
        (
            "totals.expenditure",
            budget(Side::Expenditure, "本年支出合计"),
            "预算数",
        ),
        (
            "general_budget.budget",
            total("budget_general_expenditure"),
            "合计",
        ),
        (
            "three_public.budget",
            total("budget_three_public"),
            "预算数",
        ),
        (
            "totals.grand_total",
            summary(Side::Income, "总计"),
            "决算数",
        ),
        (
            "totals.income",
            summary(Side::Income, "本年收入合计"),
            "决算数",
        ),
        (
            "totals.expenditure",
            summary(Side::Expenditure, "本年支出合计"),
            "决算数",
        ),
        ("totals.basic_expenditure", total("expenditure"), "基本支出"),
        (
            "totals.project_expenditure",
            total("expenditure"),
            "项目支出",
        ),
        (
            "totals.fiscal_grand_total",
            RowRef::item("fiscal_summary", Some(Side::Income), "总计"),
            "决算数",
        ),
        (
            "general_budget.final",
            total("general_budget_expenditure"),
            "合计",
        ),
        ("three_public.final", total("three_public"), "决算数"),
        ("three_public.budget", total("three_public"), "预算数"),
    ]
}

/// The money units, in 元.
const MONEY: [(&str, i64); 4] = [
    ("元", 1),
    ("千元", 1_000),
    ("万元", 10_000),
    ("亿元", 100_000_000),
];

/// 元 in one of a money unit; `None` for anything else (人, 辆, %).
pub fn yuan(unit: &str) -> Option<Decimal> {
    MONEY
        .iter()
        .find(|(name, _)| *name == unit.trim())
        .map(|(_, y)| Decimal::from(*y))
}

/// An amount in one unit restated in another (as is where either is unknown).
pub fn convert(amount: Amount, from: Option<Decimal>, to: Option<Decimal>) -> Amount {
    match (from, to) {
        (Some(from), Some(to)) => (amount * from / to).normalize(),
        _ => amount,
    }
}

pub(super) fn run(filing: &Filing, facts: &BTreeMap<String, Fact>, out: &mut Vec<Check>) {
    for (key, at, column) in restated() {
        let Some(fact) = facts.get(key) else { continue };
        let Some((table, row)) = filing.row(&at) else {
            continue;
        };
        // A total printed blank in a table that prints data, which the
        // narrative states, is a cell the reader missed more likely than a
        // zero: not judged (a table printed empty is all zeros).
        if !table.empty && !row.values.contains_key(column) {
            continue;
        }
        let detail = format!("{key} = {} [{column}]: {}", row.key(), fact.evidence);
        let stated = (fact.value, fact.unit.as_str());
        if let Some(check) = restate(table, row, column, stated, detail, fact.page) {
            out.push(check);
        }
    }
}

/// A narrative amount (in `unit`; none: the table's) against the table cell
/// it restates, reported on the `page` the narrative prints it. None where
/// the unit is not money (人, %).
pub(super) fn restate(
    table: &Table,
    row: &Row,
    column: &str,
    (amount, unit): (Amount, &str),
    detail: String,
    page: Option<u32>,
) -> Option<Check> {
    let table_unit = table.unit.as_deref().and_then(yuan);
    let fact_unit = match unit.trim() {
        "" => table_unit,
        unit => Some(yuan(unit)?),
    };
    let judge = |unit: Option<Decimal>, allowance: Amount, detail: String| {
        let actual = convert(amount, unit, table_unit);
        verdict(
            Rule::Narrative,
            &table.id,
            row.key(),
            column,
            row.page,
            value(row, column),
            actual,
            allowance,
            detail,
        )
    };
    // The narrative may round more coarsely than the table: half its last digit.
    let half_digit = convert(Decimal::new(5, amount.scale() + 1), fact_unit, table_unit);
    let check = judge(fact_unit, CENT.max(half_digit), detail.clone());
    // A number right to the cent in another money unit is a slip of the
    // unit in the text, not a wrong amount; a blank or zero cell confirms
    // no such slip (any small number would read as 0 in a larger unit).
    let misread = || {
        MONEY.iter().map(|(name, _)| {
            let detail = format!("{detail} (narrative unit {unit} reads as {name})");
            judge(yuan(name), CENT, detail)
        })
    };
    let mut check = match check.status {
        Status::Fail if !value(row, column).is_zero() => misread()
            .find(|c| c.status != Status::Fail)
            .unwrap_or(check),
        _ => check,
    };
    check.page = page.or(check.page);
    Some(check)
}
