//! `juesuan report` on the samples with failing checks: each failing check
//! is in the report with its numbers, and each cell and sentence outlined
//! in its drawing stands exactly where the record's `at` says.

use std::path::{Path, PathBuf};
use std::process::Command;

use juesuan_normalize::{At, Check, Record, Status};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn juesuan(args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "juesuan {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn record(sample: &str) -> Record {
    let out = juesuan(&["extract", sample]);
    serde_json::from_slice(&out.stdout).unwrap()
}

fn report(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.extend(["-o", html.to_str().unwrap()]);
    juesuan(&all);
    std::fs::read_to_string(html).unwrap()
}

/// A sample's record and report, the report checked by `assert_report`.
fn checked_report(sample: &str) -> (Record, String) {
    let record = record(sample);
    let html = report(&[sample]);
    assert_report(&record, &html);
    (record, html)
}

fn failing(record: &Record) -> Vec<&Check> {
    record
        .checks
        .iter()
        .filter(|c| !matches!(c.status, Status::Pass | Status::Rounding))
        .collect()
}

/// The HTML of the report's n-th failing check (1-based).
fn block(html: &str, n: usize) -> &str {
    let start = html
        .find(&format!("id=\"check-{n}\""))
        .unwrap_or_else(|| panic!("check {n} is not in the report"));
    let rest = &html[start..];
    let end = rest
        .find("<div class=\"check ")
        .or_else(|| rest.find("</section>"))
        .unwrap();
    &rest[..end]
}

/// `data-at` and `data-label` of each mark of one kind in a block.
fn marks<'a>(block: &'a str, kind: &str) -> Vec<(At, &'a str)> {
    let tag = format!("class=\"mark {kind}\" data-at=\"");
    block
        .match_indices(&tag)
        .map(|(i, _)| {
            let rest = &block[i + tag.len()..];
            let at = &rest[..rest.find('"').unwrap()];
            let label = rest.split("data-label=\"").nth(1).unwrap();
            let label = &label[..label.find('"').unwrap()];
            let (page, bbox) = at.split_once(':').unwrap();
            let b: Vec<f32> = bbox.split(',').map(|n| n.parse().unwrap()).collect();
            let at = At {
                page: page.parse().unwrap(),
                bbox: [b[0], b[1], b[2], b[3]],
            };
            (at, label)
        })
        .collect()
}

fn same_place(a: &At, b: &At) -> bool {
    a.page == b.page
        && a.bbox
            .iter()
            .zip(b.bbox)
            .all(|(x, y)| (x - y).abs() < 0.006)
}

/// The record's `at` of a cell labelled `table,row,column`.
fn cell_at(record: &Record, label: &str) -> Option<At> {
    let mut parts = label.splitn(3, ',');
    let (table, row, column) = (parts.next()?, parts.next()?, parts.next()?);
    let table = record.tables.iter().find(|t| t.id == table)?;
    let row = table.rows.iter().find(|r| r.key() == row)?;
    row.at.get(column).copied()
}

/// Every failing check with its numbers; every outlined cell where the
/// record placed it; the evidence sentence where the check says.
fn assert_report(record: &Record, html: &str) {
    let failing = failing(record);
    assert!(!failing.is_empty());
    for (i, c) in failing.iter().enumerate() {
        let b = block(html, i + 1);
        for (class, v) in [
            ("expected", c.expected),
            ("printed", c.actual),
            ("diff", c.diff),
        ] {
            assert!(
                b.contains(&format!("<td class=\"num {class}\">{v}</td>")),
                "check {}: {class} {v} not shown:\n{b}",
                i + 1
            );
        }
        assert!(b.contains(&c.row) && b.contains(&c.column));
        for (at, label) in marks(b, "cell") {
            let want = cell_at(record, label)
                .unwrap_or_else(|| panic!("{label}: no such cell in the record"));
            assert!(
                same_place(&at, &want),
                "{label}: drawn at {at:?}, record {want:?}"
            );
        }
        for (at, _) in marks(b, "evidence") {
            assert!(
                same_place(&at, &c.at.unwrap()),
                "evidence at {at:?}, check {:?}",
                c.at
            );
        }
    }
}

#[test]
fn putuo_finance_bureau_narrative_slips_are_drawn_on_their_pages() {
    let sample = "samples/pdf/shanghai-putuo-finance-bureau-2024-final.pdf";
    let (record, html) = checked_report(sample);
    let failing = failing(&record);
    // 财政拨款收入支出总计 0.3 万元 against the table's 2,961.68, and
    // 一般公共服务支出 占 71.73% where the table gives 71.65%.
    let printed: Vec<String> = failing.iter().map(|c| c.actual.to_string()).collect();
    assert_eq!(printed, ["0.3", "71.73"]);
    for (i, c) in failing.iter().enumerate() {
        let b = block(&html, i + 1);
        // The table cell and the sentence, each on its own page.
        let cells = marks(b, "cell");
        let evidence = marks(b, "evidence");
        assert_eq!(cells.len(), 1, "{b}");
        assert_eq!(evidence.len(), 1, "{b}");
        assert_eq!(evidence[0].0.page, 21);
        assert!(same_place(&evidence[0].0, &c.at.unwrap()));
        assert!(b.contains(&format!("data-page=\"{}\"", cells[0].0.page)));
        assert!(b.contains("data-page=\"21\""));
    }
    // The sentence is drawn as real text (digits in their own font).
    let b = block(&html, 1);
    assert!(
        b.contains(">上海市普陀区财政局</tspan>") && b.contains(">0.3</tspan>"),
        "{b}"
    );
    // The table cells in failing checks are highlighted in the tables.
    assert!(html.contains(
        "<td class=\"num flag\" title=\"checks #1\"><a href=\"#check-1\">2961.68</a></td>"
    ));
}

