//! A page, or a region of it, drawn as SVG from the page model extraction
//! reads: glyphs as real text (searchable, selectable), ruling lines, the
//! cells layout found, and marks outlining what a reader is pointed at.

use std::fmt::Write as _;

use juesuan_extract::layout::page_blocks;
use juesuan_extract::{BBox, Block, Page};
use juesuan_normalize::At;

/// Fonts for the page's text after the font the page names: a generic CJK
/// family, so Chinese renders wherever such a font is installed.
pub const CJK_FAMILIES: &str =
    "'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC','SimSun',sans-serif";

/// Something outlined on the page, with its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub at: At,
    pub label: String,
    pub kind: MarkKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// A table cell the check reads, where the record placed it.
    Cell,
    /// The sentence a narrative check quotes.
    Evidence,
    /// A cell found on the page by its printed value (the record keeps no
    /// position for it).
    Found,
    /// A region asked for on the command line.
    Highlight,
}

impl MarkKind {
    fn class(self) -> &'static str {
        match self {
            MarkKind::Cell => "cell",
            MarkKind::Evidence => "evidence",
            MarkKind::Found => "found",
            MarkKind::Highlight => "highlight",
        }
    }
    fn colour(self) -> &'static str {
        match self {
            MarkKind::Cell => "#d0021b",
            MarkKind::Evidence => "#e67e00",
            MarkKind::Found => "#8e44ad",
            MarkKind::Highlight => "#e67e00",
        }
    }
}

/// What to draw besides the text, rulings and marks.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Each glyph's box (the debugging view of `inspect`).
    pub glyph_boxes: bool,
    /// Each detected cell labelled `grid.row.column`.
    pub cell_labels: bool,
    /// A legend of the colours, under the drawing.
    pub legend: bool,
    /// Pixels per point on screen.
    pub zoom: f32,
}

