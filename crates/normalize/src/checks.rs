//! The checks of `SCHEMA.md` "Checks": every identity a filing's tables,
//! printed notes, narrative and 绩效自评表 promise, recomputed from the
//! printed numbers and reported with both sides.
//!
//! A check runs only when the rows it needs were extracted; a blank cell in
//! an existing row counts as 0. Filings round every printed amount on its
//! own, so an identity off by no more than that rounding can explain is
//! `rounding` (see [`rounding_allowance`]).

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::facts::narrative::Narrative;
use crate::model::{self, Amount, Check, Fact, Performance, Row, Rule, Side, Status, Table};

mod arithmetic;
mod completeness;
mod cross_table;
mod direction;
mod narrative;
pub use narrative::{convert, yuan};
mod narrative_lines;
mod notes;
mod performance;
mod statement;
mod wording;

/// Every check of one filing (`read`: what reading its tables reported),
/// in a stable order: per table as printed, then
/// across tables, the narrative (its fact keys, then, given the running
/// text, the other amounts it restates, its comparison words and the
/// arithmetic it implies), the 绩效自评表, and the reader's checks of the
/// filing as a whole (completeness, years, wording).
pub fn run(
    about: &model::Filing,
    tables: &[Table],
    facts: &BTreeMap<String, Fact>,
    performance: &[Performance],
    narrative: Option<&Narrative>,
    read: &[model::Diagnostic],
) -> Vec<Check> {
    // A table printed empty counts as zeros: its lines, every cell 0.
    let zeros: Vec<Table> = tables
        .iter()
        .filter(|t| completeness::printed_empty(t, read))
        .map(zero_filled)
        .collect();
    let filing = Filing::new(tables, &zeros);
    let mut out = Vec::new();
    for table in tables.iter().filter(|t| !t.empty) {
        table_checks(table, &mut out);
    }
    cross_table::run(&filing, &mut out);
    let stated = out.len();
    narrative::run(&filing, facts, &mut out);
    let template = narrative.is_some_and(crate::facts::is_template);
    if let Some(text) = narrative.filter(|_| !template) {
        let reading = statement::Reading::new(text);
        narrative_lines::run(&filing, text, &reading, &mut out);
        direction::run(&filing, text, &reading, &mut out);
        arithmetic::run(&filing, (text, &reading), performance, &mut out);
        wording::run(about, tables, text, &reading, &mut out);
    }
    for check in &mut out[stated..] {
        place_evidence(check, facts, narrative);
    }
    performance::run(performance, &mut out);
    if !template {
        completeness::run(about, tables, narrative, read, &mut out);
    }
    out
}

/// A narrative check placed where its evidence was printed: the statement
/// of the fact its detail names first (`totals.income ≠ …`), or the
/// sentence it quotes after `: ` (`201 share %: 一般公共服务支出…`).
fn place_evidence(check: &mut Check, facts: &BTreeMap<String, Fact>, text: Option<&Narrative>) {
    let detail = check.detail.as_str();
    let fact = detail
        .split(' ')
        .next()
        .and_then(|key| facts.get(key))
        .and_then(|f| f.at);
    let quoted = || {
        let (_, quote) = detail.split_once(": ")?;
        text?.locate(quote)
    };
    check.at = check.at.or(fact).or_else(quoted);
}

/// An empty table as the checks read it: its 合计 line (and the “三公”
/// items), every cell blank, so 0.
fn zero_filled(table: &Table) -> Table {
    let items: &[&str] = match table.id.as_str() {
        "three_public" | "budget_three_public" => &[
            "合计",
            "因公出国（境）费",
            "公务用车购置及运行维护费",
            "公务用车购置费",
            "公务用车运行维护费",
            "公务接待费",
        ],
        _ => &["合计"],
    };
    let page = table.pages.first().copied().unwrap_or(0);
    Table {
        rows: items
            .iter()
            .map(|item| Row {
                item: Some(item.to_string()),
                page,
                ..Row::default()
            })
            .collect(),
        ..table.clone()
    }
}

/// The tables the checks read, looked up by canonical id: those that carry
/// data, and the empty ones as zeros.
struct Filing<'a> {
    tables: Vec<&'a Table>,
}

