//! Text dumps of the Wuhan 2019 filing in the shapes users make them
//! (`tests/textdumps/`, see its README): a `pdftotext -layout` dump reads
//! as tables through the unruled-table alignment; a plain `pdftotext` or
//! `juesuan text` dump keeps its words and says that no table was found.

mod common;

use std::collections::BTreeMap;

use serde_json::Value;

const STEM: &str = "wuhan-hongshan-digital-center-2019-final";

/// Cells of the record's tables against the golden's: (right, missed, extra).
fn cell_counts(golden: &Value, got: &Value) -> (usize, usize, usize) {
    let tables: BTreeMap<&str, &Value> = got["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["id"].as_str().unwrap(), t))
        .collect();
    let (mut right, mut missed, mut extra) = (0, 0, 0);
    for g in golden["tables"].as_array().unwrap() {
        let want = common::cells(g);
        let have = tables
            .get(g["id"].as_str().unwrap())
            .map(|t| common::cells(t))
            .unwrap_or_default();
        right += want.iter().filter(|(k, v)| have.get(*k) == Some(v)).count();
        missed += want.iter().filter(|(k, v)| have.get(*k) != Some(v)).count();
        extra += have.iter().filter(|(k, v)| want.get(*k) != Some(v)).count();
    }
    (right, missed, extra)
}

fn codes(rec: &Value) -> Vec<&str> {
    rec["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

#[test]
fn a_layout_dump_reads_as_tables() {
    let golden = common::golden(STEM);
    let got = common::extract(&format!("tests/textdumps/layout/{STEM}.txt"));
    for key in ["kind", "year", "department"] {
        assert_eq!(got["filing"][key], golden["filing"][key], "filing.{key}");
    }
    assert_eq!(got["source"]["format"], "text");
    assert!(got["tables"].as_array().unwrap().len() >= 7);
    // Cells read from a dump have no place on a page.
    let first = &got["tables"][0]["rows"][0];
    assert!(
        first["at"].is_null() || first["at"].as_object().is_some_and(|m| m.is_empty()),
        "{first}"
    );
    // A dump's failing checks are unverified: pdftotext places columns
    // only roughly, so a misreading must not pass for the filing's error.
    for c in got["checks"].as_array().unwrap() {
        assert_ne!(c["status"], "fail", "{c}");
    }
}

/// Cell F1 of `pdftotext -layout` dumps against the goldens. Wuhan is the
/// issue's bar (0.95). The others are where their layouts stand (see
/// docs/output-notes.md, "Text dumps"), kept from sliding back: Foshan
/// and Shanghai wrap names over lines set solid, the petitions bureau's
/// budget has headers spanning columns over three lines, which a layout
/// dump cannot tell from wrapped words.
#[test]
fn layout_dumps_read_their_cells() {
    for (stem, floor) in [
        (STEM, 0.95),
        ("guangdong-foshan-rail-transit-2019-final", 0.78),
        ("shanghai-putuo-social-work-dept-2024-final", 0.74),
        ("central-national-petitions-bureau-2026-budget", 0.36),
    ] {
        let golden = common::golden(stem);
        let got = common::extract(&format!("tests/textdumps/layout/{stem}.txt"));
        assert_eq!(got["filing"]["year"], golden["filing"]["year"], "{stem}");
        let (right, missed, extra) = cell_counts(&golden, &got);
        let f1 = 2.0 * right as f64 / (2 * right + missed + extra) as f64;
        assert!(
            f1 >= floor,
            "{stem}: cell F1 {f1:.3} < {floor} ({right} right, {missed} missed, {extra} extra)"
        );
    }
}

#[test]
fn dumps_without_columns_keep_their_words_and_say_so() {
    for kind in ["plain", "juesuan-text"] {
        let got = common::extract(&format!("tests/textdumps/{kind}/{STEM}.txt"));
        assert_eq!(got["filing"]["year"], 2019, "{kind}");
        assert!(got["tables"].as_array().unwrap().is_empty(), "{kind}");
        assert!(
            codes(&got).contains(&"no_tables"),
            "{kind}: {:?}",
            codes(&got)
        );
        // the narrative still gives its facts
        assert!(got["facts"].as_object().unwrap().len() >= 20, "{kind}");
    }
}
