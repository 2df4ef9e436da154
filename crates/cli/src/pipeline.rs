//! One filing's way from path to record, and the run over many filings:
//! in parallel, streamed in input order with a bounded window, one bad
//! file (unreadable, panicking, too slow) never stopping the run.

use std::collections::{BTreeMap, HashSet};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use juesuan_extract::{Diagnostic, Document};
use juesuan_normalize::{Record, Source};
use sha2::{Digest, Sha256};

/// Which files of a harvest this run takes.
#[derive(Default, Clone)]
pub struct Selection {
    /// sha256 of filings already harvested (`--skip-existing`).
    pub skip: HashSet<String>,
    /// `(i, n)`: only filings whose sha256 falls in shard i of n.
    pub shard: Option<(u64, u64)>,
}

impl Selection {
    fn takes(&self, sha256: &str) -> bool {
        if self.skip.contains(sha256) {
            return false;
        }
        match self.shard {
            Some((i, n)) => u64::from_str_radix(&sha256[..16], 16).map_or(true, |h| h % n == i),
            None => true,
        }
    }
}

pub struct Options {
    pub jobs: usize,
    pub timeout: Duration,
    pub selection: Selection,
}

/// What a run did, for the closing summary line.
#[derive(Default, Debug)]
pub struct Totals {
    pub files: usize,
    pub skipped: usize,
    pub pages: u64,
    pub tables: usize,
    pub errors: usize,
}

enum Outcome {
    Done(Box<Record>),
    Skipped,
}

/// Processes `files` and hands each record to `emit` in input order.
/// At most a window of finished records waits for a slow one; a file past
/// the timeout is given up (its record says so) and the run goes on.
/// When `emit` fails (a closed pipe, a full disk) the run stops at once:
/// files in progress are left to the process's exit.
pub fn run(
    files: &[PathBuf],
    opts: &Options,
    mut emit: impl FnMut(&Record) -> std::io::Result<()>,
    mut tick: impl FnMut(),
) -> (std::io::Result<()>, Totals) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs)
        .build()
        .expect("a thread pool");
    let window = opts.jobs.max(1) * 4;
    let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
    let mut started: BTreeMap<usize, Instant> = BTreeMap::new();
    let mut ready: BTreeMap<usize, Outcome> = BTreeMap::new();
    let mut abandoned: HashSet<usize> = HashSet::new();
    let (mut next_submit, mut next_emit) = (0usize, 0usize);
    let mut totals = Totals::default();
    while next_emit < files.len() {
        while next_submit < files.len() && next_submit - next_emit < window {
            let (i, path, tx, sel) = (
                next_submit,
                files[next_submit].clone(),
                tx.clone(),
                opts.selection.clone(),
            );
            let deadline = Instant::now() + opts.timeout;
            pool.spawn(move || {
                let _ = tx.send((i, process_isolated(&path, &sel, deadline)));
            });
            started.insert(i, Instant::now());
            next_submit += 1;
        }
        // Wait for the record we must print next, but no longer than its
        // timeout allows.
        let waited = started
            .get(&next_emit)
            .map_or(Duration::ZERO, Instant::elapsed);
        let budget = opts.timeout.saturating_sub(waited) + Duration::from_millis(50);
        if !ready.contains_key(&next_emit) {
            match rx.recv_timeout(budget) {
                Ok((i, outcome)) => {
                    if !abandoned.contains(&i) {
                        ready.insert(i, outcome);
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    abandoned.insert(next_emit);
                    ready.insert(
                        next_emit,
                        Outcome::Done(Box::new(timed_out(&files[next_emit], opts.timeout))),
                    );
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    unreachable!("the sender lives in this function")
                }
            }
        }
        while let Some(outcome) = ready.remove(&next_emit) {
            started.remove(&next_emit);
            next_emit += 1;
            tick();
            match outcome {
                Outcome::Skipped => totals.skipped += 1,
                Outcome::Done(mut rec) => {
                    rec.diagnostics.extend(path_note(&files[next_emit - 1]));
                    totals.files += 1;
                    totals.pages += u64::from(rec.source.pages.unwrap_or(0));
                    totals.tables += rec.tables.len();
                    totals.errors += usize::from(
                        rec.diagnostics
                            .iter()
                            .any(|d| d.level == juesuan_extract::Level::Error),
                    );
                    if let Err(e) = emit(&rec) {
                        return (Err(e), totals);
                    }
                }
            }
        }
    }
    (Ok(()), totals)
}

