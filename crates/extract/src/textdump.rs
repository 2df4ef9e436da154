//! Text dumps of filings, in the two shapes converters write:
//!
//! - tab-separated: tables as rows of tab-separated cells (WPS and
//!   Markdown-like exports, `juesuan text --grids`); a grid's columns are
//!   the tab positions;
//! - whitespace-aligned (`pdftotext -layout`): each character on a
//!   fixed-pitch grid, so the dump is laid out as a page of monospaced
//!   glyphs and read by the PDF layer's alignment of unruled tables.
//!
//! A file with any tab-separated row is read the first way. Text with
//! neither (plain `pdftotext`, `juesuan text`) gives lines and a warning
//! that no table was found. Merged cells come out flattened; the
//! normalizer deals with that.

use crate::{layout, Block, Cell, Diagnostic, Document, Glyph, Grid, GridRow, Line, Page};

/// The warning on a dump whose columns come from aligned spaces.
pub const ALIGNED_COLUMNS: &str = "aligned_columns";

/// Why a text dump could not be read at all.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum TextError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is binary, not text ({0} control bytes in the first 4 KiB)")]
    Binary(usize),
}

/// Decodes a dump (UTF-8, UTF-8 with BOM, UTF-16 with BOM, else GB18030,
/// which covers GBK) and splits it into lines and grids.
pub fn read(bytes: &[u8]) -> Result<Document, TextError> {
    let text = decode(bytes)?;
    let mut doc = if text.contains('\t') {
        tab_separated(&text)
    } else {
        aligned(&text)
    };
    let has_grid = doc.blocks.iter().any(|b| matches!(b, Block::Grid(_)));
    if has_grid && !text.contains('\t') {
        doc.diagnostics.push(Diagnostic::warn(
            ALIGNED_COLUMNS,
            "the tables' columns are read from text aligned with spaces, which a converter \
             places only roughly (a wrapped header can name the wrong column): checks that \
             fail are unverified",
            None,
        ));
    }
    if doc.blocks.is_empty() {
        doc.diagnostics.push(Diagnostic::error(
            "no_text",
            "the text dump holds no text",
            None,
        ));
    } else if !doc.blocks.iter().any(|b| matches!(b, Block::Grid(_))) {
        doc.diagnostics.push(Diagnostic::warn(
            "no_tables",
            "no table found in the text dump: it has neither tab-separated rows nor \
             columns aligned with spaces (a plain `pdftotext` or `juesuan text` dump? \
             `pdftotext -layout` and `juesuan text --grids` keep the tables)",
            None,
        ));
    }
    Ok(doc)
}

/// Whether a file's first bytes read as the text dump of a filing: text
/// with a table row (tab-separated, or cells aligned with spaces around
/// a number), or else mostly CJK text holding amounts (a dump whose
/// tables came out one cell a line). A note or a log redirected into the
/// harvest is not one.
pub fn looks_like_dump(head: &[u8]) -> bool {
    // A cut at an arbitrary byte may split a character or a line.
    let head = &head[..head.iter().rposition(|&b| b == b'\n').unwrap_or(head.len())];
    let Ok(text) = decode(head) else {
        return false;
    };
    // JSON (a golden, `juesuan extract` output saved in the tree), and CSV
    // or TSV under a header row of ASCII names (`juesuan export`, a
    // harvest's manifest) are data files, not dumps: a dump opens with its
    // title.
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let first_line = start.lines().next().unwrap_or("");
    let fields: Vec<&str> = first_line.split([',', '\t']).collect();
    let header_row =
        fields.len() >= 2 && fields.iter().all(|f| !f.trim().is_empty() && f.is_ascii());
    if start.starts_with(['{', '[']) || header_row {
        return false;
    }
    let Ok(doc) = read(head) else {
        return false;
    };
    if doc.blocks.iter().any(|b| matches!(b, Block::Grid(_))) {
        return true;
    }
    let letters = text.chars().filter(char::is_ascii_alphabetic).count();
    let cjk = text.chars().filter(|&c| crate::lines::is_cjk(c)).count();
    let amounts = text
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .filter(|t| {
            t.rsplit_once('.').is_some_and(|(a, b)| {
                b.len() == 2
                    && !a.is_empty()
                    && a.ends_with(|c: char| c.is_ascii_digit())
                    && b.chars().all(|c| c.is_ascii_digit())
            })
        })
        .count();
    2 * cjk > letters && amounts >= 10
}

