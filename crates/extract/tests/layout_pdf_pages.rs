//! Layout on sample pages read by the crate's own PDF reader: the same
//! tables as `layout_real_pages.rs` (there from `mutool trace`), plus a
//! sweep over every table page the goldens name.

use juesuan_extract::layout::page_blocks;
use juesuan_extract::pdf::PdfDocument;
use juesuan_extract::{Block, Grid, Page};

fn page(sample: &str, number: u32) -> Page {
    let path = format!(
        "{}/../../samples/pdf/{sample}.pdf",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    PdfDocument::open(&bytes).unwrap().page(number).unwrap()
}

fn grids(page: &Page) -> Vec<Grid> {
    page_blocks(page)
        .into_iter()
        .filter_map(|b| match b {
            Block::Grid(g) => Some(g),
            _ => None,
        })
        .collect()
}

fn texts(grid: &Grid) -> Vec<Vec<String>> {
    grid.rows
        .iter()
        .map(|r| r.texts().map(String::from).collect())
        .collect()
}

/// `LAYOUT_PDF=sample:page cargo test -p juesuan-extract --test layout_pdf_pages dump -- --nocapture`
#[test]
fn dump() {
    let Ok(spec) = std::env::var("LAYOUT_PDF") else {
        return;
    };
    let (sample, n) = spec.split_once(':').unwrap();
    for b in page_blocks(&page(sample, n.parse().unwrap())) {
        match b {
            Block::Line(l) => println!("LINE {:?}", l.text),
            Block::Grid(g) => {
                println!("GRID {} rows", g.rows.len());
                for r in &g.rows {
                    let cells: Vec<String> = r
                        .cells
                        .iter()
                        .map(|c| format!("{}×{}", c.text, c.span))
                        .collect();
                    println!("  | {}", cells.join(" | "));
                }
            }
        }
    }
}

/// `LAYOUT_SWEEP=sample cargo test ... sweep -- --nocapture`: every page's
/// grids as tab-separated rows (`#grid PAGE` before each), for measuring
/// against the goldens outside the test suite.
#[test]
fn sweep() {
    let Ok(sample) = std::env::var("LAYOUT_SWEEP") else {
        return;
    };
    let path = format!(
        "{}/../../samples/pdf/{sample}.pdf",
        env!("CARGO_MANIFEST_DIR")
    );
    let doc = PdfDocument::open(&std::fs::read(path).unwrap()).unwrap();
    for n in 1..=doc.page_count() {
        for g in grids(&doc.page(n).unwrap()) {
            println!("#grid {n}");
            for r in texts(&g) {
                println!("{}", r.join("\t"));
            }
        }
    }
}

/// `LAYOUT_RULINGS=sample:page`: the page's rulings as fixture lines.
#[test]
fn rulings() {
    let Ok(spec) = std::env::var("LAYOUT_RULINGS") else {
        return;
    };
    let (sample, n) = spec.split_once(':').unwrap();
    for r in page(sample, n.parse().unwrap()).rulings {
        println!("r {:.2} {:.2} {:.2} {:.2}", r.x0, r.y0, r.x1, r.y1);
    }
}
