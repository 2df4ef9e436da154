//! The running text of a filing as one searchable stream: paragraphs
//! rejoined across wrapped lines and pages, normalised for matching, with
//! every normalised character traced back to what was printed.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use juesuan_extract::lines::is_cjk;
use juesuan_extract::{BBox, Line};
use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use crate::model::At;

/// Separates paragraphs in [`Narrative::text`]; patterns never cross it.
pub const PARAGRAPH_BREAK: char = '\n';

/// A run of normalised text and, per normalised character, where it was
/// printed.
pub struct Narrative<'a> {
    /// Normalised text: full-width forms folded to ASCII, white space and
    /// quotation marks dropped, paragraphs separated by `\n`.
    pub text: String,
    /// One entry per char of `text`, in order.
    origin: Vec<Origin>,
    lines: Vec<&'a Line>,
}

/// Where one normalised character came from.
#[derive(Clone, Copy)]
struct Origin {
    /// Byte offset of the char in `Narrative::text`.
    at: usize,
    /// Index into `Narrative::lines`.
    line: usize,
    /// Byte range of the printed char in that line's text.
    start: usize,
    end: usize,
}

/// A printed span: its text as printed (wrapped lines joined), the page
/// it starts on (None for a source without pages) and where it stands on
/// that page (None where lines carry no position: a text dump).
#[derive(Debug, Clone, PartialEq)]
pub struct Printed {
    pub text: String,
    pub page: Option<u32>,
    pub at: Option<At>,
}

impl<'a> Narrative<'a> {
    pub fn new(lines: impl IntoIterator<Item = &'a Line>) -> Narrative<'a> {
        let lines: Vec<&Line> = lines.into_iter().collect();
        // A page number stands first or last on its page (anywhere, in a
        // dump without pages); a number alone elsewhere is wrapped text.
        let at_edge = |i: usize| {
            let page = lines[i].page;
            page == 0
                || i == 0
                || i + 1 == lines.len()
                || lines[i - 1].page != page
                || lines[i + 1].page != page
        };
        let lines: Vec<&Line> = (0..lines.len())
            .filter(|&i| !(is_page_number(lines[i]) && at_edge(i)))
            .map(|i| lines[i])
            .collect();
        let headers = running_headers(&lines);
        let lines = lines
            .into_iter()
            .filter(|l| !headers.contains(&squeeze(&l.text)));
        let mut n = Narrative {
            text: String::new(),
            origin: Vec::new(),
            lines: Vec::new(),
        };
        let mut previous: Option<&str> = None;
        for line in lines {
            let text = line.text.as_str();
            if previous.is_some_and(|p| ends_paragraph(p, text)) {
                let at = n.text.len();
                n.text.push(PARAGRAPH_BREAK);
                n.origin.push(Origin {
                    at,
                    line: n.lines.len() - 1,
                    start: 0,
                    end: 0,
                });
            }
            let index = n.lines.len();
            n.lines.push(line);
            for (start, c) in text.char_indices() {
                for folded in fold(c) {
                    let at = n.text.len();
                    n.text.push(folded);
                    n.origin.push(Origin {
                        at,
                        line: index,
                        start,
                        end: start + c.len_utf8(),
                    });
                }
            }
            previous = Some(text);
        }
        n
    }

    /// The printed text behind the normalised byte range `start..end`,
    /// widened to take in an opening quotation mark printed just before it.
    pub fn printed(&self, start: usize, end: usize) -> Printed {
        let first = self.origin[self.index_at(start)];
        // The last char that starts before `end`.
        let last = self.origin[self
            .origin
            .partition_point(|o| o.at < end)
            .saturating_sub(1)
            .max(self.index_at(start))];
        let mut text = String::new();
        let mut bbox: Option<BBox> = None;
        let first_page = self.lines[first.line].page;
        for i in first.line..=last.line {
            let line = &self.lines[i].text;
            let from = if i == first.line { first.start } else { 0 };
            let to = if i == last.line { last.end } else { line.len() };
            text.push_str(line[from..to].trim_matches(char::is_whitespace));
            // The box covers the span's part on the page it starts on.
            if self.lines[i].page == first_page {
                if let Some(b) = span_box(self.lines[i], from, to) {
                    bbox = Some(bbox.map_or(b, |u| u.union(b)));
                }
            }
        }
        let before = &self.lines[first.line].text[..first.start];
        if let Some(q) = before.chars().next_back().filter(|c| is_opening_quote(*c)) {
            text.insert(0, q);
        }
        Printed {
            text,
            page: self.page_at(start),
            at: bbox.filter(|_| first_page > 0).map(|b| At {
                page: first_page,
                bbox: [b.x0, b.y0, b.x1, b.y1],
            }),
        }
    }

    /// Where a quotation of the printed text (as [`Narrative::printed`]
    /// gives it) stands: the first place the text says it.
    pub fn locate(&self, quote: &str) -> Option<At> {
        let folded: String = quote.chars().flat_map(fold).collect();
        if folded.is_empty() {
            return None;
        }
        let start = self.text.find(&folded)?;
        self.printed(start, start + folded.len()).at
    }

    /// The page the normalised char at byte `at` was printed on.
    pub fn page_at(&self, at: usize) -> Option<u32> {
        let page = self.lines[self.origin[self.index_at(at)].line].page;
        (page > 0).then_some(page)
    }

    /// Every line read, as printed (running headers and page numbers left
    /// out).
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.lines.iter().map(|l| l.text.as_str())
    }

