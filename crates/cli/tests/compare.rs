//! `juesuan compare` end to end on a real pair: Southwest University's 2023
//! budget (部门预算) and 2023 final accounts (部门决算), both in
//! `samples/pdf/`, extracted and then paired.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn juesuan(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run juesuan");
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// The harvest of the two filings, with a line cut short by a killed run
/// and a blank line, which compare passes over.
fn harvest(dir: &Path) -> PathBuf {
    let (records, err, code) = juesuan(&[
        "extract",
        "samples/pdf/chongqing-southwest-university-2023-budget.pdf",
        "samples/pdf/chongqing-southwest-university-2023-final.pdf",
    ]);
    assert_eq!(code, 0, "{err}");
    let path = dir.join("harvest.jsonl");
    std::fs::write(&path, format!("{records}\n{{\"schema\": \"juesuan.fil\n")).unwrap();
    path
}

/// Every line, checked by hand against both PDFs (pages rendered with
/// `pdftoppm -png -r 110`): budget p.9 支出预算表, p.10 财政拨款支出预算表,
/// p.8 收入预算表 (合计 row); final accounts p.12–13 表3 支出决算表, p.10–11
/// 表2 收入决算表 (合计 row). All in 万元.
const LINES: [(&str, &str, &str, Option<&str>, Option<&str>); 27] = [
    (
        "expenditure",
        "205",
        "合计",
        Some("434334.99"),
        Some("425287.27"),
    ),
    (
        "expenditure",
        "20502",
        "合计",
        Some("432123.85"),
        Some("423102.24"),
    ),
    (
        "expenditure",
        "20506",
        "合计",
        Some("1309.00"),
        Some("1309.00"),
    ),
    (
        "expenditure",
        "20599",
        "合计",
        Some("902.14"),
        Some("876.03"),
    ),
    (
        "expenditure",
        "206",
        "合计",
        Some("2801.72"),
        Some("2536.65"),
    ),
    (
        "expenditure",
        "20602",
        "合计",
        Some("2801.72"),
        Some("2536.65"),
    ),
    (
        "expenditure",
        "208",
        "合计",
        Some("14616.30"),
        Some("13465.06"),
    ),
    (
        "expenditure",
        "20805",
        "合计",
        Some("14616.30"),
        Some("13465.06"),
    ),
    (
        "expenditure",
        "221",
        "合计",
        Some("16916.56"),
        Some("16278.27"),
    ),
    (
        "expenditure",
        "22102",
        "合计",
        Some("16916.56"),
        Some("16278.27"),
    ),
    ("expenditure", "229", "合计", Some("109.50"), Some("109.50")),
    (
        "expenditure",
        "22960",
        "合计",
        Some("109.50"),
        Some("109.50"),
    ),
    (
        "expenditure",
        "合计",
        "合计",
        Some("468779.07"),
        Some("457676.75"),
    ),
    (
        "expenditure",
        "合计",
        "基本支出",
        Some("376019.88"),
        Some("359781.59"),
    ),
    (
        "expenditure",
        "合计",
        "项目支出",
        Some("92759.19"),
        Some("97895.15"),
    ),
    // The final accounts' 表4 财政拨款支出决算表 is not read (yet): the
    // budget's side stands alone.
    (
        "general_budget_expenditure",
        "205",
        "合计",
        Some("208613.34"),
        None,
    ),
    (
        "general_budget_expenditure",
        "206",
        "合计",
        Some("1178.72"),
        None,
    ),
    (
        "general_budget_expenditure",
        "208",
        "合计",
        Some("13345.79"),
        None,
    ),
    (
        "general_budget_expenditure",
        "221",
        "合计",
        Some("7629.03"),
        None,
    ),
    (
        "general_budget_expenditure",
        "229",
        "合计",
        Some("109.50"),
        None,
    ),
    (
        "general_budget_expenditure",
        "合计",
        "合计",
        Some("230876.38"),
        None,
    ),
    (
        "general_budget_expenditure",
        "合计",
        "基本支出",
        Some("199019.33"),
        None,
    ),
    (
        "general_budget_expenditure",
        "合计",
        "项目支出",
        Some("31857.05"),
        None,
    ),
    (
        "income",
        "财政拨款收入",
        "",
        Some("230876.38"),
        Some("243015.38"),
    ),
    (
        "income",
        "事业收入",
        "",
        Some("122342.73"),
        Some("136385.24"),
    ),
    ("income", "其他收入", "", Some("50265.53"), Some("51324.41")),
    // The budget's 本年收入: its sources summed (its 合计 557,259.13
    // includes 上年结转 and 使用非财政拨款结余); the budget's own 收支预算总表
    // (p.7) prints the same 403,484.64.
    (
        "income",
        "本年收入合计",
        "",
        Some("403484.64"),
        Some("430725.03"),
    ),
];

