//! PDF bytes → [`Page`]s of positioned glyphs and ruling lines.
//!
//! lopdf reads the file (xref repair, object streams, decryption with an
//! empty user password, bounded decompression); hayro-cmap supplies the
//! Adobe predefined CMaps; the content-stream interpreter is our own so
//! that fonts without /ToUnicode, `re f*` borders, form /Matrix and
//! /Rotate are handled the way Chinese filings need.
//!
//! [`PdfDocument`] is `Sync`: open it once and read pages from many
//! threads; parsed fonts are cached per document behind a mutex.

mod font;
mod glyphnames;
mod interp;
mod lexer;
mod matrix;
mod objects;
mod repair;

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::Page;
use font::Font;
use matrix::Matrix;
use objects::{content_bytes, deref, dict_of, num, numbers, MAX_STREAM_BYTES};

/// Why a file or a page could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// No `%PDF-` in the first kilobyte: an HTML error page, a Word file…
    #[error("not a PDF (no %PDF- header)")]
    NotPdf,
    /// Not even a rebuilt cross-reference table or page tree could read it.
    #[error("damaged or truncated PDF: {0}")]
    Damaged(String),
    /// Encrypted with a non-empty user password (an empty one is opened).
    #[error("encrypted PDF that needs a password")]
    Encrypted,
    /// One page failed; the others may still read.
    #[error("page {page}: {message}")]
    Page { page: u32, message: String },
}

/// Whether the bytes are a PDF, whatever the file's name: `%PDF-` within
/// the first kilobyte (some servers put headers or junk before it), at
/// the start or after a byte that is not printable text (a script that
/// writes PDFs, quoting `"%PDF-1.4`, is not one).
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5)
        .enumerate()
        .any(|(i, w)| w == b"%PDF-" && (i == 0 || !(0x20..0x7f).contains(&head[i - 1])))
}

/// One opened PDF. Cheap to share: `&PdfDocument` is `Send + Sync`.
pub struct PdfDocument {
    doc: Document,
    pages: Vec<ObjectId>,
    fonts: FontCache,
    truncated: bool,
}

impl PdfDocument {
    pub fn open(bytes: &[u8]) -> Result<PdfDocument, PdfError> {
        if !is_pdf(bytes) {
            return Err(PdfError::NotPdf);
        }
        let options = lopdf::LoadOptions {
            max_decompressed_size: Some(MAX_STREAM_BYTES),
            ..Default::default()
        };
        // lopdf itself rebuilds a broken xref; a panic inside it on a
        // hostile file is a damaged file, not a crash.
        let load = |bytes: &[u8], options: lopdf::LoadOptions| {
            catch_unwind(AssertUnwindSafe(|| {
                Document::load_mem_with_options(bytes, options)
            }))
            .unwrap_or_else(|_| {
                Err(lopdf::Error::InvalidStream(
                    "the PDF reader failed on this file".into(),
                ))
            })
        };
        let doc = match load(bytes, options.clone()) {
            Ok(doc) if !doc.get_pages().is_empty() || doc.is_encrypted() => doc,
            Err(lopdf::Error::InvalidPassword) => return Err(PdfError::Encrypted),
            first => {
                // The page tree is lost (e.g. truncated before the catalog):
                // rebuild one from the page objects still in the file.
                let repaired = repair::with_rebuilt_page_tree(bytes).map(|b| {
                    load(
                        &b,
                        lopdf::LoadOptions {
                            force_reconstruct: true,
                            ..options
                        },
                    )
                });
                match (repaired, first) {
                    (Some(Ok(doc)), _) => doc,
                    (_, Ok(doc)) => doc,
                    (_, Err(e)) => return Err(PdfError::Damaged(e.to_string())),
                }
            }
        };
        if doc.is_encrypted() && doc.authenticate_password("").is_err() {
            return Err(PdfError::Encrypted);
        }
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        if pages.is_empty() {
            return Err(PdfError::Damaged("no pages found".into()));
        }
        Ok(PdfDocument {
            doc,
            pages,
            fonts: FontCache::default(),
            truncated: cut_short(bytes),
        })
    }

    /// Whether the file stops before its end (a download cut short): its
    /// pages are rebuilt from what arrived, and any may be missing or
    /// incomplete, so nothing is known about what follows the cut.
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    pub fn page_count(&self) -> u32 {
        self.pages.len() as u32
    }

