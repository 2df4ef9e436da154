//! Grids → the nine canonical tables. A table is found by its title line
//! (aliases in `data/tables.tsv`); everything printed until the next title
//! belongs to it, so a table continued over pages is one table. Each
//! family of layout has its own reader: coded rows (收入/支出 tables),
//! two-panel summaries, economic-code panels, the 三公 row.

mod basic;
mod coded;
mod header;
mod sheet;
mod summary;
mod three_public;

use juesuan_extract::{Block, Document, Grid, Line};
use regex::Regex;
use std::sync::OnceLock;

use crate::aliases::{self, TableSpec};
use crate::model::{Diagnostic, Filing, Table};
use crate::text::fold;
use sheet::Sheet;

/// What was printed for one table: its title and the grids and lines
/// until the next title.
struct Section<'a> {
    spec: &'static TableSpec,
    /// The title as printed, and its page.
    title: (String, u32),
    lines: Vec<&'a Line>,
    grids: Vec<&'a Grid>,
}

/// The tables of a filing of its kind (`final_accounts`, `budget`; any
/// table id where the kind is unknown).
pub fn extract(doc: &Document, filing: &Filing) -> (Vec<Table>, Vec<Diagnostic>) {
    let kind = filing.kind.as_deref();
    let mut diags = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut unit: Option<String> = None;
    let (sections, unread) = sections(doc, kind);
    for (title, page) in unread {
        diags.push(Diagnostic::warn(
            "unknown_table",
            format!("{title:?} is not one of the standard tables of this kind of filing; its grid is not read"),
            Some(page),
        ));
    }
    for section in sections {
        if let Some(u) = section
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .chain(std::iter::once(section.title.0.as_str()))
            .find_map(unit_of)
        {
            unit = Some(u);
        } else if let Some(u) = section
            .grids
            .iter()
            .flat_map(|g| &g.rows)
            .take(3)
            .flat_map(|r| r.texts())
            .find_map(unit_of)
        {
            unit = Some(u);
        }
        let mut table = read(&section, filing.year, &mut diags);
        table.unit = unit.clone();
        // A title printed twice (a TOC line, or 续表 on the next page) must
        // not yield a second table: keep the first one that has data.
        match tables.iter_mut().find(|t| t.id == table.id) {
            Some(prev) if prev.empty && !table.empty => *prev = table,
            Some(_) => {}
            None => tables.push(table),
        }
    }
    (tables, diags)
}

fn read(section: &Section, year: Option<u16>, diags: &mut Vec<Diagnostic>) -> Table {
    let spec = section.spec;
    let sheet = Sheet::new(&section.grids, year);
    let rows = match spec.reader {
        "summary" => summary::read(spec, &sheet, diags),
        "basic" => basic::read(spec, &sheet, diags),
        "three_public" => three_public::read(spec, &sheet, diags),
        _ => coded::read(spec, &sheet, diags),
    };
    let empty = rows.iter().all(|r| r.values.is_empty());
    let mut pages: Vec<u32> = std::iter::once(section.title.1)
        .chain(
            section
                .grids
                .iter()
                .flat_map(|g| g.rows.iter().map(|r| r.page)),
        )
        .filter(|&p| p > 0)
        .collect();
    pages.sort_unstable();
    pages.dedup();
    let title = section.title.0.trim().to_string();
    Table {
        id: spec.id.to_string(),
        number: number_in(&title).or(Some(spec.number)),
        title,
        pages,
        unit: None,
        empty,
        rows: if empty { Vec::new() } else { rows },
        notes: section
            .lines
            .iter()
            .filter(|l| is_identity_note(&l.text))
            .map(|l| l.text.clone())
            .collect(),
    }
}