    /// The lines printed on a page (running headers and page numbers left
    /// out).
    pub fn lines_on(&self, page: u32) -> impl Iterator<Item = &str> {
        self.lines
            .iter()
            .filter(move |l| l.page == page)
            .map(|l| l.text.as_str())
    }

    fn index_at(&self, at: usize) -> usize {
        self.origin
            .partition_point(|o| o.at < at)
            .min(self.origin.len() - 1)
    }
}

/// The part of a line's box that bytes `from..to` of its text cover. A
/// line keeps no glyph positions, so the run is placed by advance: a wide
/// (CJK, full-width) char one em, any other half.
fn span_box(line: &Line, from: usize, to: usize) -> Option<BBox> {
    let b = line.bbox?;
    let advance = |s: &str| -> f32 { s.chars().map(|c| if is_wide(c) { 1.0 } else { 0.5 }).sum() };
    let text = line.text.as_str();
    let total = advance(text).max(0.5);
    let scale = (b.x1 - b.x0) / total;
    let lead = text[from..to].len() - text[from..to].trim_start().len();
    let trail = text[from..to].len() - text[from..to].trim_end().len();
    Some(BBox {
        x0: b.x0 + advance(&text[..from + lead]) * scale,
        x1: b.x0 + advance(&text[..to - trail]) * scale,
        ..b
    })
}

fn is_wide(c: char) -> bool {
    is_cjk(c) || matches!(c, '“' | '”' | '‘' | '’' | '—')
}

/// The matching form of a printed char: NFKC (full-width forms to ASCII,
/// `２，８６０．０７` → `2,860.07`, `（` → `(`; Kangxi radicals and
/// compatibility ideographs that PDF fonts map to, `⽀出` → `支出`), none
/// for white space (stray spaces sit between CJK and digits) and quotation
/// marks (“”, "", ‘’ or 「」 around 三公).
fn fold(c: char) -> Vec<char> {
    match c {
        c if c.is_whitespace() || is_opening_quote(c) || is_closing_quote(c) => Vec::new(),
        '〔' | '【' => vec!['('],
        '〕' | '】' => vec![')'],
        '—' => vec!['-'],
        // Circled numbers are ordinals (①…), not digits to run into a number.
        '\u{2460}'..='\u{24ff}' | '\u{3251}'..='\u{32bf}' => vec![c],
        _ => std::iter::once(c).nfkc().collect(),
    }
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '“' | '‘' | '「' | '『' | '"' | '\'' | '＂' | '＇')
}

fn is_closing_quote(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』')
}

/// A page number carries no narrative: a line that is only a number
/// (`24`, `- 24 -`, `第 3 页`).
fn is_page_number(line: &Line) -> bool {
    static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[-—\s]*\d{1,3}[-—\s]*|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)$").unwrap()
    });
    FURNITURE.is_match(line.text.trim())
}