/// One filing's record, as `extract` gives it (within `timeout`).
pub fn record(path: &Path, timeout: Duration) -> Record {
    let deadline = Instant::now() + timeout;
    match process_isolated(path, &Selection::default(), deadline) {
        Outcome::Done(record) => *record,
        Outcome::Skipped => unreachable!("the default selection takes every file"),
    }
}

/// A file's sha256, as the record's `source.sha256` gives it.
pub fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn source(path: &Path) -> Source {
    let format = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        "pdf"
    } else {
        "text"
    };
    Source {
        path: shown(path),
        sha256: String::new(),
        format: format.into(),
        pages: None,
        producer: None,
    }
}

/// `source.path`: the path as given where it is UTF-8. Otherwise each
/// byte outside valid UTF-8 is written `\xHH` and each backslash `\\`, so
/// that `printf '%b'` (or Python's `codecs.escape_decode`) gives back the
/// bytes that name the file; the record then says so ([`path_note`]).
fn shown(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    let Err(_) = std::str::from_utf8(bytes) else {
        return path.display().to_string();
    };
    let mut out = String::new();
    for chunk in bytes.utf8_chunks() {
        out.push_str(&chunk.valid().replace('\\', "\\\\"));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// A warning on the record of a file whose name is not UTF-8: how
/// `source.path` maps back to it, and the name read as GBK (GB18030).
fn path_note(path: &Path) -> Option<Diagnostic> {
    let bytes = path.as_os_str().as_encoded_bytes();
    std::str::from_utf8(bytes).err()?;
    let (gbk, _, bad) = encoding_rs::GB18030.decode(bytes);
    let reads = if bad {
        String::new()
    } else {
        format!("; read as GBK it is {gbk}")
    };
    Some(Diagnostic::warn(
        "path_not_utf8",
        format!(
            "the file name is not UTF-8: source.path writes its other bytes as \\xHH and \\ as \\\\ \
             (printf '%b' gives the name back){reads}"
        ),
        None,
    ))
}

fn timed_out(path: &Path, timeout: Duration) -> Record {
    let msg = format!(
        "{}: gave up after {} s (--timeout)",
        path.display(),
        timeout.as_secs()
    );
    juesuan_normalize::failed(source(path), Diagnostic::error("timeout", msg, None))
}

/// `process`, with a panic turned into the file's error record.
fn process_isolated(path: &Path, sel: &Selection, deadline: Instant) -> Outcome {
    match std::panic::catch_unwind(AssertUnwindSafe(|| process(path, sel, deadline))) {
        Ok(outcome) => outcome,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let msg = format!("{}: internal error while reading: {what}", path.display());
            Outcome::Done(Box::new(juesuan_normalize::failed(
                source(path),
                Diagnostic::error("panic", msg, None),
            )))
        }
    }
}

fn process(path: &Path, sel: &Selection, deadline: Instant) -> Outcome {
    let mut source = source(path);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let msg = format!("{}: cannot read: {e}", path.display());
            return Outcome::Done(Box::new(juesuan_normalize::failed(
                source,
                Diagnostic::error("unreadable", msg, None),
            )));
        }
    };
    source.sha256 = hex(&Sha256::digest(&bytes));
    if !sel.takes(&source.sha256) {
        return Outcome::Skipped;
    }
    // By content: harvested PDFs are often named `download.jsp` or `123`.
    if juesuan_extract::pdf::is_pdf(&bytes) {
        source.format = "pdf".into();
    }
    let record = match read_document(&source.format, &bytes, deadline) {
        Ok(doc) => juesuan_normalize::normalize(source, &doc),
        Err(d) => {
            let d = Diagnostic {
                message: format!("{}: {}", path.display(), d.message),
                ..d
            };
            juesuan_normalize::failed(source, d)
        }
    };
    Outcome::Done(Box::new(record))
}

