//! `juesuan inspect`: one PDF page drawn as SVG — glyph boxes with their
//! characters, the ruling lines, and the table cells layout found — to
//! see what extraction sees.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use juesuan_extract::layout::page_blocks;
use juesuan_extract::pdf::PdfDocument;
use juesuan_extract::{Block, Page};

use crate::Failure;

/// Draws the page into `svg`, or onto stdout when `svg` is `-`.
pub fn run(path: &Path, page: u32, svg: &Path) -> Result<(), Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure::input(path, e))?;
    let doc = PdfDocument::open(&bytes).map_err(|e| Failure::input(path, e))?;
    let page = doc.page(page).map_err(|e| Failure::input(path, e))?;
    let drawing = render(&page);
    if svg.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        return out
            .write_all(drawing.as_bytes())
            .and_then(|()| out.flush())
            .map_err(Failure::Output);
    }
    std::fs::write(svg, drawing).map_err(|e| Failure::Usage(format!("{}: {e}", svg.display())))
}

pub fn render(page: &Page) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#,
        w = page.width,
        h = page.height
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        s,
        r##"<g fill="none" stroke="#4a90d9" stroke-width="0.3">"##
    );
    for g in &page.glyphs {
        let b = g.bbox();
        let _ = writeln!(
            s,
            r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}"/>"#,
            b.x0,
            b.y0,
            b.x1 - b.x0,
            b.y1 - b.y0
        );
    }
    let _ = writeln!(s, "</g>");
    let _ = writeln!(s, r##"<g fill="#222" font-family="sans-serif">"##);
    for g in &page.glyphs {
        let _ = writeln!(
            s,
            r#"<text x="{:.2}" y="{:.2}" font-size="{:.2}">{}</text>"#,
            g.x,
            g.y,
            g.size * 0.9,
            escape(g.ch)
        );
    }
    let _ = writeln!(s, "</g>");
    let _ = writeln!(s, r##"<g stroke="#d0021b" stroke-width="0.6">"##);
    for r in &page.rulings {
        let _ = writeln!(
            s,
            r#"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}"/>"#,
            r.x0, r.y0, r.x1, r.y1
        );
    }
    let _ = writeln!(s, "</g>");
    // Cells as layout merged them: a merged cell is one rectangle.
    let _ = writeln!(
        s,
        r##"<g fill="#2e9b4f" fill-opacity="0.08" stroke="#2e9b4f" stroke-width="0.8">"##
    );
    let mut drawn = Vec::new();
    for block in page_blocks(page) {
        let Block::Grid(grid) = block else { continue };
        // the parts of a cell merged downwards share one box
        for b in grid
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .filter_map(|c| c.bbox)
        {
            if drawn.contains(&b) {
                continue;
            }
            drawn.push(b);
            let _ = writeln!(
                s,
                r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}"/>"#,
                b.x0 + 1.0,
                b.y0 + 1.0,
                (b.x1 - b.x0 - 2.0).max(0.5),
                (b.y1 - b.y0 - 2.0).max(0.5)
            );
        }
    }
    let _ = writeln!(s, "</g>\n</svg>");
    s
}

fn escape(c: char) -> String {
    match c {
        '<' => "&lt;".into(),
        '>' => "&gt;".into(),
        '&' => "&amp;".into(),
        c => c.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use juesuan_extract::{Glyph, Ruling};

    #[test]
    fn draws_each_glyph_and_ruling() {
        let page = Page {
            number: 1,
            width: 100.0,
            height: 50.0,
            glyphs: vec![Glyph {
                ch: '<',
                x: 10.0,
                y: 20.0,
                width: 5.0,
                size: 10.0,
                font: 0,
            }],
            rulings: vec![Ruling {
                x0: 0.0,
                y0: 30.0,
                x1: 100.0,
                y1: 30.0,
            }],
            fonts: vec!["F".into()],
            damaged: None,
        };
        let svg = render(&page);
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains(r#"viewBox="0 0 100 50""#));
        assert!(
            svg.contains(r#"<rect x="10.00" y="11.20" width="5.00" height="10.00"/>"#),
            "{svg}"
        );
        assert!(svg.contains(">&lt;</text>"));
        assert!(svg.contains(r#"<line x1="0.00" y1="30.00" x2="100.00" y2="30.00"/>"#));
    }
}