    /// /Info /Producer (or /Creator, where the producer left that empty),
    /// decoded from PDFDocEncoding or UTF-16BE.
    pub fn producer(&self) -> Option<String> {
        let info = self
            .doc
            .trailer
            .get(b"Info")
            .ok()
            .and_then(|o| dict_of(&self.doc, o))?;
        // WPS leaves /Producer empty and names itself in /Creator.
        [b"Producer".as_slice(), b"Creator".as_slice()]
            .into_iter()
            .find_map(|key| {
                let value = deref(&self.doc, info.get(key).ok()?);
                let text = lopdf::decode_text_string(value).ok()?;
                let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\0');
                (!text.is_empty()).then(|| text.to_string())
            })
    }

    /// Page `number` (1-based). Never panics: a failure names the page.
    pub fn page(&self, number: u32) -> Result<Page, PdfError> {
        let id = number
            .checked_sub(1)
            .and_then(|i| self.pages.get(i as usize))
            .ok_or_else(|| PdfError::Page {
                page: number,
                message: format!("no such page (the file has {})", self.pages.len()),
            })?;
        catch_unwind(AssertUnwindSafe(|| self.read_page(number, *id))).unwrap_or_else(|_| {
            Err(PdfError::Page {
                page: number,
                message: "internal error while reading the page".into(),
            })
        })
    }

    fn read_page(&self, number: u32, id: ObjectId) -> Result<Page, PdfError> {
        let doc = &self.doc;
        let page = doc.get_dictionary(id).map_err(|e| PdfError::Page {
            page: number,
            message: e.to_string(),
        })?;
        let media = inherited(doc, page, b"MediaBox")
            .and_then(|o| numbers::<4>(doc, o))
            .map(normalise)
            .unwrap_or([0.0, 0.0, 595.0, 842.0]);
        let crop = inherited(doc, page, b"CropBox")
            .and_then(|o| numbers::<4>(doc, o))
            .map(normalise)
            .map(|c| intersect(c, media))
            .unwrap_or(media);
        let rotate = inherited(doc, page, b"Rotate")
            .and_then(|o| num(deref(doc, o)))
            .unwrap_or(0.0) as i64;
        let (matrix, width, height) = page_matrix(crop, rotate);
        let resources = inherited(doc, page, b"Resources").and_then(|o| dict_of(doc, o));
        let (content, damage) = page_content(doc, page).map_err(|message| PdfError::Page {
            page: number,
            message,
        })?;
        let mut interp = interp::Interpreter::new(doc, &self.fonts, matrix);
        interp.run(&content, resources);
        let mut painted = interp.finish();
        let damaged = damage
            .map(|why| format!("the page's content stream: {why}"))
            .or(painted.damaged.take());
        // What lies wholly outside the visible page is not shown, and
        // poppler drops it too (hidden text parked off-page); rulings are
        // cut to the page.
        painted.glyphs.retain(|g| {
            let b = g.bbox();
            b.x1 >= 0.0 && b.x0 <= width && b.y1 >= 0.0 && b.y0 <= height
        });
        painted
            .rulings
            .retain(|r| r.x1 >= 0.0 && r.x0 <= width && r.y1 >= 0.0 && r.y0 <= height);
        for r in &mut painted.rulings {
            (r.x0, r.x1) = (r.x0.max(0.0), r.x1.min(width));
            (r.y0, r.y1) = (r.y0.max(0.0), r.y1.min(height));
        }
        Ok(Page {
            number,
            width,
            height,
            glyphs: painted.glyphs,
            rulings: painted.rulings,
            fonts: painted.fonts,
            damaged,
        })
    }
}

/// Parsed fonts by object id, shared by all pages of a document.
#[derive(Default)]
pub(crate) struct FontCache {
    fonts: Mutex<HashMap<ObjectId, Arc<Font>>>,
}

impl FontCache {
    fn get(&self, doc: &Document, obj: &Object) -> Option<Arc<Font>> {
        let id = match obj {
            Object::Reference(id) => *id,
            // A font written inline in the resources has no id to cache by.
            other => return dict_of(doc, other).map(|d| Arc::new(Font::load(doc, d))),
        };
        if let Some(font) = self
            .fonts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
        {
            return Some(font.clone());
        }
        // Parse outside the lock so threads do not queue behind a big font.
        let font = Arc::new(Font::load(doc, dict_of(doc, obj)?));
        Some(
            self.fonts
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry(id)
                .or_insert(font)
                .clone(),
        )
    }
}

/// A page attribute, looked up through /Parent as the spec allows.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..64 {
        if let Ok(v) = node.get(key) {
            return Some(v);
        }
        node = dict_of(doc, node.get(b"Parent").ok()?)?;
    }
    None
}

