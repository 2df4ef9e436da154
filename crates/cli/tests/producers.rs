//! PDFs from producers we have no real sample of, with known answers: the
//! Wuhan 2019 filing's tables rebuilt as a workbook and a document
//! printed by LibreOffice, and as a web page printed by Chromium
//! (`tests/producers/make.py`). Every table cell
//! must match the Wuhan golden exactly, as the text dump's does, and so
//! must its `must_fail` checks (the rebuilt tables keep their errors) and
//! the filing's kind, year and department.

mod common;

const STEM: &str = "wuhan-hongshan-digital-center-2019-final";

fn check_producer(producer: &str) -> serde_json::Value {
    let got = common::assert_golden(STEM, &format!("tests/producers/{producer}/{STEM}.pdf"));
    // A workbook has no cover: the department is its tables' `部门：` line.
    let want = &common::golden(STEM)["filing"];
    for key in ["kind", "year", "department"] {
        assert_eq!(got["filing"][key], want[key], "{producer}: filing.{key}");
    }
    got
}

#[test]
fn libreoffice_calc_workbook() {
    check_producer("calc");
}

/// The narrative's facts too, for producers given the prose.
fn check_facts(producer: &str, got: &serde_json::Value) {
    let want = common::golden(STEM);
    for (key, fact) in want["facts"].as_object().unwrap() {
        let value = common::amount(&got["facts"][key]["value"]);
        assert_eq!(
            value,
            common::amount(&fact["value"]),
            "{producer}: fact {key}"
        );
    }
}

#[test]
fn libreoffice_writer_document() {
    check_facts("writer", &check_producer("writer"));
}

#[test]
fn chromium_print_of_a_web_page() {
    // Skia embeds Noto CJK as Type 3 fonts whose ToUnicode maps shared
    // glyphs to radicals (`⽀出`, `部⻔`): tables must still be found.
    check_facts("chromium", &check_producer("chromium"));
}
