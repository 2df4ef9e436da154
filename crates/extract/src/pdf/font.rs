//! Fonts as text extraction needs them: how a shown string splits into
//! character codes, what Unicode each code means and how far it advances.
//!
//! Unicode comes from, in order: the font's /ToUnicode CMap; then (for a
//! code it lacks, or without one) for CID fonts
//! a predefined CMap's character collection (CID → Unicode via the Adobe
//! `*-UCS2` tables, as WPS writes GBK-EUC-H with a non-embedded 仿宋) or the
//! embedded TrueType program's own cmap table; for simple fonts the
//! /Encoding (WinAnsi, MacRoman, Standard, /Differences glyph names).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use hayro_cmap::{BfString, CMap, CMapName, CharacterCollection, CidFamily, WritingMode};
use lopdf::{Dictionary, Document, Object};

use super::glyphnames;
use super::objects::{deref, dict_of, name_of, num, numbers, stream_bytes};

/// One decoded character code of a shown string.
pub(crate) struct Code {
    /// Bytes the code took (word spacing applies only to the 1-byte code 32).
    pub len: u8,
    pub code: u32,
    /// Advance in text space units of 1 em (already / 1000 for non-Type3).
    pub width: f32,
}

enum CodeSplit {
    /// Simple fonts: one byte per code.
    OneByte,
    /// Identity-H/V: two bytes, CID = code.
    Identity,
    /// A predefined or embedded encoding CMap.
    CMap(Arc<CMap>),
}

/// How codes (simple fonts) or CIDs (Type0) become text.
enum Unicode {
    /// Simple font: a table indexed by code.
    Table(Box<[Option<char>; 256]>),
    /// Type0 with a UCS-2/UTF-16 encoding CMap: the code *is* Unicode.
    SameAsCode,
    /// Type0: CID → Unicode through a character collection's UCS2 CMap.
    Collection(Arc<CMap>),
    /// Type0 with an embedded TrueType program: CID → GID → Unicode.
    GlyphMap {
        cid_to_gid: Option<Vec<u16>>,
        gid_to_char: HashMap<u16, char>,
    },
    None,
}

pub(crate) struct Font {
    pub name: String,
    split: CodeSplit,
    to_unicode: Option<CMap>,
    /// Where text comes from when /ToUnicode is absent or has no entry.
    /// Type0 fonts work it out on first need: reading an embedded font
    /// program is wasted work when /ToUnicode covers every code.
    unicode: OnceLock<Unicode>,
    /// What that needs: the CIDFont dictionary and the /Encoding name.
    fallback_source: Option<(Option<Dictionary>, Vec<u8>)>,
    /// Simple fonts: width by code; Type0: ranges (first, last, width) sorted.
    widths: Widths,
    /// Type3 glyph space → text space; 0.001 for everything else.
    width_scale: f32,
    /// Vertical writing (Identity-V, `*-V` CMaps): `(vy, w1y)` from /DW2 in
    /// em: the glyph origin's height above the horizontal baseline, and the
    /// (negative) vertical advance.
    pub vertical: Option<(f32, f32)>,
}