fn normalise([a, b, c, d]: [f32; 4]) -> [f32; 4] {
    [a.min(c), b.min(d), a.max(c), b.max(d)]
}

fn intersect(a: [f32; 4], b: [f32; 4]) -> [f32; 4] {
    let r = [
        a[0].max(b[0]),
        a[1].max(b[1]),
        a[2].min(b[2]),
        a[3].min(b[3]),
    ];
    if r[0] < r[2] && r[1] < r[3] {
        r
    } else {
        b
    }
}

/// Default user space → visible upright page, origin top-left, y down.
/// /Rotate turns the page clockwise for display.
fn page_matrix([x0, y0, x1, y1]: [f32; 4], rotate: i64) -> (Matrix, f32, f32) {
    let (w, h) = (x1 - x0, y1 - y0);
    match rotate.rem_euclid(360) {
        90 => (Matrix::new([0.0, 1.0, 1.0, 0.0, -y0, -x0]), h, w),
        180 => (Matrix::new([-1.0, 0.0, 0.0, 1.0, x1, -y0]), w, h),
        270 => (Matrix::new([0.0, -1.0, -1.0, 0.0, y1, x1]), h, w),
        _ => (Matrix::new([1.0, 0.0, 0.0, -1.0, -x0, y1]), w, h),
    }
}

/// The page's content streams joined, and why they are not whole where a
/// stream decodes only in part; a stream that does not decode at all is
/// an error for this page only.
fn page_content(doc: &Document, page: &Dictionary) -> Result<(Vec<u8>, Option<String>), String> {
    let Ok(contents) = page.get(b"Contents") else {
        return Ok((Vec::new(), None));
    };
    let streams: Vec<&Object> = match deref(doc, contents) {
        Object::Array(items) => items.iter().collect(),
        _ => vec![contents],
    };
    let mut out = Vec::new();
    let mut damage = None;
    for s in streams {
        match deref(doc, s) {
            Object::Stream(_) => {
                let (data, broken) = content_bytes(doc, s)
                    .ok_or("content stream cannot be decoded (damaged, or larger than 64 MiB)")?;
                damage = damage.or(broken);
                out.extend_from_slice(&data);
                out.push(b'\n');
            }
            _ => continue,
        }
    }
    Ok((out, damage))
}

/// No `%%EOF` after the last object: the file was cut short. (A
/// linearized file has an early `%%EOF`, so the last one counts; junk a
/// server appends after it is no object.)
fn cut_short(bytes: &[u8]) -> bool {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    match bytes.windows(5).rposition(|w| w == b"%%EOF") {
        None => true,
        Some(eof) => find(&bytes[eof..], b"endobj") || find(&bytes[eof..], b" 0 obj"),
    }
}

#[allow(dead_code)]
fn assert_sync() {
    fn sync<T: Send + Sync>() {}
    sync::<PdfDocument>();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_without_its_last_eof_is_cut_short() {
        assert!(!cut_short(
            b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n\0\0<html>"
        ));
        assert!(cut_short(b"%PDF-1.4\n1 0 obj<<>>endobj\n2 0 obj<<"));
        // linearized, cut after the first page's section
        assert!(cut_short(
            b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n2 0 obj<<>>endobj\n3 0 obj"
        ));
    }

    #[test]
    fn rotation_keeps_the_page_upright() {
        // A Letter-sized page, point near the unrotated top-left corner.
        let crop = [0.0, 0.0, 612.0, 792.0];
        let (m, w, h) = page_matrix(crop, 0);
        assert_eq!((w, h), (612.0, 792.0));
        assert_eq!(m.apply(10.0, 782.0), (10.0, 10.0));
        // Rotated 90° clockwise: the unrotated top edge is now on the right.
        let (m, w, h) = page_matrix(crop, 90);
        assert_eq!((w, h), (792.0, 612.0));
        assert_eq!(m.apply(10.0, 782.0), (782.0, 10.0));
        let (m, _, _) = page_matrix(crop, 180);
        assert_eq!(m.apply(10.0, 782.0), (602.0, 782.0));
        let (m, _, _) = page_matrix(crop, 270);
        assert_eq!(m.apply(10.0, 782.0), (10.0, 602.0));
        // A CropBox away from the origin moves the origin with it.
        let (m, w, h) = page_matrix([10.0, 20.0, 610.0, 820.0], 90);
        assert_eq!((w, h), (800.0, 600.0));
        assert_eq!(m.apply(10.0, 20.0), (0.0, 0.0));
        assert_eq!(m.apply(610.0, 820.0), (800.0, 600.0));
    }
}
