//! 绩效自评表: the total score against its printed parts, and each funds
//! row's 执行率 against 执行数 / 预算数.

use rust_decimal::{Decimal, RoundingStrategy};

use super::{rounding_allowance, verdict, HALF_CENT};
use crate::model::{Amount, Check, FundsRow, Performance, Rule, Status};

pub(super) fn run(evaluations: &[Performance], out: &mut Vec<Check>) {
    for evaluation in evaluations {
        let page = evaluation.pages.first().copied().unwrap_or(0);
        score(evaluation, page, out);
        for row in evaluation.funds.iter().flat_map(|f| &f.rows) {
            if let Some(check) = rate(&evaluation.project, row, page) {
                out.push(check);
            }
        }
    }
}

/// Score = funds score + goals score (where the form scores goals) + every
/// indicator's score; only when the funds score and every indicator score
/// were extracted, since a missing part would read as a wrong total.
fn score(evaluation: &Performance, page: u32, out: &mut Vec<Check>) {
    let Some(total) = evaluation.score else {
        return;
    };
    let Some(funds) = evaluation.funds.as_ref().and_then(|f| f.score) else {
        return;
    };
    let indicators: Option<Vec<Amount>> = evaluation.indicators.iter().map(|i| i.score).collect();
    let Some(indicators) = indicators.filter(|i| !i.is_empty()) else {
        return;
    };
    let goals = evaluation.goals.as_ref().and_then(|g| g.score);
    let parts: Vec<Amount> = std::iter::once(funds)
        .chain(goals)
        .chain(indicators)
        .collect();
    let summands = parts.iter().filter(|p| !p.is_zero()).count();
    out.push(verdict(
        Rule::Performance,
        "performance",
        evaluation.project.clone(),
        "score",
        page,
        parts.iter().sum(),
        total,
        rounding_allowance(summands, HALF_CENT),
        format!(
            "score = funds + {}indicators ({} parts)",
            if goals.is_some() { "goals + " } else { "" },
            parts.len()
        ),
    ))
}

/// A printed rate in percent, its decimals kept as the scale.
fn parse_rate(text: &str) -> Option<Decimal> {
    let digits = text.trim().trim_end_matches(['%', '％']).trim();
    digits.parse().ok()
}

/// 执行率 = 执行数 / 预算数 × 100, rounded to the decimals printed; off by
/// no more than half the last digit plus what cent-rounded amounts can move
/// the ratio is rounding. A rate printed as 100% where more than the
/// budget was spent follows the forms' cap.
fn rate(project: &str, row: &FundsRow, page: u32) -> Option<Check> {
    let (budget, executed) = (row.budget?, row.executed?);
    let printed = parse_rate(row.rate.as_deref()?)?;
    if budget.is_zero() {
        return None;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let exact = executed / budget * hundred;
    let capped = printed == hundred && exact > hundred;
    let expected = if capped {
        hundred
    } else {
        exact.round_dp_with_strategy(printed.scale(), RoundingStrategy::MidpointAwayFromZero)
    };
    let detail = format!(
        "{} 执行率 {} = {executed} / {budget}",
        row.item,
        row.rate.as_deref().unwrap_or_default()
    );
    let mut check = verdict(
        Rule::Performance,
        "performance",
        project.into(),
        "rate",
        page,
        expected,
        printed,
        Decimal::ZERO,
        detail,
    );
    // Half a cent on either amount moves the ratio by up to this much.
    let relative = |amount: Amount| match amount.is_zero() {
        true => Decimal::ZERO,
        false => HALF_CENT / amount.abs(),
    };
    let slack = exact * (relative(budget) + relative(executed));
    let half_digit = Decimal::new(5, printed.scale() + 1);
    // Forms that cut the rate rather than round it print 99.99% for
    // 99.9994% (never 100% before the budget is spent): rounding too.
    let truncated =
        exact.round_dp_with_strategy(printed.scale(), RoundingStrategy::ToZero) == printed;
    if check.status == Status::Fail && ((printed - exact).abs() <= half_digit + slack || truncated)
    {
        check.status = Status::Rounding;
    }
    Some(check)
}
