//! Which files `extract` reads and how it names them: paths as bytes (a
//! GBK name, a newline in a name), lists on stdin, a path given twice;
//! and the command line as users drive it: a pipe closed early, `-o`,
//! `inspect --svg -`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn juesuan() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_juesuan"));
    c.current_dir(root());
    c
}

fn records(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `source.path` back to bytes, as `printf '%b'` does: `\xHH` and `\\`.
fn unescape(path: &str) -> Vec<u8> {
    let b = path.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'x') {
            out.push(
                u8::from_str_radix(std::str::from_utf8(&b[i + 2..i + 4]).unwrap(), 16).unwrap(),
            );
            i += 4;
        } else if b[i] == b'\\' && b.get(i + 1) == Some(&b'\\') {
            out.push(b'\\');
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

#[cfg(unix)]
fn os(bytes: &[u8]) -> std::ffi::OsString {
    use std::os::unix::ffi::OsStringExt;
    std::ffi::OsString::from_vec(bytes.to_vec())
}

/// A directory holding one small PDF under a GBK name (收入决算.pdf) and
/// one with a newline in its name.
#[cfg(unix)]
fn named_dir() -> (tempfile::TempDir, Vec<u8>, Vec<u8>) {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let pdf = root().join("tests/broken/download.jsp");
    let (gbk_name, _, _) = encoding_rs::GBK.encode("收入决算.pdf");
    let gbk = dir.path().join(os(&gbk_name));
    let newline = dir.path().join("a\nb.pdf");
    std::fs::copy(&pdf, &gbk).unwrap();
    std::fs::copy(&pdf, &newline).unwrap();
    let bytes = |p: &Path| p.as_os_str().as_bytes().to_vec();
    let (g, n) = (bytes(&gbk), bytes(&newline));
    (dir, g, n)
}

#[cfg(unix)]
fn extract_with_stdin(args: &[&str], stdin: &[u8]) -> Vec<Value> {
    let mut child = juesuan()
        .arg("extract")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    records(&out.stdout)
}

#[cfg(unix)]
#[test]
fn gbk_names_are_read_and_their_path_leads_back_to_the_file() {
    let (dir, gbk, newline) = named_dir();
    let check = |rec: &Value, want: &[u8]| {
        let path = rec["source"]["path"].as_str().unwrap();
        assert_eq!(unescape(path), want, "{path}");
        assert!(Path::new(&os(&unescape(path))).exists());
        assert_eq!(rec["source"]["pages"], 2, "read: {rec}");
    };

    // A directory: both files, found by content.
    let out = juesuan().arg("extract").arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 2);
    let gbk_rec = recs
        .iter()
        .find(|r| r["source"]["path"].as_str().unwrap().contains("\\x"))
        .expect("the GBK name escaped");
    check(gbk_rec, &gbk);
    let note = gbk_rec["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "path_not_utf8")
        .expect("a path_not_utf8 warning");
    assert!(
        note["message"].as_str().unwrap().contains("收入决算.pdf"),
        "{note}"
    );

    // `ls | juesuan extract -`: the GBK line does not end the list.
    let mut list = gbk.clone();
    list.extend_from_slice(b"\n");
    list.extend_from_slice(
        root()
            .join("tests/broken/broken-xref.pdf")
            .to_str()
            .unwrap()
            .as_bytes(),
    );
    list.extend_from_slice(b"\n");
    let recs = extract_with_stdin(&["-"], &list);
    assert_eq!(recs.len(), 2);

    // `find -print0 | juesuan extract -0 -`: every file, newline or not.
    let mut list = gbk.clone();
    list.push(0);
    list.extend_from_slice(&newline);
    list.push(0);
    let recs = extract_with_stdin(&["-0", "-"], &list);
    assert_eq!(recs.len(), 2);
    for r in &recs {
        let p = unescape(r["source"]["path"].as_str().unwrap());
        assert!(p == gbk || p == newline, "{r}");
        assert_eq!(r["source"]["pages"], 2);
    }
}

#[test]
fn a_path_given_twice_is_one_filing() {
    let out = juesuan()
        .args([
            "extract",
            "-q",
            "./samples/text",
            "samples/text",
            "samples/text/",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(records(&out.stdout).len(), 1);
    assert!(
        out.stderr.is_empty(),
        "-q: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn output_goes_to_the_file_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.jsonl");
    let out = juesuan()
        .args(["extract", "-q", "-j", "1", "-o"])
        .arg(&file)
        .arg("tests/broken/download.jsp")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(records(&std::fs::read(&file).unwrap()).len(), 1);
}

#[test]
fn exit_codes_are_one_scheme() {
    let code = |args: &[&str]| juesuan().args(args).output().unwrap().status.code();
    assert_eq!(code(&["extract", "no/such/file.pdf"]), Some(2));
    assert_eq!(code(&["text", "no/such/file.pdf"]), Some(1));
    assert_eq!(code(&["text", "tests/broken/garbage.pdf"]), Some(1));
    assert_eq!(code(&["extract", "--shard", "3/2", "samples"]), Some(2));
}

#[test]
fn inspect_draws_to_stdout() {
    let out = juesuan()
        .args([
            "inspect",
            "tests/broken/download.jsp",
            "--page",
            "1",
            "--svg",
            "-",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let svg = String::from_utf8(out.stdout).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
}

/// Reads a little of the command's output, closes the pipe, and returns
/// its exit code and what it said on stderr, with how long it took to
/// stop after the pipe closed.
fn close_early(args: &[&std::ffi::OsStr]) -> (Option<i32>, String, Duration) {
    let mut child = juesuan()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    // the pipe is closed here, as `head -c 100` does
    let closed = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.code(), err, closed.elapsed());
        }
        if closed.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            panic!("still running two minutes after its pipe closed");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_closed_pipe_stops_the_run_quietly() {
    // 140 filings: the whole run takes far longer than stopping should.
    let dir = tempfile::tempdir().unwrap();
    let sample = root().join("samples/pdf/shanghai-putuo-social-work-dept-2024-final.pdf");
    for i in 0..140 {
        let to = dir.path().join(format!("{i:03}.pdf"));
        std::fs::hard_link(&sample, &to)
            .or_else(|_| std::fs::copy(&sample, &to).map(drop))
            .unwrap();
    }
    let (code, err, _) = close_early(&["extract".as_ref(), dir.path().as_os_str()]);
    assert_eq!(code, Some(141), "{err}");
    assert_eq!(err, "");

    let pdf = root().join("samples/pdf/shaanxi-xian-health-commission-2022-final.pdf");
    let (code, err, _) = close_early(&["text".as_ref(), pdf.as_os_str()]);
    assert_eq!(code, Some(141), "{err}");
    assert_eq!(err, "");
}
