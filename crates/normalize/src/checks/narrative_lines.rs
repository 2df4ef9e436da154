//! Amounts of the 情况说明 beyond the fixed fact keys, against the table
//! cells they restate: the 一般公共预算 class structure, each 类/款/项's
//! 支出决算 and completion rate, the income and expenditure structure and
//! their shares, 人员经费 / 公用经费, the “三公” sub-items and the
//! 政府性基金 sentence.
//!
//! A statement is read only in the section that gives it its subject (the
//! 三公 items under the 三公 heading, …) and only where its subject is
//! named right before the number, after a clause boundary: so a change
//! (`减少 X 万元`), a budget (`预算 X 万元`) or a project (`接警平台人员经费`)
//! is never read as the 决算 of the quantity.
//!
//! An amount check names its cell as the table keys it; a percentage names
//! the cell it is computed from with a suffix: `合计/占比` (a share of the
//! total, `占 X%`), `合计/完成率` / `决算数/完成率` (决算 over budget,
//! `完成年初预算的 X%`). Amounts follow the rounding rules of the fact-key
//! checks (`narrative::restate`); a percentage passes when it is the ratio
//! rounded as printed and is rounding one last digit off.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};
use rust_decimal::{Decimal, RoundingStrategy};

use super::narrative::{convert, restate, yuan};
use super::statement::{Paragraph, Reading, Role, Term};
use super::{rank, value, verdict, Filing};
use crate::aliases;
use crate::facts::narrative::{Narrative, Printed};
use crate::facts::rules::{expand, NUMBER};
use crate::model::{Amount, Check, Row, Rule, Table};
use crate::text::{fold, parse_amount};

/// A statement of table cells: where it is read, how it is worded, and
/// which cell each amount `{amt0}`, `{amt1}`, … restates.
struct Item {
    /// The section or subsection heading holds one of these words…
    section: &'static [&'static str],
    /// …and neither holds any of these.
    not_section: &'static [&'static str],
    /// Words that, earlier in the same sentence, make the statement about
    /// another account (`财政拨款支出 X 万元，其中基本支出 Y 万元`).
    not_after: &'static [&'static str],
    pattern: &'static str,
    table: &'static str,
    row: &'static str,
    columns: &'static [&'static str],
    /// The cell (row, column) a printed share (`占 X%`) of the first amount
    /// is of.
    share_of: Option<(&'static str, &'static str)>,
    /// The columns (决算, 预算) of the row a printed completion rate
    /// (`完成预算的 X%`) divides.
    done_of: Option<(&'static str, &'static str)>,
}

/// Placeholders besides those of `facts::rules`: `{at}` a clause boundary
/// before the subject, `{share}` an optional `,占(本年收入合计的)X%` (not of
/// a budget, not of the year before), `{p}` a share's percentage, `{done}`
/// an optional `,完成预算的X%` and `{q}` its percentage,
/// `{amt0}`…`{amt3}` the amounts.
fn expand_item(pattern: &str) -> String {
    let mut p = pattern
        .replace("{at}", r"(?:^|[,:;。)、]|\d[.、]|安排|其中)")
        .replace("{share}", r"(?:[,(]?占{p})?")
        .replace("{done}", r"(?:,(?:完成|为)(?:年初)?预算(?:数)?的{q})?")
        .replace(
            "{p}",
            &format!(r"(?P<of>[^\d,;。%]{{0,20}}?)(?P<pct>{NUMBER})%"),
        )
        .replace("{q}", &format!(r"(?P<done>{NUMBER})%"));
    for i in 0..4 {
        p = p.replace(
            &format!("{{amt{i}}}"),
            &format!(r"(?P<n{i}>{NUMBER})(?P<u{i}>亿元|万元|千元|元)"),
        );
    }
    expand(&p)
}

/// The department's own income and spending, not the 财政拨款 accounts'.
const OTHER_ACCOUNTS: &[&str] = &["财政拨款", "一般公共预算", "政府性基金", "国有资本", "三公"];
const THREE_PUBLIC: &[&str] = &["三公"];

