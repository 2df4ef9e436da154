//! `juesuan text`: a PDF's (or a text dump's) text in reading order, one line per text line,
//! pages separated by form feeds (like `pdftotext -raw`). With `--grids`,
//! what normalization reads: running lines as they are and table rows as
//! tab-separated cells (the text-dump format `extract` also reads).

use std::io::Write;
use std::path::Path;

use juesuan_extract::lines::lines;
use juesuan_extract::pdf::PdfDocument;
use juesuan_extract::{layout, textdump, Block, Page};

use crate::Failure;

pub fn run(
    path: &Path,
    page: Option<u32>,
    grids: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure::input(path, e))?;
    if !juesuan_extract::pdf::is_pdf(&bytes) {
        return dump(path, &bytes, page, grids, out);
    }
    let doc = PdfDocument::open(&bytes).map_err(|e| Failure::input(path, e))?;
    let numbers = match page {
        Some(n) => n..=n,
        None => 1..=doc.page_count(),
    };
    // A page that cannot be read is reported and left empty, so the form
    // feeds still count pages; the command fails at the end.
    let mut failed = 0;
    for n in numbers {
        let text = doc
            .page(n)
            .map(|p| {
                if grids {
                    blocks_text(&layout::page_blocks(&p))
                } else {
                    line_text(&p)
                }
            })
            .unwrap_or_else(|e| {
                eprintln!("juesuan: {}: {e}", path.display());
                failed += 1;
                String::new()
            });
        out.write_all(text.as_bytes())
            .and_then(|_| out.write_all(b"\x0c"))
            .map_err(Failure::Output)?;
    }
    out.flush().map_err(Failure::Output)?;
    match failed {
        0 => Ok(()),
        n => Err(Failure::input(
            path,
            format!("{n} page(s) could not be read"),
        )),
    }
}

/// A text dump as `extract` reads it: its lines, or with `grids` its
/// lines and tables; pages as the dump's form feeds give them.
fn dump(
    path: &Path,
    bytes: &[u8],
    page: Option<u32>,
    grids: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let doc = textdump::read(bytes).map_err(|e| Failure::input(path, e))?;
    for d in &doc.diagnostics {
        eprintln!("juesuan: {}: {}", path.display(), d.message);
    }
    let pages = doc.blocks.iter().map(Block::page).max().unwrap_or(0);
    for n in page.map_or(0..=pages, |n| n..=n) {
        let blocks: Vec<Block> = doc
            .blocks
            .iter()
            .filter(|b| b.page() == n)
            .cloned()
            .collect();
        if n == 0 && blocks.is_empty() {
            continue;
        }
        let text = if grids {
            blocks_text(&blocks)
        } else {
            blocks
                .iter()
                .map(|b| match b {
                    Block::Line(l) => format!("{}\n", l.text),
                    Block::Grid(g) => g
                        .rows
                        .iter()
                        .map(|r| {
                            format!(
                                "{}\n",
                                r.texts()
                                    .filter(|t| !t.is_empty())
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            )
                        })
                        .collect(),
                })
                .collect()
        };
        out.write_all(text.as_bytes())
            .and_then(|_| out.write_all(b"\x0c"))
            .map_err(Failure::Output)?;
    }
    out.flush().map_err(Failure::Output)
}

/// One page's lines joined with newlines, each line ending in one.
#[cfg(test)]
fn page_text(doc: &PdfDocument, number: u32) -> Result<String, juesuan_extract::pdf::PdfError> {
    Ok(line_text(&doc.page(number)?))
}

fn line_text(page: &Page) -> String {
    lines(&page.glyphs)
        .iter()
        .map(|l| format!("{}\n", l.text))
        .collect()
}

/// Blocks as text: lines as they are, grid rows as tab-separated cells
/// (a merged cell followed by the blanks it covers, so columns line up),
/// a blank line after each grid.
fn blocks_text(blocks: &[Block]) -> String {
    let mut text = String::new();
    for block in blocks {
        match block {
            Block::Line(l) => {
                text.push_str(&l.text);
                text.push('\n');
            }
            Block::Grid(g) => {
                for r in &g.rows {
                    let cells: Vec<String> = r
                        .cells
                        .iter()
                        .map(|c| {
                            format!(
                                "{}{}",
                                c.text.replace(['\t', '\n'], " "),
                                "\t".repeat(c.span.max(1) as usize - 1)
                            )
                        })
                        .collect();
                    text.push_str(&cells.join("\t"));
                    text.push('\n');
                }
                text.push('\n');
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_row_reads_as_one_line() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../samples/pdf/guangdong-foshan-rail-transit-2019-final.pdf"
        );
        let doc = PdfDocument::open(&std::fs::read(path).unwrap()).unwrap();
        let text = page_text(&doc, 8).unwrap();
        assert!(text.starts_with("表2\n收入决算表\n"), "{text}");
        assert!(
            text.contains("\n合计 1668.14 1668.14 0.00 0.00 0.00 0.00 0.01\n"),
            "{text}"
        );
    }
}
