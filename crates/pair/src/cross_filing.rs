//! The `cross_filing` checks: what final accounts state about the other
//! filing of a pair — the 年初预算, the “三公” 预算数, the change on the year
//! before — against what that filing printed.
//!
//! Like is compared with like: a 预算数 the final accounts call adjusted
//! (调整预算, 全年预算) is not the budget filing's 年初预算 and is left
//! out with a note; one printed without saying which is compared, and the
//! check's `detail` says so.

use rust_decimal::{Decimal, RoundingStrategy};

use juesuan_normalize::checks::{convert, rounding_allowance, verdict, yuan, HALF_CENT};

use crate::table;
use juesuan_normalize::{Amount, Check, Fact, Record, Row, Rule, Side, Status, Table};

/// What a printed 预算数 is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Basis {
    /// 年初预算: the budget filing's 预算数.
    Initial,
    /// 调整预算 / 全年预算: changed during the year.
    Adjusted,
    /// 预算数 printed without saying which.
    Unsaid,
}

fn basis(printed: &str) -> Basis {
    if ["调整", "全年预算", "变动"]
        .iter()
        .any(|w| printed.contains(w))
    {
        Basis::Adjusted
    } else if printed.contains("年初") {
        Basis::Initial
    } else {
        Basis::Unsaid
    }
}

fn said(basis: Basis) -> &'static str {
    match basis {
        Basis::Initial => "年初预算",
        Basis::Adjusted => "调整预算",
        Basis::Unsaid => "预算数, not said to be 年初 or 调整",
    }
}

/// One printed amount: a table cell or a narrative fact, named as a check
/// names the cell it is about.
#[derive(Clone)]
struct Printed {
    table: String,
    row: String,
    column: String,
    value: Amount,
    unit: Option<Decimal>,
    page: u32,
    /// How the filing says it (for `detail`).
    words: String,
}

impl Printed {
    fn cell(table: &Table, row: &Row, column: &str) -> Option<Printed> {
        let value = row.get(column)?;
        Some(Printed {
            table: table.id.clone(),
            row: row.key(),
            column: column.into(),
            value,
            unit: table.unit.as_deref().and_then(yuan),
            page: row.at.get(column).map_or(row.page, |at| at.page),
            words: format!("{} {} [{column}] {value}", table.id, row.key()),
        })
    }

    fn fact(key: &str, fact: &Fact) -> Printed {
        Printed {
            table: "narrative".into(),
            row: key.into(),
            column: "value".into(),
            value: fact.value,
            unit: yuan(&fact.unit),
            page: fact.page.unwrap_or(0),
            words: format!("{key} “{}”", fact.evidence),
        }
    }

    /// Half the last digit it is printed to, in `unit`.
    fn half_digit(&self, unit: Option<Decimal>) -> Amount {
        convert(Decimal::new(5, self.value.scale() + 1), self.unit, unit)
    }
}

/// `stated` (what one filing says) against `printed` (what the other
/// printed), in the printed amount's unit; the check names the printed cell
/// and the page of the statement.
fn judge(printed: &Printed, stated: &Printed, detail: String) -> Check {
    let actual = convert(stated.value, stated.unit, printed.unit);
    let allowance = rounding_allowance(1, HALF_CENT).max(stated.half_digit(printed.unit));
    let mut check = verdict(
        Rule::CrossFiling,
        &printed.table,
        printed.row.clone(),
        &printed.column,
        stated.page,
        printed.value,
        actual,
        allowance,
        format!("{detail}: {} = {}", stated.words, printed.words),
    );
    if check.status == Status::Fail && detail.contains(said(Basis::Unsaid)) {
        check
            .detail
            .push_str(" (an adjusted budget would differ too)");
    }
    check
}

fn total_cell(record: &Record, id: &str, column: &str) -> Option<Printed> {
    let t = table(record, id)?;
    Printed::cell(t, t.by_item(None, "合计")?, column)
}

fn income_line(record: &Record, id: &str, item: &str, column: &str) -> Option<Printed> {
    let t = table(record, id)?;
    Printed::cell(t, t.by_item(Some(Side::Income), item)?, column)
}

fn budget_fact(budget: &Record, key: &str) -> Option<Printed> {
    budget.facts.get(key).map(|f| Printed::fact(key, f))
}

