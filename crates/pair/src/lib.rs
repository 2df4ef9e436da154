//! juesuan-pair: pairs of filings of one department, side by side
//! (`SCHEMA.md`, *Pairs of filings*; `docs/pairs.md`).
//!
//! Data flows one way: records → [`Harvest`] (a few words each) → sorted
//! [`Match`]es → [`compare`] of the two records of each → [`Pair`].

mod cross_filing;
pub mod lines;
mod matching;
pub mod name;

use serde::Serialize;

use juesuan_normalize::{Check, Record};

pub use lines::{Line, What};
pub use matching::{Harvest, Match, Matched, PairKind};

pub const SCHEMA: &str = "juesuan.pair/1";

/// One filing of a pair, as the harvest names it.
#[derive(Debug, Clone, Serialize)]
pub struct FilingRef {
    pub path: String,
    pub sha256: String,
    /// The name as this filing prints it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
}

impl FilingRef {
    fn of(record: &Record) -> Self {
        FilingRef {
            path: record.source.path.clone(),
            sha256: record.source.sha256.clone(),
            department: record.filing.department.clone(),
        }
    }
}

/// A `juesuan.pair/1` line.
#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    pub schema: String,
    pub department: String,
    pub year: u16,
    pub kind: PairKind,
    pub matched: Matched,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<FilingRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<FilingRef>,
    #[serde(rename = "final")]
    pub last: FilingRef,
    /// The unit of every line's amounts.
    pub unit: String,
    pub lines: Vec<Line>,
    pub checks: Vec<Check>,
    /// What was not compared, and why (an adjusted budget, say).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The pair of two matched records: `base` is the budget or the year
/// before's final accounts, `last` the final accounts of `m.year`.
pub fn compare(m: &Match, base: &Record, last: &Record) -> Pair {
    use lines::{Side, View};
    let budget = m.kind == PairKind::BudgetFinal;
    let base_view = View::of(base, if budget { Side::Budget } else { Side::Final });
    let lines = lines::join(&base_view, &View::of(last, Side::Final), budget);
    let mut notes = Vec::new();
    // Folding joins a body's 本级 and 汇总 filings; where both print a
    // scope and they differ, the two cover different units.
    let scopes = [base, last].map(|r| r.filing.department.as_deref().and_then(name::scope));
    if let [Some(a), Some(b)] = scopes {
        if a != b {
            notes.push(format!(
                "the filings cover different units: {a} against {b}; lines compare unlike totals"
            ));
        }
    }
    let checks = match m.kind {
        PairKind::BudgetFinal => cross_filing::budget_final(base, last, &mut notes),
        PairKind::FinalFinal => cross_filing::final_final(base, last),
    };
    Pair {
        schema: SCHEMA.into(),
        department: last.filing.department.clone().unwrap_or_default(),
        year: m.year,
        kind: m.kind,
        matched: m.matched,
        budget: budget.then(|| FilingRef::of(base)),
        previous: (!budget).then(|| FilingRef::of(base)),
        last: FilingRef::of(last),
        unit: lines::UNIT.into(),
        lines,
        checks,
        notes,
    }
}

/// A record's table by id, where it carries data (one printed empty has
/// nothing to compare).
fn table<'a>(record: &'a Record, id: &str) -> Option<&'a juesuan_normalize::Table> {
    record
        .tables
        .iter()
        .find(|t| t.id == id && !t.empty && !t.rows.is_empty())
}

/// Every pair of a harvest held in memory.
pub fn pair_all(records: &[Record]) -> Vec<Pair> {
    let mut harvest = Harvest::default();
    for (i, r) in records.iter().enumerate() {
        harvest.push(i, &r.filing, &r.source.sha256);
    }
    harvest
        .pairs()
        .iter()
        .map(|m| compare(m, &records[m.base], &records[m.last]))
        .collect()
}
