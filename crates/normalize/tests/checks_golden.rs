//! The checks over the hand-checked golden records: their tables, facts and
//! 绩效自评表 are the true printed values, so the only `fail`s must be the
//! ones each golden lists under `must_fail`.

use std::collections::BTreeMap;
use std::path::Path;

mod common;

use juesuan_extract::Document;
use juesuan_normalize::checks;
use juesuan_normalize::facts::narrative::Narrative;
use juesuan_normalize::{Check, Fact, Performance, Status, Table};
use serde_json::Value;

struct Golden {
    name: String,
    filing: juesuan_normalize::Filing,
    tables: Vec<Table>,
    facts: BTreeMap<String, Fact>,
    performance: Vec<Performance>,
    must_fail: Vec<BTreeMap<String, String>>,
}

impl Golden {
    /// The checks of its tables, facts and 绩效 forms (no running text).
    fn table_checks(&self) -> Vec<Check> {
        checks::run(
            &self.filing,
            &self.tables,
            &self.facts,
            &self.performance,
            None,
            &[],
        )
    }
}

/// Golden facts may omit `unit` and `evidence`; a missing unit reads as the
/// table's.
fn fact(value: &Value) -> Fact {
    Fact {
        value: serde_json::from_value(value["value"].clone()).expect("fact value"),
        unit: value["unit"].as_str().unwrap_or_default().into(),
        page: value["page"].as_u64().map(|p| p as u32),
        evidence: value["evidence"].as_str().unwrap_or_default().into(),
        at: None,
    }
}

