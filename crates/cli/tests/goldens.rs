//! Every sample filing end to end against its hand-checked golden record
//! (`tests/golden/`, copied from the project's shared goldens): every
//! table the golden lists is found, every cell it lists has the golden
//! value, no table the golden covers holds an extra amount, every
//! `must_fail` identity is reported `fail` and nothing else in a covered
//! table is. The rules are the scorer's (`../shared/eval/score.py`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            c => c,
        })
        .collect()
}

fn amount(v: &Value) -> Option<rust_decimal::Decimal> {
    v.to_string()
        .trim_matches('"')
        .replace(',', "")
        .parse()
        .ok()
}

fn row_key(row: &Value) -> String {
    if let Some(side) = row["side"].as_str() {
        return format!("{side}:{}", fold(row["item"].as_str().unwrap_or("")));
    }
    match row["code"].as_str() {
        Some(code) if !code.is_empty() => format!("code:{code}"),
        _ => format!("item:{}", fold(row["item"].as_str().unwrap_or(""))),
    }
}

fn cells(table: &Value) -> BTreeMap<(String, String), rust_decimal::Decimal> {
    let mut out = BTreeMap::new();
    for row in table["rows"].as_array().into_iter().flatten() {
        for (col, v) in row["values"].as_object().into_iter().flatten() {
            if let Some(d) = amount(v) {
                out.insert((row_key(row), fold(col)), d);
            }
        }
    }
    out
}

/// The problems of one output record against its golden.
fn misses(golden: &Value, got: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let tables: BTreeMap<&str, &Value> = got["tables"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .map(|t| (t["id"].as_str().unwrap(), t))
        .collect();
    for g in golden["tables"].as_array().unwrap() {
        let id = g["id"].as_str().unwrap();
        let Some(t) = tables.get(id) else {
            out.push(format!("{id}: not found"));
            continue;
        };
        if t["empty"].as_bool() != g["empty"].as_bool() {
            out.push(format!(
                "{id}: empty={} expected {}",
                t["empty"], g["empty"]
            ));
        }
        let (want, have) = (cells(g), cells(t));
        let rows: Vec<String> = g["rows"].as_array().unwrap().iter().map(row_key).collect();
        for (k, v) in &want {
            if have.get(k) != Some(v) {
                out.push(format!("{id} {k:?}: got {:?} expected {v}", have.get(k)));
            }
        }
        for (k, v) in &have {
            let printed_zero = v.is_zero() && rows.contains(&k.0);
            if !want.contains_key(k) && !printed_zero {
                out.push(format!("{id} {k:?}: extra value {v}"));
            }
        }
    }
    let covered: Vec<&str> = golden["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    let same = |want: &Value, c: &Value| {
        want.as_object().unwrap().iter().all(|(k, v)| {
            let g = c[k.as_str()].as_str().unwrap_or("");
            let g = if k == "row" && !v.as_str().unwrap().contains(':') {
                g.split(':').next_back().unwrap()
            } else {
                g
            };
            fold(g) == fold(v.as_str().unwrap())
        })
    };
    let checks = got["checks"].as_array().unwrap();
    let must: Vec<&Value> = golden["must_fail"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    for want in &must {
        if !checks
            .iter()
            .any(|c| c["status"] == "fail" && same(want, c))
        {
            out.push(format!("not reported as fail: {want}"));
        }
    }
    for c in checks {
        let in_table = covered.contains(&c["table"].as_str().unwrap_or(""));
        if in_table && c["status"] == "fail" && !must.iter().any(|w| same(w, c)) {
            out.push(format!("false alarm: {c}"));
        }
    }
    out
}

fn check_sample(stem: &str, file: &str) {
    let golden: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join(format!("tests/golden/{stem}.json"))).unwrap(),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .arg("extract")
        .arg(root().join(file))
        .output()
        .unwrap();
    assert!(out.status.success());
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    let m = misses(&golden, &got);
    assert!(
        m.is_empty(),
        "{stem}: {} problems:\n{}",
        m.len(),
        m.join("\n")
    );
}

#[test]
fn wuhan_2019_text_dump() {
    check_sample(
        "wuhan-hongshan-digital-center-2019-final",
        "samples/text/wuhan-hongshan-digital-center-2019-final.txt",
    );
}

#[test]
fn foshan_2019_word_landscape_tables_over_pages() {
    check_sample(
        "guangdong-foshan-rail-transit-2019-final",
        "samples/pdf/guangdong-foshan-rail-transit-2019-final.pdf",
    );
}

#[test]
fn shanghai_2024_finance_bureau() {
    check_sample(
        "shanghai-putuo-finance-bureau-2024-final",
        "samples/pdf/shanghai-putuo-finance-bureau-2024-final.pdf",
    );
}

#[test]
fn shanghai_2024_social_work_department() {
    check_sample(
        "shanghai-putuo-social-work-dept-2024-final",
        "samples/pdf/shanghai-putuo-social-work-dept-2024-final.pdf",
    );
}

#[test]
fn shanghai_2024_blank_template_has_nine_empty_tables() {
    check_sample(
        "shanghai-template-2024-final",
        "samples/pdf/shanghai-template-2024-final.pdf",
    );
}

#[test]
fn xian_2022_national_format() {
    check_sample(
        "shaanxi-xian-health-commission-2022-final",
        "samples/pdf/shaanxi-xian-health-commission-2022-final.pdf",
    );
}
