//! `juesuan inspect`: one PDF page drawn as SVG — glyph boxes with their
//! characters, the ruling lines, and the table cells layout found (each
//! labelled `grid.row.column`), with a legend — to see what extraction
//! sees; `--highlight` outlines regions (a record's `at`).

use std::io::Write as _;
use std::path::Path;

use juesuan_extract::pdf::PdfDocument;
use juesuan_extract::Page;
use juesuan_normalize::At;
use juesuan_report::draw::{self, Mark, MarkKind, Style};

use crate::Failure;

/// Draws the page into `svg` (`-`: stdout), each `highlight` on it outlined.
pub fn run(path: &Path, page: u32, svg: &Path, highlight: &[At]) -> Result<(), Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure::input(path, e))?;
    let doc = PdfDocument::open(&bytes).map_err(|e| Failure::input(path, e))?;
    let page = doc.page(page).map_err(|e| Failure::input(path, e))?;
    for h in highlight.iter().filter(|h| h.page != page.number) {
        eprintln!(
            "juesuan: --highlight {}: not on page {}, not drawn",
            draw::at_attr(h),
            page.number
        );
    }
    let drawing = render(&page, highlight);
    if svg.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        return out
            .write_all(drawing.as_bytes())
            .and_then(|()| out.flush())
            .map_err(Failure::Output);
    }
    std::fs::write(svg, drawing).map_err(|e| Failure::Usage(format!("{}: {e}", svg.display())))
}

pub fn render(page: &Page, highlight: &[At]) -> String {
    let marks: Vec<Mark> = highlight
        .iter()
        .map(|&at| Mark {
            at,
            label: String::new(),
            kind: MarkKind::Highlight,
        })
        .collect();
    let style = Style {
        glyph_boxes: true,
        cell_labels: true,
        legend: true,
        zoom: 1.0,
    };
    draw::svg(page, None, &marks, style)
}

/// `PAGE:x0,y0,x1,y1`.
pub fn parse_highlight(s: &str) -> Result<At, String> {
    let (page, bbox) = s.split_once(':').ok_or("expected PAGE:x0,y0,x1,y1")?;
    let page: u32 = page.trim().parse().map_err(|_| "PAGE is not a number")?;
    let numbers: Vec<f32> = bbox
        .split(',')
        .map(|n| n.trim().parse::<f32>())
        .collect::<Result<_, _>>()
        .map_err(|_| "x0,y0,x1,y1 must be four numbers")?;
    let [x0, y0, x1, y1] = numbers[..] else {
        return Err("x0,y0,x1,y1 must be four numbers".into());
    };
    if x1 < x0 || y1 < y0 {
        return Err("need x0 <= x1 and y0 <= y1".into());
    }
    Ok(At {
        page,
        bbox: [x0, y0, x1, y1],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use juesuan_extract::{Glyph, Ruling};

    #[test]
    fn draws_each_glyph_and_ruling_a_legend_and_the_highlight() {
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
        let at = parse_highlight("1:5,6,50,40").unwrap();
        let svg = render(&page, &[at]);
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains(r#"viewBox="0.00 0.00 100.00 66.00""#), "{svg}");
        assert!(
            svg.contains(r#"<rect x="10.00" y="11.20" width="5.00" height="10.00"/>"#),
            "{svg}"
        );
        assert!(svg.contains(">&lt;</tspan></text>"));
        assert!(svg.contains(r#"<line x1="0.00" y1="30.00" x2="100.00" y2="30.00"/>"#));
        assert!(svg.contains(r#"class="legend""#) && svg.contains(">detected cell</text>"));
        assert!(svg.contains(r#"class="mark highlight" data-at="1:5.00,6.00,50.00,40.00""#));
    }

    #[test]
    fn highlight_argument() {
        assert!(parse_highlight("3:1,2,3").is_err());
        assert!(parse_highlight("x:1,2,3,4").is_err());
        assert!(parse_highlight("3:5,2,3,4").is_err());
        assert_eq!(
            parse_highlight("3: 1, 2.5,3,4").unwrap().bbox,
            [1.0, 2.5, 3.0, 4.0]
        );
    }
}
