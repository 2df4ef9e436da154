//! The `at` of a fact and of a narrative check points at its evidence on
//! the page: the glyphs printed inside the box spell the evidence's number.
//! (A line keeps no glyph positions, so the box is placed within its line
//! by advance; this is the test that the placing holds on a real filing.)

use std::path::Path;

use juesuan_extract::pdf::PdfDocument;
use juesuan_extract::{layout, Page};
use juesuan_normalize::{At, Source};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The non-space text printed inside a box, in reading order.
fn inside(page: &Page, at: &At) -> String {
    let [x0, y0, x1, y1] = at.bbox;
    let mut glyphs: Vec<_> = page
        .glyphs
        .iter()
        .filter(|g| {
            let (cx, cy) = (g.x + g.width / 2.0, g.y - 0.38 * g.size);
            !g.ch.is_whitespace() && cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1
        })
        .collect();
    glyphs.sort_by(|a, b| (a.y as i32, a.x).partial_cmp(&(b.y as i32, b.x)).unwrap());
    glyphs.iter().map(|g| g.ch).collect()
}

#[test]
fn putuo_facts_and_narrative_checks_box_their_numbers() {
    let path = root().join("samples/pdf/shanghai-putuo-finance-bureau-2024-final.pdf");
    let bytes = std::fs::read(&path).unwrap();
    let pdf = PdfDocument::open(&bytes).unwrap();
    let pages: Vec<Page> = (1..=pdf.page_count())
        .map(|n| pdf.page(n).unwrap())
        .collect();
    let doc = layout::document(pages.clone(), None);
    let source = Source {
        path: path.display().to_string(),
        sha256: String::new(),
        format: "pdf".into(),
        pages: None,
        producer: None,
    };
    let record = juesuan_normalize::normalize(source, &doc);
    let number = |text: &str| -> String {
        let digits: String = text
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
            .collect();
        digits.trim_end_matches(['.', ',']).to_string()
    };
    let mut seen = 0;
    for (key, fact) in &record.facts {
        let at = fact.at.unwrap_or_else(|| panic!("{key}: no at"));
        assert_eq!(Some(at.page), fact.page, "{key}");
        let printed = inside(&pages[at.page as usize - 1], &at);
        let n = number(&fact.evidence);
        assert!(
            printed.contains(&n),
            "{key}: {n} not in the box, which holds {printed}"
        );
        seen += 1;
    }
    for check in record.checks.iter().filter(|c| c.at.is_some()) {
        let at = check.at.unwrap();
        let printed = inside(&pages[at.page as usize - 1], &at);
        assert!(
            printed.contains(&check.actual.to_string()),
            "{}: {} not in the box, which holds {printed}",
            check.detail,
            check.actual
        );
        seen += 1;
    }
    assert!(seen > 30, "{seen}");
}
