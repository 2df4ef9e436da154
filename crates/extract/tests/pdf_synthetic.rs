//! Hand-made PDFs for what the sample filings lack: predefined CMaps
//! without /ToUnicode, /Rotate, Form XObjects with /Matrix, thin filled
//! rules, damaged and encrypted files. Each file is written here, byte by
//! byte, so the cases are reproducible and readable.

use juesuan_extract::lines::lines;
use juesuan_extract::pdf::{PdfDocument, PdfError};
use juesuan_extract::{Page, Ruling};

/// A PDF from object bodies: object 1 is the catalog, 2 the page tree,
/// 3 the only page; `objects[i]` becomes object `i + 1`.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut body = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    body.extend_from_slice(data);
    body.extend_from_slice(b"\nendstream");
    body
}

/// Catalog, page tree, one page with `page_extra` (MediaBox, Rotate…) and
/// `resources`, its content, then `more` objects from number 5 on.
fn one_page(page_extra: &str, resources: &str, content: &[u8], more: Vec<Vec<u8>>) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R {page_extra} /Resources {resources} /Contents 4 0 R >>"
        )
        .into_bytes(),
        stream("", content),
    ];
    objects.extend(more);
    pdf(&objects)
}

fn helvetica() -> Vec<u8> {
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 65 /LastChar 66 /Widths [600 700] >>".to_vec()
}

fn page1(bytes: &[u8]) -> Page {
    PdfDocument::open(bytes).unwrap().page(1).unwrap()
}

fn text(page: &Page) -> String {
    lines(&page.glyphs)
        .into_iter()
        .map(|l| l.text)
        .collect::<Vec<_>>()
        .join("\n")
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.01
}

/// A horizontal ruling from `x0` to `x1` at height `y`.
fn horizontal(r: &Ruling, x0: f32, x1: f32, y: f32) -> bool {
    r.is_horizontal() && close(r.x0, x0) && close(r.x1, x1) && close(r.y0, y) && close(r.y1, y)
}

/// A vertical ruling at `x` from `y0` down to `y1`.
fn vertical(r: &Ruling, x: f32, y0: f32, y1: f32) -> bool {
    !r.is_horizontal() && close(r.x0, x) && close(r.x1, x) && close(r.y0, y0) && close(r.y1, y1)
}

/// WPS writes a non-embedded 仿宋 as Type0 /GBK-EUC-H with no /ToUnicode:
/// text must come from the CMap's character collection (Adobe-GB1).
#[test]
fn gbk_euc_h_without_to_unicode() {
    let (gbk, _, _) = encoding_rs::GBK.encode("年收入");
    let mut content = b"BT /F1 10 Tf 100 700 Td (2024".to_vec();
    content.extend_from_slice(&gbk);
    content.extend_from_slice(b") Tj ET");
    let bytes = one_page(
        "/MediaBox [0 0 595 842]",
        "<< /Font << /F1 5 0 R >> >>",
        &content,
        vec![
            b"<< /Type /Font /Subtype /Type0 /BaseFont /FangSong /Encoding /GBK-EUC-H /DescendantFonts [6 0 R] >>".to_vec(),
            // Digits '0'–'9' are CIDs 829–838 in GBK-EUC-H, 500 wide: '0' and
            // '1' in a `first [w w]` list, the rest in a `first last w` range.
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /FangSong /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 /W [829 [500 500] 831 838 500] >>".to_vec(),
            b"<< /Type /FontDescriptor /FontName /FangSong /Flags 6 /FontBBox [0 -141 996 855] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 0 /StemV 0 >>".to_vec(),
        ],
    );
    let page = page1(&bytes);
    assert_eq!(text(&page), "2024年收入");
    let xs: Vec<f32> = page.glyphs.iter().map(|g| g.x).collect();
    // Four digits of 5pt, then ideographs of 10pt.
    let expected = [100.0, 105.0, 110.0, 115.0, 120.0, 130.0, 140.0];
    assert!(xs.iter().zip(expected).all(|(a, b)| close(*a, b)), "{xs:?}");
    assert!(close(page.glyphs[0].y, 142.0));
    assert_eq!(page.fonts, ["FangSong"]);
}

