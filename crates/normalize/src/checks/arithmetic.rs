//! The arithmetic a narrative implies, recomputed from its own numbers or
//! the table: a year-on-year % from the change and the amount
//! (`减少56.95万元，下降1.87%`); the 政府采购 total against its 货物, 工程 and
//! 服务; the 一般公共预算财政拨款基本支出 against the table; and the
//! 机关运行经费 against the 公用经费 where the filing defines them as one.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::{Decimal, RoundingStrategy};

use super::narrative::{convert, restate, yuan};
use super::statement::{only, Reading, Role, Statement, Term};
use super::{rounding_allowance, verdict, Filing, HALF_CENT};
use crate::facts::narrative::Narrative;
use crate::facts::rules::NUMBER;
use crate::model::{Amount, Check, Performance, Rule, Side};

pub(super) fn run(
    filing: &Filing,
    (text, reading): (&Narrative, &Reading),
    performance: &[Performance],
    out: &mut Vec<Check>,
) {
    let same_costs = defines_office_costs_as_public(&text.text);
    for (i, statement) in reading.statements.iter().enumerate() {
        year_on_year(text, reading, i, out);
        procurement(text, statement, out);
        department_score(text, statement, performance, out);
        for term in &statement.terms {
            restated_totals(filing, text, term, same_costs, out);
        }
    }
}

/// Whether an amount is the quantity its clause names, not a change,
/// share or rate of it.
fn is_amount(term: &Term) -> bool {
    term.is_money() && matches!(term.role, Role::Plain | Role::Final)
}

/// Half a unit of the last printed digit.
fn half_digit(value: Amount) -> Amount {
    Decimal::new(5, value.scale() + 1)
}

/// `X 万元 … 减少 C 万元，下降 P%`: P = C / (X ∓ C). The amount X is the
/// last one stated before the change in its sentence, or the one amount of
/// the sentence before it in the paragraph.
fn year_on_year(text: &Narrative, reading: &Reading, i: usize, out: &mut Vec<Check>) {
    let statement = &reading.statements[i];
    let terms = &statement.terms;
    for (k, change) in terms.iter().enumerate() {
        let Role::Change(sign) = change.role else {
            continue;
        };
        let Some(pct) = terms
            .get(k + 1)
            .filter(|t| !t.is_money() && t.role == change.role)
        else {
            continue;
        };
        if !change.is_money() {
            continue;
        }
        // The amount compared: its 决算, or a budget's 预算数, of the subject
        // the change names (none named: the amount of its own sentence).
        let named = changed(&change.label);
        let compared = |t: &&Term| {
            (is_amount(t) || t.is_money() && t.role == Role::Budget)
                && (named.is_empty() || same_subject(&named, &t.label))
        };
        let base = terms[..k].iter().rev().find(compared).or_else(|| {
            let before = reading.before(i).filter(|_| !named.is_empty())?;
            only(before.terms.iter().filter(|t| is_amount(t))).filter(compared)
        });
        let Some(base) = base else { continue };
        static OF_BEFORE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"(?:比|较|与)(?:上年|上一年|\d{4}年)").unwrap());
        let stated = convert(base.value, yuan(&base.unit), yuan(&change.unit));
        let delta = change.value * Decimal::from(sign);
        // `比2025年年初预算数 X 万元增加 C`: X is the year before.
        let (now, earlier) = if OF_BEFORE.is_match(&base.label) {
            (stated + delta, stated)
        } else {
            (stated, stated - delta)
        };
        if earlier <= Decimal::ZERO {
            continue;
        }
        let ratio = |c: Amount, e: Amount| c / e * Decimal::ONE_HUNDRED;
        let expected = ratio(change.value, earlier)
            .round_dp_with_strategy(pct.value.scale(), RoundingStrategy::MidpointAwayFromZero);
        // What the rounding of the two printed amounts can move the ratio.
        let (hc, hx) = (half_digit(change.value), half_digit(base.value));
        let hx = convert(hx, yuan(&base.unit), yuan(&change.unit));
        let spread = [
            ratio(change.value + hc, earlier - hx - hc),
            ratio((change.value - hc).max(Decimal::ZERO), earlier + hx + hc),
        ]
        .iter()
        .map(|r| (r - ratio(change.value, earlier)).abs())
        .max()
        .unwrap_or_default();
        let allowance = spread + Decimal::new(1, pct.value.scale());
        let printed = text.printed(base.span.start, pct.span.end);
        let detail = format!(
            "{} % = {} / ({} − ({delta})) × 100: {}",
            pct.label, change.value, now, printed.text
        );
        let mut check = verdict(
            Rule::Narrative,
            "narrative",
            subject(&base.label),
            "增减%",
            0,
            expected,
            pct.value,
            allowance,
            detail,
        );
        check.page = text.page_at(pct.span.start);
        out.push(check);
    }
}