/// The sections of the standard tables, and the titles of other tables
/// printed with a grid (not read: said in a diagnostic).
fn sections<'a>(doc: &'a Document, kind: Option<&str>) -> (Vec<Section<'a>>, Vec<(String, u32)>) {
    let mut out: Vec<Section> = Vec::new();
    let mut open = false;
    let mut other: Option<(String, u32)> = None;
    let mut unread: Vec<(String, u32)> = Vec::new();
    // Starts a section, or continues the last one: the title repeated on
    // each page of a continued table continues it.
    let start = |out: &mut Vec<Section<'_>>, spec: &'static TableSpec, text: &str, page: u32| {
        if !out.last().is_some_and(|s| s.spec.id == spec.id) {
            out.push(Section {
                spec,
                title: (text.to_string(), page),
                lines: Vec::new(),
                grids: Vec::new(),
            });
        }
    };
    for block in &doc.blocks {
        match block {
            Block::Line(l) => {
                if let Some(spec) = title_of(&l.text, kind) {
                    start(&mut out, spec, &l.text, l.page);
                    open = true;
                    other = None;
                } else if ends_tables(&l.text) {
                    open = false;
                    let f = fold(&l.text);
                    // 绩效 forms are read as such.
                    other = (f.ends_with('表') && !f.contains("绩效") && !f.contains("自评"))
                        .then(|| (l.text.trim().to_string(), l.page));
                } else if open {
                    out.last_mut().expect("open section").lines.push(l);
                }
            }
            Block::Grid(g) => {
                // Spreadsheet exports print the title in the table's top
                // row, one merged cell alone on its row.
                if let Some((spec, text)) = title_in(g, kind) {
                    start(&mut out, spec, text, g.page);
                    open = true;
                }
                if open {
                    out.last_mut().expect("open section").grids.push(g);
                } else if let Some(title) = other.take() {
                    unread.push(title);
                }
            }
        }
    }
    // A title with neither a grid nor a "no data" note is a contents line.
    out.retain(|s| !s.grids.is_empty() || s.lines.iter().any(|l| says_no_data(&l.text)));
    (out, unread)
}

/// A table title printed in one of a grid's first rows as its only text.
fn title_in<'g>(g: &'g Grid, kind: Option<&str>) -> Option<(&'static TableSpec, &'g str)> {
    g.rows.iter().take(2).find_map(|r| {
        let mut texts = r
            .cells
            .iter()
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty());
        let only = texts.next()?;
        if texts.next().is_some() {
            return None;
        }
        title_of(only, kind).map(|spec| (spec, only))
    })
}

/// The table a line titles, if it is a title: short, naming a table, not
/// a narrative heading (…情况说明) or a contents line (…… 12).
pub(crate) fn title_of(text: &str, kind: Option<&str>) -> Option<&'static TableSpec> {
    let f = fold(text);
    if f.chars().count() > 60
        || f.contains("说明")
        || f.contains("……")
        || f.contains("...")
        || f.starts_with("注")
    {
        return None;
    }
    let spec = aliases::get().table_for_title(&f, kind)?;
    // The alias must be the heart of the line, not a mention in a sentence.
    let sentence = ['。', '，', ','].iter().any(|c| f.contains(*c));
    (!sentence).then_some(spec)
}

/// Lines that close a table's section: a part heading (the narrative
/// starts), a narrative heading, or the title of some other table (a
/// 绩效自评表 must not be read as the rows of the table before it).
fn ends_tables(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^第[一二三四五六七八九十]+部分|情况说明$|自评表|^附件|^[^。，,;；]{2,40}表(\(.{1,16}\))?$").unwrap()
    });
    static NUMBER: OnceLock<Regex> = OnceLock::new();
    let number = NUMBER.get_or_init(|| Regex::new(r"^(公开|附)?(表)?\d+(-\d+)?表?$").unwrap());
    let f = fold(text);
    re.is_match(&f) && !number.is_match(&f)
}

pub(crate) fn says_no_data(text: &str) -> bool {
    static NONE: OnceLock<Regex> = OnceLock::new();
    // 无政府性基金安排的支出, 支出预算为0, 此表如无数字则表示单位无该项支出
    let none = NONE.get_or_init(|| {
        Regex::new(r"无数据|没有|无此项|无该项|无数字|本表为空|空表|不涉及|无[^。,;]{0,16}(?:收入|支出|安排)|(?:支出|收入)(?:预算)?(?:数)?为(?:0|零)(?:$|[^.\d])").unwrap()
    });
    none.is_match(&fold(text))
}

fn unit_of(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"单位[:：]?\s*(万元|千元|亿元|元)").unwrap());
    re.captures(text).map(|c| c[1].to_string())
}

fn number_in(title: &str) -> Option<u32> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"(?:表|公开)\s*0?(\d{1,2})\s*表?").unwrap());
    re.captures(&fold(title)).and_then(|c| c[1].parse().ok())
}

/// `24行 = (1+2+…+7) 行`, `1栏各行=（2+3+4）栏各行`: identities printed
/// under a table, kept for the checks.
fn is_identity_note(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"\d+\s*[行栏][^=]{0,4}=").unwrap());
    re.is_match(&fold(text))
}
