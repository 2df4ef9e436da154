//! A synthetic harvest made from real records (`tests/fixtures/records.jsonl`:
//! a budget and final accounts): the same records under other departments'
//! names and other years, with the answer — which pairs exist.
//!
//! Each department prints its name in a different form in each filing (the
//! forms `name::fold` must join), and every third has a neighbour whose
//! name only extends it (`…信息中心`) holding filings that would pair with
//! its own were the two joined. Every seventh files its accounts twice in
//! one year, 本级 and 汇总.

use std::collections::BTreeSet;
use std::path::Path;

use juesuan_normalize::Record;
use juesuan_pair::PairKind;

/// One record of the harvest, before it is made.
#[derive(Debug, Clone)]
pub struct Spec {
    pub budget: bool,
    pub year: u16,
    pub department: String,
}

/// A pair as the answer knows it: kind, year, base index, last index.
pub type Expected = (PairKind, u16, usize, usize);

pub struct Synthetic {
    pub specs: Vec<Spec>,
    pub expected: BTreeSet<Expected>,
    budget: Record,
    last: Record,
}

/// The forms a department's name takes: (printed, its 本级 form).
fn forms(d: usize) -> [String; 5] {
    if d % 2 == 0 {
        let body = format!("甲省乙市{d}区卫生健康");
        [
            format!("{body}委员会"),
            format!("{body}委"),
            format!("{body}委员会（本级）"),
            format!("2019年度{body}委员会部门决算"),
            format!("{body} 委员会 (汇总)"),
        ]
    } else {
        let body = format!("乙市{d}区");
        [
            format!("中共{body}委员会组织部"),
            format!("中共{body}委组织部"),
            format!("{body}委组织部"),
            format!("中国共产党{body}委员会组织部"),
            format!("中共{body}委组织部（本级）"),
        ]
    }
}

impl Synthetic {
    /// A harvest of `n` records or a few more (a department's filings are
    /// not split).
    pub fn new(n: usize, fixtures: &Path) -> Synthetic {
        let records: Vec<Record> = std::fs::read_to_string(fixtures)
            .expect("fixtures")
            .lines()
            .map(|l| serde_json::from_str(l).expect("a record"))
            .collect();
        let pick = |kind: &str| {
            records
                .iter()
                .find(|r| r.filing.kind.as_deref() == Some(kind))
                .expect("a fixture of each kind")
                .clone()
        };
        let mut s = Synthetic {
            specs: Vec::with_capacity(n + 8),
            expected: BTreeSet::new(),
            budget: pick("budget"),
            last: pick("final_accounts"),
        };
        let mut d = 0;
        while s.specs.len() < n {
            s.department(d);
            d += 1;
        }
        s
    }

    fn push(&mut self, budget: bool, year: u16, department: String) -> usize {
        self.specs.push(Spec {
            budget,
            year,
            department,
        });
        self.specs.len() - 1
    }

    fn department(&mut self, d: usize) {
        let y = 2015 + (d % 8) as u16;
        let names = forms(d);
        let twice = d % 7 == 0;
        // Filing twice in a year, only the names printed the same pair.
        let name = |k: usize| {
            if twice {
                names[2].clone()
            } else {
                names[k].clone()
            }
        };
        let budget = self.push(true, y, name(0));
        let last = self.push(false, y, name(1));
        let next = self.push(false, y + 1, name(2));
        self.push(true, y + 2, name(3)); // no final accounts that year
        self.push(false, y + 3, name(4)); // none the year before
        self.expected
            .insert((PairKind::BudgetFinal, y, budget, last));
        self.expected
            .insert((PairKind::FinalFinal, y + 1, last, next));
        if twice {
            let consolidated = format!("{}（汇总）", names[0]);
            self.push(false, y, consolidated);
        }
        if d % 3 == 0 {
            // A neighbour that only extends the name, with the filings
            // that would pair with this department's.
            self.push(false, y + 2, format!("{}信息中心", names[0]));
            self.push(true, y + 3, format!("{}信息中心", names[0]));
        }
    }

    pub fn sha256(i: usize) -> String {
        format!("{i:064x}")
    }

    /// The record `i` stands for: a real one renamed and moved in time.
    pub fn record(&self, i: usize) -> Record {
        let spec = &self.specs[i];
        let mut r = if spec.budget {
            self.budget.clone()
        } else {
            self.last.clone()
        };
        r.source.sha256 = Self::sha256(i);
        r.source.path = format!("harvest/{i}.pdf");
        r.filing.year = Some(spec.year);
        r.filing.department = Some(spec.department.clone());
        r
    }

    pub fn filing(&self, i: usize) -> juesuan_normalize::Filing {
        let spec = &self.specs[i];
        juesuan_normalize::Filing {
            kind: Some(
                if spec.budget {
                    "budget"
                } else {
                    "final_accounts"
                }
                .into(),
            ),
            year: Some(spec.year),
            department: Some(spec.department.clone()),
            published: None,
        }
    }
}
