//! Small, forgiving accessors over lopdf objects: a damaged file yields
//! `None` here and the caller carries on with what it has.

use lopdf::{Dictionary, Document, Object};

/// The largest a single stream may decode to: a zip bomb becomes an
/// error instead of an out-of-memory abort. Real filings decode to a few
/// MiB at most; pages are read in parallel, so the cap is paid per thread.
pub(crate) const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;

/// Follows references (a bounded number of hops: cycles end as `Null`).
pub(crate) fn deref<'a>(doc: &'a Document, mut obj: &'a Object) -> &'a Object {
    for _ in 0..32 {
        match obj {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(o) => obj = o,
                Err(_) => return &Object::Null,
            },
            _ => return obj,
        }
    }
    &Object::Null
}

pub(crate) fn dict_of<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Dictionary> {
    match deref(doc, obj) {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub(crate) fn name_of(obj: &Object) -> Option<&[u8]> {
    match obj {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

pub(crate) fn num(obj: &Object) -> Option<f32> {
    match obj {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// A stream's decoded bytes; an unfiltered stream is returned as is.
pub(crate) fn stream_bytes(doc: &Document, obj: &Object) -> Option<Vec<u8>> {
    match deref(doc, obj) {
        Object::Stream(s) => {
            if s.dict.get(b"Filter").is_err() {
                Some(s.content.clone())
            } else {
                s.decompressed_content_with_limit(MAX_STREAM_BYTES).ok()
            }
        }
        _ => None,
    }
}

/// A content stream's decoded bytes and, where they are not the whole
/// stream, why: a Flate stream that stops early or fails its checksum
/// still yields what decoded (lopdf keeps it), so the page is read as far
/// as it goes and said to be damaged. `None` when nothing decodes.
pub(crate) fn content_bytes(doc: &Document, obj: &Object) -> Option<(Vec<u8>, Option<String>)> {
    let data = stream_bytes(doc, obj)?;
    let Object::Stream(s) = deref(doc, obj) else {
        return Some((data, None));
    };
    let first = match s.dict.get(b"Filter").map(|f| deref(doc, f)) {
        Ok(Object::Array(fs)) => fs.first().and_then(name_of),
        Ok(f) => name_of(f),
        Err(_) => None,
    };
    let damage = (first == Some(b"FlateDecode".as_slice()))
        .then(|| flate_damage(&s.content))
        .flatten();
    Some((data, damage))
}

/// Why a zlib stream does not decode whole (bad data, bad checksum, cut
/// short), or `None`. Decoding stops at the stream cap: a bomb is not
/// damage here, the cap reports it.
fn flate_damage(raw: &[u8]) -> Option<String> {
    use std::io::Read;
    let mut decoder = flate2::read::ZlibDecoder::new(raw).take(MAX_STREAM_BYTES as u64);
    match std::io::copy(&mut decoder, &mut std::io::sink()) {
        Err(e) => Some(format!("its compressed data does not decode whole ({e})")),
        Ok(_) => None,
    }
}

/// A number array of fixed length (`/Matrix`, `/MediaBox`).
pub(crate) fn numbers<const N: usize>(doc: &Document, obj: &Object) -> Option<[f32; N]> {
    let arr = deref(doc, obj).as_array().ok()?;
    if arr.len() < N {
        return None;
    }
    let mut out = [0.0; N];
    for (slot, o) in out.iter_mut().zip(arr) {
        *slot = num(deref(doc, o))?;
    }
    Some(out)
}