/// Where a budget prints what final accounts call its 年初预算: each
/// reading the budget's tables or narrative give. Budgets differ in what
/// their 一般公共预算 tables hold (当年拨款 alone, or with 上年结转, or all
/// 财政拨款); the reading the statement agrees with best is the one it
/// restates, and the check's `detail` names it.
fn readings(budget: &Record, key: &str) -> Vec<Printed> {
    let found = match key {
        "general_budget.initial_budget" => vec![
            total_cell(budget, "budget_general_expenditure", "合计"),
            income_line(
                budget,
                "budget_fiscal_summary",
                "一般公共预算拨款",
                "预算数",
            ),
            with_carry_over(budget),
            total_cell(budget, "budget_income", "一般公共预算拨款收入"),
            budget_fact(budget, "general_budget.budget"),
        ],
        "three_public.budget" => vec![
            total_cell(budget, "budget_three_public", "预算数"),
            budget_fact(budget, "three_public.budget"),
        ],
        _ => Vec::new(),
    };
    found.into_iter().flatten().collect()
}

/// 一般公共预算拨款 with its 上年结转, from the budget's 财政拨款收支总表.
fn with_carry_over(budget: &Record) -> Option<Printed> {
    let id = "budget_fiscal_summary";
    let now = income_line(budget, id, "一般公共预算拨款", "预算数")?;
    let carried = income_line(budget, id, "上年结转/一般公共预算拨款", "预算数")?;
    Some(Printed {
        row: format!("{}+{}", now.row, carried.row),
        value: now.value + carried.value,
        words: format!("{} + {}", now.words, carried.words),
        ..now
    })
}

fn rank(status: Status) -> u8 {
    match status {
        Status::Pass => 0,
        Status::Rounding => 1,
        _ => 2,
    }
}

/// Final accounts against the same year's budget.
pub fn budget_final(budget: &Record, last: &Record, notes: &mut Vec<String>) -> Vec<Check> {
    let mut out = Vec::new();
    // Narrative statements of the 年初预算.
    for key in ["general_budget.initial_budget", "three_public.budget"] {
        let Some(fact) = last.facts.get(key) else {
            continue;
        };
        let basis = basis(&fact.evidence);
        if basis == Basis::Adjusted {
            notes.push(format!(
                "final accounts' {key} is an adjusted budget (“{}”): not compared with the budget's 年初预算",
                fact.evidence
            ));
            continue;
        }
        let stated = Printed::fact(key, fact);
        let detail = format!("final's {} = budget's 预算数", said(basis));
        let best = readings(budget, key)
            .iter()
            .map(|printed| judge(printed, &stated, detail.clone()))
            .min_by_key(|c| rank(c.status));
        out.extend(best);
    }
    // The final's “三公” table prints its 预算数 beside the 决算数.
    if let (Some(b), Some(f)) = (
        table(budget, "budget_three_public"),
        table(last, "three_public"),
    ) {
        for row in &f.rows {
            let Some(item) = row.item.as_deref() else {
                continue;
            };
            let (Some(stated), Some(printed)) = (
                Printed::cell(f, row, "预算数"),
                b.by_item(None, item)
                    .and_then(|r| Printed::cell(b, r, "预算数")),
            ) else {
                continue;
            };
            let detail = format!("final's “三公” {}", said(Basis::Unsaid));
            out.push(judge(&printed, &stated, detail));
        }
    }
    // A final table's own 年初预算 columns (printed paths such as
    // `年初预算数/基本支出`), by code, against the budget's.
    if let (Some(b), Some(f)) = (
        table(budget, "budget_general_expenditure"),
        table(last, "general_budget_expenditure"),
    ) {
        let mut columns: Vec<&String> = f.rows.iter().flat_map(|r| r.values.keys()).collect();
        columns.sort();
        columns.dedup();
        for column in columns.into_iter().filter(|c| c.contains("预算")) {
            match basis(column) {
                Basis::Initial => {}
                Basis::Adjusted => {
                    notes.push(format!(
                        "general_budget_expenditure [{column}] is an adjusted budget: not compared with the budget's 年初预算"
                    ));
                    continue;
                }
                Basis::Unsaid => continue,
            }
            let budget_column = ["基本支出", "项目支出"]
                .into_iter()
                .find(|c| column.contains(c))
                .unwrap_or("合计");
            for row in &f.rows {
                let other = match row.code.as_deref() {
                    Some(code) => b.by_code(code),
                    None => row.item.as_deref().and_then(|i| b.by_item(None, i)),
                };
                let (Some(stated), Some(printed)) = (
                    Printed::cell(f, row, column),
                    other.and_then(|r| Printed::cell(b, r, budget_column)),
                ) else {
                    continue;
                };
                out.push(judge(
                    &printed,
                    &stated,
                    "final's 年初预算 = budget's 预算数".into(),
                ));
            }
        }
    }
    out
}