impl<'a> Filing<'a> {
    fn new(tables: &'a [Table], zeros: &'a [Table]) -> Self {
        Filing {
            tables: tables
                .iter()
                .filter(|t| !t.empty && !t.rows.is_empty())
                .chain(zeros)
                .collect(),
        }
    }

    fn table(&self, id: &str) -> Option<&'a Table> {
        self.tables.iter().copied().find(|t| t.id == id)
    }

    fn row(&self, at: &RowRef) -> Option<(&'a Table, &'a Row)> {
        let table = self.table(at.table)?;
        Some((table, at.key.find(table, at.side)?))
    }
}

/// How a row is named in an identity: by canonical item or by code.
#[derive(Debug, Clone)]
enum Key {
    Item(&'static str),
    Code(String),
}

impl Key {
    fn find<'a>(&self, table: &'a Table, side: Option<Side>) -> Option<&'a Row> {
        match self {
            Key::Item(item) => table.by_item(side, item),
            Key::Code(code) => table
                .rows
                .iter()
                .find(|r| r.side == side && r.code.as_deref() == Some(code)),
        }
    }
}

/// A row of a named table.
#[derive(Debug, Clone)]
struct RowRef {
    table: &'static str,
    side: Option<Side>,
    key: Key,
}

impl RowRef {
    fn item(table: &'static str, side: Option<Side>, item: &'static str) -> Self {
        RowRef {
            table,
            side,
            key: Key::Item(item),
        }
    }

    fn code(table: &'static str, side: Option<Side>, code: &str) -> Self {
        RowRef {
            table,
            side,
            key: Key::Code(code.into()),
        }
    }
}

const CENT: Amount = Decimal::from_parts(1, 0, 0, false, 2);
/// Half a cent: what rounding a figure printed to the cent can hide.
pub const HALF_CENT: Amount = Decimal::from_parts(5, 0, 0, false, 3);
const HALF_YUAN: Amount = Decimal::from_parts(5, 0, 0, false, 1);

/// What rounding can explain in a total of `summands` printed amounts, each
/// rounded to within `half_digit`: that much for each summand and for the
/// total, and as much again for a total itself summed from rounded
/// sub-totals. (A flat cent per summand would pass Wuhan's 302, ten cents
/// off over twelve items.)
pub fn rounding_allowance(summands: usize, half_digit: Amount) -> Amount {
    half_digit * Decimal::from(summands.max(1) + 2)
}

/// The printed cell an identity is about.
#[derive(Clone, Copy)]
struct Target<'a> {
    table: &'a Table,
    row: &'a Row,
    column: &'a str,
}

/// Whether any row of the table prints this column (variants omit some).
fn prints(table: &Table, column: &str) -> bool {
    table.rows.iter().any(|r| r.values.contains_key(column))
}

/// A printed cell's value; a blank in an existing row is 0.
fn value(row: &Row, column: &str) -> Amount {
    row.get(column).unwrap_or_default()
}

/// A reader's finding about the printed words or the filing's make-up
/// (a missing table, a placeholder): no amounts, always a failure.
fn finding(
    rule: Rule,
    (table, row, column): (&str, String, &str),
    detail: String,
    page: Option<u32>,
) -> Check {
    Check {
        rule,
        table: table.into(),
        row,
        column: column.into(),
        expected: Amount::ZERO,
        actual: Amount::ZERO,
        diff: Amount::ZERO,
        status: Status::Fail,
        detail,
        page,
        at: None,
    }
}

/// Judges `actual` against `expected` allowing `allowance` of rounding.
#[allow(clippy::too_many_arguments)]
pub fn verdict(
    rule: Rule,
    table: &str,
    row: String,
    column: &str,
    page: u32,
    expected: Amount,
    actual: Amount,
    allowance: Amount,
    detail: String,
) -> Check {
    let diff = actual - expected;
    let status = if diff.is_zero() {
        Status::Pass
    } else if diff.abs() <= allowance {
        Status::Rounding
    } else {
        Status::Fail
    };
    Check {
        rule,
        table: table.into(),
        row,
        column: column.into(),
        expected,
        actual,
        diff,
        status,
        detail,
        page: (page > 0).then_some(page),
        at: None,
    }
}

