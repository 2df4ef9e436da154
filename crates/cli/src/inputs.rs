//! Which files a run reads: the paths given, directories searched
//! recursively, `-` for a list of paths on stdin; sorted, deduplicated.

use std::io::BufRead;
use std::path::{Path, PathBuf};

pub struct Inputs {
    pub files: Vec<PathBuf>,
    pub missing: Vec<PathBuf>,
}

pub fn collect(args: &[PathBuf]) -> Inputs {
    let mut files = Vec::new();
    let mut missing = Vec::new();
    let mut given: Vec<PathBuf> = Vec::new();
    for a in args {
        if a.as_os_str() == "-" {
            for line in std::io::stdin().lock().lines().map_while(Result::ok) {
                let line = line.trim();
                if !line.is_empty() {
                    given.push(PathBuf::from(line));
                }
            }
        } else {
            given.push(a.clone());
        }
    }
    for p in given {
        match std::fs::metadata(&p) {
            Err(_) => missing.push(p),
            // A path named explicitly is read whatever its name, so that
            // a directory called `x.pdf` or a file without extension is
            // reported rather than skipped.
            Ok(m) if m.is_dir() && !is_filing(&p) => walk(&p, &mut files),
            Ok(_) => files.push(p),
        }
    }
    files.sort();
    files.dedup();
    Inputs { files, missing }
}

/// Whether a name says it is a filing we read.
pub fn is_filing(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("pdf" | "txt")
    )
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