#[test]
fn uni_gb_ucs2_h_without_to_unicode() {
    let mut content = b"BT /F1 12 Tf 50 50 Td <".to_vec();
    for c in "决算表".encode_utf16() {
        content.extend_from_slice(format!("{c:04X}").as_bytes());
    }
    content.extend_from_slice(b"> Tj ET");
    let bytes = one_page(
        "/MediaBox [0 0 200 100]",
        "<< /Font << /F1 5 0 R >> >>",
        &content,
        vec![
            b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>".to_vec(),
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>".to_vec(),
        ],
    );
    let page = page1(&bytes);
    assert_eq!(text(&page), "决算表");
    assert!(close(page.glyphs[2].x, 74.0));
}

/// Jiangsu filings put landscape tables on portrait pages with /Rotate 90
/// and a rotated CTM: the text must come out upright, left to right.
#[test]
fn rotate_90_page_is_upright() {
    let bytes = one_page(
        "/MediaBox [0 0 100 200] /Rotate 90",
        "<< /Font << /F1 5 0 R >> >>",
        b"q 0 1 -1 0 100 0 cm BT /F1 10 Tf 10 20 Td (AB) Tj ET 0 0 m 50 0 l S Q",
        vec![helvetica()],
    );
    let page = page1(&bytes);
    assert_eq!((page.width, page.height), (200.0, 100.0));
    assert_eq!(text(&page), "AB");
    let (a, b) = (&page.glyphs[0], &page.glyphs[1]);
    assert!(close(a.x, 10.0) && close(a.y, 80.0), "{a:?}");
    assert!(close(b.x, 16.0) && close(b.y, 80.0), "{b:?}");
    assert!(close(a.size, 10.0) && close(a.width, 6.0));
    // The stroked line runs along the rotated x axis: horizontal on screen.
    assert_eq!(page.rulings.len(), 1);
    let r = page.rulings[0];
    assert!(horizontal(&r, 0.0, 50.0, 100.0), "{r:?}");
}

#[test]
fn form_xobject_applies_its_matrix_and_resources() {
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 200 200] /Matrix [2 0 0 2 50 50] /Resources << /Font << /F9 6 0 R >> >>",
        b"0 0 m 100 0 l S BT /F9 10 Tf 0 10 Td (A) Tj ET",
    );
    let bytes = one_page(
        "/MediaBox [0 0 300 300]",
        "<< /XObject << /Fm1 5 0 R >> >>",
        b"q 1 0 0 1 10 10 cm /Fm1 Do Q",
        vec![form, helvetica()],
    );
    let page = page1(&bytes);
    assert_eq!(page.rulings.len(), 1);
    let r = page.rulings[0];
    assert!(horizontal(&r, 60.0, 260.0, 240.0), "{r:?}");
    let g = &page.glyphs[0];
    assert_eq!(g.ch, 'A');
    assert!(
        close(g.x, 60.0) && close(g.y, 220.0) && close(g.size, 20.0) && close(g.width, 12.0),
        "{g:?}"
    );
}

/// A form that draws itself must not hang or overflow the stack.
#[test]
fn recursive_form_is_cut_off() {
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /Me 5 0 R >> >>",
        b"0 0 m 5 0 l S /Me Do",
    );
    let bytes = one_page(
        "/MediaBox [0 0 100 100]",
        "<< /XObject << /Me 5 0 R >> >>",
        b"/Me Do",
        vec![form],
    );
    assert_eq!(page1(&bytes).rulings.len(), 1);
}

/// Word draws table borders as thin filled rectangles (`re f*`); white
/// fills are invisible and big fills are shading, not rules.
#[test]
fn thin_filled_rectangles_are_rulings() {
    let bytes = one_page(
        "/MediaBox [0 0 300 300]",
        "<< >>",
        b"0 g 10 10 100 0.5 re f* 10 10 0.48 80 re f 1 g 10 50 100 0.5 re f 0 0 0 rg 10 100 100 50 re f \
          0 0 0 RG 2 w 10 200 m 110 200 l 110 260 l S 10 280 m 60 290 l S",
        vec![],
    );
    let page = page1(&bytes);
    let r = &page.rulings;
    assert_eq!(r.len(), 4, "{r:?}");
    assert!(horizontal(&r[0], 10.0, 110.0, 289.75), "{r:?}");
    assert!(vertical(&r[1], 10.24, 210.0, 290.0), "{r:?}");
    assert!(horizontal(&r[2], 10.0, 110.0, 100.0), "{r:?}");
    assert!(vertical(&r[3], 110.0, 40.0, 100.0), "{r:?}");
}