macro_rules! income {
    ($name:literal) => {
        Item {
            section: &["收入"],
            not_section: OTHER_ACCOUNTS,
            not_after: &[
                "一般公共预算",
                "政府性基金",
                "国有资本",
                "三公",
                "财政拨款收入合计",
                "财政拨款收入总计",
            ],
            pattern: concat!(r"{at}(?P<ev>", $name, r"{is}{amt0}{share})"),
            table: "income",
            row: "合计",
            columns: &[$name],
            share_of: Some(("合计", "本年收入合计")),
            done_of: None,
        }
    };
}

macro_rules! spending {
    ($name:literal) => {
        Item {
            section: &["支出"],
            not_section: OTHER_ACCOUNTS,
            not_after: &[
                "财政拨款支出",
                "财政拨款基本支出",
                "一般公共预算",
                "政府性基金",
                "国有资本",
                "三公",
            ],
            pattern: concat!(r"{at}(?P<ev>", $name, r"{is}{amt0}{share})"),
            table: "expenditure",
            row: "合计",
            columns: &[$name],
            share_of: Some(("合计", "本年支出合计")),
            done_of: None,
        }
    };
}

/// 人员经费 / 公用经费 of the 一般公共预算财政拨款基本支出.
macro_rules! basic {
    ($name:literal, $row:literal) => {
        Item {
            section: &["财政拨款基本支出", "预算基本支出"],
            not_section: &[],
            not_after: &[],
            pattern: concat!(r"{at}(?P<ev>", $name, r"(?:支出)?(?:合计)?{is}{amt0})"),
            table: "general_budget_basic_expenditure",
            row: $row,
            columns: &["决算数"],
            share_of: None,
            done_of: None,
        }
    };
}

/// A “三公” sub-item by its printed names: its 决算 (`…费支出决算为 X 万元`,
/// `…费 X 万元，占 Y%` of the “三公” total), and its 预算 with the 决算 after
/// it (`…费预算 X 万元，支出决算 Y 万元`).
macro_rules! three_public {
    ($names:literal, $row:literal) => {
        [
            Item {
                section: THREE_PUBLIC,
                not_section: &[],
                not_after: &[],
                pattern: concat!(r"{at}(?P<ev>", $names, r"(?:支出)?(?:决算)?(?:数)?{is}{amt0}{share}{done})"),
                table: "three_public",
                row: $row,
                columns: &["决算数"],
                share_of: Some(("合计", "决算数")),
                done_of: Some(("决算数", "预算数")),
            },
            Item {
                section: THREE_PUBLIC,
                not_section: &[],
                not_after: &[],
                pattern: concat!(
                    r"{at}(?P<ev>",
                    $names,
                    r"(?:支出)?(?:年初)?预算(?:数)?{is}{amt0},(?:支出)?决算(?:支出)?(?:数)?{is}{amt1}{done})"
                ),
                table: "three_public",
                row: $row,
                columns: &["预算数", "决算数"],
                share_of: None,
                done_of: Some(("决算数", "预算数")),
            },
        ]
    };
}

