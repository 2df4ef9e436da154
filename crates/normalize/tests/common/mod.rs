//! The sample narratives as the pipeline reads them: the text dump of
//! `samples/text/` and the `pdftotext -raw` fixtures of
//! `fixtures/narrative/` (see the README there).

#![allow(dead_code)]

use juesuan_extract::{Block, Document, Line};

pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

pub fn text_sample_text(name: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/../../samples/text/{name}.txt")).unwrap()
}

pub fn text_sample(name: &str) -> Document {
    text_dump(&text_sample_text(name))
}

pub fn text_dump(text: &str) -> Document {
    juesuan_extract::textdump::read(text.as_bytes()).unwrap()
}

pub fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/tests/fixtures/narrative/{name}.txt")).unwrap()
}

/// A narrative fixture: pages introduced by `=== page N ===`, one printed
/// line per line.
pub fn fixture(name: &str) -> Document {
    fixture_document(&fixture_text(name))
}

pub fn fixture_document(text: &str) -> Document {
    let mut page = 0;
    let mut blocks = Vec::new();
    for line in text.lines() {
        if let Some(n) = line
            .strip_prefix("=== page ")
            .and_then(|r| r.strip_suffix(" ==="))
        {
            page = n.parse().unwrap();
        } else if !line.trim().is_empty() {
            blocks.push(Block::Line(Line {
                text: line.to_string(),
                page,
                bbox: None,
            }));
        }
    }
    Document {
        pages: page,
        blocks,
        ..Document::default()
    }
}