/// The target cell against the sum of signed `terms`. Only non-zero terms
/// carry rounding; a table in 元 whose figures are all whole rounds to the
/// 元, any other to the cent.
fn judge(rule: Rule, target: Target, terms: &[Amount], detail: String) -> Check {
    let actual = value(target.row, target.column);
    let summands = terms.iter().filter(|t| !t.is_zero()).count();
    let whole_yuan = target.table.unit.as_deref() == Some("元")
        && terms.iter().chain([&actual]).all(|a| a.scale() == 0);
    let half_digit = if whole_yuan { HALF_YUAN } else { HALF_CENT };
    verdict(
        rule,
        &target.table.id,
        target.row.key(),
        target.column,
        target.row.page,
        terms.iter().sum(),
        actual,
        rounding_allowance(summands, half_digit),
        detail,
    )
}

/// A total row against the sum of `plus` less `minus` rows, in every column
/// any of them prints.
fn rows_sum(
    rule: Rule,
    table: &Table,
    total: &Row,
    (plus, minus): (&[&Row], &[&Row]),
    detail: &str,
    out: &mut Vec<Check>,
) {
    let involved = std::iter::once(total).chain(plus.iter().chain(minus).copied());
    for column in columns(involved) {
        let terms: Vec<Amount> = plus
            .iter()
            .map(|r| value(r, column))
            .chain(minus.iter().map(|r| -value(r, column)))
            .collect();
        let target = Target {
            table,
            row: total,
            column,
        };
        out.push(judge(rule, target, &terms, detail.to_string()));
    }
}

fn rank(status: Status) -> u8 {
    match status {
        Status::Pass => 0,
        Status::Rounding => 1,
        Status::Fail => 2,
        Status::Unverified => 1,
    }
}

/// Judges the target against each reading of its terms and keeps the best:
/// a misprinted class total is reported once, by `hierarchy`, not again by
/// every identity built on it.
fn judge_readings(rule: Rule, target: Target, readings: &[Vec<Amount>], detail: &str) -> Check {
    readings
        .iter()
        .map(|terms| judge(rule, target, terms, detail.to_string()))
        .min_by_key(|c| rank(c.status))
        .expect("at least one reading")
}

/// The columns any of these rows prints an amount in: rates (`增减(%)`,
/// `执行率`) do not add up over rows.
fn columns<'a>(rows: impl IntoIterator<Item = &'a Row>) -> BTreeSet<&'a str> {
    rows.into_iter()
        .flat_map(|r| r.values.keys().map(String::as_str))
        .filter(|c| !["%", "率", "幅"].iter().any(|w| c.contains(w)))
        .collect()
}

/// A row keyed by a classification code (not a summary-table line).
fn code(row: &Row) -> Option<&str> {
    row.code.as_deref().filter(|_| row.side.is_none())
}

/// The rows one level below `parent` in a classification: 类 → 款 → 项
/// (3 → 5 → 7 digits; economic 类 → 款 is 3 → 5).
fn children<'a>(table: &'a Table, parent: &str) -> Vec<&'a Row> {
    table
        .rows
        .iter()
        .filter(|r| code(r).is_some_and(|c| c.len() == parent.len() + 2 && c.starts_with(parent)))
        .collect()
}

/// A summary line that is a functional 类: the 款 and 项 lines some
/// summaries print under it (with their codes) are its breakdown.
fn class_line(row: &Row) -> bool {
    row.side.is_some() && row.code.as_deref().is_some_and(|c| c.len() == 3)
}

fn classes(table: &Table) -> impl Iterator<Item = &Row> {
    table
        .rows
        .iter()
        .filter(|r| code(r).is_some_and(|c| c.len() == 3))
}

/// A class row's amount in a column, as printed and as the sum of its
/// printed children (where it has any).
fn class_readings(table: &Table, class: &Row, column: &str) -> [Amount; 2] {
    let printed = value(class, column);
    let kids = children(table, code(class).unwrap_or_default());
    let summed = if kids.is_empty() {
        printed
    } else {
        kids.iter().map(|k| value(k, column)).sum()
    };
    [printed, summed]
}