/// Tc, Tw (only on the 1-byte space), Tz and TJ adjustments move glyphs.
#[test]
fn text_state_spacing() {
    let bytes = one_page(
        "/MediaBox [0 0 300 300]",
        "<< /Font << /F1 5 0 R >> >>",
        b"BT /F1 10 Tf 1 Tc 3 Tw 50 Tz 0 0 Td [(A) 1000 ( B)] TJ ET",
        vec![b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 65 /LastChar 66 /Widths [600 700] >>"
            .to_vec()],
    );
    let page = page1(&bytes);
    let xs: Vec<f32> = page.glyphs.iter().map(|g| g.x).collect();
    // A advances (6 + 1) × 0.5 = 3.5, the TJ number 1000/1000 × 10 × 0.5
    // = 5 back, the space (0 + 1 + 3) × 0.5 = 2 forward.
    assert_eq!(xs.len(), 2);
    assert!(close(xs[0], 0.0) && close(xs[1], 0.5), "{xs:?}");
}

#[test]
fn truncated_file_is_recovered_by_scanning_objects() {
    let bytes = one_page(
        "/MediaBox [0 0 300 300]",
        "<< /Font << /F1 5 0 R >> >>",
        b"BT /F1 10 Tf 10 10 Td (AB) Tj ET",
        vec![helvetica()],
    );
    // Cut off the xref table and trailer.
    let cut = bytes.windows(4).position(|w| w == b"xref").unwrap();
    let page = page1(&bytes[..cut]);
    assert_eq!(text(&page), "AB");
}

#[test]
fn garbage_is_not_a_pdf_and_a_stub_is_damaged() {
    assert!(matches!(
        PdfDocument::open(b"<html>hello</html>"),
        Err(PdfError::NotPdf)
    ));
    assert!(matches!(
        PdfDocument::open(b"%PDF-1.7\n1 0 obj\n<<"),
        Err(PdfError::Damaged(_))
    ));
}

#[test]
fn page_errors_name_the_page() {
    let bytes = one_page("/MediaBox [0 0 10 10]", "<< >>", b"", vec![]);
    let doc = PdfDocument::open(&bytes).unwrap();
    let err = doc.page(2).unwrap_err();
    assert!(err.to_string().starts_with("page 2:"), "{err}");
}

fn encrypted(user_password: &str) -> Vec<u8> {
    use lopdf::encryption::{EncryptionState, EncryptionVersion, Permissions};
    let plain = one_page(
        "/MediaBox [0 0 300 300]",
        "<< /Font << /F1 5 0 R >> >>",
        b"BT /F1 10 Tf 10 10 Td (AB) Tj ET",
        vec![helvetica()],
    );
    let mut doc = lopdf::Document::load_mem(&plain).unwrap();
    let id = lopdf::Object::String(
        b"0123456789abcdef".to_vec(),
        lopdf::StringFormat::Hexadecimal,
    );
    doc.trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    let version = EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password,
        key_length: 128,
        permissions: Permissions::all(),
    };
    let state = EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn encrypted_with_empty_user_password_opens() {
    let bytes = encrypted("");
    assert!(bytes.windows(8).any(|w| w == b"/Encrypt"));
    assert_eq!(text(&page1(&bytes)), "AB");
}

#[test]
fn encrypted_with_a_user_password_is_reported() {
    let bytes = encrypted("secret");
    assert!(matches!(
        PdfDocument::open(&bytes),
        Err(PdfError::Encrypted)
    ));
}

#[test]
fn producer_is_decoded() {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>".to_vec(),
        b"<< /Producer <FEFF005700500053> >>".to_vec(),
    ];
    let mut bytes = pdf(&objects);
    let trailer = bytes.windows(9).rposition(|w| w == b"/Root 1 0").unwrap();
    bytes.splice(trailer..trailer, b"/Info 4 0 R ".iter().copied());
    assert_eq!(
        PdfDocument::open(&bytes).unwrap().producer().as_deref(),
        Some("WPS")
    );
    objects[3] = b"<< /Producer (Microsoft\xae Word 2010) >>".to_vec();
    let mut bytes = pdf(&objects);
    let trailer = bytes.windows(9).rposition(|w| w == b"/Root 1 0").unwrap();
    bytes.splice(trailer..trailer, b"/Info 4 0 R ".iter().copied());
    assert_eq!(
        PdfDocument::open(&bytes).unwrap().producer().as_deref(),
        Some("Microsoft® Word 2010")
    );
}