/// Running headers and footers (`XX局2022年度部门决算` atop every page): the
/// text of a first or last line of a page that recurs so on three pages or
/// more. Left in, they would split a sentence continued over a page.
fn running_headers(lines: &[&Line]) -> HashSet<String> {
    let mut edges: HashMap<String, HashSet<u32>> = HashMap::new();
    for page in lines
        .chunk_by(|a, b| a.page == b.page)
        .filter(|p| p[0].page > 0)
    {
        for line in [page[0], page[page.len() - 1]] {
            edges
                .entry(squeeze(&line.text))
                .or_default()
                .insert(line.page);
        }
    }
    edges
        .into_iter()
        .filter(|(_, pages)| pages.len() >= 3)
        .map(|(text, _)| text)
        .collect()
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect()
}

/// Whether a line wrapped at page width ends its paragraph before `next`:
/// after a full stop, after a heading, or before a numbered item — unless
/// the item continues an enumeration (`其中：` / `1.货物…；` / `2.工程…`).
fn ends_paragraph(previous: &str, next: &str) -> bool {
    let previous = previous.trim_end();
    let enumerating = previous.ends_with(['：', ':', '；', ';', '，', ',', '、']);
    previous.ends_with(['。', '！', '？', '!', '?'])
        || is_heading(previous)
        || starts_item(next) && !enumerating
}

/// An ordinal marker opening a line: `一、`, `（一）`, `(1)`, `1.`, `2、`,
/// `第三部分`. A wrapped amount (`1668.14 万元`) is not one.
fn starts_item(line: &str) -> bool {
    static ITEM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[、.．]\s*\D|第[一二三四五六七八九十]+部分)").unwrap()
    });
    ITEM.is_match(line)
}

/// A short numbered line with no clause punctuation: a section title.
fn is_heading(line: &str) -> bool {
    starts_item(line) && line.chars().count() <= 40 && !line.contains(['，', ',', '；', ';', '：'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, page: u32) -> Line {
        Line {
            text: text.into(),
            page,
            bbox: None,
        }
    }

    #[test]
    fn wrapped_lines_join_and_headings_stand_apart() {
        let lines = [
            line("一、收入支出决算总体情况说明", 3),
            line("2019 年度收、支总计 2,860.07", 3),
            line("24", 4),
            line("万元。", 4),
            line("二、收入", 4),
        ];
        let n = Narrative::new(&lines);
        assert_eq!(
            n.text,
            "一、收入支出决算总体情况说明\n2019年度收、支总计2,860.07万元。\n二、收入"
        );
    }

    #[test]
    fn a_number_alone_mid_page_is_text() {
        let lines = [
            line("3", 2),
            line("本部门共有车辆", 2),
            line("517", 2),
            line("辆。", 2),
            line("- 3 -", 2),
        ];
        assert_eq!(Narrative::new(&lines).text, "本部门共有车辆517辆。");
    }

    #[test]
    fn an_enumeration_continues_its_sentence() {
        let lines = [
            line("政府采购支出总额 30 万元，其中：", 1),
            line("1.货物 10 万元；", 1),
            line("2.服务 20 万元。", 1),
            line("3.其他", 1),
        ];
        let n = Narrative::new(&lines);
        assert_eq!(
            n.text,
            "政府采购支出总额30万元,其中:1.货物10万元;2.服务20万元。\n3.其他"
        );
    }

    #[test]
    fn spans_map_back_to_print_across_lines() {
        let lines = [line("“三公”经费支出决算为 0.16", 26), line("万元", 27)];
        let n = Narrative::new(&lines);
        assert_eq!(n.text, "三公经费支出决算为0.16万元");
        let p = n.printed(0, n.text.len());
        assert_eq!(
            p,
            Printed {
                text: "“三公”经费支出决算为 0.16万元".into(),
                page: Some(26),
                at: None,
            }
        );
    }

    #[test]
    fn running_headers_do_not_split_a_sentence() {
        let lines = [
            line("某某局2022年度部门决算", 1),
            line("2019 年度收、支总计", 1),
            line("某某局 2022 年度部门决算", 2),
            line("2,860.07 万元。", 2),
            line("某某局2022年度部门决算", 3),
            line("其他", 3),
            line("- 3 -", 3),
        ];
        let n = Narrative::new(&lines);
        assert_eq!(n.text, "2019年度收、支总计2,860.07万元。\n其他");
    }

    #[test]
    fn full_width_forms_fold() {
        let lines = [line("收入２，８６０．０７万元（含）：⽀出①", 0)];
        let n = Narrative::new(&lines);
        assert_eq!(n.text, "收入2,860.07万元(含):支出①");
        assert_eq!(n.printed(0, 6).page, None);
    }
}