/// The identities of one table: its column sums, class hierarchy and totals.
fn table_checks(table: &Table, out: &mut Vec<Check>) {
    let printed = notes::parse(&table.notes);
    // Identities printed under the table replace the assumed ones, where
    // they can be read against it: its columns, its rows' 行次.
    let mut column_sums = notes::column_sums(&table.id, &printed.columns);
    if column_sums.is_empty() {
        column_sums = builtin_column_sums(&table.id);
    }
    for sum in &column_sums {
        column_sum(table, sum, out);
    }
    let by_line = !printed.lines.is_empty() && table.rows.iter().any(|r| r.line.is_some());
    for sum in item_sums(&table.id)
        .iter()
        .filter(|s| s.rule != Rule::Total || !by_line)
    {
        item_sum(table, sum, out);
    }
    hierarchy(table, out);
    staff_and_office_costs(table, out);
    balance(table, out);
    if by_line {
        for identity in &printed.lines {
            notes::line_sum(table, identity, out);
        }
    } else {
        totals(table, out);
    }
}

/// A column printed as the signed sum of other columns of the same row.
struct ColumnSum {
    total: &'static str,
    plus: Vec<&'static str>,
    minus: Vec<&'static str>,
    detail: String,
}

impl ColumnSum {
    fn new(total: &'static str, plus: &[&'static str], minus: &[&'static str]) -> Self {
        let mut detail = format!("{total} = {}", plus.join(" + "));
        for m in minus {
            detail.push_str(" − ");
            detail.push_str(m);
        }
        ColumnSum {
            total,
            plus: plus.to_vec(),
            minus: minus.to_vec(),
            detail,
        }
    }
}

/// The printed column order of each coded table (栏次 1, 2, …).
fn column_order(table: &str) -> &'static [&'static str] {
    match table {
        "income" => &[
            "本年收入合计",
            "财政拨款收入",
            "上级补助收入",
            "事业收入",
            "经营收入",
            "附属单位上缴收入",
            "其他收入",
        ],
        "expenditure" => &[
            "本年支出合计",
            "基本支出",
            "项目支出",
            "上缴上级支出",
            "经营支出",
            "对附属单位补助支出",
        ],
        "general_budget_expenditure"
        | "budget_general_expenditure"
        | "budget_government_fund"
        | "budget_state_capital" => &["合计", "基本支出", "项目支出"],
        "budget_income" => &[
            "合计",
            "上年结转",
            "一般公共预算拨款收入",
            "政府性基金预算拨款收入",
            "国有资本经营预算拨款收入",
            "财政专户管理资金收入",
            "事业收入",
            "事业单位经营收入",
            "上级补助收入",
            "附属单位上缴收入",
            "其他收入",
        ],
        "budget_expenditure" => &[
            "合计",
            "基本支出",
            "项目支出",
            "上缴上级支出",
            "事业单位经营支出",
            "对附属单位补助支出",
        ],
        "budget_general_basic_expenditure" => &["合计", "人员经费", "公用经费"],
        "government_fund" | "state_capital" => FUND_COLUMNS,
        _ => &[],
    }
}

const FUND_COLUMNS: &[&str] = &[
    "年初结转和结余",
    "本年收入",
    "本年支出/小计",
    "本年支出/基本支出",
    "本年支出/项目支出",
    "年末结转和结余",
];

/// The column sums a table's structure implies where it prints none.
fn builtin_column_sums(table: &str) -> Vec<ColumnSum> {
    match table {
        "income"
        | "expenditure"
        | "general_budget_expenditure"
        | "budget_income"
        | "budget_expenditure"
        | "budget_general_expenditure"
        | "budget_general_basic_expenditure"
        | "budget_government_fund"
        | "budget_state_capital" => {
            let order = column_order(table);
            vec![ColumnSum::new(order[0], &order[1..], &[])]
        }
        "government_fund" | "state_capital" => vec![
            ColumnSum::new(FUND_COLUMNS[2], &FUND_COLUMNS[3..5], &[]),
            ColumnSum::new(FUND_COLUMNS[5], &FUND_COLUMNS[..2], &FUND_COLUMNS[2..3]),
        ],
        "fiscal_summary" => vec![ColumnSum::new(
            "合计",
            &[
                "一般公共预算财政拨款",
                "政府性基金预算财政拨款",
                "国有资本经营预算财政拨款",
            ],
            &[],
        )],
        "budget_fiscal_summary" => vec![ColumnSum::new(
            "合计",
            &["一般公共预算", "政府性基金预算", "国有资本经营预算"],
            &[],
        )],
        _ => Vec::new(),
    }
}

