//! juesuan-report: one filing's record, with the pages it was read from,
//! as one self-contained HTML page (no network, no external assets): the
//! filing and a summary; every check that fails, in words, with its
//! numbers side by side and the region of its page drawn with each cell it
//! reads outlined; the canonical tables with those cells highlighted; the
//! 绩效 forms with their checks.
//!
//! Only the regions around failures are drawn, so a report stays small
//! whatever the filing's length.

pub mod draw;
pub mod involved;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use juesuan_extract::{BBox, Level, Page};
use juesuan_normalize::{Check, Record, Status, Table};

use draw::{escape, Mark, Style};
use involved::CellRef;

/// What the drawings are drawn from.
pub enum Pages<'a> {
    /// The filing's pages by 1-based number, read on demand.
    Pdf(&'a dyn Fn(u32) -> Option<Page>),
    /// Nothing to draw, and why (a text dump; the PDF not found).
    Missing(String),
}

/// Whether a check reports a problem: anything but `pass` and `rounding`
/// (`fail`, and `unverified` where a check could not decide).
pub fn is_failing(check: &Check) -> bool {
    !matches!(check.status, Status::Pass | Status::Rounding)
}

/// The name the record spells a rule or status with (`row_sum`, `fail`).
fn name(value: impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// The report of one filing.
pub fn render(record: &Record, pages: &Pages) -> String {
    let mut s = String::with_capacity(1 << 16);
    let title = format!(
        "{} {} {}",
        record
            .filing
            .department
            .as_deref()
            .unwrap_or("(department not read)"),
        record
            .filing
            .year
            .map(|y| y.to_string())
            .unwrap_or_default(),
        record.filing.kind.as_deref().unwrap_or_default()
    );
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&title)
    );
    header(&mut s, record, &title);
    let failing: Vec<&Check> = record.checks.iter().filter(|c| is_failing(c)).collect();
    summary(&mut s, record, failing.len());
    // Every cell a failing check reads, with the checks that read it.
    let mut flagged: BTreeMap<CellRef, Vec<usize>> = BTreeMap::new();
    for (i, check) in failing.iter().enumerate() {
        for cell in involved::cells(record, check) {
            flagged.entry(cell).or_default().push(i + 1);
        }
    }
    failures(&mut s, record, &failing, pages);
    tables(&mut s, record, &flagged);
    performance(&mut s, record, &failing);
    diagnostics(&mut s, record);
    s.push_str("</body>\n</html>\n");
    s
}

