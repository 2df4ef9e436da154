//! `juesuan stats`: what a researcher checks after a harvest — filings by
//! kind and year, tables found per standard table, error records by code,
//! checks by rule and status, the filings with the most failures. Like the
//! exports, a filing given twice counts once (its last record).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

use juesuan_normalize::{Level, Record};

use crate::relations::{enum_str, filing_id};

/// What one record adds to the summary.
struct Filing {
    path: String,
    kind: String,
    year: String,
    /// Table id → printed empty.
    tables: Vec<(String, bool)>,
    /// Codes of its error diagnostics (a record counts once per code).
    errors: BTreeSet<String>,
    /// (rule, status) of each check.
    checks: Vec<(String, String)>,
}

#[derive(Default)]
pub struct Summary {
    filings: HashMap<String, (usize, Filing)>,
    records: usize,
    /// Lines of the input that were not records (a run cut short).
    pub unreadable_lines: usize,
}

/// Statuses in the order they are shown; any other after them.
const STATUSES: [&str; 4] = ["pass", "rounding", "fail", "unverified"];

impl Summary {
    pub fn push(&mut self, r: &Record) {
        let f = Filing {
            path: r.source.path.clone(),
            kind: r.filing.kind.clone().unwrap_or_else(|| "-".into()),
            year: r.filing.year.map_or("-".into(), |y| y.to_string()),
            tables: r.tables.iter().map(|t| (t.id.clone(), t.empty)).collect(),
            errors: r
                .diagnostics
                .iter()
                .filter(|d| d.level == Level::Error)
                .map(|d| d.code.clone())
                .collect(),
            checks: r
                .checks
                .iter()
                .map(|c| (enum_str(&c.rule), enum_str(&c.status)))
                .collect(),
        };
        self.filings.insert(filing_id(r), (self.records, f));
        self.records += 1;
    }

    /// The report as text; `top` filings with the most failures.
    pub fn render(&self, top: usize) -> String {
        let mut filings: Vec<&Filing> = {
            let mut v: Vec<&(usize, Filing)> = self.filings.values().collect();
            v.sort_by_key(|(i, _)| *i);
            v.into_iter().map(|(_, f)| f).collect()
        };
        let mut out = String::new();
        let dropped = self.records - filings.len();
        let _ = writeln!(
            out,
            "{} filings ({} records; {} repeated; {} lines not records)",
            filings.len(),
            self.records,
            dropped,
            self.unreadable_lines
        );

        let mut kinds: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for f in &filings {
            *kinds.entry((&f.kind, &f.year)).or_default() += 1;
        }
        let _ = writeln!(out, "\nfilings by kind and year");
        for ((kind, year), n) in &kinds {
            let _ = writeln!(out, "  {kind:<16} {year:<6} {n:>7}");
        }

        let mut tables: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for f in &filings {
            for (id, empty) in &f.tables {
                let e = tables.entry(id).or_default();
                e.0 += 1;
                e.1 += usize::from(*empty);
            }
        }
        let _ = writeln!(out, "\ntables found (filings with it; printed empty)");
        for (id, (n, empty)) in &tables {
            let _ = writeln!(out, "  {id:<36} {n:>7} {empty:>7}");
        }

        let mut errors: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &filings {
            for code in &f.errors {
                *errors.entry(code).or_default() += 1;
            }
        }
        let with_errors = filings.iter().filter(|f| !f.errors.is_empty()).count();
        let _ = writeln!(
            out,
            "\nerror records by code ({with_errors} filings with an error)"
        );
        for (code, n) in &errors {
            let _ = writeln!(out, "  {code:<24} {n:>7}");
        }

        let mut checks: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
        let mut statuses: Vec<&str> = STATUSES.to_vec();
        for f in &filings {
            for (rule, status) in &f.checks {
                *checks.entry(rule).or_default().entry(status).or_default() += 1;
                if !statuses.contains(&status.as_str()) {
                    statuses.push(status);
                }
            }
        }
        let _ = write!(out, "\nchecks by rule and status\n  {:<14}", "rule");
        for s in &statuses {
            let _ = write!(out, " {s:>10}");
        }
        let _ = writeln!(out);
        for (rule, by) in &checks {
            let _ = write!(out, "  {rule:<14}");
            for s in &statuses {
                let _ = write!(out, " {:>10}", by.get(s).copied().unwrap_or(0));
            }
            let _ = writeln!(out);
        }

        let fails = |f: &Filing| f.checks.iter().filter(|(_, s)| s == "fail").count();
        filings.retain(|f| fails(f) > 0);
        // Most failures first; ties in harvest order.
        filings.sort_by_key(|f| std::cmp::Reverse(fails(f)));
        let _ = writeln!(out, "\nfilings with the most failed checks");
        for f in filings.iter().take(top) {
            let _ = writeln!(out, "  {:>5}  {}", fails(f), f.path);
        }
        out
    }
}
