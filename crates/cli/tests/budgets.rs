//! 部门预算 end to end on real filings of six regions and producers
//! (WPS 表格, 原点财通, Acrobat Distiller, Aspose.Words, the central and
//! Chongqing formats), and a city's report that is no department's filing.
//! Each `tests/expected/budgets/STEM.json` was checked by hand against the
//! printed pages: the filing recognised, and for the tables it lists every
//! printed amount in its row and column — no more, no fewer — and exactly
//! the failing checks listed (Southwest University's 20502 is the filing's
//! own: 520,603.91 printed against 9,645.51 + 27,109.72 + 483,848.18).
//! Beijing and Xi'an print the 部门 economic code beside the 政府 one, a
//! row per pair: those rows are keyed by both.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// A row as the expected files key it: `side:item`, a code, or an item.
fn key(row: &Value) -> String {
    if let Some(side) = row["side"].as_str() {
        return format!("{side}:{}", row["item"].as_str().unwrap_or(""));
    }
    // A crosswalk prints a 部门 code once per 政府 code beside it (label).
    match (row["code"].as_str(), row["label"].as_str()) {
        (Some(code), Some(label)) => format!("{code} / {label}"),
        (Some(code), None) => code.to_string(),
        _ => row["item"].as_str().unwrap_or("").to_string(),
    }
}