#[test]
fn xian_rates_of_1000_percent_are_found_on_their_forms() {
    let sample = "samples/pdf/shaanxi-xian-health-commission-2022-final.pdf";
    let (record, html) = checked_report(sample);
    let failing = failing(&record);
    let thousand: Vec<usize> = (0..failing.len())
        .filter(|&i| failing[i].actual == rust_decimal::Decimal::from(1000))
        .collect();
    assert!(thousand.len() >= 9, "{thousand:?}");
    for i in thousand {
        let b = block(&html, i + 1);
        let found = marks(b, "found");
        // The printed 1000% and the two amounts it should be the ratio of.
        assert!(found.iter().any(|(_, l)| l.contains(",rate ")), "{b}");
        assert!(
            found.iter().filter(|(_, l)| l.contains(",amount ")).count() >= 2,
            "{b}"
        );
        assert!(found.iter().all(|(at, _)| Some(at.page) == failing[i].page));
        assert!(b.contains(">1000%</tspan></text>"), "{b}");
    }
    // Only the regions around failures are drawn.
    assert!(html.len() < 5_000_000, "{} bytes", html.len());
}

#[test]
fn wuhan_text_dump_reports_without_drawings() {
    let sample = "samples/text/wuhan-hongshan-digital-center-2019-final.txt";
    let (record, html) = checked_report(sample);
    assert!(html.contains("No drawings: the filing is a text dump"));
    assert!(!html.contains("<svg"));
    let rows: Vec<&str> = failing(&record).iter().map(|c| c.row.as_str()).collect();
    assert_eq!(rows, ["301", "302"]);
    assert!(block(&html, 1).contains("<td class=\"num diff\">10.00</td>"));
    assert!(block(&html, 2).contains("<td class=\"num diff\">-0.10</td>"));
    // 301 and each of its 301xx lines are highlighted in the table.
    let table = record
        .tables
        .iter()
        .find(|t| t.id == "general_budget_basic_expenditure")
        .unwrap();
    let flagged = html.matches("title=\"checks #1\"").count();
    let family = table
        .rows
        .iter()
        .filter(|r| {
            r.code
                .as_deref()
                .is_some_and(|c| c == "301" || c.len() == 5 && c.starts_with("301"))
                && r.values.contains_key("决算数")
        })
        .count();
    assert_eq!(flagged, family);
}

#[test]
fn a_report_from_the_record_is_the_same_and_says_when_the_pdf_is_gone() {
    let sample = "samples/pdf/shanghai-putuo-finance-bureau-2024-final.pdf";
    let out = juesuan(&["extract", sample]);
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("out.jsonl");
    std::fs::write(&jsonl, &out.stdout).unwrap();
    let record: Record = serde_json::from_slice(&out.stdout).unwrap();
    let sha = &record.source.sha256[..12];
    let direct = report(&[sample]);
    let from_record = report(&["--record", jsonl.to_str().unwrap(), "--filing", sha]);
    assert_eq!(direct, from_record);

    // The same record, its PDF moved away: the report still has every
    // check and says why it draws nothing.
    let mut moved = record.clone();
    moved.source.path = dir.path().join("gone.pdf").display().to_string();
    std::fs::write(&jsonl, serde_json::to_string(&moved).unwrap()).unwrap();
    let html = report(&["--record", jsonl.to_str().unwrap(), "--filing", sha]);
    assert_report(&moved, &html);
    assert!(html.contains("No drawings: the PDF at") && html.contains("cannot be read"));
    assert!(!html.contains("<svg"));
}

#[test]
fn a_table_check_outlines_its_total_and_each_printed_term() {
    // No sample fails a table identity on a PDF: mark one that passes as
    // failing in the record, and report from the record.
    let sample = "samples/pdf/shanghai-putuo-finance-bureau-2024-final.pdf";
    let mut record = record(sample);
    let check = record
        .checks
        .iter_mut()
        .find(|c| c.table == "expenditure" && c.row == "201" && c.column == "本年支出合计")
        .unwrap();
    check.status = Status::Fail;
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("out.jsonl");
    std::fs::write(&jsonl, serde_json::to_string(&record).unwrap()).unwrap();
    let sha = &record.source.sha256[..8];
    let html = report(&["--record", jsonl.to_str().unwrap(), "--filing", sha]);
    assert_report(&record, &html);
    let n = 1 + failing(&record)
        .iter()
        .position(|c| c.table == "expenditure")
        .unwrap();
    let labels: Vec<&str> = marks(block(&html, n), "cell").iter().map(|m| m.1).collect();
    assert_eq!(
        labels,
        [
            "expenditure,201,本年支出合计",
            "expenditure,201,基本支出",
            "expenditure,201,项目支出"
        ]
    );
}
