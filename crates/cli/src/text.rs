//! `juesuan text`: a PDF's text in reading order, one line per text line,
//! pages separated by form feeds (like `pdftotext -raw`).

use std::io::Write;
use std::path::Path;

use juesuan_extract::lines::lines;
use juesuan_extract::pdf::{PdfDocument, PdfError};

pub fn run(path: &Path, page: Option<u32>) -> Result<(), String> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let doc = PdfDocument::open(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let numbers = match page {
        Some(n) => n..=n,
        None => 1..=doc.page_count(),
    };
    // A page that cannot be read is reported and left empty, so the form
    // feeds still count pages; the command fails at the end.
    let mut failed = 0;
    for n in numbers {
        let text = page_text(&doc, n).unwrap_or_else(|e| {
            eprintln!("juesuan: {}: {e}", path.display());
            failed += 1;
            String::new()
        });
        out.write_all(text.as_bytes())
            .and_then(|_| out.write_all(b"\x0c"))
            .map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    match failed {
        0 => Ok(()),
        n => Err(format!("{}: {n} page(s) could not be read", path.display())),
    }
}

/// One page's lines joined with newlines, each line ending in one.
pub fn page_text(doc: &PdfDocument, number: u32) -> Result<String, PdfError> {
    let page = doc.page(number)?;
    let mut text = String::new();
    for line in lines(&page.glyphs) {
        text.push_str(&line.text);
        text.push('\n');
    }
    Ok(text)
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
