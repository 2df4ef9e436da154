//! `juesuan text --grids`: what extraction hands to normalization, as
//! text: running lines as they are, table rows as tab-separated cells
//! (the text-dump format `extract` also reads), pages split by form feeds.

use std::io::Write;
use std::path::Path;

use juesuan_extract::pdf::PdfDocument;
use juesuan_extract::{layout, Block};

pub fn run(path: &Path, page: Option<u32>) -> Result<(), String> {
    let err = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let bytes = std::fs::read(path).map_err(|e| err(&e))?;
    let doc = PdfDocument::open(&bytes).map_err(|e| err(&e))?;
    let numbers = page.map_or(1..=doc.page_count(), |n| n..=n);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for n in numbers {
        let p = doc.page(n).map_err(|e| err(&e))?;
        let mut text = String::new();
        for block in layout::page_blocks(&p) {
            match block {
                Block::Line(l) => {
                    text.push_str(&l.text);
                    text.push('\n');
                }
                Block::Grid(g) => {
                    for r in &g.rows {
                        // A merged cell is followed by the blanks it covers,
                        // so columns line up as in the grid.
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
        out.write_all(text.as_bytes())
            .and_then(|_| out.write_all(b"\x0c"))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}