#[rustfmt::skip]
static ITEMS: LazyLock<Vec<Item>> = LazyLock::new(|| {
    let mut items = vec![
        income!("财政拨款收入"), income!("上级补助收入"), income!("事业收入"),
        income!("经营收入"), income!("附属单位上缴收入"), income!("其他收入"),
        spending!("基本支出"), spending!("项目支出"), spending!("上缴上级支出"),
        spending!("经营支出"), spending!("对附属单位补助支出"),
    ];
    items.push(basic!("人员经费", "人员经费合计"));
    items.push(basic!("公用经费", "公用经费合计"));
    items.extend(three_public!(r"因公出国\(境\)费用?", "因公出国（境）费"));
    items.extend(three_public!(r"公务用车购置(?:费)?(?:及|和)运行(?:维护)?费", "公务用车购置及运行维护费"));
    items.extend(three_public!(r"公务用车购置费?", "公务用车购置费"));
    items.extend(three_public!(r"公务用车运行(?:及)?(?:维护)?费?", "公务用车运行维护费"));
    items.extend(three_public!(r"公务接待费?", "公务接待费"));
    // 年初结转和结余 0 万元，本年收入 0 万元，本年支出 0 万元，年末结转和结余 0 万元
    items.push(Item {
        section: &["政府性基金"], not_section: &[], not_after: &[],
        pattern: r"(?P<ev>年初结转(?:和)?结余{is}{amt0},本年收入{is}{amt1},本年支出{is}{amt2},年末结转(?:和)?结余{is}{amt3})",
        table: "government_fund", row: "合计",
        columns: &["年初结转和结余", "本年收入", "本年支出/小计", "年末结转和结余"],
        share_of: None, done_of: None,
    });
    items
});

static COMPILED: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    ITEMS
        .iter()
        .map(|i| {
            Regex::new(&expand_item(i.pattern))
                .unwrap_or_else(|e| panic!("narrative pattern {}: {e}", i.pattern))
        })
        .collect()
});

pub(super) fn run(filing: &Filing, text: &Narrative, reading: &Reading, out: &mut Vec<Check>) {
    let paragraphs = &reading.paragraphs;
    let mut found = Vec::new();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        for (item, regex) in ITEMS.iter().zip(COMPILED.iter()) {
            items(filing, text, paragraph, (item, regex), &mut found);
        }
        class_structure(filing, text, paragraph, &mut found);
        total_completion(filing, (text, reading), paragraph, &mut found);
        completion(filing, (text, reading), &paragraphs[i..], &mut found);
    }
    // A cell already checked with the same number (a fact key, or the same
    // amount stated twice) is one statement, reported once.
    for check in found {
        let same = |c: &Check| {
            c.rule == Rule::Narrative
                && (&c.table, &c.row, &c.column, c.actual)
                    == (&check.table, &check.row, &check.column, check.actual)
        };
        if !out.iter().any(same) {
            out.push(check);
        }
    }
}

/// The amount of group `n{i}` and its unit.
fn amount(caps: &Captures, i: usize) -> Option<(Amount, String)> {
    let n = parse_amount(caps.name(&format!("n{i}"))?.as_str())?;
    let unit = caps.name(&format!("u{i}"))?.as_str().to_string();
    Some((n, unit))
}

/// The printed text of a match's evidence and its page, `offset` placing
/// it in the text.
fn quote(text: &Narrative, caps: &Captures, offset: usize) -> Printed {
    let ev = caps.name("ev").unwrap_or_else(|| caps.get(0).unwrap());
    text.printed(offset + ev.start(), offset + ev.end())
}

/// The start of the sentence `at` is in.
fn sentence_start(text: &str, at: usize) -> usize {
    text[..at].rfind('。').map_or(0, |i| i + '。'.len_utf8())
}

