//! Which files a run reads: the paths given, directories searched
//! recursively, `-` for a list of paths on stdin; sorted, each file once.
//!
//! Paths are bytes (a GBK name on a UTF-8 system is a valid file name):
//! they are never decoded to be found, only to be shown.

use std::collections::HashSet;
use std::ffi::OsString;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

pub struct Inputs {
    pub files: Vec<PathBuf>,
    pub missing: Vec<PathBuf>,
}

/// `separator` splits the stdin list: `\n` (a trailing `\r` dropped) or
/// `\0` (`find -print0`).
pub fn collect(args: &[PathBuf], separator: u8) -> std::io::Result<Inputs> {
    let mut files = Vec::new();
    let mut missing = Vec::new();
    let mut given: Vec<PathBuf> = Vec::new();
    for a in args {
        if a.as_os_str() == "-" {
            let mut list = Vec::new();
            std::io::stdin().lock().read_to_end(&mut list)?;
            given.extend(path_list(&list, separator));
        } else {
            given.push(a.clone());
        }
    }
    for p in given {
        let p = tidy(&p);
        match std::fs::metadata(&p) {
            Err(_) => missing.push(p),
            // A path named explicitly is read whatever it is, so that a
            // directory called `x.pdf` or any file is reported, not skipped.
            Ok(m) if m.is_dir() && !named_filing(&p) => walk(&p, &mut files),
            Ok(_) => files.push(p),
        }
    }
    files.sort();
    files.dedup();
    // `a/b.pdf` and `/abs/a/b.pdf` (or a symlink to it) are one file.
    let mut seen = HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    Ok(Inputs { files, missing })
}

/// The paths of a list, as bytes: names need not be UTF-8.
fn path_list(list: &[u8], separator: u8) -> Vec<PathBuf> {
    list.split(|&b| b == separator)
        .map(|l| {
            if separator == b'\n' {
                l.strip_suffix(b"\r").unwrap_or(l)
            } else {
                l
            }
        })
        .filter(|l| !l.is_empty())
        .map(|l| PathBuf::from(bytes_to_os(l)))
        .collect()
}

#[cfg(unix)]
fn bytes_to_os(b: &[u8]) -> OsString {
    use std::os::unix::ffi::OsStringExt;
    OsString::from_vec(b.to_vec())
}

#[cfg(not(unix))]
fn bytes_to_os(b: &[u8]) -> OsString {
    String::from_utf8_lossy(b).into_owned().into()
}

/// The path without `.` components or doubled separators, so that
/// `./samples/text` and `samples/text` name the same files.
fn tidy(p: &Path) -> PathBuf {
    let tidied: PathBuf = p.components().filter(|c| *c != Component::CurDir).collect();
    if tidied.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        tidied
    }
}

/// Whether a name says it is a filing (`.pdf`, `.txt`).
fn named_filing(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("pdf" | "txt")
    )
}

/// How much of a file decides whether a directory's file is a filing.
const SNIFF_BYTES: u64 = 64 * 1024;

/// Whether a file found in a directory is a filing, by its content: a PDF
/// whatever its name; a file named `.pdf` (an HTML error page saved under
/// a PDF's name gets its `not_pdf` record); a text dump only where it
/// looks like one, so that a note or a log in the tree is left alone.
fn is_filing(p: &Path) -> bool {
    let is_pdf_name = p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if is_pdf_name {
        return true;
    }
    let mut head = Vec::new();
    let read = std::fs::File::open(p).and_then(|f| f.take(SNIFF_BYTES).read_to_end(&mut head));
    if read.is_err() {
        // Unreadable: its record says why, when it is named like a filing.
        return named_filing(p);
    }
    juesuan_extract::pdf::is_pdf(&head) || juesuan_extract::textdump::looks_like_dump(&head)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            walk(&p, files);
        } else if is_filing(&p) {
            files.push(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_bytes_split_by_newline_or_nul() {
        let gbk = b"\xca\xd5\xc8\xeb.pdf"; // 收入.pdf in GBK
        let mut list = b"a.pdf\r\n".to_vec();
        list.extend_from_slice(gbk);
        list.extend_from_slice(b"\n\nb c.pdf\n");
        let got = path_list(&list, b'\n');
        assert_eq!(got.len(), 3);
        assert_eq!(got[0], Path::new("a.pdf"));
        assert_eq!(got[2], Path::new("b c.pdf"));
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            assert_eq!(got[1].as_os_str().as_bytes(), gbk);
        }
        let got = path_list(b"x\ny.pdf\0z.pdf\0", b'\0');
        assert_eq!(got, [Path::new("x\ny.pdf"), Path::new("z.pdf")]);
    }

    #[test]
    fn dot_components_name_the_same_path() {
        assert_eq!(
            tidy(Path::new("./samples//text/")),
            Path::new("samples/text")
        );
        assert_eq!(tidy(Path::new("samples/./text")), Path::new("samples/text"));
        assert_eq!(tidy(Path::new("./")), Path::new("."));
        assert_eq!(tidy(Path::new("/tmp/./x")), Path::new("/tmp/x"));
    }
}