/// The subject a change's words name (`与2023年度相比,收入支出总计减少` →
/// `收入支出总计`; `三公经费支出决算数比2018年减少` → `三公经费支出`), empty
/// where they name none (`比2023年度增加`).
fn changed(label: &str) -> String {
    static COMPARED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:比|较)(?:上年|上一年|\d{4}年)度?.*$").unwrap());
    let after = label.rsplit("相比").next().unwrap_or(label);
    let before = COMPARED.replace(after, "");
    core(before.trim_end_matches(|c: char| {
        "增加减少增长下降降低上升提高增减幅了为各均分别共计合".contains(c)
    }))
}

/// The words that name a quantity, without a leading year or ordinal and
/// a trailing 决算数 / 为.
fn core(words: &str) -> String {
    static LEAD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:.*\d{4}年度?|\d{1,2}[.、])").unwrap());
    let s = LEAD.replace(words, "");
    let mut s = s.as_ref();
    for tail in ["为", "均", "各", "是", "数", "决算", "支出决算", "总额"] {
        s = s.strip_suffix(tail).unwrap_or(s);
    }
    s.to_string()
}

/// Whether an amount's words name the subject of a change.
fn same_subject(subject: &str, label: &str) -> bool {
    let label = core(label);
    !label.is_empty() && (label.contains(subject) || subject.contains(&label))
}

/// The words naming what an amount is, without the year or ordinal before
/// them (`上海市…2024年度收入支出总计` → `收入支出总计`).
fn subject(label: &str) -> String {
    static LEAD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^.*(?:\d{4}年度?|相比|其中)").unwrap());
    let s = LEAD.replace(label, "");
    let s = s.trim_end_matches(['为', '是', ':']);
    s.to_string()
}

/// `部门整体支出自评得分99.5`: the score of the filing's one 部门整体
/// 绩效自评表.
fn department_score(
    text: &Narrative,
    statement: &Statement,
    performance: &[Performance],
    out: &mut Vec<Check>,
) {
    static SCORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"部门整体支出(?:绩效)?自评(?:得分|分数)(?:为|是)?:?(?P<n>{NUMBER})分?"
        ))
        .unwrap()
    });
    let Some(caps) = SCORE.captures(statement.text) else {
        return;
    };
    let departments = performance.iter().filter(|p| p.kind == "department");
    let Some((form, score)) = only(departments).and_then(|p| Some((p, p.score?))) else {
        return;
    };
    let Some(stated) = crate::text::parse_amount(&caps["n"]) else {
        return;
    };
    let m = caps.get(0).unwrap();
    let at = statement.span.start + m.start();
    let printed = text.printed(at, statement.span.start + m.end());
    let mut check = verdict(
        Rule::Narrative,
        "performance",
        form.project.clone(),
        "score",
        0,
        score,
        stated,
        half_digit(stated),
        format!("score = the 部门整体 form's: {}", printed.text),
    );
    check.page = printed.page;
    out.push(check);
}