/// The part of `page` inside `region` (the whole page where None) as one
/// `<svg>` element.
pub fn svg(page: &Page, region: Option<BBox>, marks: &[Mark], style: Style) -> String {
    let whole = BBox {
        x0: 0.0,
        y0: 0.0,
        x1: page.width,
        y1: page.height,
    };
    let r = region.unwrap_or(whole);
    let legend_h = if style.legend { 16.0 } else { 0.0 };
    let (w, h) = (r.x1 - r.x0, r.y1 - r.y0 + legend_h);
    let zoom = if style.zoom > 0.0 { style.zoom } else { 1.0 };
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="page" data-page="{n}" width="{pw:.0}" height="{ph:.0}" viewBox="{x:.2} {y:.2} {w:.2} {h:.2}">"#,
        n = page.number,
        pw = w * zoom,
        ph = h * zoom,
        x = r.x0,
        y = r.y0,
    );
    let _ = writeln!(
        s,
        r#"<rect x="{:.2}" y="{:.2}" width="{w:.2}" height="{h:.2}" fill="white"/>"#,
        r.x0, r.y0
    );
    let inside = |b: BBox| b.x1 >= r.x0 && b.x0 <= r.x1 && b.y1 >= r.y0 && b.y0 <= r.y1;

    // Cells as layout merged them: a merged cell is one rectangle.
    let mut cells: Vec<(BBox, String)> = Vec::new();
    let mut grid_no = 0;
    for block in page_blocks(page) {
        let Block::Grid(grid) = block else { continue };
        grid_no += 1;
        for (i, row) in grid.rows.iter().enumerate() {
            for (j, b) in row
                .cells
                .iter()
                .enumerate()
                .filter_map(|(j, c)| Some((j, c.bbox?)))
            {
                if inside(b) && !cells.iter().any(|(c, _)| *c == b) {
                    cells.push((b, format!("{grid_no}.{}.{}", i + 1, j + 1)));
                }
            }
        }
    }
    let _ = writeln!(
        s,
        r##"<g class="cells" fill="#2e9b4f" fill-opacity="0.06" stroke="#2e9b4f" stroke-width="0.5">"##
    );
    for (b, _) in &cells {
        let _ = writeln!(s, "<rect {}/>", rect_attrs(inset(*b, 1.0)));
    }
    let _ = writeln!(s, "</g>");
    if style.cell_labels {
        let _ = writeln!(
            s,
            r##"<g class="cell-labels" fill="#2e9b4f" font-family="sans-serif" font-size="3.5">"##
        );
        for (b, label) in &cells {
            let _ = writeln!(
                s,
                r#"<text x="{:.2}" y="{:.2}">{label}</text>"#,
                b.x0 + 1.5,
                b.y0 + 4.5
            );
        }
        let _ = writeln!(s, "</g>");
    }

    let _ = writeln!(
        s,
        r##"<g class="rulings" stroke="#888" stroke-width="0.5">"##
    );
    for l in page.rulings.iter().filter(|l| {
        inside(BBox {
            x0: l.x0,
            y0: l.y0,
            x1: l.x1,
            y1: l.y1,
        })
    }) {
        let _ = writeln!(
            s,
            r#"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}"/>"#,
            l.x0, l.y0, l.x1, l.y1
        );
    }
    let _ = writeln!(s, "</g>");

    let glyphs: Vec<_> = page
        .glyphs
        .iter()
        .filter(|g| !g.ch.is_whitespace() && inside(g.bbox()))
        .collect();
    if style.glyph_boxes {
        let _ = writeln!(
            s,
            r##"<g class="glyph-boxes" fill="none" stroke="#4a90d9" stroke-width="0.3">"##
        );
        for g in &glyphs {
            let _ = writeln!(s, "<rect {}/>", rect_attrs(g.bbox()));
        }
        let _ = writeln!(s, "</g>");
    }
    // Text as runs on one baseline, each char at its printed x, a span per
    // font. A wide gap (the next cell) starts a new run, so a cell's text
    // reads (and is found, and copied) as a word of its own.
    let _ = writeln!(s, r##"<g class="text" fill="#111">"##);
    for run in glyphs.chunk_by(|a, b| {
        (a.y - b.y).abs() < 0.1 && b.x >= a.x && b.x - (a.x + a.width) < a.size.max(b.size) * 0.8
    }) {
        let _ = write!(s, r#"<text y="{:.2}">"#, run[0].y);
        for span in run.chunk_by(|a, b| a.font == b.font && a.size == b.size) {
            let g = span[0];
            let font = page
                .fonts
                .get(g.font as usize)
                .map(|f| family(f))
                .unwrap_or_default();
            let xs: Vec<String> = span.iter().map(|g| format!("{:.1}", g.x)).collect();
            let text: String = span.iter().map(|g| g.ch).collect();
            let _ = write!(
                s,
                r#"<tspan x="{}" font-size="{:.2}" font-family="{}{CJK_FAMILIES}">{}</tspan>"#,
                xs.join(" "),
                g.size * 0.92,
                font,
                escape(&text)
            );
        }
        let _ = writeln!(s, "</text>");
    }
    let _ = writeln!(s, "</g>");

    draw_marks(&mut s, page.number, marks);
    if style.legend {
        legend(&mut s, r.x0, r.y1, style);
    }
    let _ = writeln!(s, "</svg>");
    s
}

/// Each mark outlined and numbered in a badge at its top right corner
/// (the numbers key the labels listed under a drawing; the label is also
/// the outline's tooltip), so no label covers the page's own text.
/// `data-at` gives the outline's page and box as the record states them.
fn draw_marks(s: &mut String, page: u32, marks: &[Mark]) {
    let _ = writeln!(
        s,
        r#"<g class="marks" font-family="sans-serif" font-size="7" font-weight="bold" text-anchor="middle">"#
    );
    for (i, m) in marks.iter().filter(|m| m.at.page == page).enumerate() {
        let [x0, y0, x1, y1] = m.at.bbox;
        let b = BBox { x0, y0, x1, y1 };
        let c = m.kind.colour();
        let _ = writeln!(
            s,
            r#"<rect class="mark {}" data-at="{}" data-label="{}" {} fill="{c}" fill-opacity="0.08" stroke="{c}" stroke-width="1.2"><title>{}</title></rect>"#,
            m.kind.class(),
            at_attr(&m.at),
            escape(&m.label),
            rect_attrs(b),
            escape(&m.label)
        );
        let _ = writeln!(
            s,
            r#"<circle cx="{x1:.2}" cy="{y0:.2}" r="5" fill="{c}"/><text x="{x1:.2}" y="{:.2}" fill="white">{}</text>"#,
            y0 + 2.6,
            i + 1
        );
    }
    let _ = writeln!(s, "</g>");
}

fn legend(s: &mut String, x: f32, y: f32, style: Style) {
    let mut items = vec![
        ("#111", "text"),
        ("#888", "ruling"),
        ("#2e9b4f", "detected cell"),
    ];
    if style.glyph_boxes {
        items.push(("#4a90d9", "glyph box"));
    }
    items.push((MarkKind::Highlight.colour(), "highlight"));
    let _ = writeln!(
        s,
        r#"<g class="legend" font-family="sans-serif" font-size="7">"#
    );
    let mut at = x + 6.0;
    for (colour, name) in items {
        let _ = writeln!(
            s,
            r##"<rect x="{at:.1}" y="{:.1}" width="8" height="6" fill="none" stroke="{colour}"/><text x="{:.1}" y="{:.1}" fill="#111">{name}</text>"##,
            y + 5.0,
            at + 11.0,
            y + 11.0
        );
        at += 18.0 + name.len() as f32 * 3.6;
    }
    let _ = writeln!(s, "</g>");
}

/// `page:x0,y0,x1,y1` as a mark's `data-at` gives it (two decimals).
pub fn at_attr(at: &At) -> String {
    let [x0, y0, x1, y1] = at.bbox;
    format!("{}:{x0:.2},{y0:.2},{x1:.2},{y1:.2}", at.page)
}

/// A font's name for CSS: the subset tag (`ABCDEF+`) dropped, quoted.
fn family(base_font: &str) -> String {
    let name = match base_font.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 => rest,
        _ => base_font,
    };
    let name: String = name
        .chars()
        .filter(|c| !matches!(c, '\'' | '"' | '<' | '>' | '&'))
        .collect();
    if name.is_empty() {
        String::new()
    } else {
        format!("'{name}',")
    }
}

