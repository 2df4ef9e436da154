//! One quantity printed in two tables: the summary tables against the
//! detailed ones, class by class.

use super::{judge, prints, value, Filing, Key, RowRef, Target};
use crate::model::{Amount, Check, Rule, Side};

const SUMMARY: &str = "income_expenditure_summary";
const FISCAL: &str = "fiscal_summary";

/// A printed cell against the sum of cells printed elsewhere.
struct Link {
    cell: (RowRef, &'static str),
    sources: Vec<(RowRef, &'static str)>,
}

fn item(table: &'static str, side: Option<Side>, item: &'static str) -> RowRef {
    RowRef {
        table,
        side,
        key: Key::Item(item),
    }
}

fn coded(table: &'static str, side: Option<Side>, code: &str) -> RowRef {
    RowRef {
        table,
        side,
        key: Key::Code(code.into()),
    }
}

pub(super) fn run(filing: &Filing, out: &mut Vec<Check>) {
    for link in links(filing) {
        check(filing, &link, out);
    }
}

fn links(filing: &Filing) -> Vec<Link> {
    let income = Some(Side::Income);
    let spent = Some(Side::Expenditure);
    let one = |cell: RowRef, column, source: RowRef, source_column| Link {
        cell: (cell, column),
        sources: vec![(source, source_column)],
    };
    let mut links = Vec::new();

    // 收入支出决算总表 income lines = 收入决算表 合计 columns.
    for (line, column) in [
        ("本年收入合计", "本年收入合计"),
        ("上级补助收入", "上级补助收入"),
        ("事业收入", "事业收入"),
        ("经营收入", "经营收入"),
        ("附属单位上缴收入", "附属单位上缴收入"),
        ("其他收入", "其他收入"),
    ] {
        links.push(one(
            item(SUMMARY, income, line),
            "决算数",
            item("income", None, "合计"),
            column,
        ));
    }
    links.push(Link {
        cell: (item("income", None, "合计"), "财政拨款收入"),
        sources: [
            "一般公共预算财政拨款收入",
            "政府性基金预算财政拨款收入",
            "国有资本经营预算财政拨款收入",
        ]
        .into_iter()
        .map(|line| (item(SUMMARY, income, line), "决算数"))
        .collect(),
    });

    // 财政拨款收入支出决算总表 income lines = 收入支出决算总表 ones.
    for kind in [
        "一般公共预算财政拨款",
        "政府性基金预算财政拨款",
        "国有资本经营预算财政拨款",
    ] {
        let summary_line: &'static str = match kind {
            "一般公共预算财政拨款" => "一般公共预算财政拨款收入",
            "政府性基金预算财政拨款" => "政府性基金预算财政拨款收入",
            _ => "国有资本经营预算财政拨款收入",
        };
        links.push(one(
            item(FISCAL, income, kind),
            "决算数",
            item(SUMMARY, income, summary_line),
            "决算数",
        ));
    }

    // Expenditure by class: each summary table column against the table
    // that details it.
    let by_class = [
        (SUMMARY, "决算数", "expenditure", "本年支出合计"),
        (
            FISCAL,
            "一般公共预算财政拨款",
            "general_budget_expenditure",
            "合计",
        ),
        (
            FISCAL,
            "政府性基金预算财政拨款",
            "government_fund",
            "本年支出/小计",
        ),
        (
            FISCAL,
            "国有资本经营预算财政拨款",
            "state_capital",
            "本年支出/小计",
        ),
    ];
    for (summary, column, detail, detail_column) in by_class {
        links.push(one(
            item(summary, spent, "本年支出合计"),
            column,
            item(detail, None, "合计"),
            detail_column,
        ));
        let Some(table) = filing.table(summary) else {
            continue;
        };
        for row in table.rows.iter().filter(|r| r.side == spent) {
            if let Some(code) = row.code.as_deref() {
                links.push(one(
                    coded(summary, spent, code),
                    column,
                    coded(detail, None, code),
                    detail_column,
                ));
            }
        }
    }

    // 一般公共预算 基本支出 = 人员经费合计 + 公用经费合计 of the 基本支出 table.
    let basic = "general_budget_basic_expenditure";
    links.push(Link {
        cell: (item("general_budget_expenditure", None, "合计"), "基本支出"),
        sources: vec![
            (item(basic, None, "人员经费合计"), "决算数"),
            (item(basic, None, "公用经费合计"), "决算数"),
        ],
    });
    links
}

/// Checks a link where its cell's row and at least one source row exist,
/// in tables that print those columns.
fn check(filing: &Filing, link: &Link, out: &mut Vec<Check>) {
    let (at, column) = &link.cell;
    let Some((table, row)) = filing.row(at).filter(|(t, _)| prints(t, column)) else {
        return;
    };
    let mut terms: Vec<Amount> = Vec::new();
    let mut names = Vec::new();
    for (source, source_column) in &link.sources {
        let found = filing.row(source).filter(|(t, _)| prints(t, source_column));
        if let Some((source_table, source_row)) = found {
            terms.push(value(source_row, source_column));
            names.push(format!(
                "{} {} [{source_column}]",
                source_table.id,
                source_row.key()
            ));
        }
    }
    if terms.is_empty() {
        return;
    }
    let detail = format!("{} [{column}] ≠ {}", row.key(), names.join(" + "));
    out.push(judge(
        Rule::CrossTable,
        Target { table, row, column },
        &terms,
        detail,
    ));
}
