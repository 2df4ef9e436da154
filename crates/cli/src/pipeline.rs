//! One filing's way from path to record, and the run over many filings:
//! in parallel, printed in input order, one bad file never stopping it.

use std::path::{Path, PathBuf};

use juesuan_extract::{Diagnostic, Document};
use juesuan_normalize::{Record, Source};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

/// Processes `files` in parallel and hands each record to `emit` in input
/// order. Stops early (returning false) only when `emit` does.
pub fn run(files: &[PathBuf], mut emit: impl FnMut(&Record) -> bool) -> bool {
    // Work in windows so that memory stays bounded and output is ordered.
    let window = rayon::current_num_threads().max(1) * 4;
    for chunk in files.chunks(window) {
        let records: Vec<Record> = chunk.par_iter().map(|p| process(p)).collect();
        for r in &records {
            if !emit(r) {
                return false;
            }
        }
    }
    true
}

pub fn process(path: &Path) -> Record {
    let format = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        "pdf"
    } else {
        "text"
    };
    let mut source = Source {
        path: path.display().to_string(),
        sha256: String::new(),
        format: format.into(),
        pages: None,
        producer: None,
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let msg = format!("{}: cannot read: {e}", path.display());
            return juesuan_normalize::failed(source, Diagnostic::error("unreadable", msg, None));
        }
    };
    source.sha256 = hex(&Sha256::digest(&bytes));
    let doc = match read_document(format, &bytes) {
        Ok(d) => d,
        Err(d) => return juesuan_normalize::failed(source, d),
    };
    juesuan_normalize::normalize(source, &doc)
}

fn read_document(format: &str, bytes: &[u8]) -> Result<Document, Diagnostic> {
    match format {
        "pdf" => Err(Diagnostic::error(
            "unsupported",
            "PDF filings are not read yet",
            None,
        )),
        _ => juesuan_extract::textdump::read(bytes)
            .map_err(|e| Diagnostic::error("unreadable_text", e.to_string(), None)),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