/// A change on the year before a narrative states.
struct Change {
    /// The fact stating it, and the one stating it in %.
    fact: &'static str,
    pct: Option<&'static str>,
    /// The fact stating the total it is the change of.
    total: &'static str,
    /// The table, side and rows that may print that total (决算数).
    table: &'static str,
    side: Option<Side>,
    items: &'static [&'static str],
}

const CHANGES: [Change; 3] = [
    Change {
        fact: "totals.grand_total_change",
        pct: Some("totals.grand_total_change_pct"),
        total: "totals.grand_total",
        table: "income_expenditure_summary",
        side: Some(Side::Income),
        items: &["总计", "本年收入合计"],
    },
    Change {
        fact: "totals.fiscal_grand_total_change",
        pct: Some("totals.fiscal_grand_total_change_pct"),
        total: "totals.fiscal_grand_total",
        table: "fiscal_summary",
        side: Some(Side::Income),
        items: &["总计"],
    },
    Change {
        fact: "three_public.change",
        pct: None,
        total: "three_public.final",
        table: "three_public",
        side: None,
        items: &["合计"],
    },
];

/// A year's final accounts against the year before's: each stated change
/// (and its percentage) against the two printed totals.
pub fn final_final(previous: &Record, last: &Record) -> Vec<Check> {
    let mut out = Vec::new();
    let column = "决算数";
    for Change {
        fact: key,
        pct: pct_key,
        total: total_key,
        table: id,
        side,
        items,
    } in CHANGES
    {
        let Some(change) = last.facts.get(key) else {
            continue;
        };
        // A change against the year's budget is no change on the year before.
        if change.evidence.contains("预算") {
            continue;
        }
        let (Some(now), Some(then)) = (table(last, id), table(previous, id)) else {
            continue;
        };
        // The line the narrative's total names: the one its stated total
        // equals (some call 本年收入合计 收入总计), else the first.
        let stated_total = last.facts.get(total_key);
        let row = items
            .iter()
            .filter_map(|item| now.by_item(side, item))
            .find(|r| {
                stated_total.is_some_and(|f| {
                    r.get(column)
                        == Some(convert(
                            f.value,
                            yuan(&f.unit),
                            now.unit.as_deref().and_then(yuan),
                        ))
                })
            })
            .or_else(|| items.iter().find_map(|item| now.by_item(side, item)));
        let Some(row) = row else { continue };
        let item = row.item.as_deref().unwrap_or_default();
        let Some(earlier) = then.by_item(side, item) else {
            continue;
        };
        let (Some(a), Some(b)) = (
            Printed::cell(then, earlier, column),
            Printed::cell(now, row, column),
        ) else {
            continue;
        };
        let b_value = convert(b.value, b.unit, a.unit);
        let delta = b_value - a.value;
        let stated = Printed::fact(key, change);
        let years = (
            previous.filing.year.unwrap_or_default(),
            last.filing.year.unwrap_or_default(),
        );
        let printed = Printed {
            column: "比上年增减".into(),
            value: delta,
            words: format!(
                "{} {} [{column}] {} {b_value} − {} {}",
                a.table, a.row, years.1, years.0, a.value
            ),
            ..a.clone()
        };
        let stated_delta = convert(stated.value, stated.unit, a.unit);
        out.push(judge(&printed, &stated, "change on the year before".into()));
        let Some(pct) = pct_key.and_then(|k| last.facts.get(k).map(|f| (k, f))) else {
            continue;
        };
        if a.value.is_zero() {
            continue;
        }
        // Rounded as printed; one last digit off is rounding (as the
        // narrative's own percentages are judged). The change is read as
        // the two totals give it and as the narrative states it, and the
        // better reading counts: a wrong change is reported once, by its
        // own check, not again by the percentage built on it.
        let scale = pct.1.value.scale();
        let stated = Printed::fact(pct.0, pct.1);
        let check = [delta, stated_delta]
            .into_iter()
            .map(|change| {
                let expected = (change / a.value * Decimal::ONE_HUNDRED)
                    .round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero);
                verdict(
                    Rule::CrossFiling,
                    &a.table,
                    a.row.clone(),
                    "比上年增减%",
                    stated.page,
                    expected,
                    pct.1.value,
                    Decimal::new(1, scale),
                    format!(
                        "change on the year before in %: {} = {change} / {} {} × 100",
                        stated.words, years.0, a.value
                    ),
                )
            })
            .min_by_key(|c| rank(c.status));
        out.extend(check);
    }
    out
}