fn decimal(v: &Value) -> Option<rust_decimal::Decimal> {
    v.as_number().map(|n| n.to_string().parse().unwrap())
}

#[test]
fn southwest_university_2023_budget_against_its_final_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let path = harvest(dir.path());
    let (out, err, code) = juesuan(&["compare", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("2 records") && err.contains("1 lines not records"),
        "{err}"
    );
    let pairs: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(pairs.len(), 1, "{out}");
    let pair = &pairs[0];
    assert_eq!(pair["schema"], "juesuan.pair/1");
    assert_eq!(pair["department"], "西南大学");
    assert_eq!(pair["year"], 2023);
    assert_eq!(pair["kind"], "budget_final");
    assert_eq!(pair["matched"], "exact");
    assert!(pair["budget"]["path"]
        .as_str()
        .unwrap()
        .ends_with("2023-budget.pdf"));
    assert!(pair["final"]["path"]
        .as_str()
        .unwrap()
        .ends_with("2023-final.pdf"));
    assert_eq!(pair["unit"], "万元");

    let lines = pair["lines"].as_array().unwrap();
    let got: Vec<_> = lines
        .iter()
        .map(|l| {
            (
                l["what"].as_str().unwrap(),
                l["row"].as_str().unwrap(),
                l["column"].as_str().unwrap_or(""),
                decimal(&l["budget"]),
                decimal(&l["final"]),
            )
        })
        .collect();
    let want: Vec<_> = LINES
        .iter()
        .map(|&(what, row, column, b, f)| {
            let d = |s: Option<&str>| s.map(|s| s.parse().unwrap());
            (what, row, column, d(b), d(f))
        })
        .collect();
    assert_eq!(got, want);
    // Difference and rate follow from the two sides.
    let l = &lines[0];
    assert_eq!(decimal(&l["diff"]), Some("-9047.72".parse().unwrap()));
    assert_eq!(decimal(&l["rate"]), Some("97.92".parse().unwrap()));
    let l = lines
        .iter()
        .find(|l| l["row"] == "合计" && l["column"] == "项目支出")
        .unwrap();
    assert_eq!(decimal(&l["diff"]), Some("5135.96".parse().unwrap()));
    assert_eq!(decimal(&l["rate"]), Some("105.54".parse().unwrap()));
    // Nothing in these final accounts speaks of the budget: they state no
    // 年初预算 and print no “三公” table, and their “与2022年度相比” is
    // about the year before, whose accounts are not in the harvest.
    assert_eq!(pair["checks"], serde_json::json!([]));
}

#[test]
fn csv_gives_the_lines_flat() {
    let dir = tempfile::tempdir().unwrap();
    let path = harvest(dir.path());
    let (out, err, code) = juesuan(&["compare", "--format", "csv", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(
        rows[0],
        "department,year,kind,matched,what,row,column,unit,budget,previous,final,diff,rate,base_path,final_path"
    );
    assert_eq!(rows.len(), 1 + LINES.len());
    assert!(rows[1].starts_with(
        "西南大学,2023,budget_final,exact,expenditure,205,合计,万元,434334.99,,425287.27,-9047.72,97.92,"
    ));
}

#[test]
fn a_missing_harvest_is_exit_2() {
    let (_, err, code) = juesuan(&["compare", "no/such/harvest.jsonl"]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/harvest.jsonl"), "{err}");
}