/// Columns of a fixed-pitch dump, in points per character: any pitch
/// works, the alignment measures gaps in ems of the glyph size.
const PITCH: f32 = 10.0;
/// Baseline to baseline, in points: lines set solid, so that a wrapped
/// line sits close to its row; one blank line (which pdftotext leaves
/// between the rows of a table it spaces out, and between a header and
/// the body) keeps the table together as a row gap does on a page; two
/// part it.
const LEADING: f32 = 10.5;

/// A whitespace-aligned dump: each page (form feeds) laid out as
/// monospaced glyphs, one character per column (as `pdftotext -layout`
/// counts them, CJK included), and read like a PDF page without rulings.
/// Positions are an artefact of the dump, so blocks keep no boxes.
fn aligned(text: &str) -> Document {
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let numbered = pages.len() > 1;
    let mut doc = Document::default();
    for (i, body) in pages.iter().enumerate() {
        let number = if numbered { i as u32 + 1 } else { 0 };
        let mut page = Page {
            number,
            fonts: vec!["monospace".into()],
            ..Page::default()
        };
        // Blank lines stand for vertical space the converter saw, in any
        // amount: more than one is no more apart than one.
        let mut row = 0;
        let mut blank = false;
        for line in body.split('\n') {
            let empty = line.trim().is_empty();
            if !(empty && blank) {
                row += 1;
            }
            blank = empty;
            let y = row as f32 * LEADING;
            for (col, ch) in line.trim_end_matches('\r').chars().enumerate() {
                if ch.is_whitespace() || ch == '\u{3000}' {
                    continue;
                }
                page.glyphs.push(Glyph {
                    ch,
                    x: col as f32 * PITCH,
                    y,
                    width: PITCH,
                    size: PITCH,
                    font: 0,
                });
            }
            page.width = page.width.max(line.chars().count() as f32 * PITCH);
            page.height = y + LEADING;
        }
        if numbered && page.glyphs.is_empty() && i + 1 == pages.len() {
            break; // the form feed after the last page
        }
        doc.pages = doc.pages.max(number);
        doc.blocks
            .extend(layout::page_blocks(&page).into_iter().map(without_boxes));
    }
    doc
}

fn without_boxes(block: Block) -> Block {
    match block {
        Block::Line(l) => Block::Line(Line { bbox: None, ..l }),
        Block::Grid(mut g) => {
            g.bbox = None;
            for c in g.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
                c.bbox = None;
            }
            Block::Grid(g)
        }
    }
}

/// A tab-separated dump: tab lines are grid rows, other lines running text.
fn tab_separated(text: &str) -> Document {
    let mut doc = Document::default();
    let mut page = 0u32;
    if text.contains('\u{c}') {
        page = 1;
    }
    let mut grid: Option<Grid> = None;
    // Blank lines inside a table are page or paragraph artefacts of the
    // conversion: a grid only ends at the next non-blank line without tabs.
    for raw in text.split('\n') {
        let mut raw = raw.trim_end_matches('\r');
        while let Some(rest) = raw.strip_prefix('\u{c}') {
            page += 1;
            raw = rest;
        }
        if raw.contains('\t') {
            let row = GridRow {
                page,
                cells: raw.split('\t').map(|t| Cell::new(clean(t))).collect(),
            };
            match &mut grid {
                Some(g) => g.rows.push(row),
                None => {
                    grid = Some(Grid {
                        page,
                        bbox: None,
                        rows: vec![row],
                    })
                }
            }
            continue;
        }
        let line = clean(raw);
        if line.is_empty() {
            continue;
        }
        if let Some(g) = grid.take() {
            doc.blocks.push(Block::Grid(g));
        }
        doc.blocks.push(Block::Line(Line {
            text: line,
            page,
            bbox: None,
        }));
    }
    if let Some(g) = grid.take() {
        doc.blocks.push(Block::Grid(g));
    }
    doc.pages = page;
    doc
}

