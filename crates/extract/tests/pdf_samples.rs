//! The PDF layer on every real filing in `samples/pdf`: each page's text
//! must match poppler's (`pdftotext -raw`, saved by `fixtures/make.sh`)
//! to ≥ 99.5% of its non-space characters, and known table pages must
//! yield the rulings a person counts on the rendered page.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use juesuan_extract::lines::lines;
use juesuan_extract::pdf::PdfDocument;

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/pdf")
}

fn open(name: &str) -> PdfDocument {
    let bytes = std::fs::read(samples().join(format!("{name}.pdf"))).unwrap();
    PdfDocument::open(&bytes).unwrap()
}

/// Share of non-space characters the two texts have in common, as
/// multisets: order is the line builder's business, not this test's.
fn similarity(ours: &str, theirs: &str) -> f64 {
    let count = |s: &str| {
        let mut m: HashMap<char, usize> = HashMap::new();
        for c in s.chars().filter(|c| !c.is_whitespace()) {
            *m.entry(c).or_default() += 1;
        }
        m
    };
    let (a, b) = (count(ours), count(theirs));
    let total = |m: &HashMap<char, usize>| m.values().sum::<usize>();
    let (na, nb) = (total(&a), total(&b));
    if na.max(nb) == 0 {
        return 1.0;
    }
    let common: usize = a
        .iter()
        .map(|(c, n)| (*n).min(b.get(c).copied().unwrap_or(0)))
        .sum();
    common as f64 / na.max(nb) as f64
}

fn page_text(doc: &PdfDocument, n: u32) -> String {
    let page = doc.page(n).unwrap();
    lines(&page.glyphs)
        .into_iter()
        .map(|l| l.text + "\n")
        .collect()
}

fn check_text(name: &str) {
    let doc = open(name);
    let reference = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/{name}.raw.txt")),
    )
    .unwrap();
    let pages: Vec<&str> = reference.split('\x0c').collect();
    // pdftotext ends every page with a form feed.
    assert_eq!(
        doc.page_count() as usize,
        pages.len() - 1,
        "{name}: page count"
    );
    let mut worst = (f64::INFINITY, 0);
    let mut sum = 0.0;
    for n in 1..=doc.page_count() {
        let s = similarity(&page_text(&doc, n), pages[n as usize - 1]);
        sum += s;
        if s < worst.0 {
            worst = (s, n);
        }
    }
    eprintln!(
        "{name}: mean {:.4}, worst {:.4} (page {})",
        sum / doc.page_count() as f64,
        worst.0,
        worst.1
    );
    assert!(
        worst.0 >= 0.995,
        "{name}: page {} similarity {:.4} < 0.995",
        worst.1,
        worst.0
    );
}

#[test]
fn chongqing_text_matches_poppler() {
    check_text("chongqing-southwest-university-2023-final");
}

#[test]
fn foshan_text_matches_poppler() {
    check_text("guangdong-foshan-rail-transit-2019-final");
}

#[test]
fn xian_text_matches_poppler() {
    check_text("shaanxi-xian-health-commission-2022-final");
}

#[test]
fn putuo_finance_text_matches_poppler() {
    check_text("shanghai-putuo-finance-bureau-2024-final");
}

#[test]
fn putuo_social_work_text_matches_poppler() {
    check_text("shanghai-putuo-social-work-dept-2024-final");
}

#[test]
fn shanghai_template_text_matches_poppler() {
    check_text("shanghai-template-2024-final");
}

/// (horizontal, vertical) rulings on a page, and the distinct positions of
/// each kind (one table line drawn as several pieces counts once there).
fn rulings(name: &str, n: u32) -> ((usize, usize), (usize, usize)) {
    let page = open(name).page(n).unwrap();
    let (h, v): (Vec<&juesuan_extract::Ruling>, Vec<_>) =
        page.rulings.iter().partition(|r| r.is_horizontal());
    let distinct = |mut xs: Vec<f32>| {
        xs.sort_by(f32::total_cmp);
        xs.dedup_by(|a, b| (*a - *b).abs() < 1.0);
        xs.len()
    };
    let ys = distinct(h.iter().map(|r| r.y0).collect());
    let xs = distinct(v.iter().map(|r| r.x0).collect());
    ((h.len(), v.len()), (ys, xs))
}

