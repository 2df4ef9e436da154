//! `juesuan extract` over `tests/broken/` (made by `tests/broken/make.py`,
//! plus inputs the fuzzer found): every damaged file a harvest can meet
//! gives one record saying what happened, and the run goes on.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// What a file must give.
enum Expect {
    /// Not read at all: exactly one error diagnostic, with this code.
    Error(&'static str),
    /// Read: this many pages, and a `page_unreadable` error for each of
    /// these pages and no other error.
    Pages(u32, &'static [u32]),
    /// Cut short: a `truncated` error saying how many of its pages kept
    /// text (their tables kept), then `page_unreadable` for these pages.
    Truncated {
        pages: u32,
        salvaged: u32,
        unreadable: &'static [u32],
    },
    /// Read, with a `damaged` warning on this page, whose failing checks
    /// are `unverified`: none fails.
    Damaged(u32),
    /// Read, but no fiscal disclosure: kind `other`, a `not_a_filing` warning.
    Other,
}

fn expected() -> BTreeMap<&'static str, Expect> {
    use Expect::*;
    BTreeMap::from([
        // A directory named like a filing, given by name: reported, not skipped.
        ("x.pdf", Error("unreadable")),
        ("empty.pdf", Error("not_pdf")),
        ("garbage.pdf", Error("not_pdf")),
        ("encrypted.pdf", Error("encrypted")),
        // The xref table and trailer are cut off every time, and this
        // producer (WPS) writes the catalog and page tree last (at 96% of
        // the file). The PDF layer rebuilds the page tree from the page
        // objects that arrived; at 10% the pages keep no text at all, at
        // 30% nine do. Whatever was salvaged, the file is an error.
        ("truncated-10.pdf", Error("truncated")),
        (
            "truncated-30.pdf",
            Truncated {
                pages: 24,
                salvaged: 9,
                unreadable: &[],
            },
        ),
        (
            "truncated-50.pdf",
            Truncated {
                pages: 24,
                salvaged: 21,
                unreadable: &[],
            },
        ),
        (
            "truncated-90.pdf",
            Truncated {
                pages: 24,
                salvaged: 24,
                unreadable: &[],
            },
        ),
        // Catalog first, cut inside page 8's objects: the rebuilt xref
        // finds pages 1-7; 8-10 are named unreadable.
        (
            "truncated-60-catalog-first.pdf",
            Truncated {
                pages: 10,
                salvaged: 7,
                unreadable: &[8, 9, 10],
            },
        ),
        // One byte flipped in page 13's compressed content (表6): the
        // table there misreads, and says so instead of failing a check.
        ("flipped-stream.pdf", Damaged(13)),
        // Every xref offset is wrong; lopdf rebuilds the table.
        ("broken-xref.pdf", Pages(2, &[])),
        // A PDF by its content, whatever its name.
        ("download.jsp", Pages(2, &[])),
        ("manual.pdf", Other),
        // Nonsense operators paint nothing and are no error; page 2 reads.
        ("garbage-operators.pdf", Pages(2, &[])),
        // 2 GiB of zeros behind two FlateDecode layers: the PDF layer stops
        // at its 64 MiB decompression cap, and a file whose only page
        // fails is an error record.
        ("bomb.pdf", Error("page_unreadable")),
        // hello.txt, run.log, make.py and the data files (out.json,
        // cells.csv, manifest.tsv) are no filings: no record.
    ])
}

struct Run {
    code: Option<i32>,
    stdout: String,
    /// Peak resident set (VmHWM), KiB.
    peak_kib: u64,
}

/// Runs juesuan, killing it after `limit`, and watches its peak memory.
fn run_watched(args: &[&std::ffi::OsStr], limit: Duration) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.jsonl");
    let mut child = Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(args)
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .expect("run juesuan");
    let status_file = format!("/proc/{}/status", child.id());
    let start = Instant::now();
    let mut peak_kib = 0;
    let status = loop {
        // VmHWM is the high-water mark so far, so polling misses no peak
        // that happens before the last read.
        if let Ok(s) = std::fs::read_to_string(&status_file) {
            if let Some(kib) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            {
                peak_kib = peak_kib.max(kib);
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("juesuan still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Run {
        code: status.code(),
        stdout: std::fs::read_to_string(&out_path).unwrap(),
        peak_kib,
    }
}

fn errors(record: &Value) -> Vec<(String, Option<u64>)> {
    record["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["level"] == "error")
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["page"].as_u64()))
        .collect()
}

#[test]
fn every_broken_file_gives_its_record_and_the_run_goes_on() {
    let corpus = root().join("tests/broken");
    let scratch = tempfile::tempdir().unwrap();
    let folder = scratch.path().join("x.pdf");
    std::fs::create_dir(&folder).unwrap();

    let args = [
        "extract".as_ref(),
        "--timeout".as_ref(),
        "120".as_ref(),
        corpus.as_os_str(),
        folder.as_os_str(),
    ];
    let run = run_watched(&args, Duration::from_secs(300));
    assert_eq!(run.code, Some(0), "every input was read, even if it failed");
    // The bomb is the biggest cost: one 64 MiB buffer at the cap. Without
    // the cap this would be gigabytes (or the watchdog above).
    assert!(
        run.peak_kib < 600 * 1024,
        "peak RSS {} MiB",
        run.peak_kib / 1024
    );

    let records: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let paths: Vec<&str> = records
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "records in sorted path order");

    let expect = expected();
    let names: Vec<&str> = paths
        .iter()
        .map(|p| Path::new(p).file_name().unwrap().to_str().unwrap())
        .collect();
    let mut want: Vec<&str> = expect.keys().copied().collect();
    want.sort();
    let mut got = names.clone();
    got.sort();
    assert_eq!(
        got, want,
        "one record per file, and an expectation for each file"
    );

    for (name, rec) in names.iter().zip(&records) {
        let errs = errors(rec);
        match &expect[name] {
            Expect::Error(code) => {
                let codes: Vec<&str> = errs.iter().map(|(c, _)| c.as_str()).collect();
                assert_eq!(codes, [*code], "{name}");
                assert!(rec["tables"].as_array().unwrap().is_empty(), "{name}");
            }
            Expect::Pages(pages, unreadable) => {
                assert_eq!(rec["source"]["pages"], *pages, "{name}");
                assert_eq!(errs, page_errors(unreadable), "{name}");
            }
            Expect::Truncated {
                pages,
                salvaged,
                unreadable,
            } => {
                assert_eq!(rec["source"]["pages"], *pages, "{name}");
                let mut want = vec![("truncated".to_string(), None)];
                want.extend(page_errors(unreadable));
                assert_eq!(errs, want, "{name}");
                let message = rec["diagnostics"][0]["message"].as_str().unwrap();
                assert!(
                    message.contains(&format!("{salvaged} of its {pages} pages")),
                    "{name}: {message}"
                );
                assert!(!statuses(rec).contains(&"fail".to_string()), "{name}");
            }
            Expect::Damaged(page) => {
                assert_eq!(errs, [], "{name}");
                let damaged: Vec<Option<u64>> = rec["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|d| d["code"] == "damaged")
                    .map(|d| d["page"].as_u64())
                    .collect();
                assert_eq!(damaged, [Some(u64::from(*page))], "{name}");
                let statuses = statuses(rec);
                assert!(!statuses.contains(&"fail".to_string()), "{name}");
                assert!(statuses.contains(&"unverified".to_string()), "{name}");
                assert_eq!(rec["tables"].as_array().unwrap().len(), 9, "{name}");
            }
            Expect::Other => {
                assert_eq!(errs, [], "{name}");
                assert_eq!(rec["filing"]["kind"], "other", "{name}");
                assert!(
                    rec["diagnostics"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|d| d["code"] == "not_a_filing"),
                    "{name}"
                );
            }
        }
    }
}

fn page_errors(pages: &[u32]) -> Vec<(String, Option<u64>)> {
    pages
        .iter()
        .map(|&p| ("page_unreadable".to_string(), Some(u64::from(p))))
        .collect()
}

fn statuses(record: &Value) -> Vec<String> {
    record["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].as_str().unwrap().to_string())
        .collect()
}

fn text(file: &str, page: u32) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(["text", "--page", &page.to_string()])
        .arg(root().join("tests/broken").join(file))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{file} page {page}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The records of the readable broken files carry no tables, so what was
/// read is checked as text.
#[test]
fn what_survives_in_damaged_files_is_their_real_text() {
    assert_eq!(text("broken-xref.pdf", 1), "Page one reads fine\n\u{c}");
    assert_eq!(text("broken-xref.pdf", 2), "Page two reads fine\n\u{c}");
    assert_eq!(text("garbage-operators.pdf", 1), "\u{c}");
    assert_eq!(
        text("garbage-operators.pdf", 2),
        "Page two reads fine\n\u{c}"
    );
    assert_eq!(
        text("truncated-60-catalog-first.pdf", 7),
        "Page 7 reads fine\n\u{c}"
    );
}