/// Checks a column sum on every row that prints any of its columns, in a
/// table that prints its total column at all (variants omit some), and
/// no column that could be one more part of it (a column under a name no
/// canonical key fits, other than a `其中` part or a comparison).
fn column_sum(table: &Table, sum: &ColumnSum, out: &mut Vec<Check>) {
    if !prints(table, sum.total) {
        return;
    }
    let a = crate::aliases::get();
    let known = |c: &str| {
        a.table(&table.id).is_none_or(|t| t.columns.contains(&c))
            || c.contains("其中")
            || a.is_extra_column(&table.id, c)
    };
    if table
        .rows
        .iter()
        .flat_map(|r| r.values.keys())
        .any(|c| !known(c))
    {
        return;
    }
    if !sum.plus.iter().chain(&sum.minus).any(|c| prints(table, c)) {
        return;
    }
    let involved = || {
        std::iter::once(&sum.total)
            .chain(&sum.plus)
            .chain(&sum.minus)
    };
    for row in &table.rows {
        if !involved().any(|c| row.values.contains_key(*c)) {
            continue;
        }
        let terms: Vec<Amount> = sum
            .plus
            .iter()
            .map(|c| value(row, c))
            .chain(sum.minus.iter().map(|c| -value(row, c)))
            .collect();
        let target = Target {
            table,
            row,
            column: sum.total,
        };
        out.push(judge(Rule::RowSum, target, &terms, sum.detail.clone()));
    }
}

/// A row printed as the sum of other rows, column by column. Each part is a
/// list of the names the same line goes by (the first present one counts).
struct ItemSum {
    rule: Rule,
    side: Option<Side>,
    total: &'static str,
    parts: &'static [&'static [&'static str]],
}

fn item_sums(table: &str) -> &'static [ItemSum] {
    const THREE_PUBLIC: &[ItemSum] = &[
        ItemSum {
            rule: Rule::RowSum,
            side: None,
            total: "合计",
            parts: &[
                &["因公出国（境）费"],
                &["公务用车购置及运行维护费"],
                &["公务接待费"],
            ],
        },
        ItemSum {
            rule: Rule::RowSum,
            side: None,
            total: "公务用车购置及运行维护费",
            parts: &[&["公务用车购置费"], &["公务用车运行维护费"]],
        },
    ];
    const SUMMARY: &[ItemSum] = &[
        ItemSum {
            rule: Rule::Total,
            side: Some(Side::Income),
            total: "总计",
            parts: &[
                &["本年收入合计"],
                &[
                    "使用非财政拨款结余",
                    "使用非财政拨款结余（含专用结余）",
                    "用事业基金弥补收支差额",
                ],
                &["年初结转和结余"],
            ],
        },
        ItemSum {
            rule: Rule::Total,
            side: Some(Side::Expenditure),
            total: "总计",
            parts: &[&["本年支出合计"], &["结余分配"], &["年末结转和结余"]],
        },
    ];
    const FISCAL: &[ItemSum] = &[
        ItemSum {
            rule: Rule::Total,
            side: Some(Side::Income),
            total: "总计",
            parts: &[&["本年收入合计"], &["年初财政拨款结转和结余"]],
        },
        ItemSum {
            rule: Rule::Total,
            side: Some(Side::Expenditure),
            total: "总计",
            parts: &[&["本年支出合计"], &["年末财政拨款结转和结余"]],
        },
    ];
    const BUDGET_SUMMARY: &[ItemSum] = &[
        ItemSum {
            rule: Rule::Total,
            side: Some(Side::Income),
            total: "总计",
            parts: &[&["本年收入合计"], &["使用非财政拨款结余"], &["上年结转"]],
        },
        ItemSum {
            rule: Rule::Total,
            side: Some(Side::Expenditure),
            total: "总计",
            parts: &[&["本年支出合计"], &["结转下年"]],
        },
    ];
    const BUDGET_FISCAL: &[ItemSum] = &[
        ItemSum {
            rule: Rule::Total,
            side: Some(Side::Income),
            total: "总计",
            parts: &[&["本年收入"], &["上年结转"]],
        },
        ItemSum {
            rule: Rule::Total,
            side: Some(Side::Income),
            total: "本年收入",
            parts: &[
                &["一般公共预算拨款"],
                &["政府性基金预算拨款"],
                &["国有资本经营预算拨款"],
            ],
        },
        ItemSum {
            rule: Rule::Total,
            side: Some(Side::Expenditure),
            total: "总计",
            parts: &[&["本年支出"], &["结转下年"]],
        },
    ];
    match table {
        "three_public" | "budget_three_public" => THREE_PUBLIC,
        "income_expenditure_summary" => SUMMARY,
        "fiscal_summary" => FISCAL,
        "budget_summary" => BUDGET_SUMMARY,
        "budget_fiscal_summary" => BUDGET_FISCAL,
        _ => &[],
    }
}