fn items(
    filing: &Filing,
    text: &Narrative,
    paragraph: &Paragraph,
    (item, regex): (&Item, &Regex),
    out: &mut Vec<Check>,
) {
    if !paragraph.under(item.section) || paragraph.under(item.not_section) {
        return;
    }
    let Some(table) = filing.table(item.table) else {
        return;
    };
    let Some(row) = table.by_item(None, item.row) else {
        return;
    };
    for caps in regex.captures_iter(paragraph.text) {
        let at = caps.get(0).unwrap().start();
        let before = &paragraph.text[sentence_start(paragraph.text, at)..at];
        if item.not_after.iter().any(|w| before.contains(w)) {
            continue;
        }
        let Printed {
            text: evidence,
            page,
            ..
        } = quote(text, &caps, paragraph.start);
        for (i, column) in item.columns.iter().enumerate() {
            let Some(stated) = amount(&caps, i) else {
                continue;
            };
            let detail = format!("{} [{column}]: {evidence}", row.key());
            out.extend(restate(
                table,
                row,
                column,
                (stated.0, &stated.1),
                detail,
                page,
            ));
        }
        if let (Some(done), Some((spent, budget))) = (caps.name("done"), item.done_of) {
            let stated = item.columns.iter().position(|c| *c == spent);
            let stated = stated.and_then(|i| amount(&caps, i));
            let part = value(row, spent);
            let restated = stated.map_or(part, |(a, u)| in_table_unit(table, (a, &u)));
            let detail = format!(
                "{} completion % = {spent} / {budget}: {evidence}",
                row.key()
            );
            let ratio = ([part, restated], value(row, budget));
            let column = format!("{spent}/完成率");
            out.extend(rate(table, row, column, ratio, done.as_str(), detail, page));
        }
        let (Some(pct), Some((total, of)), Some(stated)) =
            (share_pct(&caps), item.share_of, amount(&caps, 0))
        else {
            continue;
        };
        let Some(total) = table.by_item(None, total) else {
            continue;
        };
        let column = item.columns[0];
        let stated = in_table_unit(table, (stated.0, &stated.1));
        let ratio = ([value(row, column), stated], value(total, of));
        out.extend(share(
            table,
            row,
            column,
            ratio,
            pct.as_str(),
            &evidence,
            page,
        ));
    }
}

/// A printed percentage against `part / whole × 100`, rounded as printed;
/// a last digit off by one is rounding (a filing may force its shares to
/// sum to 100). The part is read as the table prints it and as the
/// narrative restates it, and the better reading counts: a wrong amount is
/// reported once, by its own check, not again by the rate built on it.
fn rate(
    table: &Table,
    row: &Row,
    column: String,
    (parts, whole): ([Amount; 2], Amount),
    printed: &str,
    detail: String,
    page: Option<u32>,
) -> Option<Check> {
    let printed = parse_amount(printed)?;
    if whole.is_zero() {
        return None;
    }
    parts
        .iter()
        .map(|part| {
            let expected = (part / whole * Decimal::ONE_HUNDRED)
                .round_dp_with_strategy(printed.scale(), RoundingStrategy::MidpointAwayFromZero);
            verdict(
                Rule::Narrative,
                &table.id,
                row.key(),
                &column,
                page.unwrap_or(row.page),
                expected,
                printed,
                Decimal::new(1, printed.scale()),
                detail.clone(),
            )
        })
        .min_by_key(|c| rank(c.status))
}

/// A stated amount in the table's unit.
fn in_table_unit(table: &Table, (amount, unit): (Amount, &str)) -> Amount {
    convert(amount, yuan(unit), table.unit.as_deref().and_then(yuan))
}

/// A share (`占 X%`) of the cell `column` in the row's `of` total.
fn share(
    table: &Table,
    row: &Row,
    column: &str,
    ratio: ([Amount; 2], Amount),
    printed: &str,
    evidence: &str,
    page: Option<u32>,
) -> Option<Check> {
    let detail = format!("{} share % = {column} / total: {evidence}", row.key());
    rate(
        table,
        row,
        format!("{column}/占比"),
        ratio,
        printed,
        detail,
        page,
    )
}

