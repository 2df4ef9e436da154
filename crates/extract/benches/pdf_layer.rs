//! Pages per second of the PDF layer (open + every page's glyphs and
//! rulings, one thread) against `pdftotext -layout` on the same samples.
//! Run with `make bench` (or `cargo bench -p juesuan-extract --bench pdf_layer`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use juesuan_extract::pdf::PdfDocument;

/// Each side runs whole passes over all samples for at least this long.
const MIN_TIME: Duration = Duration::from_secs(5);

fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/pdf");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("samples/pdf")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    files
}

/// Runs `pass` (which returns pages done) until MIN_TIME has passed.
fn pages_per_second(mut pass: impl FnMut() -> u64) -> f64 {
    let start = Instant::now();
    let mut pages = 0;
    while start.elapsed() < MIN_TIME {
        pages += pass();
    }
    pages as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let files = samples();
    let data: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    let ours = pages_per_second(|| {
        let mut pages = 0;
        for bytes in &data {
            let doc = PdfDocument::open(bytes).unwrap();
            for n in 1..=doc.page_count() {
                let page = doc.page(n).unwrap();
                std::hint::black_box((page.glyphs.len(), page.rulings.len()));
                pages += 1;
            }
        }
        pages
    });
    let total_pages: u64 = data
        .iter()
        .map(|b| PdfDocument::open(b).unwrap().page_count() as u64)
        .sum();
    println!("samples: {} files, {total_pages} pages", files.len());
    println!("juesuan pdf layer : {ours:8.1} pages/s");
    let poppler_works = Command::new("pdftotext").arg("-v").output().is_ok();
    if !poppler_works {
        println!("pdftotext not installed: no comparison");
        return;
    }
    let theirs = pages_per_second(|| {
        for f in &files {
            let status = Command::new("pdftotext")
                .arg("-layout")
                .arg(f)
                .arg("/dev/null")
                .stderr(std::process::Stdio::null())
                .status()
                .unwrap();
            assert!(status.success());
        }
        total_pages
    });
    println!("pdftotext -layout : {theirs:8.1} pages/s");
    println!("ratio             : {:8.2}x", ours / theirs);
}