/// Checks an item sum where the total and every part were extracted.
fn item_sum(table: &Table, sum: &ItemSum, out: &mut Vec<Check>) {
    let Some(total) = table.by_item(sum.side, sum.total) else {
        return;
    };
    let parts: Option<Vec<&Row>> = sum
        .parts
        .iter()
        .map(|names| names.iter().find_map(|n| table.by_item(sum.side, n)))
        .collect();
    let Some(parts) = parts else { return };
    let names: Vec<&str> = parts
        .iter()
        .map(|p| p.item.as_deref().unwrap_or_default())
        .collect();
    let detail = format!("{} = {}", sum.total, names.join(" + "));
    rows_sum(sum.rule, table, total, (&parts, &[]), &detail, out);
}

/// 类 = Σ 款 = Σ 项, and 301 = Σ 301xx, wherever the children are printed.
fn hierarchy(table: &Table, out: &mut Vec<Check>) {
    // A code printed on several rows (a 部门 class listed once per 政府
    // class beside it) is no one row to sum: its identities are not checked.
    let mut seen = BTreeSet::new();
    let repeated: BTreeSet<&str> = table
        .rows
        .iter()
        .filter_map(code)
        .filter(|c| !seen.insert(*c))
        .collect();
    for row in &table.rows {
        let Some(parent) = code(row).filter(|c| c.len() == 3 || c.len() == 5) else {
            continue;
        };
        let kids = children(table, parent);
        if kids.is_empty()
            || repeated.contains(parent)
            || unplaced_under(table, row)
            || kids
                .iter()
                .filter_map(|k| code(k))
                .any(|k| repeated.contains(k))
        {
            continue;
        }
        let detail = format!("{parent} = Σ {parent}xx");
        rows_sum(Rule::Hierarchy, table, row, (&kids, &[]), &detail, out);
    }
}

/// Whether a row printed among `parent`'s children has no code (a name the
/// reference does not know, in a table without codes): the printed
/// children are then not all of them.
fn unplaced_under(table: &Table, parent: &Row) -> bool {
    let Some(code) = code(parent) else {
        return false;
    };
    table
        .rows
        .iter()
        .skip_while(|r| !std::ptr::eq(*r, parent))
        .skip(1)
        .take_while(|r| {
            r.code
                .as_deref()
                .is_none_or(|c| c.len() > code.len() && c.starts_with(code))
        })
        .any(|r| r.code.is_none() && !r.item.as_deref().is_some_and(|i| i.ends_with("合计")))
}

/// 人员经费合计 = 301 + 303 and 公用经费合计 = the other economic classes,
/// in the 基本支出 table.
fn staff_and_office_costs(table: &Table, out: &mut Vec<Check>) {
    if table.id != "general_budget_basic_expenditure" {
        return;
    }
    let is_staff = |r: &Row| matches!(code(r), Some("301" | "303"));
    let staff: Vec<&Row> = classes(table).filter(|r| is_staff(r)).collect();
    let office: Vec<&Row> = classes(table).filter(|r| !is_staff(r)).collect();
    for (item, group) in [("人员经费合计", staff), ("公用经费合计", office)] {
        let Some(total) = table.by_item(None, item) else {
            continue;
        };
        if group.is_empty() {
            continue;
        }
        let codes: Vec<&str> = group.iter().filter_map(|r| code(r)).collect();
        let detail = format!("{item} = {}", codes.join(" + "));
        sum_of_classes(table, total, &group, &detail, out);
    }
}