/// `财政拨款支出 X 万元，主要用于以下方面：一般公共服务(类)支出 2,726.06 万元，
/// 占 95.45%；…`: each class against its row of the 一般公共预算财政拨款支出
/// table, its share against the table's 合计.
fn class_structure(filing: &Filing, text: &Narrative, paragraph: &Paragraph, out: &mut Vec<Check>) {
    static CLASS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&expand_item(
            r"(?:^|[:;,])(?:其中:?)?(?:\d{1,2}[.、]|\(\d{1,2}\))?(?P<ev>(?P<name>[^\d:;,。%]{2,30}?){amt0}(?:[,(]?占{p})?)",
        ))
        .unwrap()
    });
    if !paragraph.under(&["一般公共预算"]) {
        return;
    }
    let Some(at) = paragraph.text.find("主要用于") else {
        return;
    };
    // The list's subject, in its sentence: the 财政拨款 spending.
    let subject = &paragraph.text[sentence_start(paragraph.text, at)..at];
    // Not last year's list.
    let last_year = ["上年", "上一年", "去年"]
        .iter()
        .any(|w| subject.contains(w));
    if !subject.contains("财政拨款支出") || last_year {
        return;
    }
    // 财政拨款 spending with a 政府性基金 part is not the 一般公共预算's.
    let fund_spent = filing
        .table("government_fund")
        .and_then(|t| t.by_item(None, "合计"))
        .is_some_and(|r| !value(r, "本年支出/小计").is_zero());
    if fund_spent && !subject.contains("一般公共预算") {
        return;
    }
    let Some(table) = filing.table("general_budget_expenditure") else {
        return;
    };
    let Some(total) = table.by_item(None, "合计") else {
        return;
    };
    let from = at + "主要用于".len();
    let list = &paragraph.text[from..];
    let list = &list[..list.find('。').unwrap_or(list.len())];
    for caps in CLASS.captures_iter(list) {
        let name = caps["name"].replace("(类)", "");
        let Some(code) = class_code(&name) else {
            continue;
        };
        let Some(row) = table.by_code(code) else {
            continue;
        };
        let Some((stated, unit)) = amount(&caps, 0) else {
            continue;
        };
        let Printed {
            text: evidence,
            page,
            ..
        } = quote(text, &caps, paragraph.start + from);
        let detail = format!("{code} [合计]: {evidence}");
        out.extend(restate(table, row, "合计", (stated, &unit), detail, page));
        if let Some(pct) = share_pct(&caps) {
            let stated = in_table_unit(table, (stated, &unit));
            let ratio = ([value(row, "合计"), stated], value(total, "合计"));
            out.extend(share(
                table,
                row,
                "合计",
                ratio,
                pct.as_str(),
                &evidence,
                page,
            ));
        }
    }
}

/// The phrasings of a 类/款/项 item: its head of printed names, each level
/// of it, the budgets, the 决算 and the completion rate.
static HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,2}[、.]|\(\d{1,2}\)|\([一二三四五六七八九十]{1,3}\))?(?P<head>(?:(?:[^\d。,;:()%]|\([^()类款项]{1,4}\)){2,40}?\((?:类|款|项)\))+)(?:[。,:;\n]|$)").unwrap()
});
static LEVEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:[^()]|\([^()类款项]{1,4}\))+)\((类|款|项)\)").unwrap());
/// `1. 一般公共服务支出(类)…(款)…(项)。年初预算为 X 万元，支出决算为 Y 万元，
/// 完成年初预算的 Z%`: Y against the row the names walk to, Z against the
/// table's Y over the budget it names. `paragraphs` starts at the item; its
/// text runs on to the next numbered item or section (a wrapped heading
/// splits it into several paragraphs).
fn completion(
    filing: &Filing,
    (text, reading): (&Narrative, &Reading),
    paragraphs: &[Paragraph],
    out: &mut Vec<Check>,
) {
    static NEXT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\d{1,2}[、.]|\(\d{1,2}\)|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、)").unwrap()
    });
    let Some((first, rest)) = paragraphs.split_first() else {
        return;
    };
    // Nor does it run into another item's head (a 类 first).
    let opens_item = |p: &str| {
        HEAD.captures(p).is_some_and(|h| {
            LEVEL
                .captures(h.name("head").unwrap().as_str())
                .is_some_and(|l| &l[2] == "类")
        })
    };
    let end = rest
        .iter()
        .take(4)
        .find(|p| NEXT.is_match(p.text) || opens_item(p.text))
        .map_or_else(
            || rest.get(3).map_or(text.text.len(), |p| p.start),
            |p| p.start,
        );
    if !first.under(&["一般公共预算"]) || first.under(&["基本支出"]) {
        return;
    }
    // An item may run on from `其中：` after the total's sentence.
    let starts = std::iter::once(first.start).chain(
        first
            .text
            .match_indices("其中:")
            .map(|(i, m)| first.start + i + m.len()),
    );
    for start in starts {
        item_completion(filing, (text, reading), start..end.max(start), out);
    }
}