fn goldens() -> Vec<Golden> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        // Goldens read here with their running text (a narrative fixture
        // or the text dump); the others (the budget) are end-to-end tests
        // of the binary (`crates/cli/tests/goldens.rs`).
        .filter(|p| {
            let name = p.file_stem().unwrap().to_string_lossy();
            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            root.join(format!("tests/fixtures/narrative/{name}.txt"))
                .exists()
                || root.join(format!("../../samples/text/{name}.txt")).exists()
        })
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 6,
        "golden fixtures missing from {}",
        dir.display()
    );
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("read golden");
            let g: Value = serde_json::from_str(&text).expect("golden json");
            Golden {
                name: path.file_stem().unwrap().to_string_lossy().into(),
                filing: serde_json::from_value(g["filing"].clone()).unwrap_or_default(),
                tables: serde_json::from_value(g["tables"].clone()).expect("tables"),
                facts: g["facts"]
                    .as_object()
                    .map(|m| m.iter().map(|(k, v)| (k.clone(), fact(v))).collect())
                    .unwrap_or_default(),
                performance: serde_json::from_value(g["performance"].clone()).unwrap_or_default(),
                must_fail: g["must_fail"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|w| {
                                w.as_object()
                                    .unwrap()
                                    .iter()
                                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().into()))
                                    .collect()
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// The scorer's match: a wanted row without a side (`总计`) matches either
/// side (`income:总计`).
fn same_cell(want: &BTreeMap<String, String>, check: &Check) -> bool {
    let got = serde_json::to_value(check).unwrap();
    want.iter().all(|(k, v)| {
        let g = got[k].as_str().unwrap_or_default();
        let g = if k == "row" && !v.contains(':') {
            g.rsplit(':').next().unwrap_or(g)
        } else {
            g
        };
        g == v
    })
}

/// The filing's running text: its narrative fixture, or the text dump.
fn running_text(name: &str) -> Document {
    let fixture = Path::new(common::ROOT).join(format!("tests/fixtures/narrative/{name}.txt"));
    if fixture.exists() {
        common::fixture(name)
    } else {
        common::text_sample(name)
    }
}

#[test]
fn goldens_fail_exactly_their_must_fail_checks() {
    let mut problems = Vec::new();
    for golden in goldens() {
        let doc = running_text(&golden.name);
        let text = Narrative::new(doc.lines());
        let checks = checks::run(
            &golden.filing,
            &golden.tables,
            &golden.facts,
            &golden.performance,
            Some(&text),
            &[],
        );
        let count = |s: Status| checks.iter().filter(|c| c.status == s).count();
        let mut by_rule: BTreeMap<String, usize> = BTreeMap::new();
        for c in &checks {
            *by_rule.entry(format!("{:?}", c.rule)).or_default() += 1;
        }
        println!(
            "{}: {} checks ({by_rule:?}), {} pass, {} rounding, {} fail",
            golden.name,
            checks.len(),
            count(Status::Pass),
            count(Status::Rounding),
            count(Status::Fail)
        );
        for c in checks.iter().filter(|c| c.status != Status::Pass) {
            println!(
                "    {:?} {:?} {} {} [{}] expected {} actual {} diff {}: {}",
                c.status, c.rule, c.table, c.row, c.column, c.expected, c.actual, c.diff, c.detail
            );
        }
        for want in &golden.must_fail {
            if !checks
                .iter()
                .any(|c| c.status == Status::Fail && same_cell(want, c))
            {
                problems.push(format!("{}: not reported as fail: {want:?}", golden.name));
            }
        }
        for c in checks.iter().filter(|c| c.status == Status::Fail) {
            if !golden.must_fail.iter().any(|w| same_cell(w, c)) {
                problems.push(format!("{}: false alarm: {c:?}", golden.name));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn wuhan_301_reports_both_numbers() {
    let golden = goldens()
        .into_iter()
        .find(|g| g.name.starts_with("wuhan"))
        .expect("wuhan golden");
    let checks = golden.table_checks();
    let c = checks
        .iter()
        .find(|c| {
            c.table == "general_budget_basic_expenditure" && c.row == "301" && c.column == "决算数"
        })
        .expect("301 checked");
    assert_eq!(
        (
            c.expected.to_string().as_str(),
            c.actual.to_string().as_str()
        ),
        ("583.64", "593.64")
    );
    assert_eq!(c.diff.normalize().to_string(), "10");
    assert_eq!(c.status, Status::Fail);
    assert_eq!(c.detail, "301 = Σ 301xx");
}

/// The identity notes the Wuhan 2019 filing prints under its tables
/// (samples/text/wuhan-hongshan-digital-center-2019-final.txt).
const WUHAN_NOTES: &[(&str, &str)] = &[
    (
        "income_expenditure_summary",
        "24行 = (1+2+3+4+5+6+7) 行； 27行 = (24+25+26) 行；",
    ),
    (
        "income_expenditure_summary",
        "51行 = (28+29+...+49) 行； 54行 = (51+52+53) 行。",
    ),
    ("income", "1栏各行=（2+3+4+5+6+7）栏各行。"),
    ("expenditure", "1栏各行=（2+3+4+5+6）栏各行。"),
    (
        "fiscal_summary",
        "24行 = (1+2) 行；25行 = (26+27) 行；29行 = (24+25) 行；",
    ),
    (
        "fiscal_summary",
        "53行 = (30+31+...+51) 行；58行 = (53+54) 行。",
    ),
    ("general_budget_expenditure", "1栏各行 = (2+3) 栏各行。"),
    (
        "three_public",
        "1栏=(2+3+6) 栏; 3栏=(4+5) 栏; 7栏=(8+9+12) 栏; 9栏=(10+11) 栏。",
    ),
];

#[test]
fn wuhan_printed_notes_are_checked_and_still_fail_only_301_and_302() {
    let mut golden = goldens()
        .into_iter()
        .find(|g| g.name.starts_with("wuhan"))
        .expect("wuhan golden");
    for (id, note) in WUHAN_NOTES {
        let table = golden
            .tables
            .iter_mut()
            .find(|t| t.id == *id)
            .expect("table");
        table.notes.push(note.to_string());
    }
    let checks = golden.table_checks();
    let details: Vec<&str> = checks.iter().map(|c| c.detail.as_str()).collect();
    for printed in [
        "24行=(1+2+3+4+5+6+7)行",
        "27行=(24+25+26)行",
        "51行=(28+29+…+49)行",
        "54行=(51+52+53)行",
        "29行=(24+25)行",
        "53行=(30+31+…+51)行",
        "1栏各行=(2+3+4+5+6+7)栏各行",
        "1栏各行=(2+3+4+5+6)栏各行",
        "1栏各行=(2+3)栏各行",
    ] {
        assert!(
            details.contains(&printed),
            "{printed} not checked: {details:?}"
        );
    }
    let fails: Vec<(&str, &str)> = checks
        .iter()
        .filter(|c| c.status == Status::Fail)
        .map(|c| (c.table.as_str(), c.row.as_str()))
        .collect();
    assert_eq!(
        fails,
        [
            ("general_budget_basic_expenditure", "301"),
            ("general_budget_basic_expenditure", "302")
        ]
    );
}
