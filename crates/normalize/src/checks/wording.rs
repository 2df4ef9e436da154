//! The reader's checks of the printed words: `wording` (a placeholder left
//! in, a doubled mark) and `year` (a heading, table title or as-of date of
//! another year than the one the filing reports on). Each failure names
//! the printed phrase; a passing phrase is not reported.

use std::sync::LazyLock;

use regex::Regex;

use super::finding;
use super::statement::{heading_level, Reading};
use crate::facts::narrative::Narrative;
use crate::model::{self, Check, Rule, Table};

pub(super) fn run(
    about: &model::Filing,
    tables: &[Table],
    text: &Narrative,
    reading: &Reading,
    out: &mut Vec<Check>,
) {
    placeholders(text, out);
    if let Some(year) = about.year {
        years(about.kind.as_deref(), year, tables, text, reading, out);
    }
}

/// A failure about a printed phrase.
fn phrase(rule: Rule, words: String, column: &str, detail: String, page: Option<u32>) -> Check {
    finding(rule, ("narrative", words, column), detail, page)
}

/// The printed words around a match: its clause (up to 12 chars either
/// side, within the paragraph).
fn around(text: &Narrative, start: usize, end: usize) -> (String, Option<u32>) {
    let s = &text.text;
    let stop = |c: char| "\n。,;:".contains(c);
    let from = s[..start]
        .char_indices()
        .rev()
        .take(12)
        .take_while(|(_, c)| !stop(*c))
        .last()
        .map_or(start, |(i, _)| i);
    let to = s[end..]
        .char_indices()
        .take(12)
        .take_while(|(_, c)| !stop(*c))
        .last()
        .map_or(end, |(i, c)| end + i + c.len_utf8());
    let printed = text.printed(from, to);
    (printed.text, text.page_at(start))
}

/// `上海市普陀区XX局`, `××`, `待填写`; `。。`, `，，`. (A blank template,
/// all placeholders, is said to be one once, not here line by line.)
fn placeholders(text: &Narrative, out: &mut Vec<Check>) {
    static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^A-Za-z])(?P<p>X{2,}|x{2,}|×{2,}|待填写|待补充|此处填写)(?:[^A-Za-z]|$)")
            .unwrap()
    });
    static DOUBLED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"。。|,,|;;|、、").unwrap());
    for caps in PLACEHOLDER.captures_iter(&text.text) {
        let m = caps.name("p").unwrap();
        let (words, page) = around(text, m.start(), m.end());
        let detail = format!("placeholder {} left in: {words}", m.as_str());
        out.push(phrase(Rule::Wording, words, "placeholder", detail, page));
    }
    for m in DOUBLED.find_iter(&text.text) {
        let (words, page) = around(text, m.start(), m.end());
        let detail = format!("doubled mark: {words}");
        out.push(phrase(Rule::Wording, words, "punctuation", detail, page));
    }
}

/// The year of the filing in its headings (`2024年度部门决算`), table
/// titles and as-of dates (a final account's `截至2024年12月31日`; a
/// budget's is the year before). A comparison (`与2023年度相比`) is none.
fn years(
    kind: Option<&str>,
    year: u16,
    tables: &[Table],
    text: &Narrative,
    reading: &Reading,
    out: &mut Vec<Check>,
) {
    static TITLE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?P<y>(?:19|20)\d{2})年度?(?:部门|单位)?(?:综合)?(?P<k>决算|预算)").unwrap()
    });
    static AS_OF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"截至(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日").unwrap()
    });
    let (kind_word, as_of) = match kind {
        Some("final_accounts") => ("决算", year),
        Some("budget") => ("预算", year - 1),
        _ => return,
    };
    let wrong = |caps: &regex::Captures| caps["y"].parse::<u16>().ok() != Some(year);
    // Headings: short paragraphs without clause marks (the cover, part and
    // section titles); a 目录 line too.
    for p in &reading.paragraphs {
        let short = p.text.chars().count() <= 40 && !p.text.contains(['。', ',', ';']);
        if !(short || heading_level(p.text).is_some()) || p.text.contains("相比") {
            continue;
        }
        for caps in TITLE_YEAR.captures_iter(p.text) {
            if &caps["k"] != kind_word || !wrong(&caps) {
                continue;
            }
            let m = caps.get(0).unwrap();
            let printed = text.printed(p.start, p.start + p.text.len());
            let detail = format!(
                "heading of year {}, not {year}: {}",
                &caps["y"], printed.text
            );
            let page = text.page_at(p.start + m.start());
            out.push(phrase(Rule::Year, printed.text, "year", detail, page));
        }
    }
    for table in tables {
        let title = crate::text::fold(&table.title);
        if let Some(caps) = TITLE_YEAR
            .captures(&title)
            .filter(|c| &c["k"] == kind_word && wrong(c))
        {
            let detail = format!(
                "table title of year {}, not {year}: {}",
                &caps["y"], table.title
            );
            let page = table.pages.first().copied();
            out.push(phrase(
                Rule::Year,
                table.title.clone(),
                "year",
                detail,
                page,
            ));
        }
    }
    for caps in AS_OF.captures_iter(&text.text) {
        let stated: Option<u16> = caps["y"].parse().ok();
        // A final account's as-of date is its year end; a budget's any day
        // of the year before.
        let year_end = &caps["m"] == "12" && &caps["d"] == "31";
        if stated == Some(as_of) || (kind_word == "决算" && !year_end) {
            continue;
        }
        let m = caps.get(0).unwrap();
        let (words, page) = around(text, m.start(), m.end());
        let detail = format!("as-of date of year {}, not {as_of}: {words}", &caps["y"]);
        out.push(phrase(Rule::Year, words, "year", detail, page));
    }
}
