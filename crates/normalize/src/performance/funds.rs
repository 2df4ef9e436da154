//! The 项目资金 (or 年度主要任务) rows of a form: amounts, rate, score.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::form::{Cell, Row};
use super::header::{is_section, Header};
use super::text::{amount, is_nil, is_percent, is_rate, key};
use super::vocab::Field;
use crate::model::{Amount, FundsRow};

/// The value columns of a funds row.
pub const FUNDS_VALUES: [Field; 6] = [
    Field::InitialBudget,
    Field::Budget,
    Field::Executed,
    Field::Rate,
    Field::Points,
    Field::Score,
];
/// The amounts of a funds row, in printed order.
pub const AMOUNTS: [Field; 3] = [Field::InitialBudget, Field::Budget, Field::Executed];

/// `万元` or `元` where a label or heading says so (`项目资金（万元）`,
/// `单位：元`).
pub fn unit_in(k: &str) -> Option<String> {
    if k.contains("(万元)") || k.contains("单位:万元") {
        Some("万元".into())
    } else if k.contains("(元)") || k.contains("单位:元") {
        Some("元".into())
    } else {
        None
    }
}

/// The unit of a form that prints none, from the narrative's account of
/// the same project (`党务和行政管理 …全年预算数为 32.52 万元` against a
/// printed 325,200.00 → 元).
pub fn unit_from_narrative(project: &str, budget: Amount, narrative: &[&str]) -> Option<String> {
    static WAN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\d[\d,]*(?:\.\d+)?)万元").unwrap());
    let project = key(project);
    let wan = budget / Decimal::from(10_000);
    for line in narrative
        .iter()
        .map(|l| key(l))
        .filter(|l| l.contains(&project))
    {
        for c in WAN.captures_iter(&line) {
            let Some(n) = amount(&c[1]) else { continue };
            if n == budget {
                return Some("万元".into());
            }
            if wan.round_dp(n.scale()) == n {
                return Some("元".into());
            }
        }
    }
    None
}

pub fn funds_item(text: &str) -> String {
    let t = text.trim();
    let t = t
        .strip_prefix("其中：")
        .or_else(|| t.strip_prefix("其中:"))
        .unwrap_or(t);
    t.trim().trim_end_matches(['：', ':']).to_string()
}

/// A funds row read under its header's columns; `None` where a cell sits
/// under no column or holds the wrong kind of value.
pub fn funds_by_position(h: &Header, row: &Row) -> Option<FundsRow> {
    let first_value = h
        .cols
        .iter()
        .filter(|c| FUNDS_VALUES.contains(&c.0))
        .map(|c| c.1)
        .min()?;
    let item = match h.span(Field::Task) {
        Some((s, e)) => row.filled().find(|c| c.col >= s && c.col < e)?,
        None => row
            .filled()
            .find(|c| c.col < first_value && !is_section(c))?,
    };
    let mut out = FundsRow {
        item: funds_item(&item.text),
        ..Default::default()
    };
    for c in row.filled().filter(|c| c.col != item.col && !is_section(c)) {
        // A lone hyphen is the accounting format's zero (`-` under 年初预算数);
        // an em dash (`—`) marks a cell that does not apply.
        let zero = key(&c.text) == "-";
        let sum = || amount(&c.text).or(zero.then_some(Decimal::ZERO));
        if is_nil(&c.text) && !zero {
            continue;
        }
        match h.at(c.col) {
            Some(Field::InitialBudget) => out.initial_budget = Some(sum()?),
            Some(Field::Budget) => out.budget = Some(sum()?),
            Some(Field::Executed) => out.executed = Some(sum()?),
            Some(Field::Rate | Field::Points | Field::Score) if zero => {}
            Some(Field::Rate) if is_rate(&c.text) => out.rate = Some(c.text.clone()),
            Some(Field::Points) => {
                amount(&c.text)?;
            }
            Some(Field::Score) => out.score = Some(amount(&c.text)?),
            Some(Field::Other | Field::Task) => {}
            _ => return None,
        }
    }
    Some(out)
}

/// A funds row whose cells a dump shifted: the item, then its numbers in
/// the header's order around the rate (the one percentage). Numbers map
/// onto the header's columns when all are printed, or onto the amounts
/// alone (分值 and 得分 printed as `—`); any other count is not placed.
pub fn funds_by_content(h: &Header, row: &Row) -> Option<FundsRow> {
    let cells: Vec<&Cell> = row
        .filled()
        .filter(|c| !is_section(c) && !is_nil(&c.text))
        .collect();
    let at = cells.iter().position(|c| !is_rate(&c.text))?;
    let mut out = FundsRow {
        item: funds_item(&cells[at].text),
        ..Default::default()
    };
    let rest = &cells[at + 1..];
    let rate_at = rest.iter().position(|c| is_percent(&c.text));
    let (before, after) = match rate_at {
        Some(r) => (&rest[..r], &rest[r + 1..]),
        None => (rest, &rest[rest.len()..]),
    };
    out.rate = rate_at.map(|r| rest[r].text.clone());
    let order = h.order(&FUNDS_VALUES);
    let split = order
        .iter()
        .position(|f| *f == Field::Rate)
        .unwrap_or(order.len());
    let (pre, post) = (&order[..split], order.get(split + 1..).unwrap_or(&[]));
    for (fields, cells) in [(pre, before), (post, after)] {
        let numbers: Vec<Amount> = cells
            .iter()
            .map(|c| amount(&c.text))
            .collect::<Option<_>>()?;
        let sums: Vec<Field> = fields
            .iter()
            .copied()
            .filter(|f| *f != Field::Points)
            .collect();
        let onto = if numbers.len() == fields.len() {
            fields
        } else if numbers.len() == sums.len() || numbers.is_empty() {
            &sums[..]
        } else {
            return None;
        };
        for (f, n) in onto.iter().zip(numbers) {
            match f {
                Field::InitialBudget => out.initial_budget = Some(n),
                Field::Budget => out.budget = Some(n),
                Field::Executed => out.executed = Some(n),
                Field::Score => out.score = Some(n),
                _ => {}
            }
        }
    }
    Some(out)
}