fn check(stem: &str) {
    let path = common::root().join(format!("tests/expected/budgets/{stem}.json"));
    let want: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let got = common::extract(&format!("samples/pdf/{stem}.pdf"));
    let mut problems = Vec::new();
    if got["filing"] != want["filing"] {
        problems.push(format!(
            "filing {} (expected {})",
            got["filing"], want["filing"]
        ));
    }
    for (id, table) in want["tables"].as_object().unwrap() {
        let Some(found) = got["tables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == *id)
        else {
            problems.push(format!("{id}: not found"));
            continue;
        };
        if found["pages"] != table["pages"] {
            problems.push(format!(
                "{id}: pages {} (expected {})",
                found["pages"], table["pages"]
            ));
        }
        let mut cells: BTreeMap<(String, String), rust_decimal::Decimal> = BTreeMap::new();
        for row in found["rows"].as_array().unwrap() {
            for (col, v) in row["values"].as_object().unwrap() {
                cells.insert((key(row), col.clone()), common::amount(v).unwrap());
            }
        }
        let mut expected = BTreeMap::new();
        for (row, values) in table["rows"].as_object().unwrap() {
            for (col, v) in values.as_object().unwrap() {
                let v: rust_decimal::Decimal = v.as_str().unwrap().parse().unwrap();
                expected.insert((row.clone(), col.clone()), v);
            }
        }
        for (cell, v) in &expected {
            if cells.get(cell) != Some(v) {
                problems.push(format!(
                    "{id} {cell:?}: {:?} (expected {v})",
                    cells.get(cell)
                ));
            }
        }
        for cell in cells.keys().filter(|c| !expected.contains_key(*c)) {
            problems.push(format!("{id} {cell:?}: extra value {}", cells[cell]));
        }
    }
    let fails: BTreeSet<String> = got["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "fail")
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap_or("").to_string();
            format!("{} {} {} {}", s("rule"), s("table"), s("row"), s("column"))
        })
        .collect();
    let want_fails: BTreeSet<String> = want["fails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    if fails != want_fails {
        problems.push(format!(
            "failing checks {fails:?} (expected {want_fails:?})"
        ));
    }
    assert!(
        problems.is_empty(),
        "{stem}: {} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn beijing_wps_tables_without_a_cover_two_economic_classifications() {
    check("beijing-finance-bureau-2026-budget-tables");
}

#[test]
fn hangzhou_names_without_codes_take_the_reference_codes() {
    check("zhejiang-hangzhou-justice-2026-budget");
}

/// Hangzhou's 收支总表 lists the expenditure by the whole classification,
/// names without codes (page 23): each 款 and 项 takes its code under the
/// class above, and only the classes add up to 本年支出合计.
#[test]
fn hangzhou_summary_breakdown_unit_rows_and_wrapped_amounts() {
    let got = common::extract("samples/pdf/zhejiang-hangzhou-justice-2026-budget.pdf");
    let table = |id: &str| {
        got["tables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap()
    };
    let spent: Vec<(String, String, String)> = table("budget_summary")["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["side"] == "expenditure" && r["code"].is_string())
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
            (s("code"), s("item"), r["values"]["预算数"].to_string())
        })
        .collect();
    let want = |code: &str, item: &str, v: &str| (code.into(), item.into(), v.into());
    for row in [
        want("201", "一般公共服务支出", "12868.19"),
        want("2013999", "其他社会工作事务支出", "0.19"),
        want("20199", "其他一般公共服务支出", "12868.00"),
        want("2019999", "其他一般公共服务支出", "12868.00"),
        want("20406", "司法", "12251.39"),
        want("2040601", "行政运行", "8553.80"),
        want("2040701", "行政运行", "48375.27"),
        want("2040899", "其他强制隔离戒毒支出", "3.18"),
        want("2101101", "行政单位医疗", "2434.95"),
    ] {
        assert!(spent.contains(&row), "{row:?} not in {spent:?}");
    }
    // every line of the page's expenditure panel down to 2101101, the
    // 款 20199 and the 项 2019999 of one name both
    assert_eq!(spent.len(), 40, "{spent:?}");
    let unknown: Vec<&str> = got["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["message"].as_str())
        .filter(|m| m.starts_with("budget_summary: expenditure"))
        .collect();
    assert!(unknown.is_empty(), "{unknown:?}");
    // 部门收入总表 lists the units (单位名称, page 25): each a row under its
    // name, without a warning (the department's line and its own unit's
    // share the name 杭州市司法局).
    let units: Vec<(&str, String)> = table("budget_income")["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["item"].as_str().unwrap_or(""),
                r["values"]["合计"].to_string(),
            )
        })
        .collect();
    assert_eq!(
        units,
        [
            ("合计", "99230.46"),
            ("杭州市司法局", "99230.46"),
            ("杭州市司法局", "12586.47"),
            ("杭州市东郊监狱", "18764.53"),
            ("杭州市西郊监狱", "19347.38"),
            ("杭州市南郊监狱", "18190.36"),
            ("杭州市北郊监狱", "24308.97"),
            ("杭州市富春强制隔离戒毒所", "4920.05"),
            ("杭州市法律援助中心", "1112.70"),
        ]
        .map(|(u, v)| (u, v.to_string())),
    );
    assert!(
        !got["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["message"]
                .as_str()
                .unwrap()
                .starts_with("budget_income: row")),
        "a unit row warned"
    );
    // 一般公共预算支出表 (page 30) wraps amounts too wide for 项目支出 over
    // two lines (`21,118.5` / `1`): each is one amount of its row.
    let rows = table("budget_general_expenditure")["rows"]
        .as_array()
        .unwrap();
    let project = |key: &str| {
        rows.iter()
            .find(|r| r["code"] == key || r["item"] == key)
            .map(|r| r["values"]["项目支出"].to_string())
    };
    assert_eq!(project("合计").as_deref(), Some("21118.51"));
    assert_eq!(project("201").as_deref(), Some("12868.19"));
    assert_eq!(project("20199").as_deref(), Some("12868.00"));
    assert!(
        rows.iter()
            .all(|r| r["code"].is_string() || r["item"].is_string()),
        "a row of amounts without its label"
    );
    let total = got["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["table"] == "budget_summary" && c["row"] == "expenditure:本年支出合计")
        .expect("本年支出合计 checked");
    assert_ne!(total["status"], "fail", "{total}");
}

#[test]
fn jiangsu_rotated_distiller_three_public_with_meetings_and_training() {
    check("jiangsu-npc-office-2019-budget-tables-rot90");
}

#[test]
fn fuzhou_aspose_three_public_as_rows() {
    check("fujian-fuzhou-medical-security-2026-budget");
}

#[test]
fn shanghai_unit_budget_named_by_its_unit_line() {
    check("shanghai-finance-bureau-2026-unit-budget");
}

#[test]
fn xian_comprehensive_budget_in_yuan_year_before_and_this_year() {
    check("shaanxi-xian-finance-bureau-2026-budget");
}

#[test]
fn southwest_university_budget_and_its_misprinted_20502() {
    check("chongqing-southwest-university-2023-budget");
}

#[test]
fn a_city_report_is_no_department_filing() {
    check("hubei-wuhan-2024-city-final-report");
    let got = common::extract("samples/pdf/hubei-wuhan-2024-city-final-report.pdf");
    assert!(got["filing"]["department"].is_null());
    assert!(got["tables"].as_array().unwrap().is_empty());
    assert!(got["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "not_a_filing"));
}