/// Word 2010 draws every border piece as a thin `re f*` (mutool trace: 128
/// fills, 77 of them thin; the other 51 are 0.48pt junction squares). The
/// page shows a 7-line, 7-column grid.
#[test]
fn foshan_word_table_borders_are_filled_rectangles() {
    assert_eq!(
        rulings("guangdong-foshan-rail-transit-2019-final", 7),
        ((39, 38), (7, 7))
    );
}

/// WPS strokes each border (mutool trace: 23 stroke paths): 11 row lines
/// (the split 合计 line at two heights 0.24pt apart counts as one) and 10
/// column lines, the 科目名称 column in two pieces around 合计.
#[test]
fn shanghai_template_stroked_table() {
    assert_eq!(
        rulings("shanghai-template-2024-final", 6),
        ((12, 11), (11, 10))
    );
}

/// 表1 收支决算总表: 19 full-width row lines, 5 column lines.
#[test]
fn chongqing_summary_table() {
    assert_eq!(
        rulings("chongqing-southwest-university-2023-final", 8),
        ((19, 5), (19, 5))
    );
}

#[test]
fn text_pages_have_no_rulings() {
    assert_eq!(
        rulings("chongqing-southwest-university-2023-final", 3),
        ((0, 0), (0, 0))
    );
}

/// WPS writes the catalog and page tree last: a download cut at 90% has
/// every page but no way to find them, until the page tree is rebuilt
/// from the page objects in the file.
#[test]
fn truncated_filing_is_read_through_a_rebuilt_page_tree() {
    let name = "shanghai-template-2024-final";
    let bytes = std::fs::read(samples().join(format!("{name}.pdf"))).unwrap();
    let cut = &bytes[..bytes.len() * 9 / 10];
    let doc = PdfDocument::open(cut).unwrap();
    assert_eq!(doc.page_count(), 23);
    let full = open(name);
    for n in [1, 6, 23] {
        assert_eq!(page_text(&doc, n), page_text(&full, n), "page {n}");
    }
}

/// The Foshan filing with its /ToUnicode maps changed by `edit`, read
/// against poppler's text of the original: ≥ 99% on every page.
fn foshan_with_to_unicode(edit: impl Fn(&mut lopdf::Dictionary, lopdf::ObjectId) -> bool) {
    let name = "guangdong-foshan-rail-transit-2019-final";
    let bytes = std::fs::read(samples().join(format!("{name}.pdf"))).unwrap();
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap();
    let empty = doc.add_object(lopdf::Stream::new(
        lopdf::Dictionary::new(),
        b"begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange endcmap".to_vec(),
    ));
    let mut edited = 0;
    for (_, object) in doc.objects.iter_mut() {
        if let Ok(dict) = object.as_dict_mut() {
            if dict.has(b"ToUnicode") && edit(dict, empty) {
                edited += 1;
            }
        }
    }
    assert!(edited >= 2, "{edited}");
    let mut changed = Vec::new();
    doc.save_to(&mut changed).unwrap();
    let ours = PdfDocument::open(&changed).unwrap();
    let reference = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/{name}.raw.txt")),
    )
    .unwrap();
    let pages: Vec<&str> = reference.split('\x0c').collect();
    for n in 1..=ours.page_count() {
        let s = similarity(&page_text(&ours, n), pages[n as usize - 1]);
        assert!(s >= 0.99, "page {n}: {s:.4}");
    }
}

/// Embedded Identity-H TrueType fonts without /ToUnicode: the text comes
/// from each font program's own cmap table (Word keeps the cmap in its
/// subsets; WPS drops it).
#[test]
fn fonts_without_to_unicode_fall_back_to_the_embedded_cmap() {
    foshan_with_to_unicode(|font, _| font.remove(b"ToUnicode").is_some());
}

/// A /ToUnicode without an entry for a code falls back the same way.
#[test]
fn codes_missing_from_to_unicode_fall_back_to_the_embedded_cmap() {
    foshan_with_to_unicode(|font, empty| {
        font.set("ToUnicode", lopdf::Object::Reference(empty));
        true
    });
}