enum Widths {
    Simple {
        first: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    Cid {
        ranges: Vec<(u32, u32, f32)>,
        default: f32,
    },
}

impl Font {
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let name = dict
            .get(b"BaseFont")
            .ok()
            .and_then(name_of)
            .map(|n| String::from_utf8_lossy(n).into_owned());
        let subtype = dict.get(b"Subtype").ok().and_then(name_of).unwrap_or(b"");
        let to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| stream_bytes(doc, o))
            .and_then(|data| parse_cmap(&data));
        if subtype == b"Type0" {
            return Font::load_type0(doc, dict, name.unwrap_or_default(), to_unicode);
        }
        let width_scale = if subtype == b"Type3" {
            dict.get(b"FontMatrix")
                .ok()
                .and_then(|o| deref(doc, o).as_array().ok())
                .and_then(|a| a.first())
                .and_then(num)
                .unwrap_or(0.001)
        } else {
            0.001
        };
        let first = dict.get(b"FirstChar").ok().and_then(num).unwrap_or(0.0) as u32;
        let widths: Vec<f32> = dict
            .get(b"Widths")
            .ok()
            .and_then(|o| deref(doc, o).as_array().ok())
            .map(|a| {
                a.iter()
                    .map(|w| num(deref(doc, w)).unwrap_or(0.0))
                    .collect()
            })
            .unwrap_or_default();
        let descriptor = dict
            .get(b"FontDescriptor")
            .ok()
            .and_then(|o| dict_of(doc, o));
        let missing = descriptor
            .and_then(|d| d.get(b"MissingWidth").ok())
            .and_then(num)
            .unwrap_or(if widths.is_empty() { 500.0 } else { 0.0 });
        Font {
            // Type3 fonts usually have no /BaseFont: name them by kind.
            name: name.unwrap_or_else(|| String::from_utf8_lossy(subtype).into_owned()),
            split: CodeSplit::OneByte,
            to_unicode,
            unicode: OnceLock::from(Unicode::Table(Box::new(simple_encoding(
                doc, dict, subtype,
            )))),
            fallback_source: None,
            widths: Widths::Simple {
                first,
                widths,
                missing,
            },
            width_scale,
            vertical: None,
        }
    }

    fn load_type0(
        doc: &Document,
        dict: &Dictionary,
        name: String,
        to_unicode: Option<CMap>,
    ) -> Font {
        let descendant = dict
            .get(b"DescendantFonts")
            .ok()
            .and_then(|o| deref(doc, o).as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| dict_of(doc, o));
        let encoding = dict.get(b"Encoding").ok().map(|o| deref(doc, o));
        let (split, encoding_name) = match encoding {
            Some(Object::Name(n)) if n == b"Identity-H" || n == b"Identity-V" => {
                (CodeSplit::Identity, n.clone())
            }
            Some(Object::Name(n)) => match predefined_cmap(n) {
                Some(c) => (CodeSplit::CMap(c), n.clone()),
                None => (CodeSplit::Identity, n.clone()),
            },
            Some(o @ Object::Stream(_)) => {
                match stream_bytes(doc, o).and_then(|d| parse_cmap(&d)) {
                    Some(c) => (CodeSplit::CMap(Arc::new(c)), Vec::new()),
                    None => (CodeSplit::Identity, Vec::new()),
                }
            }
            _ => (CodeSplit::Identity, Vec::new()),
        };
        let (ranges, default) = descendant
            .map(|d| cid_widths(doc, d))
            .unwrap_or((Vec::new(), 1000.0));
        let is_vertical = match &split {
            CodeSplit::CMap(c) => c.metadata().writing_mode == Some(WritingMode::Vertical),
            _ => encoding_name.ends_with(b"-V"),
        };
        // /W2 (per-CID vertical metrics) is rare; /DW2 covers CJK fonts.
        let vertical = is_vertical.then(|| {
            let dw2 = descendant
                .and_then(|d| d.get(b"DW2").ok())
                .and_then(|o| numbers::<2>(doc, o));
            let [vy, w1y] = dw2.unwrap_or([880.0, -1000.0]);
            (vy / 1000.0, w1y / 1000.0)
        });
        Font {
            name,
            split,
            to_unicode,
            unicode: OnceLock::new(),
            fallback_source: Some((descendant.cloned(), encoding_name)),
            widths: Widths::Cid { ranges, default },
            width_scale: 0.001,
            vertical,
        }
    }

    /// Splits a shown string into codes with their advance widths (in em).
    pub fn codes(&self, bytes: &[u8], out: &mut Vec<Code>) {
        out.clear();
        match &self.split {
            CodeSplit::OneByte => out.extend(bytes.iter().map(|&b| self.code(b as u32, 1))),
            CodeSplit::Identity => out.extend(bytes.chunks(2).map(|c| {
                self.code(
                    if c.len() == 2 {
                        u16::from_be_bytes([c[0], c[1]]) as u32
                    } else {
                        c[0] as u32
                    },
                    2,
                )
            })),
            CodeSplit::CMap(cmap) => {
                let mut i = 0;
                while i < bytes.len() {
                    // Shortest code length the CMap maps wins: GBK-EUC-H has
                    // 1-byte ASCII and 2-byte lead bytes 0x81–0xFE.
                    let mut taken = None;
                    for len in 1..=4u8.min((bytes.len() - i) as u8) {
                        let code = bytes[i..i + len as usize]
                            .iter()
                            .fold(0u32, |acc, &b| acc << 8 | b as u32);
                        if cmap.lookup_cid_code(code, len).is_some() {
                            taken = Some((code, len));
                            break;
                        }
                    }
                    let (code, len) = taken.unwrap_or_else(|| {
                        let len = if bytes[i] >= 0x80 && i + 1 < bytes.len() {
                            2
                        } else {
                            1
                        };
                        (
                            bytes[i..i + len]
                                .iter()
                                .fold(0u32, |acc, &b| acc << 8 | b as u32),
                            len as u8,
                        )
                    });
                    out.push(self.code(code, len));
                    i += len as usize;
                }
            }
        }
    }

    fn cid(&self, code: u32, len: u8) -> u32 {
        match &self.split {
            CodeSplit::CMap(cmap) => cmap.lookup_cid_code(code, len).unwrap_or(0),
            _ => code,
        }
    }

    fn code(&self, code: u32, len: u8) -> Code {
        let width = match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .unwrap_or(*missing),
            Widths::Cid { ranges, default } => {
                let cid = self.cid(code, len);
                let i = ranges.partition_point(|r| r.1 < cid);
                ranges
                    .get(i)
                    .filter(|r| r.0 <= cid)
                    .map(|r| r.2)
                    .unwrap_or(*default)
            }
        };
        Code {
            len,
            code,
            width: width * self.width_scale,
        }
    }

    /// The text a code stands for; empty when the font does not say.
    pub fn text(&self, doc: &Document, code: &Code, out: &mut String) {
        if let Some(cmap) = &self.to_unicode {
            match cmap.lookup_bf_string(code.code) {
                Some(BfString::Char(c)) => return out.push(ideograph(c)),
                Some(BfString::String(s)) => return out.push_str(&s),
                None => {}
            }
        }
        let unicode = self.unicode.get_or_init(|| match &self.fallback_source {
            Some((cid_font, encoding)) => {
                cid_unicode(doc, cid_font.as_ref(), &self.split, encoding)
            }
            None => Unicode::None,
        });
        let ch = match unicode {
            Unicode::Table(t) => t.get(code.code as usize).copied().flatten(),
            Unicode::SameAsCode => char::from_u32(code.code),
            Unicode::Collection(ucs2) => match ucs2.lookup_bf_string(self.cid(code.code, code.len))
            {
                Some(BfString::Char(c)) => Some(c),
                Some(BfString::String(s)) => return out.push_str(&s),
                None => None,
            },
            Unicode::GlyphMap {
                cid_to_gid,
                gid_to_char,
            } => {
                let cid = self.cid(code.code, code.len);
                let gid = match cid_to_gid {
                    Some(map) => map.get(cid as usize).copied(),
                    None => u16::try_from(cid).ok(),
                };
                gid.and_then(|g| gid_to_char.get(&g)).copied()
            }
            Unicode::None => None,
        };
        if let Some(c) = ch {
            out.push(ideograph(c));
        }
    }
}