fn read_document(format: &str, bytes: &[u8], deadline: Instant) -> Result<Document, Diagnostic> {
    match format {
        "pdf" => read_pdf(bytes, deadline),
        _ => juesuan_extract::textdump::read(bytes)
            .map_err(|e| Diagnostic::error("unreadable_text", e.to_string(), None)),
    }
}

/// A PDF's pages read and laid out in parallel; a page that fails is
/// reported with its number and the others are kept. Past the deadline,
/// pages not yet read are given up and said so.
fn read_pdf(bytes: &[u8], deadline: Instant) -> Result<Document, Diagnostic> {
    use juesuan_extract::pdf::{PdfDocument, PdfError};
    use rayon::prelude::*;
    let pdf = PdfDocument::open(bytes).map_err(|e| {
        let code = match e {
            PdfError::NotPdf => "not_pdf",
            PdfError::Encrypted => "encrypted",
            _ => "damaged",
        };
        Diagnostic::error(code, e.to_string(), None)
    })?;
    // Layout is per page, so it runs here in parallel too (done after
    // reading, it was a quarter of a file's time on one thread); each
    // page's glyphs are dropped as soon as it is laid out.
    let results: Vec<Result<(Document, bool), Diagnostic>> = (1..=pdf.page_count())
        .into_par_iter()
        .map(|n| {
            if Instant::now() > deadline {
                return Err(Diagnostic::error(
                    "timeout",
                    format!("page {n}: not read, the file's time ran out"),
                    Some(n),
                ));
            }
            let page = pdf
                .page(n)
                .map_err(|e| Diagnostic::error("page_unreadable", e.to_string(), Some(n)))?;
            let has_text = page.glyphs.iter().any(|g| !g.ch.is_whitespace());
            Ok((
                juesuan_extract::layout::document(vec![page], None),
                has_text,
            ))
        })
        .collect();
    let mut doc = Document {
        pages: pdf.page_count(),
        producer: pdf.producer(),
        ..Document::default()
    };
    let mut failures = Vec::new();
    let (mut read, mut texts) = (0usize, 0usize);
    for r in results {
        match r {
            Ok((page, has_text)) => {
                texts += usize::from(has_text);
                read += 1;
                doc.blocks.extend(page.blocks);
                doc.diagnostics.extend(page.diagnostics);
            }
            Err(d) => failures.push(d),
        }
    }
    if pdf.truncated() {
        // The cut explains pages without text better than "a scanned image?".
        doc.diagnostics.retain(|d| d.code != "page_without_text");
        let why = format!(
            "the file stops before its end (cut short): {texts} of its {} pages salvaged with text{}",
            pdf.page_count(),
            if texts > 0 { "; their tables are kept, and checks that fail are unverified" } else { "" }
        );
        if texts == 0 {
            return Err(Diagnostic::error("truncated", why, None));
        }
        doc.diagnostics
            .push(Diagnostic::error("truncated", why, None));
    } else if failures.len() as u32 == pdf.page_count() && !failures.is_empty() {
        return Err(failures.swap_remove(0));
    } else if read > 0 && texts == 0 {
        return Err(Diagnostic::error(
            "no_text",
            format!("no text layer on any of its {read} pages (scanned images?)"),
            None,
        ));
    }
    doc.diagnostics.extend(failures);
    Ok(doc)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The sha256 of every record in an earlier run's output.
pub fn harvested(jsonl: &Path) -> std::io::Result<HashSet<String>> {
    let text = std::fs::read_to_string(jsonl)?;
    Ok(text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["source"]["sha256"].as_str().map(str::to_string))
        .filter(|s| !s.is_empty())
        .collect())
}

/// Worker threads: the number asked for, or one per core.
pub fn jobs(asked: Option<usize>) -> usize {
    asked
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1)
}