fn decode(bytes: &[u8]) -> Result<String, TextError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(TextError::Empty);
    }
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Ok(text.into_owned());
    }
    let head = &bytes[..bytes.len().min(4096)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    if control * 100 > head.len() {
        return Err(TextError::Binary(control));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(_) => {
            let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
            if had_errors {
                return Err(TextError::Binary(control));
            }
            Ok(text.into_owned())
        }
    }
}

/// Trims a piece of text and drops the converter's Markdown artefacts
/// (`**bold**`, a leading `- ` list marker).
fn clean(s: &str) -> String {
    let s = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    let s = s.strip_prefix("- ").unwrap_or(s);
    s.replace("**", "").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_make_grids_and_blank_lines_do_not_end_them() {
        let doc = read("标题\n\na\tb\n\nc\td\n注：x\n".as_bytes()).unwrap();
        assert_eq!(doc.blocks.len(), 3);
        match &doc.blocks[1] {
            Block::Grid(g) => {
                assert_eq!(g.rows.len(), 2);
                assert_eq!(g.rows[1].cells[1].text, "d");
            }
            b => panic!("expected a grid, got {b:?}"),
        }
    }

    #[test]
    fn gbk_is_decoded() {
        let (bytes, _, _) = encoding_rs::GBK.encode("收入决算表\n");
        let doc = read(&bytes).unwrap();
        assert_eq!(doc.lines().next().unwrap().text, "收入决算表");
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert_eq!(read(b"  \n").unwrap_err(), TextError::Empty);
        let bin: Vec<u8> = (0u8..=255).cycle().take(2000).collect();
        assert!(matches!(read(&bin), Err(TextError::Binary(_))));
    }

    #[test]
    fn notes_and_logs_are_no_dumps() {
        assert!(!looks_like_dump(b"hello world\n"));
        assert!(!looks_like_dump(
            b"2026-11-30 INFO 12 files, 3.50 s\n".repeat(20).as_slice()
        ));
        let layout = "  \u{9879}\u{76ee}      2,860.07    12.71\n".repeat(4);
        assert!(looks_like_dump(layout.as_bytes()));
        let plain = "\u{5408}\u{8ba1}\u{652f}\u{51fa}\n2,860.07\n".repeat(10);
        assert!(looks_like_dump(plain.as_bytes()));
        // our own output saved into the tree: JSON, pretty or as lines, and CSV
        let json = format!(
            "{{\n \"rows\": {{\n{}}}\n}}\n",
            "  \"\u{5408}\u{8ba1}\": \"2860.07\",\n".repeat(20)
        );
        assert!(!looks_like_dump(json.as_bytes()));
        let csv = format!(
            "filing_id,table_id,item,value\n{}",
            "f,income,\u{5408}\u{8ba1},2860.07\n".repeat(20)
        );
        assert!(!looks_like_dump(csv.as_bytes()));
        let tsv = format!(
            "file\tkind\tnote\n{}",
            "a.pdf\tbudget\t\u{5408}\u{8ba1} 2860.07\n".repeat(20)
        );
        assert!(!looks_like_dump(tsv.as_bytes()));
    }

    #[test]
    fn aligned_columns_make_grids() {
        let text = "收入决算表\n\n项目        合计       财政拨款\n合计        2,860.07   2,855.85\n一般公共    2,730.28   2,726.06\n住房保障      86.59      86.59\n";
        let doc = read(text.as_bytes()).unwrap();
        let grid = first_grid(&doc);
        let rows: Vec<Vec<&str>> = grid.rows.iter().map(|r| r.texts().collect()).collect();
        assert_eq!(rows[0], ["项目", "合计", "财政拨款"]);
        assert_eq!(rows[3], ["住房保障", "86.59", "86.59"]);
        assert!(grid.bbox.is_none() && grid.rows[0].cells[0].bbox.is_none());
        let codes: Vec<&str> = doc.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, [ALIGNED_COLUMNS]);
    }

    fn first_grid(doc: &Document) -> &Grid {
        doc.blocks
            .iter()
            .find_map(|b| match b {
                Block::Grid(g) => Some(g),
                _ => None,
            })
            .expect("a grid")
    }

    fn grid_rows(text: &str) -> Vec<Vec<String>> {
        let doc = read(text.as_bytes()).unwrap();
        first_grid(&doc)
            .rows
            .iter()
            .map(|r| r.texts().map(str::to_string).collect())
            .collect()
    }

    /// pdftotext places a header a few characters off its column, and
    /// the column numbers off their amounts (Wuhan, 收入决算表).
    #[test]
    fn layout_headers_and_column_numbers_find_their_columns() {
        let rows = grid_rows(TABLE_2);
        let last = |r: &Vec<String>| r.last().cloned().unwrap_or_default();
        assert_eq!(last(&rows[0]), "其他收入", "{rows:?}");
        assert!(rows[0].contains(&"本年收入合计".to_string()), "{rows:?}");
        let body = rows
            .iter()
            .find(|r| r.contains(&"201".to_string()))
            .unwrap();
        assert_eq!(last(body), "4.22", "{rows:?}");
        assert_eq!(rows[0].len(), body.len(), "{rows:?}");
    }

    /// A panel whose amounts are all blank on this page still has its
    /// column: the header shows it (Wuhan, 基本支出决算表, second page).
    #[test]
    fn a_header_shows_a_column_the_body_leaves_empty() {
        let rows = grid_rows(TABLE_6_CONTINUED);
        let width = rows[0].len();
        assert!(width >= 6, "{rows:?}");
        let row = &rows[1];
        let at = |t: &str| row.iter().position(|c| c == t).unwrap();
        assert_eq!(rows[0][at("30227")], "经济分类科目", "{rows:?}");
        assert_eq!(rows[0][at("0.50")], "决算数", "{rows:?}");
        assert_eq!(row[2], "", "{rows:?}");
    }

    const TABLE_2: &str = "         项目            本年收入合     财政拨款收      上级补助收   事业收入   经营收入   附属单位上   其他收入
功能分类科         科目名称       计         入          入                    缴收入
 目编码
  类       款      项       1          2         3      4      5       6      7
              合计      2,860.07   2,855.85                                      4.22
201           一般公共服   2,730.28   2,726.06                                      4.22
              务支出
20103         政府办公厅   2,730.28   2,726.06                                      4.22
";

    const TABLE_6_CONTINUED: &str = "经济分类科目    科目名称    决算数   经济分类科目      科目名称   决算数       经济分类科目    科目名称    决算数
30307    医疗费补助          30227     委托业务费      0.50
30308    助学金            30228     工会经费       8.95
30309    奖励金            30229     福利费        7.83
30399    其他对个人和         30231     公务用车运行     0.70
";

    #[test]
    fn text_without_tables_says_so() {
        let doc = read("收入决算表\n合计\n2,860.07\n".as_bytes()).unwrap();
        let codes: Vec<&str> = doc.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["no_tables"]);
    }

    #[test]
    fn form_feeds_count_pages() {
        let doc = read("a\n\u{c}b\n".as_bytes()).unwrap();
        let pages: Vec<u32> = doc.blocks.iter().map(Block::page).collect();
        assert_eq!(pages, vec![1, 2]);
    }
}