/// One item's completion statement: its head at the start of `body`.
fn item_completion(
    filing: &Filing,
    (text, reading): (&Narrative, &Reading),
    body: Range<usize>,
    out: &mut Vec<Check>,
) {
    let start = body.start;
    let body = &text.text[body];
    let Some(head) = HEAD.captures(body) else {
        return;
    };
    let levels: Vec<(String, &str)> = LEVEL
        .captures_iter(&head["head"])
        .map(|c| (c[1].replace('\n', ""), c.get(2).unwrap().as_str()))
        .collect();
    let Some(table) = filing.table("general_budget_expenditure") else {
        return;
    };
    let Some(row) = walk(table, &levels) else {
        return;
    };
    let after = head.get(0).unwrap().end();
    // Items run together in one paragraph: this one ends where a 类 opens
    // the next.
    let rest = &body[after..];
    let end = rest.find("(类)").unwrap_or(rest.len());
    let span = start + after..start + after + end;
    budget_statement(text, reading.terms_in(span), (table, row), out);
}

/// `一般公共预算财政拨款支出年初预算为 X 万元，支出决算为 Y 万元，完成年初预算的
/// Z%`: the same of the 一般公共预算 spending as a whole (its Y is the fact
/// key `general_budget.final`).
fn total_completion(
    filing: &Filing,
    (text, reading): (&Narrative, &Reading),
    paragraph: &Paragraph,
    out: &mut Vec<Check>,
) {
    static TOTAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"一般公共预算财政拨款支出(?:决算)?(?:的)?(?:年初|全年)预算").unwrap()
    });
    let Some(found) = TOTAL.find(paragraph.text) else {
        return;
    };
    let Some(table) = filing.table("general_budget_expenditure") else {
        return;
    };
    let Some(row) = table.by_item(None, "合计") else {
        return;
    };
    let from = found.start();
    let sentence = &paragraph.text[from..];
    let end = sentence.find('。').unwrap_or(sentence.len());
    let span = paragraph.start + from..paragraph.start + from + end;
    budget_statement(text, reading.terms_in(span), (table, row), out);
}

/// The 支出决算 among a statement's terms against the row, and the
/// completion rate against the row's amount over the budget it names.
fn budget_statement(
    text: &Narrative,
    terms: Vec<&Term>,
    (table, row): (&Table, &Row),
    out: &mut Vec<Check>,
) {
    // `支出决算为 Y`: the 决算 named alone in its clause.
    static FINAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:支出)?决算(?:支出)?(?:数)?(?:为|是)?:?$").unwrap());
    let Some(spent) = terms
        .iter()
        .find(|t| t.role == Role::Final && t.is_money() && FINAL.is_match(&t.label))
    else {
        return;
    };
    let Printed {
        text: words, page, ..
    } = text.printed(spent.span.start, spent.span.end);
    let detail = format!("{} [合计]: {words}", row.key());
    out.extend(restate(
        table,
        row,
        "合计",
        (spent.value, &spent.unit),
        detail,
        page,
    ));

    let Some(done) = terms.iter().find(|t| t.role == Role::Rate) else {
        return;
    };
    let budget = |of: &str| {
        terms
            .iter()
            .find(|t| t.role == Role::Budget && t.is_money() && t.label.contains(of))
    };
    let (initial, full_year) = (budget("年初预算"), budget("全年预算"));
    // `完成年初预算的` beside a 全年预算 may well be of the 全年预算: no reading.
    let base = if done.label.contains("全年") {
        full_year
    } else if done.label.contains("年初") {
        initial.filter(|_| full_year.is_none())
    } else {
        initial.xor(full_year)
    };
    let Some(budget) = base else {
        return;
    };
    let table_unit = table.unit.as_deref().and_then(yuan);
    let printed = convert(value(row, "合计"), table_unit, yuan(&budget.unit));
    let restated = convert(spent.value, yuan(&spent.unit), yuan(&budget.unit));
    let Printed {
        text: words, page, ..
    } = text.printed(done.span.start, done.span.end);
    let detail = format!("{} completion % = 合计 / budget: {words}", row.key());
    out.extend(rate(
        table,
        row,
        "合计/完成率".into(),
        ([printed, restated], budget.value),
        &done.value.to_string(),
        detail,
        page,
    ));
}