/// A zlib stream of `total` zero bytes, 13 bits per 258 bytes: fixed
/// Huffman, one literal then back-references of length 258, distance 1.
fn zeros_deflated(total: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u32,
        n: u32,
    }
    impl Bits {
        // Deflate packs from the least significant bit; Huffman codes go
        // in most-significant-bit first.
        fn put(&mut self, value: u32, count: u32) {
            self.acc |= value << self.n;
            self.n += count;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        fn code(&mut self, code: u32, len: u32) {
            let reversed = code.reverse_bits() >> (32 - len);
            self.put(reversed, len);
        }
    }
    let mut b = Bits {
        out: vec![0x78, 0x01],
        acc: 0,
        n: 0,
    };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman
    b.code(0b0011_0000, 8); // literal 0
    for _ in 0..(total - 1) / 258 {
        b.code(0b1100_0101, 8); // length code 285 = 258
        b.code(0, 5); // distance code 0 = 1
    }
    b.code(0, 7); // end of block
    b.put(0, 7);
    b.out
}

/// A content stream that inflates past the 64 MiB limit fails its page
/// with a message; it does not exhaust memory.
#[test]
fn decompression_bomb_is_a_page_error() {
    let bomb = zeros_deflated(300 << 20);
    assert!(bomb.len() < 2 << 20);
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 4 0 R >>".to_vec(),
    ];
    objects.push(stream("/Filter /FlateDecode", &bomb));
    let doc = PdfDocument::open(&pdf(&objects)).unwrap();
    let err = doc.page(1).unwrap_err();
    assert!(
        err.to_string().starts_with("page 1:") && err.to_string().contains("64 MiB"),
        "{err}"
    );
    // The same construction, small, does decode: the bomb fails by size.
    objects[3] = stream("/Filter /FlateDecode", &zeros_deflated(10_000));
    assert!(PdfDocument::open(&pdf(&objects)).unwrap().page(1).is_ok());
}

/// WPS writes `300 Tf` and scales the text matrix by 0.05: the glyph is
/// 15pt, and its width scales with it.
#[test]
fn size_comes_from_the_whole_text_matrix() {
    let bytes = one_page(
        "/MediaBox [0 0 300 300]",
        "<< /Font << /F1 5 0 R >> >>",
        b"BT /F1 300 Tf 0.05 0 0 0.05 100 100 Tm (AB) Tj ET",
        vec![helvetica()],
    );
    let page = page1(&bytes);
    let (a, b) = (&page.glyphs[0], &page.glyphs[1]);
    assert!(
        close(a.size, 15.0) && close(a.width, 9.0) && close(a.x, 100.0) && close(a.y, 200.0),
        "{a:?}"
    );
    assert!(close(b.x, 109.0) && close(b.width, 10.5), "{b:?}");
}

/// Td, TD (sets the leading), T*, ' and " all start a new line.
#[test]
fn next_line_operators() {
    let bytes = one_page(
        "/MediaBox [0 0 300 300]",
        "<< /Font << /F1 5 0 R >> >>",
        b"BT /F1 10 Tf 12 TL 10 200 Td (A) Tj T* (B) Tj 5 -20 TD (A) Tj (B) ' 2 1 (A) \" ET",
        vec![helvetica()],
    );
    let page = page1(&bytes);
    let at: Vec<(char, f32, f32)> = page
        .glyphs
        .iter()
        .map(|g| (g.ch, g.x, 300.0 - g.y))
        .collect();
    assert_eq!(
        at,
        [
            ('A', 10.0, 200.0),
            ('B', 10.0, 188.0),
            ('A', 15.0, 168.0),
            ('B', 15.0, 148.0),
            ('A', 15.0, 128.0)
        ]
    );
    assert_eq!(text(&page), "A\nB\nA\nB\nA");
}

