//! `completeness`: the tables a filing of its kind and year prints (the
//! standard set of `data/standard_tables.tsv`, where the filing follows
//! the template at all) or its 目录 lists, against those in its body; and
//! each table printed empty against its 无数据 note.
//!
//! A table whose title the body prints but that could not be read is a
//! misreading, not the filing's omission: it is not reported.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use super::finding;
use crate::aliases;
use crate::facts::narrative::Narrative;
use crate::model::{self, Check, Diagnostic, Rule, Table};
use crate::tables::says_no_data;
use crate::text::fold;

/// One line of the standard set: kind, first and last year, whether its
/// absence fails without the 目录 listing it, id, and what reads the table.
struct Standard {
    kind: &'static str,
    years: (u16, u16),
    always: bool,
    id: &'static str,
    read_by: &'static str,
}

static STANDARD: LazyLock<Vec<Standard>> = LazyLock::new(|| {
    crate::aliases::rows(include_str!("../../data/standard_tables.tsv"))
        .map(|f| {
            let (from, to) = f[1].split_once('-').expect("years FROM-TO");
            Standard {
                kind: f[0],
                years: (from.parse().unwrap_or(0), to.parse().unwrap_or(u16::MAX)),
                always: f[2] == "always",
                id: f[3],
                read_by: f[4],
            }
        })
        .collect()
});

fn fail(table: &str, column: &str, detail: String, page: Option<u32>) -> Check {
    finding(
        Rule::Completeness,
        (table, String::new(), column),
        detail,
        page,
    )
}

pub(super) fn run(
    about: &model::Filing,
    tables: &[Table],
    text: Option<&Narrative>,
    read: &[Diagnostic],
    out: &mut Vec<Check>,
) {
    let Some(text) = text else { return };
    missing(about, tables, text, out);
    // The tables alone (a split filing's table file, a re-rendering) may
    // leave the explanation to the 说明 printed elsewhere.
    // A heading of its own: `第三部分 …部门预算情况说明`, `一、关于…的说明`.
    let heading = |l: &str| {
        let l = l.trim();
        l.ends_with("说明") && l.chars().count() <= 40 && !l.contains(['。', '，', ','])
    };
    if !text.lines().any(heading) {
        return;
    }
    for table in tables.iter().filter(|t| printed_empty(t, read)) {
        // A dump without pages cannot place the note, nor a text that
        // holds nothing of the table's pages.
        if !table
            .pages
            .iter()
            .any(|&p| text.lines_on(p).next().is_some())
        {
            continue;
        }
        // The note on the table's pages, or anywhere that names the table
        // (a 目录 that says which tables are empty and why).
        let names = |line: &str| {
            let f = fold(line);
            aliases::get()
                .table_for_title(&f, None)
                .is_some_and(|t| t.id == table.id)
        };
        let noted = table
            .pages
            .iter()
            .any(|&p| text.lines_on(p).any(says_no_data))
            || text.lines().any(|l| says_no_data(l) && names(l))
            || explained(&table.id, text);
        if !noted {
            let detail = format!("{} printed empty without a 无数据 note", table.title);
            out.push(fail(
                &table.id,
                "note",
                detail,
                table.pages.first().copied(),
            ));
        }
    }
}

/// Tables of the standard set or the 目录 that the body does not print.
fn missing(about: &model::Filing, tables: &[Table], text: &Narrative, out: &mut Vec<Check>) {
    let (Some(kind), Some(year)) = (about.kind.as_deref(), about.year) else {
        return;
    };
    let standard: Vec<&Standard> = STANDARD
        .iter()
        .filter(|s| s.kind == kind && s.years.0 <= year && year <= s.years.1)
        .collect();
    let printed: BTreeSet<&str> = tables.iter().map(|t| t.id.as_str()).collect();
    // The pages each table's title is printed on, in the running text (a
    // 目录 line, a title whose table could not be read).
    let mut titled: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for p in text.text.split(crate::facts::narrative::PARAGRAPH_BREAK) {
        if p.chars().count() > 60 || p.contains(['。', ',']) {
            continue;
        }
        if let Some(spec) = aliases::get().table_for_title(&fold(p), Some(kind)) {
            let start = p.as_ptr() as usize - text.text.as_ptr() as usize;
            titled
                .entry(spec.id)
                .or_default()
                .push(text.page_at(start).unwrap_or(0));
        }
    }
    let first_table = tables.iter().flat_map(|t| t.pages.first()).min().copied();
    // The 目录: titles printed only before the first table.
    let in_contents = |id: &str| {
        titled.get(id).is_some_and(|pages| {
            first_table.is_some_and(|first| pages.iter().all(|&p| p > 0 && p < first))
        })
    };
    let follows = standard.iter().filter(|s| printed.contains(s.id)).count() * 2 >= standard.len();
    let mut expected: Vec<&str> = Vec::new();
    if follows && !standard.is_empty() {
        expected.extend(standard.iter().filter(|s| s.always).map(|s| s.id));
    }
    for id in titled.keys() {
        if in_contents(id) && !expected.contains(id) {
            expected.push(id);
        }
    }
    for id in expected {
        if printed.contains(id) {
            continue;
        }
        // The title printed in the body: a table not read, not missing.
        if titled.contains_key(id) && !in_contents(id) {
            continue;
        }
        let title = aliases::get()
            .table(id)
            .and_then(|t| t.titles.first().cloned())
            .unwrap_or_else(|| id.to_string());
        let why = if in_contents(id) {
            "the 目录 lists it"
        } else {
            "the standard set of the filing's kind and year has it"
        };
        let read_by = standard
            .iter()
            .find(|s| s.id == id)
            .map_or("its identities", |s| s.read_by);
        let detail = format!("{title} not in the filing ({why}); not checked: {read_by}");
        let page = titled
            .get(id)
            .and_then(|p| p.first().copied())
            .filter(|&p| p > 0);
        out.push(fail(id, "", detail, page));
    }
}

/// Whether a table extracted empty was printed empty: not where reading
/// it left rows or columns it could not place (a misreading).
pub(super) fn printed_empty(table: &Table, read: &[Diagnostic]) -> bool {
    let unplaced = read.iter().any(|d| {
        matches!(d.code.as_str(), "unknown_row" | "unknown_column")
            && d.message.starts_with(&format!("{}:", table.id))
    });
    table.empty && !unplaced
}

/// Whether a paragraph of the narrative says the table's account has no
/// data (`本部门无国有资本经营预算财政拨款收支，已公开空表`).
fn explained(id: &str, text: &Narrative) -> bool {
    let Some(spec) = aliases::get().table(id) else {
        return false;
    };
    let unquoted = |s: &str| s.replace(['“', '”', '"'], "");
    // The account a title names: its words before 收入 / 支出 / 收支.
    let stems: Vec<String> = spec
        .titles
        .iter()
        .map(|t| {
            let t = unquoted(t);
            let end = ["收入", "支出", "收支"]
                .iter()
                .filter_map(|w| t.find(w))
                .min()
                .unwrap_or(t.len());
            t[..end].to_string()
        })
        .filter(|s| s.chars().count() >= 4)
        .collect();
    text.text
        .split(crate::facts::narrative::PARAGRAPH_BREAK)
        .any(|p| says_no_data(p) && stems.iter().any(|s| unquoted(p).contains(s.as_str())))
}