fn inset(b: BBox, d: f32) -> BBox {
    BBox {
        x0: b.x0 + d,
        y0: b.y0 + d,
        x1: (b.x1 - d).max(b.x0 + d + 0.5),
        y1: (b.y1 - d).max(b.y0 + d + 0.5),
    }
}

fn rect_attrs(b: BBox) -> String {
    format!(
        r#"x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}""#,
        b.x0,
        b.y0,
        b.x1 - b.x0,
        b.y1 - b.y0
    )
}

/// Text for HTML and SVG: `<`, `>`, `&` and quotes escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use juesuan_extract::{Glyph, Ruling};

    fn page() -> Page {
        let glyph = |ch, x| Glyph {
            ch,
            x,
            y: 20.0,
            width: 5.0,
            size: 10.0,
            font: 0,
        };
        Page {
            number: 3,
            width: 100.0,
            height: 50.0,
            glyphs: vec![glyph('收', 10.0), glyph('<', 15.0)],
            rulings: vec![Ruling {
                x0: 0.0,
                y0: 30.0,
                x1: 100.0,
                y1: 30.0,
            }],
            fonts: vec!["ABCDEF+SimSun".into()],
            damaged: None,
        }
    }

    #[test]
    fn text_is_real_text_in_the_page_font_then_a_cjk_family() {
        let svg = svg(&page(), None, &[], Style::default());
        assert!(
            svg.contains(r#"<text y="20.00"><tspan x="10.0 15.0""#),
            "{svg}"
        );
        assert!(
            svg.contains("font-family=\"'SimSun','Noto Sans CJK SC'"),
            "{svg}"
        );
        assert!(svg.contains(">收&lt;</tspan></text>"));
        assert!(svg.contains(r#"<line x1="0.00" y1="30.00" x2="100.00" y2="30.00"/>"#));
    }

    #[test]
    fn a_mark_is_outlined_where_it_stands_and_labelled() {
        let mark = Mark {
            at: At {
                page: 3,
                bbox: [10.0, 11.0, 20.0, 22.5],
            },
            label: "income,合计,决算数".into(),
            kind: MarkKind::Cell,
        };
        let other_page = Mark {
            at: At { page: 4, ..mark.at },
            ..mark.clone()
        };
        let svg = svg(&page(), None, &[mark, other_page], Style::default());
        assert_eq!(svg.matches("class=\"mark cell\"").count(), 1);
        assert!(svg.contains(r#"data-at="3:10.00,11.00,20.00,22.50""#));
        assert!(svg.contains(r#"x="10.00" y="11.00" width="10.00" height="11.50""#));
        assert!(svg.contains("<title>income,合计,决算数</title>"));
    }

    #[test]
    fn a_region_keeps_only_what_is_in_it() {
        let region = BBox {
            x0: 0.0,
            y0: 25.0,
            x1: 100.0,
            y1: 50.0,
        };
        let svg = svg(&page(), Some(region), &[], Style::default());
        assert!(svg.contains(r#"viewBox="0.00 25.00 100.00 25.00""#));
        assert!(!svg.contains("收"));
        assert!(svg.contains("<line"));
    }
}