/// An inline image (binary bytes between ID and EI) is skipped and the
/// text after it still read.
#[test]
fn inline_image_is_skipped() {
    let mut content =
        b"BT /F1 10 Tf 10 10 Td (A) Tj ET q 4 0 0 4 50 50 cm BI /W 2 /H 2 /BPC 8 /CS /G ID "
            .to_vec();
    content.extend_from_slice(&[0x00, 0xff, 0x28, 0x29]);
    content.extend_from_slice(b" EI Q BT /F1 10 Tf 10 30 Td (B) Tj ET");
    let bytes = one_page(
        "/MediaBox [0 0 300 300]",
        "<< /Font << /F1 5 0 R >> >>",
        &content,
        vec![helvetica()],
    );
    assert_eq!(text(&page1(&bytes)), "B\nA");
}

/// `s` closes the subpath before stroking: a three-sided path drawn with
/// `s` has four sides.
#[test]
fn close_and_stroke_draws_the_closing_side() {
    let bytes = one_page(
        "/MediaBox [0 0 300 300]",
        "<< >>",
        b"10 10 m 110 10 l 110 60 l 10 60 l s",
        vec![],
    );
    let r = page1(&bytes).rulings;
    assert_eq!(r.len(), 4, "{r:?}");
    assert!(vertical(&r[3], 10.0, 240.0, 290.0), "{r:?}");
}

/// A damaged token mid-stream costs that token, not the rest of the page.
#[test]
fn damaged_content_reads_on() {
    let bytes = one_page(
        "/MediaBox [0 0 300 300]",
        "<< /Font << /F1 5 0 R >> >>",
        b"BT /F1 10 Tf 10 10 Td (A) Tj ET ] 1.2.3 ) >> BT /F1 10 Tf 10 30 Td (B) Tj ET 0 0 m 100 0 l S",
        vec![helvetica()],
    );
    let page = page1(&bytes);
    assert_eq!(text(&page), "B\nA");
    assert_eq!(page.rulings.len(), 1);
}

/// Identity-V: glyphs stack downwards, each centred on the pen position,
/// as a vertical 栏次 header cell is drawn.
#[test]
fn vertical_writing_stacks_glyphs() {
    let mut content = b"BT /F1 10 Tf 100 200 Td <".to_vec();
    for c in "栏次".encode_utf16() {
        content.extend_from_slice(format!("{c:04X}").as_bytes());
    }
    content.extend_from_slice(b"> Tj ET");
    let bytes = one_page(
        "/MediaBox [0 0 300 300]",
        "<< /Font << /F1 5 0 R >> >>",
        &content,
        vec![
            b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /UniGB-UCS2-V /DescendantFonts [6 0 R] >>".to_vec(),
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>".to_vec(),
        ],
    );
    let page = page1(&bytes);
    let at: Vec<(char, f32, f32)> = page.glyphs.iter().map(|g| (g.ch, g.x, g.y)).collect();
    // Left edge 100 − 10/2; baseline 0.88 em below the pen, pen steps 10pt down.
    assert_eq!(at, [('栏', 95.0, 108.8), ('次', 95.0, 118.8)]);
}

/// /Differences glyph names (`uniXXXX`, Adobe names) over a base encoding.
#[test]
fn differences_glyph_names() {
    let bytes = one_page(
        "/MediaBox [0 0 300 300]",
        "<< /Font << /F1 5 0 R >> >>",
        b"BT /F1 10 Tf 10 10 Td (ABC\\222) Tj ET",
        vec![b"<< /Type /Font /Subtype /TrueType /BaseFont /X /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [65 /uni4E2D /zero] >> >>".to_vec()],
    );
    // A→中, B→0, C from WinAnsi, 0x92 is WinAnsi’s right single quote.
    assert_eq!(text(&page1(&bytes)), "中0C’");
}

/// Type3 widths are in glyph space: /Widths × /FontMatrix.
#[test]
fn type3_widths_use_the_font_matrix() {
    let bytes = one_page(
        "/MediaBox [0 0 300 300]",
        "<< /Font << /T3 5 0 R >> >>",
        b"BT /T3 10 Tf 10 10 Td (ab) Tj ET",
        vec![b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 100 100] /FontMatrix [0.01 0 0 0.01 0 0] /CharProcs << >> /Encoding << /Differences [97 /a /b] >> /FirstChar 97 /LastChar 98 /Widths [50 80] >>".to_vec()],
    );
    let page = page1(&bytes);
    assert_eq!(text(&page), "ab");
    assert!(
        close(page.glyphs[0].width, 5.0) && close(page.glyphs[1].x, 15.0),
        "{:?}",
        page.glyphs
    );
    assert_eq!(page.fonts, ["Type3"]);
}

