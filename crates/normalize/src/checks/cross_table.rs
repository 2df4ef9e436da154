//! One quantity printed in two tables: the summary tables against the
//! detailed ones, class by class.

use super::{judge, prints, value, Filing, RowRef, Target};
use crate::model::{Amount, Check, Rule, Side};

const SUMMARY: &str = "income_expenditure_summary";
const FISCAL: &str = "fiscal_summary";
const INCOME: Option<Side> = Some(Side::Income);
const SPENT: Option<Side> = Some(Side::Expenditure);

/// The 财政拨款 income lines: as the 财政拨款 summary and as the
/// 收入支出决算总表 name them.
const APPROPRIATIONS: [(&str, &str); 3] = [
    ("一般公共预算财政拨款", "一般公共预算财政拨款收入"),
    ("政府性基金预算财政拨款", "政府性基金预算财政拨款收入"),
    ("国有资本经营预算财政拨款", "国有资本经营预算财政拨款收入"),
];

/// The other income lines of the 收入支出决算总表, each also a 收入决算表 column.
const OTHER_INCOME: [&str; 6] = [
    "本年收入合计",
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
];

/// Each summary-table expenditure column by class, and the table and
/// column that detail it.
const BY_CLASS: [(&str, &str, &str, &str); 4] = [
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

/// The 政府性基金 and 国有资本经营 tables, whose 合计 row restates the 财政拨款
/// summary's lines for that fund: (table, the fund's summary column and
/// income line, its line under 年初财政拨款结转和结余).
const FUNDS: [(&str, &str, &str); 2] = [
    (
        "government_fund",
        "政府性基金预算财政拨款",
        "年初财政拨款结转和结余/政府性基金预算财政拨款",
    ),
    (
        "state_capital",
        "国有资本经营预算财政拨款",
        "年初财政拨款结转和结余/国有资本经营预算财政拨款",
    ),
];

/// A printed cell against the sum of cells printed elsewhere.
struct Link {
    cell: (RowRef, &'static str),
    sources: Vec<(RowRef, &'static str)>,
}

impl Link {
    fn one(
        cell: RowRef,
        column: &'static str,
        source: RowRef,
        source_column: &'static str,
    ) -> Self {
        Link {
            cell: (cell, column),
            sources: vec![(source, source_column)],
        }
    }
}

pub(super) fn run(filing: &Filing, out: &mut Vec<Check>) {
    for link in links(filing) {
        check(filing, &link, out);
    }
}

fn links(filing: &Filing) -> Vec<Link> {
    let income_total = || RowRef::item("income", None, "合计");
    let mut links = Vec::new();
    for line in OTHER_INCOME {
        links.push(Link::one(
            RowRef::item(SUMMARY, INCOME, line),
            "决算数",
            income_total(),
            line,
        ));
    }
    links.push(Link {
        cell: (income_total(), "财政拨款收入"),
        sources: APPROPRIATIONS
            .iter()
            .map(|(_, line)| (RowRef::item(SUMMARY, INCOME, line), "决算数"))
            .collect(),
    });
    for (fiscal_line, line) in APPROPRIATIONS {
        let cell = RowRef::item(FISCAL, INCOME, fiscal_line);
        links.push(Link::one(
            cell,
            "决算数",
            RowRef::item(SUMMARY, INCOME, line),
            "决算数",
        ));
    }
    for (summary, column, detail, detail_column) in BY_CLASS {
        let total = RowRef::item(summary, SPENT, "本年支出合计");
        links.push(Link::one(
            total,
            column,
            RowRef::item(detail, None, "合计"),
            detail_column,
        ));
        let Some(table) = filing.table(summary) else {
            continue;
        };
        for code in table
            .rows
            .iter()
            .filter(|r| r.side == SPENT)
            .filter_map(|r| r.code.as_deref())
        {
            let cell = RowRef::code(summary, SPENT, code);
            links.push(Link::one(
                cell,
                column,
                RowRef::code(detail, None, code),
                detail_column,
            ));
        }
    }
    for (fund, kind, opening) in FUNDS {
        let total = || RowRef::item(fund, None, "合计");
        let closing = RowRef::item(FISCAL, SPENT, "年末财政拨款结转和结余");
        links.push(Link::one(
            RowRef::item(FISCAL, INCOME, kind),
            "决算数",
            total(),
            "本年收入",
        ));
        links.push(Link::one(
            RowRef::item(FISCAL, INCOME, opening),
            "决算数",
            total(),
            "年初结转和结余",
        ));
        links.push(Link::one(closing, kind, total(), "年末结转和结余"));
    }
    let basic = "general_budget_basic_expenditure";
    links.push(Link {
        cell: (
            RowRef::item("general_budget_expenditure", None, "合计"),
            "基本支出",
        ),
        sources: vec![
            (RowRef::item(basic, None, "人员经费合计"), "决算数"),
            (RowRef::item(basic, None, "公用经费合计"), "决算数"),
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
    let detail = format!("{} [{column}] = {}", row.key(), names.join(" + "));
    out.push(judge(
        Rule::CrossTable,
        Target { table, row, column },
        &terms,
        detail,
    ));
}
