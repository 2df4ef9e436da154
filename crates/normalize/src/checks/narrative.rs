//! Numbers of the 情况说明 against the table cells they restate.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{value, verdict, Filing, Key, RowRef, CENT};
use crate::model::{Amount, Check, Fact, Rule, Side, Status};

/// Which table cell each narrative fact restates.
const RESTATED: &[(&str, &str, Option<Side>, &str, &str)] = &[
    (
        "totals.grand_total",
        "income_expenditure_summary",
        Some(Side::Income),
        "总计",
        "决算数",
    ),
    (
        "totals.income",
        "income_expenditure_summary",
        Some(Side::Income),
        "本年收入合计",
        "决算数",
    ),
    (
        "totals.expenditure",
        "income_expenditure_summary",
        Some(Side::Expenditure),
        "本年支出合计",
        "决算数",
    ),
    (
        "totals.basic_expenditure",
        "expenditure",
        None,
        "合计",
        "基本支出",
    ),
    (
        "totals.project_expenditure",
        "expenditure",
        None,
        "合计",
        "项目支出",
    ),
    (
        "totals.fiscal_grand_total",
        "fiscal_summary",
        Some(Side::Income),
        "总计",
        "决算数",
    ),
    (
        "general_budget.final",
        "general_budget_expenditure",
        None,
        "合计",
        "合计",
    ),
    ("three_public.final", "three_public", None, "合计", "决算数"),
    (
        "three_public.budget",
        "three_public",
        None,
        "合计",
        "预算数",
    ),
];

/// Yuan in one of a money unit; `None` for anything else (人, 辆, %).
fn yuan(unit: &str) -> Option<Decimal> {
    Some(Decimal::from(match unit.trim() {
        "元" => 1,
        "千元" => 1_000,
        "万元" => 10_000,
        "亿元" => 100_000_000,
        _ => return None,
    }))
}

pub(super) fn run(filing: &Filing, facts: &BTreeMap<String, Fact>, out: &mut Vec<Check>) {
    for &(key, table, side, item, column) in RESTATED {
        let Some(fact) = facts.get(key) else { continue };
        let at = RowRef {
            table,
            side,
            key: Key::Item(item),
        };
        let Some((table, row)) = filing.row(&at) else {
            continue;
        };
        // A fact with no unit is read in the table's; one in 人 or % restates nothing here.
        let table_unit = table.unit.as_deref().and_then(yuan);
        let fact_unit = match fact.unit.trim() {
            "" => table_unit,
            unit => match yuan(unit) {
                Some(u) => Some(u),
                None => continue,
            },
        };
        let printed = value(row, column);
        let in_table_unit = |unit: Option<Decimal>| match (unit, table_unit) {
            (Some(from), Some(to)) => (fact.value * from / to).normalize(),
            _ => fact.value,
        };
        // The narrative may round more coarsely than the table: half its last digit.
        let allowance = CENT.max(half_digit_in_table(fact, fact_unit, table_unit));
        let judge = |actual: Amount, allowance: Amount, detail: String| {
            verdict(
                Rule::Narrative,
                &table.id,
                row.key(),
                column,
                row.page,
                printed,
                actual,
                allowance,
                detail,
            )
        };
        let detail = format!("{key} ≠ {} [{column}]", row.key());
        let mut check = judge(in_table_unit(fact_unit), allowance, detail.clone());
        if check.status == Status::Fail {
            // A number right to the cent under another money unit is a unit
            // slip in the text, not a wrong amount.
            let misread = ["元", "千元", "万元", "亿元"]
                .into_iter()
                .map(|u| {
                    (
                        u,
                        judge(
                            in_table_unit(yuan(u)),
                            CENT,
                            format!("{detail} (narrative unit {} reads as {u})", fact.unit),
                        ),
                    )
                })
                .find(|(_, c)| c.status != Status::Fail);
            if let Some((_, c)) = misread {
                check = c;
            }
        }
        out.push(check);
    }
}

/// Half the narrative's last printed digit, in the table's unit.
fn half_digit_in_table(
    fact: &Fact,
    fact_unit: Option<Decimal>,
    table_unit: Option<Decimal>,
) -> Amount {
    let half = Decimal::new(5, fact.value.scale() + 1);
    match (fact_unit, table_unit) {
        (Some(from), Some(to)) => half * from / to,
        _ => half,
    }
}