/// The ideograph a radical's code point stands for. Fonts whose one glyph
/// serves both (Noto CJK, as Chromium/Skia and others embed it) map it to
/// the radical: `⼀般公共预算⽀出`, `部⻔`. Kangxi radicals fold by NFKC;
/// the supplement's whole-character (simplified) forms by this table.
fn ideograph(c: char) -> char {
    use unicode_normalization::UnicodeNormalization;
    match c {
        '\u{2f00}'..='\u{2fd5}' => std::iter::once(c).nfkc().next().unwrap_or(c),
        '\u{2e80}'..='\u{2ef3}' => {
            const SUPPLEMENT: &[(char, char)] = &[
                ('⺠', '民'),
                ('⻁', '虎'),
                ('⻄', '西'),
                ('⻅', '见'),
                ('⻆', '角'),
                ('⻉', '贝'),
                ('⻋', '车'),
                ('⻑', '長'),
                ('⻓', '长'),
                ('⻔', '门'),
                ('⻘', '青'),
                ('⻙', '韦'),
                ('⻚', '页'),
                ('⻛', '风'),
                ('⻜', '飞'),
                ('⻝', '食'),
                ('⻢', '马'),
                ('⻣', '骨'),
                ('⻤', '鬼'),
                ('⻥', '鱼'),
                ('⻦', '鸟'),
                ('⻧', '卤'),
                ('⻨', '麦'),
                ('⻩', '黄'),
                ('⻪', '黾'),
                ('⻬', '齐'),
                ('⻮', '齿'),
                ('⻰', '龙'),
                ('⻳', '龟'),
            ];
            SUPPLEMENT
                .iter()
                .find(|(r, _)| *r == c)
                .map_or(c, |(_, i)| *i)
        }
        _ => c,
    }
}