/// A total row against a set of class rows, column by column, on either
/// reading of the classes.
fn sum_of_classes(table: &Table, total: &Row, group: &[&Row], detail: &str, out: &mut Vec<Check>) {
    for column in columns(std::iter::once(total).chain(group.iter().copied())) {
        let readings: Vec<Vec<Amount>> = (0..2)
            .map(|reading| {
                group
                    .iter()
                    .map(|c| class_readings(table, c, column)[reading])
                    .collect()
            })
            .collect();
        let target = Target {
            table,
            row: total,
            column,
        };
        out.push(judge_readings(Rule::Total, target, &readings, detail));
    }
}

/// Lines of a summary table that are not ordinary income or class lines.
const INCOME_TOTALS: &[&str] = &[
    "本年收入合计",
    "总计",
    "年初结转和结余",
    "年初财政拨款结转和结余",
    "上年结转",
    "本年收入",
];
const EXPENDITURE_TOTALS: &[&str] = &[
    "本年支出合计",
    "总计",
    "结余分配",
    "年末结转和结余",
    "年末财政拨款结转和结余",
    "结转下年",
    "本年支出",
];

/// An ordinary line of a summary table's side: an income source or a
/// functional class, not a total, carry-over or nested breakdown line.
fn is_line(row: &Row, side: Side) -> bool {
    let Some(item) = row.item.as_deref() else {
        return row.side == Some(side);
    };
    let totals = match side {
        Side::Income => INCOME_TOTALS,
        Side::Expenditure => EXPENDITURE_TOTALS,
    };
    row.side == Some(side)
        && !totals.contains(&item)
        && !item.contains('/')
        && !item.starts_with("使用非财政拨款结余")
        && !item.starts_with("用事业基金弥补")
        // `其中：…` lines are parts of the line above, not addends.
        && !item.starts_with("其中")
}

/// 合计 and 总计 lines: 合计 = Σ 类 in the coded tables; 本年收入合计 /
/// 本年支出合计 = Σ lines and the carry-over breakdown in the summary tables.
fn totals(table: &Table, out: &mut Vec<Check>) {
    match table.id.as_str() {
        "income_expenditure_summary" | "fiscal_summary" => {
            lines_total(
                table,
                Side::Income,
                "本年收入合计",
                |r| is_line(r, Side::Income),
                out,
            );
            lines_total(
                table,
                Side::Expenditure,
                "本年支出合计",
                |r| is_line(r, Side::Expenditure),
                out,
            );
            let nested = |r: &Row| {
                r.item
                    .as_deref()
                    .is_some_and(|i| i.starts_with("年初财政拨款结转和结余/"))
            };
            lines_total(table, Side::Income, "年初财政拨款结转和结余", nested, out);
        }
        "budget_summary" => {
            for (side, total) in [
                (Side::Income, "本年收入合计"),
                (Side::Expenditure, "本年支出合计"),
            ] {
                // Where lines are printed with ordinals (一、财政拨款) or as
                // classes, the others are their breakdowns (一般公共预算,
                // a 款 under its class), not addends.
                let rank = |r: &Row| {
                    let printed = r.label.as_deref().and_then(ordinal_level);
                    printed.or(class_line(r).then_some(0))
                };
                let level = table
                    .rows
                    .iter()
                    .filter(|r| is_line(r, side))
                    .filter_map(rank)
                    .min();
                let top = |r: &Row| level.is_some_and(|l| rank(r) == Some(l));
                let ranked = level.is_some();
                lines_total(
                    table,
                    side,
                    total,
                    |r| is_line(r, side) && (!ranked || top(r)),
                    out,
                );
            }
        }
        "budget_fiscal_summary" => {
            // 一、本年支出 is printed above its class lines.
            let class = |r: &Row| r.side == Some(Side::Expenditure) && class_line(r);
            if let Some(total) = table.by_item(Some(Side::Expenditure), "本年支出") {
                let group: Vec<&Row> = table.rows.iter().filter(|r| class(r)).collect();
                if !group.is_empty() {
                    rows_sum(
                        Rule::Total,
                        table,
                        total,
                        (&group, &[]),
                        "本年支出 = Σ 类",
                        out,
                    );
                }
            }
            let nested = |r: &Row| {
                r.item
                    .as_deref()
                    .is_some_and(|i| i.starts_with("上年结转/"))
            };
            lines_total(table, Side::Income, "上年结转", nested, out);
        }
        "three_public"
        | "general_budget_basic_expenditure"
        | "budget_three_public"
        | "budget_general_basic_expenditure"
        | "budget_projects"
        | "budget_procurement" => {}
        _ => {
            let Some(total) = table.by_item(None, "合计") else {
                return;
            };
            // A row of amounts the reader could not place (no label, no
            // code: a number wrapped in its cell) leaves the sum unknown.
            if table
                .rows
                .iter()
                .any(|r| r.code.is_none() && r.item.is_none())
            {
                return;
            }
            let group: Vec<&Row> = classes(table).collect();
            if !group.is_empty() {
                sum_of_classes(table, total, &group, "合计 = Σ 类", out);
            }
        }
    }
}

