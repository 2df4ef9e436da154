//! Shared by the end-to-end tests: run `juesuan extract` and compare its
//! record with a hand-checked golden by the scorer's rules
//! (`../shared/eval/score.py`).
#![allow(dead_code)] // each test binary uses its own subset

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn fold(s: &str) -> String {
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

pub fn amount(v: &Value) -> Option<rust_decimal::Decimal> {
    v.to_string()
        .trim_matches('"')
        .replace(',', "")
        .parse()
        .ok()
}

pub fn row_key(row: &Value) -> String {
    if let Some(side) = row["side"].as_str() {
        return format!("{side}:{}", fold(row["item"].as_str().unwrap_or("")));
    }
    match row["code"].as_str() {
        Some(code) if !code.is_empty() => format!("code:{code}"),
        _ => format!("item:{}", fold(row["item"].as_str().unwrap_or(""))),
    }
}

pub fn cells(table: &Value) -> BTreeMap<(String, String), rust_decimal::Decimal> {
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

/// The problems of one output record's tables against its golden's: a
/// table not found, a wrong `empty`, a wrong or missing cell, an extra one.
pub fn table_misses(golden: &Value, got: &Value) -> Vec<String> {
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
    out
}

/// The problems of one output record's checks against its golden: every
/// `must_fail` identity reported `fail`, nothing else in a covered table.
pub fn check_misses(golden: &Value, got: &Value) -> Vec<String> {
    let mut out = Vec::new();
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

/// The golden record `tests/golden/STEM.json`.
pub fn golden(stem: &str) -> Value {
    let path = root().join(format!("tests/golden/{stem}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// `juesuan extract FILE` (relative to the repository root): its one record.
pub fn extract(file: &str) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .arg("extract")
        .arg(root().join(file))
        .output()
        .unwrap();
    assert!(out.status.success(), "{file}: extract failed");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Extract `file` and assert its tables and checks match golden `stem`;
/// the record, for more.
pub fn assert_golden(stem: &str, file: &str) -> Value {
    let (golden, got) = (golden(stem), extract(file));
    let mut m = table_misses(&golden, &got);
    m.extend(check_misses(&golden, &got));
    assert!(
        m.is_empty(),
        "{file}: {} problems:\n{}",
        m.len(),
        m.join("\n")
    );
    got
}