fn parse_cmap(data: &[u8]) -> Option<CMap> {
    CMap::parse(data, hayro_cmap::load_embedded)
}

/// Predefined CMaps by name; `None` for a name hayro-cmap does not have.
type CMapCache = Mutex<HashMap<Vec<u8>, Option<Arc<CMap>>>>;

/// Predefined CMaps are parsed once per process: GBK-EUC-H is large.
fn predefined_cmap(name: &[u8]) -> Option<Arc<CMap>> {
    static CACHE: OnceLock<CMapCache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry(name.to_vec())
        .or_insert_with(|| {
            let data = hayro_cmap::load_embedded(CMapName::from_bytes(name))?;
            parse_cmap(data).map(Arc::new)
        })
        .clone()
}

fn cid_unicode(
    doc: &Document,
    cid_font: Option<&Dictionary>,
    split: &CodeSplit,
    encoding: &[u8],
) -> Unicode {
    // UniGB-UCS2-H, UniGB-UTF16-H …: the code is the UTF-16 unit itself.
    if encoding.starts_with(b"Uni")
        && (encoding.windows(4).any(|w| w == b"UCS2") || encoding.windows(5).any(|w| w == b"UTF16"))
    {
        return Unicode::SameAsCode;
    }
    // Identity-H TrueType: CIDs are glyph ids of *this* program, whatever
    // its CIDSystemInfo claims, so its own cmap is the better guess.
    let embedded = embedded_glyph_map(doc, cid_font);
    if matches!(split, CodeSplit::Identity) && embedded.is_some() {
        return embedded.unwrap_or(Unicode::None);
    }
    let collection = match split {
        CodeSplit::CMap(c) => c.metadata().character_collection.clone(),
        _ => None,
    }
    .or_else(|| {
        let info = cid_font?
            .get(b"CIDSystemInfo")
            .ok()
            .and_then(|o| dict_of(doc, o))?;
        let text = |k: &[u8]| {
            info.get(k)
                .ok()
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_str().ok())
                .map(<[u8]>::to_vec)
        };
        Some(CharacterCollection {
            family: CidFamily::from_registry_ordering(&text(b"Registry")?, &text(b"Ordering")?),
            supplement: 0,
        })
    });
    if let Some(ucs2) = collection
        .and_then(|c| c.family.ucs2_cmap())
        .and_then(|n| predefined_cmap(n.to_bytes()))
    {
        return Unicode::Collection(ucs2);
    }
    embedded.unwrap_or(Unicode::None)
}

/// Identity-encoded TrueType without /ToUnicode: reverse the program's cmap.
fn embedded_glyph_map(doc: &Document, cid_font: Option<&Dictionary>) -> Option<Unicode> {
    let cid_font = cid_font?;
    let descriptor = cid_font
        .get(b"FontDescriptor")
        .ok()
        .and_then(|o| dict_of(doc, o))?;
    let program = stream_bytes(doc, descriptor.get(b"FontFile2").ok()?)?;
    let face = ttf_parser::Face::parse(&program, 0).ok()?;
    let mut gid_to_char = HashMap::new();
    for sub in face.tables().cmap?.subtables {
        if !sub.is_unicode() {
            continue;
        }
        sub.codepoints(|cp| {
            if let (Some(g), Some(c)) = (sub.glyph_index(cp), char::from_u32(cp)) {
                gid_to_char.entry(g.0).or_insert(c);
            }
        });
    }
    let cid_to_gid = match cid_font.get(b"CIDToGIDMap").ok().map(|o| deref(doc, o)) {
        Some(o @ Object::Stream(_)) => stream_bytes(doc, o).map(|d| {
            d.chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect()
        }),
        _ => None,
    };
    Some(Unicode::GlyphMap {
        cid_to_gid,
        gid_to_char,
    })
}