/// `政府采购支出总额 X 万元，其中：货物 A、工程 B、服务 C`: X = A + B + C.
fn procurement(text: &Narrative, statement: &Statement, out: &mut Vec<Check>) {
    let Some(at) = statement
        .terms
        .iter()
        .position(|t| t.is_money() && t.role == Role::Plain && t.label.contains("政府采购"))
    else {
        return;
    };
    let total = &statement.terms[at];
    let parts: Option<Vec<&Term>> = ["货物", "工程", "服务"]
        .iter()
        .map(|kind| {
            only(
                statement.terms[at + 1..]
                    .iter()
                    .filter(|t| t.is_money() && t.label.contains(kind)),
            )
        })
        .collect();
    let Some(parts) = parts else { return };
    let sum: Amount = parts
        .iter()
        .map(|p| convert(p.value, yuan(&p.unit), yuan(&total.unit)))
        .sum();
    let last = parts
        .iter()
        .map(|p| p.span.end)
        .max()
        .unwrap_or(total.span.end);
    let printed = text.printed(total.span.start, last);
    let summands = parts.iter().filter(|p| !p.value.is_zero()).count();
    let mut check = verdict(
        Rule::Narrative,
        "narrative",
        "政府采购".into(),
        "合计",
        0,
        sum,
        total.value,
        rounding_allowance(summands, HALF_CENT),
        format!("政府采购 = 货物 + 工程 + 服务: {}", printed.text),
    );
    check.page = text.page_at(total.span.start);
    out.push(check);
}

/// Whether the filing defines 机关运行经费 as the 基本支出's 公用经费
/// (`机关运行经费：指…基本支出中的日常公用经费支出`).
fn defines_office_costs_as_public(text: &str) -> bool {
    static DEFINED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"机关运行经费:?指[^。]{0,60}基本支出中的(?:日常)?公用经费").unwrap()
    });
    DEFINED.is_match(text)
}

/// A total the narrative restates: the words of its clause and its cell.
struct Restated {
    words: Regex,
    table: &'static str,
    side: Option<Side>,
    item: &'static str,
    column: &'static str,
}

static RESTATED: LazyLock<Vec<Restated>> = LazyLock::new(|| {
    crate::aliases::rows(include_str!("../../data/restated_totals.tsv"))
        .map(|f| {
            let (side, item) = match f[2].split_once(':') {
                Some(("income", item)) => (Some(Side::Income), item),
                Some(("expenditure", item)) => (Some(Side::Expenditure), item),
                _ => (None, f[2]),
            };
            Restated {
                words: Regex::new(&format!("^(?:{})$", f[0])).expect("restated words"),
                table: f[1],
                side,
                item,
                column: f[3],
            }
        })
        .collect()
});

/// Totals the narrative restates beyond the fact keys (`data/
/// restated_totals.tsv`: the 一般公共预算财政拨款基本支出, a budget's
/// 财政拨款收支总预算), and the 机关运行经费 as the 公用经费合计 where the
/// filing says they are one.
fn restated_totals(
    filing: &Filing,
    text: &Narrative,
    term: &Term,
    same_costs: bool,
    out: &mut Vec<Check>,
) {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{4}年度?").unwrap());
    static OFFICE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[^,;]*\d{4}年度?)?[^,;\d]{0,30}机关运行经费(?:支出)?(?:决算)?(?:数)?(?:合计)?(?:为|是)?$").unwrap()
    });
    // A total as stated: its 决算, or a budget's 预算.
    if !term.is_money() || !matches!(term.role, Role::Plain | Role::Final | Role::Budget) {
        return;
    }
    let label = term
        .label
        .trim_start_matches(|c: char| !c.is_alphanumeric() && !is_cjk(c));
    let words = YEAR.replace(label, "");
    let cell = if let Some(r) = RESTATED.iter().find(|r| r.words.is_match(&words)) {
        (r.table, r.side, r.item, r.column)
    } else if same_costs && is_amount(term) && OFFICE.is_match(label) && !label.contains("上年") {
        (
            "general_budget_basic_expenditure",
            None,
            "公用经费合计",
            "决算数",
        )
    } else {
        return;
    };
    let (table, side, item, column) = cell;
    let Some(table) = filing.table(table) else {
        return;
    };
    let Some(row) = table.by_item(side, item) else {
        return;
    };
    let printed = text.printed(term.span.start, term.span.end);
    let detail = format!("{} [{column}]: {}", row.key(), printed.text);
    let stated = (term.value, term.unit.as_str());
    out.extend(restate(table, row, column, stated, detail, printed.page));
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}