/// The level of a printed label's ordinal: `一、` 0, `（一）` 1, `1.` 2,
/// `（1）` 3; None without one.
fn ordinal_level(label: &str) -> Option<u8> {
    let t = label.trim();
    if crate::text::strip_ordinal(t).len() == t.len() {
        return None;
    }
    let bracket = t.starts_with(['（', '(']);
    let arabic = t
        .trim_start_matches(['（', '('])
        .starts_with(|c: char| c.is_ascii_digit());
    Some(match (bracket, arabic) {
        (false, false) => 0,
        (true, false) => 1,
        (false, true) => 2,
        (true, true) => 3,
    })
}

/// A summary-table total line against the sum of the lines `part` selects.
fn lines_total(
    table: &Table,
    side: Side,
    total: &str,
    part: impl Fn(&Row) -> bool,
    out: &mut Vec<Check>,
) {
    let Some(at) = table
        .rows
        .iter()
        .position(|r| r.side == Some(side) && r.item.as_deref() == Some(total))
    else {
        return;
    };
    let row = &table.rows[at];
    // A total printed blank beside parts that are not is a line the reader
    // did not find on its side (a third panel), not a zero.
    if row.values.is_empty() {
        return;
    }
    // 本年收入合计 sums the lines printed above it; a breakdown line
    // (年初…/一般公共预算) sums those printed below it.
    let above = total.starts_with("本年");
    let parts: Vec<&Row> = table
        .rows
        .iter()
        .enumerate()
        .filter(|&(i, r)| (i < at) == above && part(r))
        .map(|(_, r)| r)
        .collect();
    if parts.is_empty() {
        return;
    }
    let detail = format!("{total} = Σ lines");
    rows_sum(Rule::Total, table, row, (&parts, &[]), &detail, out);
}

/// Income 总计 = expenditure 总计 in the summary tables (the expenditure
/// side's first column).
fn balance(table: &Table, out: &mut Vec<Check>) {
    let summary = [
        "income_expenditure_summary",
        "fiscal_summary",
        "budget_summary",
        "budget_fiscal_summary",
    ];
    if !summary.contains(&table.id.as_str()) {
        return;
    }
    let (Some(income), Some(spent)) = (
        table.by_item(Some(Side::Income), "总计"),
        table.by_item(Some(Side::Expenditure), "总计"),
    ) else {
        return;
    };
    // The expenditure side's first column: 合计 where it prints the funds
    // apart, else the one amount column.
    if spent.values.is_empty() || income.values.is_empty() {
        return;
    }
    let columns = ["合计", "决算数", "预算数"];
    let Some(column) = columns
        .into_iter()
        .find(|c| spent.values.contains_key(*c))
        .or_else(|| columns.into_iter().find(|c| prints(table, c)))
    else {
        return;
    };
    let income_column = ["决算数", "预算数"]
        .into_iter()
        .find(|c| income.values.contains_key(*c))
        .unwrap_or("决算数");
    let target = Target {
        table,
        row: spent,
        column,
    };
    out.push(judge(
        Rule::Total,
        target,
        &[value(income, income_column)],
        "expenditure 总计 = income 总计".into(),
    ));
}