/// /W: `c [w1 w2 …]` gives consecutive CIDs from c; `c1 c2 w` one width
/// for the whole range c1..=c2.
fn cid_widths(doc: &Document, cid_font: &Dictionary) -> (Vec<(u32, u32, f32)>, f32) {
    let default = cid_font.get(b"DW").ok().and_then(num).unwrap_or(1000.0);
    let mut ranges = Vec::new();
    if let Some(w) = cid_font
        .get(b"W")
        .ok()
        .and_then(|o| deref(doc, o).as_array().ok())
    {
        let mut i = 0;
        while i + 1 < w.len() {
            let Some(first) = num(deref(doc, &w[i])) else {
                break;
            };
            let first = first as u32;
            match deref(doc, &w[i + 1]) {
                Object::Array(list) => {
                    for (k, v) in list.iter().enumerate() {
                        if let Some(v) = num(deref(doc, v)) {
                            ranges.push((first + k as u32, first + k as u32, v));
                        }
                    }
                    i += 2;
                }
                last => {
                    let (Some(last), Some(v)) =
                        (num(last), w.get(i + 2).and_then(|o| num(deref(doc, o))))
                    else {
                        break;
                    };
                    ranges.push((first, last as u32, v));
                    i += 3;
                }
            }
        }
    }
    ranges.sort_by_key(|r| r.0);
    (ranges, default)
}

/// A simple font's code → Unicode table from /Encoding.
fn simple_encoding(doc: &Document, font: &Dictionary, subtype: &[u8]) -> [Option<char>; 256] {
    let encoding = font.get(b"Encoding").ok().map(|o| deref(doc, o));
    let (base, differences) = match encoding {
        Some(Object::Name(n)) => (Some(n.as_slice()), None),
        Some(Object::Dictionary(d)) => (
            d.get(b"BaseEncoding").ok().and_then(name_of),
            d.get(b"Differences")
                .ok()
                .and_then(|o| deref(doc, o).as_array().ok()),
        ),
        _ => (None, None),
    };
    // Without a base encoding, Type1 fonts mean their built-in (almost
    // always Standard) encoding; TrueType ones are in practice WinAnsi.
    let default: &[u8] = if subtype == b"Type1" {
        b"StandardEncoding"
    } else {
        b"WinAnsiEncoding"
    };
    let mut table = match base {
        Some(name) => glyphnames::base_encoding(name),
        None => {
            builtin_type1_encoding(doc, font).unwrap_or_else(|| glyphnames::base_encoding(default))
        }
    };
    if let Some(diffs) = differences {
        let mut code = 0usize;
        for item in diffs {
            match deref(doc, item) {
                Object::Integer(i) => code = (*i).clamp(0, 255) as usize,
                Object::Name(n) => {
                    if code < 256 {
                        table[code] = glyphnames::to_unicode(n);
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    table
}

/// The /Encoding an embedded Type1 program declares in its clear-text
/// part (`dup 58 /period put …`): TeX's math fonts draw dot leaders and
/// punctuation through it.
fn builtin_type1_encoding(doc: &Document, font: &Dictionary) -> Option<[Option<char>; 256]> {
    let descriptor = font
        .get(b"FontDescriptor")
        .ok()
        .and_then(|o| dict_of(doc, o))?;
    let file = descriptor.get(b"FontFile").ok()?;
    let program = stream_bytes(doc, file)?;
    let clear_len = dict_of(doc, file)
        .and_then(|d| d.get(b"Length1").ok())
        .and_then(num)
        .map_or(program.len(), |n| (n as usize).min(program.len()));
    let clear = &program[..clear_len];
    let at = clear.windows(9).position(|w| w == b"/Encoding")?;
    let mut tokens = clear[at + 9..]
        .split(|b| b.is_ascii_whitespace())
        .filter(|t| !t.is_empty());
    let mut table = [None; 256];
    while let Some(token) = tokens.next() {
        match token {
            b"StandardEncoding" => return Some(glyphnames::base_encoding(b"StandardEncoding")),
            b"dup" => {
                let code = tokens
                    .next()
                    .and_then(|t| std::str::from_utf8(t).ok()?.parse::<usize>().ok());
                let name = tokens.next().and_then(|t| t.strip_prefix(b"/"));
                if let (Some(code @ 0..=255), Some(name)) = (code, name) {
                    table[code] = glyphnames::to_unicode(name);
                }
            }
            b"readonly" | b"def" => break,
            _ => {}
        }
    }
    Some(table)
}

#[cfg(test)]
mod tests {
    use super::ideograph;

    #[test]
    fn radicals_read_as_the_ideographs_they_print() {
        let fold = |s: &str| s.chars().map(ideograph).collect::<String>();
        assert_eq!(fold("⼀般公共预算⽀出"), "一般公共预算支出");
        assert_eq!(fold("部⻔：伙⻝补助费、⻋辆"), "部门：伙食补助费、车辆");
        assert_eq!(fold("⺀"), "⺀"); // a bare component stays as printed
    }
}
