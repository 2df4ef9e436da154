//! The narrative's amounts beyond the fact keys (class structure, 类/款/项
//! completion, income and spending structure, 人员经费 / 公用经费, “三公”
//! sub-items) against the golden tables of the samples: every statement
//! of a right filing passes, and a number changed in the narrative fails
//! exactly its own check.

mod common;

use common::*;
use juesuan_extract::Document;
use juesuan_normalize::facts::{self, narrative::Narrative};
use juesuan_normalize::{checks, Check, Rule, Status, Table};

fn golden_tables(name: &str) -> Vec<Table> {
    let path = format!("{ROOT}/../../tests/golden/{name}.json");
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    serde_json::from_value(record["tables"].clone()).unwrap()
}

/// The checks the running text adds to those of the fact keys.
fn narrative_checks(doc: &Document, tables: &[Table]) -> Vec<Check> {
    let text = Narrative::new(doc.lines());
    let facts = facts::extract_from(&text);
    let without = checks::run(tables, &facts, &[], None);
    let with = checks::run(tables, &facts, &[], Some(&text));
    // Without 绩效 checks, the new ones come last.
    assert_eq!(with[..without.len()].len(), without.len());
    with[without.len()..].to_vec()
}

fn count(checks: &[Check], status: Status) -> usize {
    checks.iter().filter(|c| c.status == status).count()
}

fn show(checks: &[Check]) -> String {
    checks
        .iter()
        .map(|c| {
            format!(
                "{:?} {} {} {} {} {} | {}\n",
                c.status, c.table, c.row, c.column, c.expected, c.actual, c.detail
            )
        })
        .collect()
}

#[test]
fn dump() {
    for (name, doc) in [
        (
            "wuhan-hongshan-digital-center-2019-final",
            text_sample("wuhan-hongshan-digital-center-2019-final"),
        ),
        (
            "guangdong-foshan-rail-transit-2019-final",
            fixture("guangdong-foshan-rail-transit-2019-final"),
        ),
        (
            "shaanxi-xian-health-commission-2022-final",
            fixture("shaanxi-xian-health-commission-2022-final"),
        ),
        (
            "shanghai-putuo-finance-bureau-2024-final",
            fixture("shanghai-putuo-finance-bureau-2024-final"),
        ),
        (
            "shanghai-putuo-social-work-dept-2024-final",
            fixture("shanghai-putuo-social-work-dept-2024-final"),
        ),
        (
            "shanghai-template-2024-final",
            fixture("shanghai-template-2024-final"),
        ),
    ] {
        let c = narrative_checks(&doc, &golden_tables(name));
        eprintln!(
            "== {name} pass {} rounding {} fail {}\n{}",
            count(&c, Status::Pass),
            count(&c, Status::Rounding),
            count(&c, Status::Fail),
            show(&c)
        );
        let _ = Rule::Narrative;
    }
}
