//! `juesuan report`: a filing's record, and the PDF it was read from, as
//! one HTML page (`juesuan-report`).

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::Duration;

use juesuan_extract::pdf::PdfDocument;
use juesuan_normalize::Record;
use juesuan_report::Pages;

use crate::pipeline;

/// Reports on `file` (read now), or on the record of `sha` in an earlier
/// output; writes the HTML to `out`.
pub fn run(
    file: Option<PathBuf>,
    from: Option<(PathBuf, String)>,
    out: &Path,
) -> Result<(), String> {
    let record = match (file, from) {
        (Some(file), _) => pipeline::record(&file, Duration::from_secs(60)),
        (None, Some((jsonl, sha))) => find(&jsonl, &sha)?,
        (None, None) => return Err("give a FILE, or --record OUT.jsonl --filing SHA".into()),
    };
    let html = match pdf_of(&record) {
        Ok(doc) => {
            let read = |n: u32| doc.page(n).ok();
            juesuan_report::render(&record, &Pages::Pdf(&read))
        }
        Err(why) => {
            if record.source.format == "pdf" {
                eprintln!("juesuan: {why}: the report has no drawings");
            }
            juesuan_report::render(&record, &Pages::Missing(why))
        }
    };
    std::fs::write(out, html).map_err(|e| format!("{}: {e}", out.display()))
}

/// The PDF a record was read from, if it is still at its path unchanged.
fn pdf_of(record: &Record) -> Result<PdfDocument, String> {
    let src = &record.source;
    if src.format != "pdf" {
        return Err("the filing is a text dump: it has no pages to draw".into());
    }
    let bytes = std::fs::read(&src.path)
        .map_err(|e| format!("the PDF at {} cannot be read ({e})", src.path))?;
    if !src.sha256.is_empty() && pipeline::sha256(&bytes) != src.sha256 {
        return Err(format!(
            "the file at {} is not the one the record was read from (its sha256 differs)",
            src.path
        ));
    }
    PdfDocument::open(&bytes).map_err(|e| format!("{}: {e}", src.path))
}

/// The record whose sha256 starts with `sha` in a JSON-lines output; an
/// ambiguous prefix is an error.
fn find(jsonl: &Path, sha: &str) -> Result<Record, String> {
    let file = std::fs::File::open(jsonl).map_err(|e| format!("{}: {e}", jsonl.display()))?;
    let sha = sha.to_ascii_lowercase();
    let mut found: Option<Record> = None;
    for line in std::io::BufReader::new(file).lines() {
        let line = line.map_err(|e| format!("{}: {e}", jsonl.display()))?;
        // Cheap test first: most lines are other filings.
        if !line.contains(&format!("\"sha256\":\"{sha}"))
            && !line.contains(&format!("\"sha256\": \"{sha}"))
        {
            continue;
        }
        let Ok(record) = serde_json::from_str::<Record>(&line) else {
            continue;
        };
        if !record.source.sha256.starts_with(&sha) {
            continue;
        }
        if found
            .as_ref()
            .is_some_and(|f| f.source.sha256 != record.source.sha256)
        {
            return Err(format!(
                "{sha}: more than one filing in {} starts so",
                jsonl.display()
            ));
        }
        // A file done again (a timeout) has a record per attempt: keep the latest.
        found = Some(record);
    }
    found.ok_or_else(|| format!("{sha}: no such filing in {}", jsonl.display()))
}
