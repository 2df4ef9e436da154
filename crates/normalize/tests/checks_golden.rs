//! The checks over the hand-checked golden records: their tables, facts and
//! 绩效自评表 are the true printed values, so the only `fail`s must be the
//! ones each golden lists under `must_fail`.

use std::collections::BTreeMap;
use std::path::Path;

use juesuan_normalize::checks;
use juesuan_normalize::{Check, Fact, Performance, Status, Table};
use serde_json::Value;

struct Golden {
    name: String,
    tables: Vec<Table>,
    facts: BTreeMap<String, Fact>,
    performance: Vec<Performance>,
    must_fail: Vec<BTreeMap<String, String>>,
}

/// Golden facts may omit `unit` and `evidence`; a missing unit reads as the
/// table's.
fn fact(value: &Value) -> Fact {
    Fact {
        value: serde_json::from_value(value["value"].clone()).expect("fact value"),
        unit: value["unit"].as_str().unwrap_or_default().into(),
        page: value["page"].as_u64().map(|p| p as u32),
        evidence: value["evidence"].as_str().unwrap_or_default().into(),
    }
}

fn goldens() -> Vec<Golden> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
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

#[test]
fn goldens_fail_exactly_their_must_fail_checks() {
    let mut problems = Vec::new();
    for golden in goldens() {
        let checks = checks::run(&golden.tables, &golden.facts, &golden.performance);
        let count = |s: Status| checks.iter().filter(|c| c.status == s).count();
        println!(
            "{}: {} checks, {} pass, {} rounding, {} fail",
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
    let checks = checks::run(&golden.tables, &golden.facts, &golden.performance);
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
    assert_eq!(c.detail, "301 ≠ Σ 301xx");
}