const STYLE: &str = "
body{font-family:'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',sans-serif;margin:1.5em;color:#111;max-width:1300px}
h1{font-size:1.5em;margin-bottom:.2em}h2{border-bottom:2px solid #ccc;margin-top:2em}
dl.meta{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dl.meta dt{color:#555}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 6px}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.flag{background:#ffd6d6;outline:2px solid #d0021b}
.check{border:1px solid #d0021b;border-left:6px solid #d0021b;padding:.5em 1em;margin:1em 0}
.check.unverified{border-color:#e6a100}
.numbers td{font-size:1.1em}.words{font-size:1.05em}
.status{font-weight:bold;text-transform:uppercase;color:#d0021b}
.note{color:#555;font-style:italic}.drawing{overflow-x:auto;border:1px solid #ddd;margin:.5em 0}
.counts span{margin-right:1.5em}
ol.key{font-size:.9em;columns:2;margin:.2em 0 1em}ol.key li.Cell::marker{color:#d0021b}ol.key li.Evidence::marker{color:#e67e00}ol.key li.Found::marker{color:#8e44ad}
";

fn header(s: &mut String, record: &Record, title: &str) {
    let f = &record.filing;
    let src = &record.source;
    let _ = writeln!(s, "<header><h1>{}</h1><dl class=\"meta\">", escape(title));
    let mut item = |k: &str, v: String| {
        let _ = writeln!(s, "<dt>{k}</dt><dd>{}</dd>", escape(&v));
    };
    item("department", f.department.clone().unwrap_or_default());
    item("year", f.year.map(|y| y.to_string()).unwrap_or_default());
    item("kind", f.kind.clone().unwrap_or_default());
    item("published", f.published.clone().unwrap_or_default());
    item(
        "pages",
        src.pages
            .map_or("none (a text dump)".into(), |p| p.to_string()),
    );
    item("producer", src.producer.clone().unwrap_or_default());
    item("file", format!("{} ({})", src.path, src.format));
    item("sha256", src.sha256.clone());
    let _ = writeln!(s, "</dl></header>");
}

fn summary(s: &mut String, record: &Record, failing: usize) {
    let mut by_status: BTreeMap<String, usize> = BTreeMap::new();
    for c in &record.checks {
        *by_status.entry(name(c.status)).or_default() += 1;
    }
    let found: Vec<&Table> = record.tables.iter().filter(|t| !t.empty).collect();
    let warnings = record
        .diagnostics
        .iter()
        .filter(|d| d.level == Level::Warn)
        .count();
    let errors = record.diagnostics.len() - warnings;
    let _ = writeln!(
        s,
        "<section id=\"summary\"><h2>Summary</h2><p class=\"counts\">"
    );
    let _ = writeln!(
        s,
        "<span>tables found: <b>{}</b> of {} (<a href=\"#tables\">below</a>)</span>",
        found.len(),
        record.tables.len()
    );
    let _ = write!(s, "<span>checks: <b>{}</b> —", record.checks.len());
    for (status, n) in &by_status {
        let _ = write!(s, " {status} <b class=\"count-{status}\">{n}</b>");
    }
    let _ = writeln!(s, "</span>");
    let _ = writeln!(
        s,
        "<span>绩效 forms: <b>{}</b></span><span>warnings: <b>{warnings}</b></span><span>errors: <b>{errors}</b></span></p>",
        record.performance.len()
    );
    let _ = writeln!(
        s,
        "<p>{}</p></section>",
        if failing == 0 {
            "Every check passes (or is off by rounding only).".to_string()
        } else {
            format!("<a href=\"#failures\">{failing} checks fail or could not be verified</a>.")
        }
    );
}

/// One plain sentence per rule: what the identity says.
fn in_words(record: &Record, c: &Check) -> String {
    let table = record
        .tables
        .iter()
        .find(|t| t.id == c.table)
        .map_or(c.table.clone(), |t| format!("{} ({})", t.title, t.id));
    let (row, column) = (&c.row, &c.column);
    use juesuan_normalize::Rule::*;
    match c.rule {
        RowSum => format!("In {table}, row {row}: column “{column}” should be the sum of the row's other columns the identity names."),
        Hierarchy => format!("In {table}, the class line {row} should equal the sum of the lines under it, in column “{column}”."),
        Total => format!("In {table}, the total line {row} should equal the sum of the lines it totals, in column “{column}”."),
        CrossTable => format!("The same amount is printed twice: {table}, {row} [{column}], and the other table's cell(s) it restates."),
        Narrative => format!("The 情况说明 (narrative) restates a cell of {table}: {row} [{column}]."),
        Performance => format!("绩效自评表 “{row}”: its {column} should follow from the form's own figures."),
        Direction => format!("The narrative's comparison word (大于 / 小于 / 增加 / 减少 …) should agree with the numbers it compares: {table}, {row} [{column}]."),
        Completeness => format!("A table the filing should print (the standard set, or its 目录) is missing, or printed empty without its 无数据 note: {table}."),
        Year => format!("A heading, title or as-of date names a year other than the one the filing reports on: “{row}”."),
        Wording => format!("A placeholder or a doubled mark is left in the text: “{row}”."),
        CrossFiling => format!("An amount this filing states about another filing (its budget, or the year before) against what that one printed: {table}, {row} [{column}]."),
    }
}

fn failures(s: &mut String, record: &Record, failing: &[&Check], pages: &Pages) {
    let _ = writeln!(
        s,
        "<section id=\"failures\"><h2>Failing checks ({})</h2>",
        failing.len()
    );
    if failing.is_empty() {
        let _ = writeln!(s, "<p>None.</p>");
    }
    if let Pages::Missing(why) = pages {
        if !failing.is_empty() {
            let _ = writeln!(
                s,
                "<p class=\"note no-drawing\">No drawings: {}.</p>",
                escape(why)
            );
        }
    }
    let mut cache: HashMap<u32, Option<Page>> = HashMap::new();
    for (i, c) in failing.iter().enumerate() {
        let status = name(c.status);
        let _ = writeln!(
            s,
            "<div class=\"check {status}\" id=\"check-{n}\"><h3>{n}. <span class=\"status\">{status}</span> {rule} — {table} · {row} · {column}</h3>",
            n = i + 1,
            rule = name(c.rule),
            table = escape(&c.table),
            row = escape(&c.row),
            column = escape(&c.column)
        );
        let _ = writeln!(s, "<p class=\"words\">{}</p>", escape(&in_words(record, c)));
        // A narrative check sets the narrative's number against the table's.
        let (expected, printed) = match c.rule {
            juesuan_normalize::Rule::Narrative => ("in the table", "in the narrative"),
            _ => ("expected (recomputed)", "printed"),
        };
        let _ = writeln!(
            s,
            "<table class=\"numbers\"><tr><th>{expected}</th><th>{printed}</th><th>difference</th><th>page</th></tr><tr><td class=\"num expected\">{}</td><td class=\"num printed\">{}</td><td class=\"num diff\">{}</td><td>{}</td></tr></table>",
            c.expected,
            c.actual,
            c.diff,
            c.page.map_or("—".into(), |p| p.to_string())
        );
        let _ = writeln!(
            s,
            "<p>identity: <code class=\"detail\">{}</code></p>",
            escape(&c.detail)
        );
        if let Pages::Pdf(read) = pages {
            let mut marks = involved::marks(record, c);
            if c.table == "performance" {
                if let Some(Some(page)) = c
                    .page
                    .map(|p| cache.entry(p).or_insert_with(|| read(p)).as_ref())
                {
                    marks.extend(involved::found_on_page(page, c));
                }
            }
            drawings(s, &marks, read, &mut cache);
        }
        let _ = writeln!(s, "</div>");
    }
    let _ = writeln!(s, "</section>");
}

/// The region of each page a check's marks are on: the page's width, and
/// the marks' rows with some context above and below.
fn drawings(
    s: &mut String,
    marks: &[Mark],
    read: &dyn Fn(u32) -> Option<Page>,
    cache: &mut HashMap<u32, Option<Page>>,
) {
    if marks.is_empty() {
        let _ = writeln!(
            s,
            "<p class=\"note\">Nothing of this check was placed on a page to draw.</p>"
        );
        return;
    }
    let on: BTreeSet<u32> = marks.iter().map(|m| m.at.page).collect();
    for page_no in on {
        let Some(page) = cache
            .entry(page_no)
            .or_insert_with(|| read(page_no))
            .as_ref()
        else {
            let _ = writeln!(
                s,
                "<p class=\"note\">Page {page_no} could not be read to draw.</p>"
            );
            continue;
        };
        let here: Vec<Mark> = marks
            .iter()
            .filter(|m| m.at.page == page_no)
            .cloned()
            .collect();
        let (top, bottom) = here.iter().fold((f32::MAX, f32::MIN), |(t, b), m| {
            (t.min(m.at.bbox[1]), b.max(m.at.bbox[3]))
        });
        let region = BBox {
            x0: 0.0,
            y0: (top - 60.0).max(0.0),
            x1: page.width,
            y1: (bottom + 60.0).min(page.height),
        };
        let _ = writeln!(s, "<p>page {page_no}:</p><div class=\"drawing\">");
        // Large enough to read, narrow enough for the page column.
        let zoom = (1240.0 / page.width).min(1.8);
        s.push_str(&draw::svg(
            page,
            Some(region),
            &here,
            Style {
                zoom,
                ..Style::default()
            },
        ));
        let _ = writeln!(s, "</div><ol class=\"key\">");
        for m in &here {
            let _ = writeln!(s, "<li class=\"{:?}\">{}</li>", m.kind, escape(&m.label));
        }
        let _ = writeln!(s, "</ol>");
    }
}

fn page_links(record: &Record, pages: &[u32]) -> String {
    pages
        .iter()
        .map(|p| {
            format!(
                "<a href=\"{}#page={p}\">p. {p}</a>",
                escape(&record.source.path)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn tables(s: &mut String, record: &Record, flagged: &BTreeMap<CellRef, Vec<usize>>) {
    let _ = writeln!(s, "<section id=\"tables\"><h2>Tables</h2>");
    for t in &record.tables {
        let _ = writeln!(
            s,
            "<h3 id=\"table-{id}\">{title} <small>({id}{unit}) {links}</small></h3>",
            id = escape(&t.id),
            title = escape(&t.title),
            unit = t
                .unit
                .as_deref()
                .map(|u| format!(", {u}"))
                .unwrap_or_default(),
            links = page_links(record, &t.pages)
        );
        if t.empty || t.rows.is_empty() {
            let _ = writeln!(s, "<p class=\"note\">Printed empty.</p>");
            continue;
        }
        let mut columns: Vec<&str> = Vec::new();
        for r in &t.rows {
            for k in r.values.keys() {
                if !columns.contains(&k.as_str()) {
                    columns.push(k);
                }
            }
        }
        let _ = write!(
            s,
            "<table class=\"canonical\" data-table=\"{}\"><tr><th>row</th><th>name</th>",
            escape(&t.id)
        );
        for c in &columns {
            let _ = write!(s, "<th>{}</th>", escape(c));
        }
        let _ = writeln!(s, "</tr>");
        for r in &t.rows {
            let key = r.key();
            let name = r.name.as_deref().or(r.label.as_deref()).unwrap_or_default();
            let _ = write!(s, "<tr><td>{}</td><td>{}</td>", escape(&key), escape(name));
            for c in &columns {
                let cell = CellRef {
                    table: t.id.clone(),
                    row: key.clone(),
                    column: c.to_string(),
                };
                let v = r.values.get(*c).map(|v| v.to_string()).unwrap_or_default();
                match flagged.get(&cell) {
                    Some(checks) => {
                        let links: Vec<String> = checks.iter().map(|n| format!("#{n}")).collect();
                        let _ = write!(
                            s,
                            "<td class=\"num flag\" title=\"checks {}\"><a href=\"#check-{}\">{v}</a></td>",
                            links.join(" "),
                            checks[0]
                        );
                    }
                    None => {
                        let _ = write!(s, "<td class=\"num\">{v}</td>");
                    }
                }
            }
            let _ = writeln!(s, "</tr>");
        }
        let _ = writeln!(s, "</table>");
    }
    let _ = writeln!(s, "</section>");
}

fn performance(s: &mut String, record: &Record, failing: &[&Check]) {
    let _ = writeln!(
        s,
        "<section id=\"performance\"><h2>绩效 forms ({})</h2>",
        record.performance.len()
    );
    for p in &record.performance {
        let _ = writeln!(
            s,
            "<h3>{} <small>({} {}) {}</small></h3>",
            escape(&p.project),
            escape(&p.kind),
            p.grade.as_deref().map(escape).unwrap_or_default(),
            page_links(record, &p.pages)
        );
        let checks: Vec<&Check> = record
            .checks
            .iter()
            .filter(|c| c.table == "performance" && c.row == p.project)
            .collect();
        let _ = write!(
            s,
            "<p>score: <b>{}</b>",
            p.score.map(|v| v.to_string()).unwrap_or_else(|| "—".into())
        );
        for c in &checks {
            let n = failing.iter().position(|f| std::ptr::eq(*f, *c));
            let status = name(c.status);
            let _ = write!(
                s,
                " · {} check: <span class=\"check-{status}\">{status}</span> (expected {}, printed {}){}",
                escape(&c.column),
                c.expected,
                c.actual,
                n.map(|n| format!(" <a href=\"#check-{}\">see</a>", n + 1)).unwrap_or_default()
            );
        }
        let _ = writeln!(s, "</p>");
        let Some(funds) = &p.funds else { continue };
        let _ = writeln!(
            s,
            "<table><tr><th>funds{}</th><th>initial budget</th><th>budget</th><th>executed</th><th>rate</th><th>score</th></tr>",
            funds.unit.as_deref().map(|u| format!(" ({u})")).unwrap_or_default()
        );
        let show = |v: Option<rust_decimal::Decimal>| v.map(|v| v.to_string()).unwrap_or_default();
        for r in &funds.rows {
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                escape(&r.item),
                show(r.initial_budget),
                show(r.budget),
                show(r.executed),
                escape(r.rate.as_deref().unwrap_or_default()),
                show(r.score)
            );
        }
        let _ = writeln!(s, "</table>");
    }
    let _ = writeln!(s, "</section>");
}

fn diagnostics(s: &mut String, record: &Record) {
    let _ = writeln!(
        s,
        "<section id=\"diagnostics\"><h2>Warnings and errors ({})</h2><ul>",
        record.diagnostics.len()
    );
    for d in &record.diagnostics {
        let _ = writeln!(
            s,
            "<li>{:?} <code>{}</code> {}{}</li>",
            d.level,
            escape(&d.code),
            escape(&d.message),
            d.page.map(|p| format!(" (p. {p})")).unwrap_or_default()
        );
    }
    let _ = writeln!(s, "</ul></section>");
}