/// Invisible text (3 Tr) is not a glyph but still advances the pen.
#[test]
fn invisible_text_is_skipped() {
    let bytes = one_page(
        "/MediaBox [0 0 300 300]",
        "<< /Font << /F1 5 0 R >> >>",
        b"BT /F1 10 Tf 10 10 Td 3 Tr (A) Tj 0 Tr (B) Tj ET",
        vec![helvetica()],
    );
    let page = page1(&bytes);
    assert_eq!(text(&page), "B");
    assert!(close(page.glyphs[0].x, 16.0));
}

/// `B` fills and strokes: a thin black bar is one filled rule plus the
/// four stroked sides of its outline.
#[test]
fn fill_and_stroke_paints_both() {
    let bytes = one_page(
        "/MediaBox [0 0 300 300]",
        "<< >>",
        b"0 g 0 G 10 10 100 1 re B",
        vec![],
    );
    let r = page1(&bytes).rulings;
    assert_eq!(r.len(), 5, "{r:?}");
    assert_eq!(r.iter().filter(|r| r.is_horizontal()).count(), 3);
}

/// Text and lines parked outside the visible page (here: left of the
/// CropBox) are not on the page; a line partly outside is cut.
#[test]
fn off_page_marks_are_dropped() {
    let bytes = one_page(
        "/MediaBox [0 0 300 300] /CropBox [50 0 300 300]",
        "<< /Font << /F1 5 0 R >> >>",
        b"BT /F1 10 Tf 10 10 Td (A) Tj 60 0 Td (B) Tj ET 0 100 m 40 100 l S 0 150 m 200 150 l S",
        vec![helvetica()],
    );
    let page = page1(&bytes);
    assert_eq!(page.width, 250.0);
    assert_eq!(text(&page), "B");
    assert!(close(page.glyphs[0].x, 20.0));
    assert_eq!(page.rulings.len(), 1);
    // The line from x = 0 to 200 shows from the CropBox's edge on.
    assert!(
        horizontal(&page.rulings[0], 0.0, 150.0, 150.0),
        "{:?}",
        page.rulings
    );
}

/// A Type1 font with no /Encoding uses the encoding in its own program's
/// clear text (TeX's math fonts put dot leaders there).
#[test]
fn type1_builtin_encoding() {
    let program = b"%!PS-AdobeFont-1.0: CMMI10\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n\
dup 58 /period put\ndup 59 /comma put\nreadonly def\ncurrentfile eexec\n";
    let bytes = one_page(
        "/MediaBox [0 0 300 300]",
        "<< /Font << /F1 5 0 R >> >>",
        b"BT /F1 10 Tf 10 10 Td (::;) Tj ET",
        vec![
            b"<< /Type /Font /Subtype /Type1 /BaseFont /CMMI10 /FirstChar 58 /LastChar 59 /Widths [278 278] /FontDescriptor 6 0 R >>".to_vec(),
            b"<< /Type /FontDescriptor /FontName /CMMI10 /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 700 /Descent -200 /CapHeight 700 /StemV 50 /FontFile 7 0 R >>".to_vec(),
            stream(&format!("/Length1 {} /Length2 0 /Length3 0", program.len()), program),
        ],
    );
    assert_eq!(text(&page1(&bytes)), "..,");
}

/// 300 nested saves (more than are kept): the 300 inner Qs leave the
/// outermost q's state, and its own Q restores the state before it.
#[test]
fn deep_save_restore_stays_balanced() {
    let mut content = b"1 0 0 1 0 100 cm q 1 0 0 1 0 50 cm ".to_vec();
    content.extend(b"q ".repeat(300));
    content.extend(b"Q ".repeat(300));
    content.extend_from_slice(b"0 0 m 100 0 l S Q 0 0 m 100 0 l S");
    let bytes = one_page("/MediaBox [0 0 300 300]", "<< >>", &content, vec![]);
    let r = page1(&bytes).rulings;
    // Inside the outermost q: both cm apply; after its Q only the first.
    assert!(horizontal(&r[0], 0.0, 100.0, 150.0), "{r:?}");
    assert!(horizontal(&r[1], 0.0, 100.0, 200.0), "{r:?}");
}
