//! `juesuan extract` end to end: real filings in `samples/`, hand-checked
//! expected files in `tests/expected/`, and the bad inputs a harvest meets.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn extract(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .arg("extract")
        .args(args)
        .output()
        .expect("run juesuan")
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON record per line"))
        .collect()
}

fn errors(record: &Value) -> Vec<String> {
    record["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["level"] == "error")
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// The eight tables of the Wuhan 2019 text dump, field by field, against
/// `tests/expected/…tables.json`. That file was checked by hand against the
/// dump's tab-separated tables (and agrees with the hand-checked golden in
/// ../shared/golden on every value). Provenance (`at`) is compared
/// elsewhere: a text dump has no geometry.
#[test]
fn text_sample_tables_match_the_hand_checked_file() {
    let sample = root().join("samples/text/wuhan-hongshan-digital-center-2019-final.txt");
    let out = extract(&[&sample]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    let rec = &recs[0];
    assert_eq!(rec["schema"], "juesuan.filing/1");
    assert_eq!(rec["source"]["format"], "text");
    assert_eq!(rec["source"]["sha256"].as_str().unwrap().len(), 64);
    let expected: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(
            root().join("tests/expected/wuhan-hongshan-digital-center-2019-final.tables.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let got = rec["tables"].as_array().unwrap();
    let ids = |ts: &[Value]| {
        ts.iter()
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(got), ids(&expected));
    for (g, e) in got.iter().zip(&expected) {
        for field in ["title", "number", "unit", "empty", "notes"] {
            assert_eq!(g[field], e[field], "{} {field}", e["id"]);
        }
        let (grows, erows) = (g["rows"].as_array().unwrap(), e["rows"].as_array().unwrap());
        assert_eq!(grows.len(), erows.len(), "{} rows", e["id"]);
        for (gr, er) in grows.iter().zip(erows) {
            for field in ["side", "item", "code", "name", "label", "line", "values"] {
                assert_eq!(gr[field], er[field], "{} {field} of {er}", e["id"]);
            }
        }
    }
    // The 三公 row's last 0.70 is printed a column right of where the
    // table's own identities put it; the move is reported.
    let diags = rec["diagnostics"].as_array().unwrap();
    assert!(diags
        .iter()
        .any(|d| d["code"] == "value_shifted" && d["level"] == "warn"));
}

#[test]
fn bad_inputs_give_error_records_and_a_missing_path_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("a-empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let binary = dir.path().join("b-binary.txt");
    std::fs::write(&binary, (0u8..=255).cycle().take(5000).collect::<Vec<u8>>()).unwrap();
    let folder = dir.path().join("c-folder.pdf");
    std::fs::create_dir(&folder).unwrap();
    let missing = dir.path().join("d-missing.pdf");
    let good = root().join("samples/text/wuhan-hongshan-digital-center-2019-final.txt");

    let out = extract(&[&missing, &folder, &binary, &empty, &good]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("d-missing.pdf"),
        "stderr names the missing path: {stderr}"
    );

    let recs = records(&out);
    let paths: Vec<&str> = recs
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "records come in sorted path order");
    assert_eq!(
        recs.len(),
        4,
        "every readable-or-not input yields a record; the missing one none"
    );
    for r in &recs {
        let path = r["source"]["path"].as_str().unwrap();
        if path.ends_with("wuhan-hongshan-digital-center-2019-final.txt") {
            assert!(errors(r).is_empty());
            assert_eq!(r["tables"].as_array().unwrap().len(), 8);
        } else {
            assert_eq!(errors(r).len(), 1, "{path}: one error diagnostic");
            assert!(r["tables"].as_array().unwrap().is_empty());
        }
    }
}

#[test]
fn a_directory_is_searched_recursively_for_filings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("x/y")).unwrap();
    std::fs::copy(
        root().join("samples/text/wuhan-hongshan-digital-center-2019-final.txt"),
        dir.path().join("x/y/w.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("x/notes.md"), "not a filing").unwrap();
    let out = extract(&[dir.path()]);
    assert!(out.status.success());
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert!(recs[0]["source"]["path"]
        .as_str()
        .unwrap()
        .ends_with("x/y/w.txt"));
}

fn extract_with(args: &[&str], paths: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .arg("extract")
        .args(args)
        .args(paths)
        .output()
        .expect("run juesuan")
}

/// Several copies of the text sample that differ in one byte, so their
/// sha256 differ.
fn copies(dir: &Path, n: usize) -> Vec<PathBuf> {
    let text =
        std::fs::read(root().join("samples/text/wuhan-hongshan-digital-center-2019-final.txt"))
            .unwrap();
    (0..n)
        .map(|i| {
            let p = dir.join(format!("f{i:02}.txt"));
            let mut t = text.clone();
            t.extend_from_slice(format!("\n{i}\n").as_bytes());
            std::fs::write(&p, t).unwrap();
            p
        })
        .collect()
}

#[test]
fn output_is_the_same_whatever_the_jobs() {
    let dir = tempfile::tempdir().unwrap();
    copies(dir.path(), 6);
    let one = extract_with(&["--jobs", "1"], &[dir.path()]);
    let four = extract_with(&["--jobs", "4"], &[dir.path()]);
    assert!(one.status.success() && four.status.success());
    assert_eq!(records(&one).len(), 6);
    assert_eq!(one.stdout, four.stdout);
}

#[test]
fn shards_split_a_harvest_and_skip_existing_resumes_it() {
    let dir = tempfile::tempdir().unwrap();
    copies(dir.path(), 8);
    let all = records(&extract(&[dir.path()]));
    let mut union: Vec<String> = Vec::new();
    for i in 0..3 {
        let shard = format!("{i}/3");
        let part = records(&extract_with(&["--shard", &shard], &[dir.path()]));
        union.extend(
            part.iter()
                .map(|r| r["source"]["sha256"].as_str().unwrap().to_string()),
        );
    }
    union.sort();
    let mut every: Vec<String> = all
        .iter()
        .map(|r| r["source"]["sha256"].as_str().unwrap().to_string())
        .collect();
    every.sort();
    assert_eq!(
        union, every,
        "the shards together cover the harvest exactly once"
    );

    // A first run stopped after three files; the resumed run does the rest.
    let done = dir.path().join("out.jsonl");
    let first: String = String::from_utf8(extract(&[dir.path()]).stdout)
        .unwrap()
        .lines()
        .take(3)
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&done, first).unwrap();
    let rest = records(&extract_with(
        &["--skip-existing", done.to_str().unwrap()],
        &[dir.path()],
    ));
    assert_eq!(rest.len(), 5);
    assert_eq!(rest[0]["source"]["path"], all[3]["source"]["path"]);
}

/// A PDF of one page that paints only a rectangle: a valid file with no
/// text layer, as a scan is.
fn textless_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_string(),
        "<< /Length 24 >>\nstream\n10 10 100 100 re f\n\nendstream".to_string(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        pdf.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[test]
fn a_pdf_without_a_text_layer_is_an_error_record() {
    let dir = tempfile::tempdir().unwrap();
    let scan = dir.path().join("scan.pdf");
    std::fs::write(&scan, textless_pdf()).unwrap();
    let out = extract(&[&scan]);
    assert!(out.status.success());
    let recs = records(&out);
    assert_eq!(errors(&recs[0]), vec!["no_text".to_string()]);
}

#[test]
fn a_dash_reads_the_paths_from_stdin() {
    use std::io::Write;
    let sample = root().join("samples/text/wuhan-hongshan-digital-center-2019-final.txt");
    let mut child = Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(["extract", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(
        child.stdin.take().unwrap(),
        "{}\n\n{}",
        sample.display(),
        sample.display()
    )
    .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let recs = records(&out);
    assert_eq!(recs.len(), 1, "a path given twice is read once");
    assert_eq!(recs[0]["tables"].as_array().unwrap().len(), 8);
}

#[test]
fn the_source_names_the_producing_application() {
    let wps = root().join("samples/pdf/shanghai-putuo-social-work-dept-2024-final.pdf");
    let word = root().join("samples/pdf/guangdong-foshan-rail-transit-2019-final.pdf");
    let recs = records(&extract(&[&wps, &word]));
    let producers: Vec<&str> = recs
        .iter()
        .map(|r| r["source"]["producer"].as_str().unwrap())
        .collect();
    // WPS leaves /Producer empty and names itself in /Creator.
    assert_eq!(producers, ["Microsoft® Word 2010", "WPS 文字"]);
    assert_eq!(recs[0]["source"]["pages"], 31);
}