#[test]
fn producers() {
    assert_eq!(
        open("guangdong-foshan-rail-transit-2019-final")
            .producer()
            .as_deref(),
        Some("Microsoft® Word 2010")
    );
    assert_eq!(
        open("shanghai-putuo-finance-bureau-2024-final")
            .producer()
            .as_deref(),
        Some("ONLYOFFICE/8.0.1.31")
    );
    // WPS writes an empty /Producer () and names itself in /Creator.
    assert_eq!(
        open("shanghai-template-2024-final").producer().as_deref(),
        Some("WPS 文字")
    );
}

/// One opened document, pages read from two threads at once (the font
/// cache is shared): the same pages as read one by one.
#[test]
fn pages_read_in_parallel_match_sequential() {
    let doc = open("shanghai-putuo-finance-bureau-2024-final");
    let sequential: Vec<_> = (1..=doc.page_count())
        .map(|n| doc.page(n).unwrap())
        .collect();
    let doc = open("shanghai-putuo-finance-bureau-2024-final");
    let (odd, even) = std::thread::scope(|s| {
        let odd = s.spawn(|| {
            (1..=doc.page_count())
                .step_by(2)
                .map(|n| doc.page(n).unwrap())
                .collect::<Vec<_>>()
        });
        let even = s.spawn(|| {
            (2..=doc.page_count())
                .step_by(2)
                .map(|n| doc.page(n).unwrap())
                .collect::<Vec<_>>()
        });
        (odd.join().unwrap(), even.join().unwrap())
    });
    for page in odd.iter().chain(&even) {
        let expected = &sequential[page.number as usize - 1];
        assert_eq!(page.glyphs, expected.glyphs, "page {}", page.number);
        assert_eq!(page.rulings, expected.rulings, "page {}", page.number);
    }
    assert_eq!(odd.len() + even.len(), sequential.len());
}

/// Jiangsu-style landscape tables: a portrait page shown with /Rotate 90
/// whose content is drawn through a rotating `cm`. Foshan's landscape
/// table page rebuilt that way must give the same glyphs and rulings.
#[test]
fn rotated_portrait_page_reads_like_the_landscape_original() {
    let name = "guangdong-foshan-rail-transit-2019-final";
    let original = open(name).page(7).unwrap();
    assert_eq!(
        (original.width.round(), original.height.round()),
        (842.0, 595.0)
    );

    let bytes = std::fs::read(samples().join(format!("{name}.pdf"))).unwrap();
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap();
    let page_id = doc.get_pages()[&7];
    let height = original.height;
    let mut content = format!("q 0 1 -1 0 {height} 0 cm\n").into_bytes();
    content.extend(doc.get_page_content(page_id));
    content.extend_from_slice(b"\nQ");
    let stream = doc.add_object(lopdf::Stream::new(lopdf::Dictionary::new(), content));
    let page = doc.get_dictionary_mut(page_id).unwrap();
    page.set("Contents", lopdf::Object::Reference(stream));
    page.set(
        "MediaBox",
        lopdf::Object::Array(vec![
            0.into(),
            0.into(),
            height.into(),
            original.width.into(),
        ]),
    );
    page.set("Rotate", 90);
    let mut rotated_bytes = Vec::new();
    doc.save_to(&mut rotated_bytes).unwrap();
    let rotated = PdfDocument::open(&rotated_bytes).unwrap().page(7).unwrap();

    assert!(
        (rotated.width - original.width).abs() < 0.01 && (rotated.height - height).abs() < 0.01
    );
    assert_eq!(rotated.glyphs.len(), original.glyphs.len());
    for (a, b) in rotated.glyphs.iter().zip(&original.glyphs) {
        assert!(
            a.ch == b.ch && (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() < 0.01,
            "{a:?} vs {b:?}"
        );
        assert!(
            (a.size - b.size).abs() < 0.01 && (a.width - b.width).abs() < 0.01,
            "{a:?} vs {b:?}"
        );
    }
    assert_eq!(rotated.rulings.len(), original.rulings.len());
    for (a, b) in rotated.rulings.iter().zip(&original.rulings) {
        let d =
            (a.x0 - b.x0).abs() + (a.x1 - b.x1).abs() + (a.y0 - b.y0).abs() + (a.y1 - b.y1).abs();
        assert!(d < 0.05, "{a:?} vs {b:?}");
    }
}