/// The functional class a printed name (with or without 支出) names.
fn class_code(name: &str) -> Option<&'static str> {
    let name = fold(name);
    let name = format!("{}支出", name.trim_end_matches("支出"));
    aliases::get().class_code(&name)
}

/// A printed 款/项 name and a table row's, with or without 支出.
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    a.trim_end_matches("支出") == b.trim_end_matches("支出")
}

/// The percentage of a share (`占 X%`), unless it is of a budget or of the
/// year before (`占年初预算的 X%`).
fn share_pct<'h>(caps: &Captures<'h>) -> Option<regex::Match<'h>> {
    const OTHER: [&str; 5] = ["预算的", "预算数", "年初预算", "上年", "同期"];
    let of = caps.name("of").map_or("", |m| m.as_str());
    caps.name("pct")
        .filter(|_| !OTHER.iter().any(|w| of.contains(w)))
}

/// The row a 类 → 款 → 项 chain of printed names leads to; None unless
/// each level names exactly one row under the one above.
fn walk<'a>(table: &'a Table, levels: &[(String, &str)]) -> Option<&'a Row> {
    let ((class, "类"), rest) = levels.split_first()? else {
        return None;
    };
    let code = class_code(class)?;
    let mut row = table.by_code(code)?;
    for ((name, level), expected) in rest.iter().zip(["款", "项"]) {
        if *level != expected {
            return None;
        }
        let parent = row.code.as_deref()?;
        let mut under = table.rows.iter().filter(|r| {
            r.side.is_none()
                && r.code
                    .as_deref()
                    .is_some_and(|c| c.len() == parent.len() + 2 && c.starts_with(parent))
                && r.name.as_deref().is_some_and(|n| same_name(n, name))
        });
        row = under.next()?;
        if under.next().is_some() {
            return None;
        }
    }
    (levels.len() <= 3).then_some(row)
}

/// The 一般公共预算 row an item statement is about: the 类 → 款 → 项 chain
/// of names it opens with (`6.一般公共服务支出(类)信访事务(款)其他信访事务
/// 支出(项)2026年预算数为…`), in the final accounts' or the budget's table.
pub(super) fn item_row<'a>(filing: &Filing<'a>, statement: &str) -> Option<(&'a Table, &'a Row)> {
    static ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:其中:?)?(?:\d{1,2}[、.]|\(\d{1,2}\)|\([一二三四五六七八九十]{1,3}\))")
            .unwrap()
    });
    let head = &statement[ORDINAL.find(statement).map_or(0, |m| m.end())..];
    // A head holds names only: it ends before a number or a clause.
    let head = &head[..head
        .find(|c: char| c.is_ascii_digit() || "。,;:".contains(c))
        .unwrap_or(head.len())];
    let last = ["(类)", "(款)", "(项)"]
        .iter()
        .filter_map(|l| head.rfind(l).map(|i| i + l.len()))
        .max()?;
    let head = &head[..last];
    let levels: Vec<(String, &str)> = LEVEL
        .captures_iter(head)
        .map(|c| (c[1].replace('\n', ""), c.get(2).unwrap().as_str()))
        .collect();
    ["general_budget_expenditure", "budget_general_expenditure"]
        .iter()
        .filter_map(|id| filing.table(id))
        .find_map(|table| Some((table, walk(table, &levels)?)))
}
