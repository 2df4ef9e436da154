//! PDFs from producers we have no real sample of, with known answers: the
//! Wuhan 2019 filing's tables rebuilt as a workbook and a document and
//! printed by LibreOffice (`tests/producers/make.py`). Every table cell
//! must match the Wuhan golden exactly, as the text dump's does; and the
//! golden's `must_fail` identities, which hold in the rebuilt tables too.

mod common;

const STEM: &str = "wuhan-hongshan-digital-center-2019-final";

fn check_producer(producer: &str) {
    common::assert_golden(STEM, &format!("tests/producers/{producer}/{STEM}.pdf"));
}

#[test]
fn libreoffice_calc_workbook() {
    check_producer("calc");
}

#[test]
fn libreoffice_writer_document() {
    check_producer("writer");
}
