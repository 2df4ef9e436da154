//! Which filings of a harvest pair up, by content: the department's folded
//! name, the year and the kind each record states — never the file name.
//! One sort of the harvest, then one pass: O(n log n).

use serde::Serialize;

use juesuan_normalize::Filing;

use crate::name;

/// The two kinds of pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PairKind {
    /// A year's budget and the same year's final accounts.
    BudgetFinal,
    /// Final accounts of one year and of the year before.
    FinalFinal,
}

/// How the department's names were found to be one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Matched {
    /// Both filings print the same name (white space and full-width
    /// forms aside).
    Exact,
    /// The names differ only by the marks [`name::fold`] removes
    /// (`（本级）`, `中共…委员会` / `…委`, a cover's words); the one
    /// candidate on each side.
    Folded,
}

/// One pair found: the two records by the index they were pushed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Match {
    pub kind: PairKind,
    /// The year of the final accounts (the later year of a `final_final`).
    pub year: u16,
    /// The budget (`budget_final`) or the year before's final accounts.
    pub base: usize,
    /// The final accounts of `year`.
    pub last: usize,
    pub matched: Matched,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Budget,
    Final,
}

#[derive(Debug)]
struct Entry {
    key: String,
    year: u16,
    kind: Kind,
    /// The printed name, folded only as labels are ([`exact`]).
    name: String,
    sha256: String,
    index: usize,
}

/// The harvest as far as pairing needs it: a few words per record.
#[derive(Debug, Default)]
pub struct Harvest {
    entries: Vec<Entry>,
}

impl Harvest {
    /// Takes note of one record. False where it cannot pair: no department,
    /// year or kind (a file that could not be read), or a name that is only
    /// a place (`上海市`: no department said which).
    pub fn push(&mut self, index: usize, filing: &Filing, sha256: &str) -> bool {
        let (Some(department), Some(year), Some(kind)) =
            (&filing.department, filing.year, filing.kind.as_deref())
        else {
            return false;
        };
        let kind = match kind {
            "budget" => Kind::Budget,
            "final_accounts" => Kind::Final,
            _ => return false,
        };
        let key = name::fold(department);
        if key.is_empty() || name::is_region(&key) {
            return false;
        }
        self.entries.push(Entry {
            key,
            year,
            kind,
            name: exact(department),
            sha256: sha256.to_string(),
            index,
        });
        true
    }

    /// Every pair, in the order of department key, year and kind. A side
    /// with more than one candidate pairs only names printed the same on
    /// both sides (one each); anything else is left unpaired rather than
    /// guessed.
    pub fn pairs(mut self) -> Vec<Match> {
        self.entries.sort_unstable_by(|a, b| {
            (&a.key, a.year, a.kind, &a.name, &a.sha256, a.index)
                .cmp(&(&b.key, b.year, b.kind, &b.name, &b.sha256, b.index))
        });
        // The same file harvested twice is one filing.
        self.entries
            .dedup_by(|b, a| a.sha256 == b.sha256 && !a.sha256.is_empty());
        let mut out = Vec::new();
        for department in self.entries.chunk_by(|a, b| a.key == b.key) {
            let years: Vec<&[Entry]> = department.chunk_by(|a, b| a.year == b.year).collect();
            let mut previous_finals: &[Entry] = &[];
            let mut previous_year = None;
            for year in years {
                let y = year[0].year;
                let split = year.partition_point(|e| e.kind == Kind::Budget);
                let (budgets, finals) = year.split_at(split);
                join(PairKind::BudgetFinal, y, budgets, finals, &mut out);
                if previous_year.is_some_and(|p: u16| p + 1 == y) {
                    join(PairKind::FinalFinal, y, previous_finals, finals, &mut out);
                }
                previous_finals = finals;
                previous_year = Some(y);
            }
        }
        out
    }
}

/// A name as printed, compared only as labels are (spaces, full-width
/// forms): equal here is an `exact` match.
fn exact(name: &str) -> String {
    juesuan_normalize::text::fold(name)
}

fn join(kind: PairKind, year: u16, base: &[Entry], last: &[Entry], out: &mut Vec<Match>) {
    let pair = |a: &Entry, b: &Entry| Match {
        kind,
        year,
        base: a.index,
        last: b.index,
        matched: if a.name == b.name {
            Matched::Exact
        } else {
            Matched::Folded
        },
    };
    match (base, last) {
        ([], _) | (_, []) => {}
        ([a], [b]) => out.push(pair(a, b)),
        _ => {
            // Several filings of one year: only one name printed the same
            // on each side says which goes with which.
            for a in base {
                let same = |e: &&Entry| e.name == a.name;
                if base.iter().filter(same).count() == 1 {
                    let mut found = last.iter().filter(same);
                    if let (Some(b), None) = (found.next(), found.next()) {
                        out.push(pair(a, b));
                    }
                }
            }
        }
    }
}
