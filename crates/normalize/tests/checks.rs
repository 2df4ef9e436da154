//! Small hand-built filings: one that adds up everywhere, and copies of it
//! with exactly one identity broken, each of which must fail that check and
//! nothing else.

use std::collections::BTreeMap;

use juesuan_normalize::checks;
use juesuan_normalize::{Amount, Check, Fact, Performance, Rule, Status, Table};
use serde_json::{json, Value};

/// A filing as the checks see it.
struct Filing {
    tables: Vec<Table>,
    facts: BTreeMap<String, Fact>,
    performance: Vec<Performance>,
}

impl Filing {
    fn checks(&self) -> Vec<Check> {
        checks::run(
            &Default::default(),
            &self.tables,
            &self.facts,
            &self.performance,
            None,
            &[],
        )
    }

    fn table(&mut self, id: &str) -> &mut Table {
        self.tables.iter_mut().find(|t| t.id == id).expect("table")
    }

    /// Overwrites one printed cell, the row named as checks name it.
    fn set(&mut self, table: &str, row: &str, column: &str, value: &str) {
        let row = self
            .table(table)
            .rows
            .iter_mut()
            .find(|r| r.key() == row)
            .expect("row");
        row.values.insert(column.into(), amount(value));
    }

    fn fact(&mut self, key: &str, value: &str, unit: &str) {
        let fact = Fact {
            value: amount(value),
            unit: unit.into(),
            page: None,
            evidence: String::new(),
            at: None,
        };
        self.facts.insert(key.into(), fact);
    }
}

fn amount(text: &str) -> Amount {
    text.parse().expect("amount")
}

fn row(key: &str, values: Value) -> Value {
    let mut row = match key.split_once(':') {
        Some((side, item)) => json!({"side": side, "item": item}),
        None if key.chars().all(|c| c.is_ascii_digit()) => json!({"code": key}),
        None => json!({"item": key}),
    };
    row["values"] = values;
    row
}

/// A summary-table class line: `expenditure:` side, item and code.
fn class_line(item: &str, code: &str, values: Value) -> Value {
    json!({"side": "expenditure", "item": item, "code": code, "values": values})
}

fn table(id: &str, rows: Vec<Value>) -> Value {
    json!({"id": id, "title": id, "unit": "万元", "rows": rows})
}

/// Amounts in the given columns; a 0 is left blank.
fn cells(columns: &[&str], amounts: &[f64]) -> Value {
    let values: serde_json::Map<String, Value> = columns
        .iter()
        .zip(amounts)
        .filter(|(_, a)| **a != 0.0)
        .map(|(c, a)| (c.to_string(), json!(a)))
        .collect();
    Value::Object(values)
}

/// A coded table: each row a code (or 合计) with its amounts in `columns`.
fn coded(id: &str, columns: &[&str], rows: &[(&str, &[f64])]) -> Value {
    let rows = rows
        .iter()
        .map(|(key, amounts)| row(key, cells(columns, amounts)))
        .collect();
    table(id, rows)
}

/// A filing in 万元 where every identity holds exactly.
fn consistent() -> Filing {
    let income = ["本年收入合计", "财政拨款收入", "其他收入"];
    let spending = ["本年支出合计", "基本支出", "项目支出"];
    let general = ["合计", "基本支出", "项目支出"];
    let fiscal = ["合计", "一般公共预算财政拨款"];
    let tables = json!([
        table(
            "income_expenditure_summary",
            vec![
                row("income:一般公共预算财政拨款收入", json!({"决算数": 100.00})),
                row("income:其他收入", json!({"决算数": 10.00})),
                row("income:本年收入合计", json!({"决算数": 110.00})),
                row("income:使用非财政拨款结余", json!({})),
                row("income:年初结转和结余", json!({"决算数": 5.00})),
                row("income:总计", json!({"决算数": 115.00})),
                class_line("一般公共服务支出", "201", json!({"决算数": 80.00})),
                class_line("住房保障支出", "221", json!({"决算数": 25.00})),
                row("expenditure:本年支出合计", json!({"决算数": 105.00})),
                row("expenditure:结余分配", json!({})),
                row("expenditure:年末结转和结余", json!({"决算数": 10.00})),
                row("expenditure:总计", json!({"决算数": 115.00})),
            ]
        ),
        coded(
            "income",
            &income,
            &[
                ("合计", &[110.0, 100.0, 10.0]),
                ("201", &[85.0, 75.0, 10.0]),
                ("20103", &[85.0, 75.0, 10.0]),
                ("2010301", &[85.0, 75.0, 10.0]),
                ("221", &[25.0, 25.0]),
                ("22102", &[25.0, 25.0]),
                ("2210201", &[25.0, 25.0]),
            ]
        ),
        coded(
            "expenditure",
            &spending,
            &[
                ("合计", &[105.0, 45.0, 60.0]),
                ("201", &[80.0, 20.0, 60.0]),
                ("20103", &[80.0, 20.0, 60.0]),
                ("2010301", &[50.0, 20.0, 30.0]),
                ("2010302", &[30.0, 0.0, 30.0]),
                ("221", &[25.0, 25.0]),
                ("22102", &[25.0, 25.0]),
                ("2210201", &[25.0, 25.0]),
            ]
        ),
        table(
            "fiscal_summary",
            vec![
                row("income:一般公共预算财政拨款", json!({"决算数": 100.00})),
                row("income:本年收入合计", json!({"决算数": 100.00})),
                row("income:年初财政拨款结转和结余", json!({"决算数": 5.00})),
                row(
                    "income:年初财政拨款结转和结余/一般公共预算财政拨款",
                    json!({"决算数": 5.00})
                ),
                row("income:总计", json!({"决算数": 105.00})),
                class_line(
                    "一般公共服务支出",
                    "201",
                    json!({"合计": 75.00, "一般公共预算财政拨款": 75.00})
                ),
                class_line(
                    "住房保障支出",
                    "221",
                    json!({"合计": 25.00, "一般公共预算财政拨款": 25.00})
                ),
                row("expenditure:本年支出合计", cells(&fiscal, &[100.0, 100.0])),
                row(
                    "expenditure:年末财政拨款结转和结余",
                    cells(&fiscal, &[5.0, 5.0])
                ),
                row("expenditure:总计", cells(&fiscal, &[105.0, 105.0])),
            ]
        ),
        coded(
            "general_budget_expenditure",
            &general,
            &[
                ("合计", &[100.0, 40.0, 60.0]),
                ("201", &[75.0, 15.0, 60.0]),
                ("20103", &[75.0, 15.0, 60.0]),
                ("2010301", &[45.0, 15.0, 30.0]),
                ("2010302", &[30.0, 0.0, 30.0]),
                ("221", &[25.0, 25.0]),
                ("22102", &[25.0, 25.0]),
                ("2210201", &[25.0, 25.0]),
            ]
        ),
        coded(
            "general_budget_basic_expenditure",
            &["决算数"],
            &[
                ("301", &[30.0]),
                ("30101", &[20.0]),
                ("30102", &[10.0]),
                ("303", &[2.0]),
                ("30302", &[2.0]),
                ("302", &[8.0]),
                ("30201", &[5.0]),
                ("30211", &[3.0]),
                ("人员经费合计", &[32.0]),
                ("公用经费合计", &[8.0]),
            ]
        ),
        table(
            "three_public",
            vec![
                row("合计", json!({"预算数": 3.00, "决算数": 2.50})),
                row("因公出国（境）费", json!({"预算数": 0, "决算数": 0})),
                row(
                    "公务用车购置及运行维护费",
                    json!({"预算数": 2.00, "决算数": 1.50})
                ),
                row("公务用车购置费", json!({"预算数": 0, "决算数": 0})),
                row(
                    "公务用车运行维护费",
                    json!({"预算数": 2.00, "决算数": 1.50})
                ),
                row("公务接待费", json!({"预算数": 1.00, "决算数": 1.00})),
            ]
        ),
    ]);
    let performance = json!([{
        "kind": "project", "project": "党务和行政管理", "pages": [41], "score": 90.00,
        "funds": {"unit": "元", "score": 10.00, "rows": [
            {"item": "年度资金总额", "budget": 325200.00, "executed": 320815.00, "rate": "98.7%"}]},
        "goals": {"score": 20.00},
        "indicators": [{"name": "党建活动完成率", "score": 30.00}, {"name": "满意度", "score": 30.00}]
    }]);
    let mut filing = Filing {
        tables: serde_json::from_value(tables).expect("tables"),
        facts: BTreeMap::new(),
        performance: serde_json::from_value(performance).expect("performance"),
    };
    for (key, value) in [
        ("totals.grand_total", "115.00"),
        ("totals.income", "110.00"),
        ("totals.expenditure", "105.00"),
        ("totals.basic_expenditure", "45.00"),
        ("totals.project_expenditure", "60.00"),
        ("totals.fiscal_grand_total", "105.00"),
        ("general_budget.final", "100.00"),
        ("three_public.final", "2.50"),
        ("three_public.budget", "3.00"),
    ] {
        filing.fact(key, value, "万元");
    }
    filing.fact("staff.in_service", "28", "人");
    filing
}

/// (rule, table, row, column) of every failing check.
fn failures(checks: &[Check]) -> Vec<(Rule, String, String, String)> {
    checks
        .iter()
        .filter(|c| c.status == Status::Fail)
        .map(|c| (c.rule, c.table.clone(), c.row.clone(), c.column.clone()))
        .collect()
}

fn only_failure(filing: &Filing, rule: Rule, [table, row, column]: [&str; 3]) {
    assert_eq!(
        failures(&filing.checks()),
        vec![(rule, table.into(), row.into(), column.into())]
    );
}

/// The consistent filing with cells (table, row, column, value) overwritten.
fn edited(edits: &[[&str; 4]]) -> Filing {
    let mut filing = consistent();
    for [table, row, column, value] in edits {
        filing.set(table, row, column, value);
    }
    filing
}

#[test]
fn a_filing_that_adds_up_passes_every_rule() {
    let checks = consistent().checks();
    assert!(
        checks.iter().all(|c| c.status == Status::Pass),
        "{:#?}",
        failures(&checks)
    );
    for rule in [
        Rule::RowSum,
        Rule::Hierarchy,
        Rule::Total,
        Rule::CrossTable,
        Rule::Narrative,
        Rule::Performance,
    ] {
        assert!(
            checks.iter().any(|c| c.rule == rule),
            "no {rule:?} check ran"
        );
    }
}

#[test]
fn an_item_off_its_class_fails_the_hierarchy_only() {
    let filing = edited(&[[
        "general_budget_basic_expenditure",
        "30101",
        "决算数",
        "10.00",
    ]]);
    only_failure(
        &filing,
        Rule::Hierarchy,
        ["general_budget_basic_expenditure", "301", "决算数"],
    );
}

#[test]
fn a_misprinted_class_is_reported_once() {
    // 人员经费合计 still equals the class's items: only 301 is wrong.
    let filing = edited(&[["general_budget_basic_expenditure", "301", "决算数", "40.00"]]);
    only_failure(
        &filing,
        Rule::Hierarchy,
        ["general_budget_basic_expenditure", "301", "决算数"],
    );
}

#[test]
fn a_three_public_subtotal_off_its_parts_fails_the_row_sum() {
    let filing = edited(&[["three_public", "公务用车运行维护费", "决算数", "1.20"]]);
    only_failure(
        &filing,
        Rule::RowSum,
        ["three_public", "公务用车购置及运行维护费", "决算数"],
    );
}

#[test]
fn a_grand_total_off_its_parts_fails_the_total() {
    let filing = edited(&[[
        "income_expenditure_summary",
        "income:年初结转和结余",
        "决算数",
        "6.00",
    ]]);
    only_failure(
        &filing,
        Rule::Total,
        ["income_expenditure_summary", "income:总计", "决算数"],
    );
}

#[test]
fn a_quantity_printed_differently_in_two_tables_fails_the_cross_check() {
    // The 基本支出 table's 303 grows by 1 consistently within that table.
    let filing = edited(&[
        ["general_budget_basic_expenditure", "303", "决算数", "3.00"],
        [
            "general_budget_basic_expenditure",
            "30302",
            "决算数",
            "3.00",
        ],
        [
            "general_budget_basic_expenditure",
            "人员经费合计",
            "决算数",
            "33.00",
        ],
    ]);
    only_failure(
        &filing,
        Rule::CrossTable,
        ["general_budget_expenditure", "合计", "基本支出"],
    );
}

#[test]
fn a_narrative_number_off_its_table_fails() {
    let mut filing = consistent();
    filing.fact("three_public.final", "2.60", "万元");
    only_failure(&filing, Rule::Narrative, ["three_public", "合计", "决算数"]);
    let check = filing
        .checks()
        .into_iter()
        .find(|c| c.rule == Rule::Narrative && c.table == "three_public" && c.column == "决算数")
        .unwrap();
    assert_eq!(
        (check.expected, check.actual, check.diff),
        (amount("2.50"), amount("2.60"), amount("0.10"))
    );
}

#[test]
fn a_narrative_in_another_unit_is_converted() {
    let mut filing = consistent();
    filing.fact("totals.grand_total", "1150000", "元");
    filing.fact("totals.income", "0.011", "亿元");
    let checks = filing.checks();
    assert!(failures(&checks).is_empty(), "{:?}", failures(&checks));
    let grand = checks
        .iter()
        .find(|c| c.rule == Rule::Narrative && c.row == "income:总计")
        .unwrap();
    assert_eq!((grand.status, grand.actual), (Status::Pass, amount("115")));
}

#[test]
fn a_narrative_unit_slip_is_not_a_failure() {
    // "1150000 万元" is 115 万元 written in 元: the amount is right.
    let mut filing = consistent();
    filing.fact("totals.grand_total", "1150000", "万元");
    assert!(failures(&filing.checks()).is_empty());
}

#[test]
fn a_narrative_rounded_coarser_than_the_table_is_rounding() {
    let mut filing = edited(&[
        ["three_public", "合计", "决算数", "2.54"],
        ["three_public", "公务接待费", "决算数", "1.04"],
    ]);
    filing.fact("three_public.final", "2.5", "万元");
    let checks = filing.checks();
    assert!(failures(&checks).is_empty(), "{:?}", failures(&checks));
    let check = checks
        .iter()
        .find(|c| c.rule == Rule::Narrative && c.table == "three_public" && c.column == "决算数")
        .unwrap();
    assert_eq!(check.status, Status::Rounding);
}

#[test]
fn a_misprinted_execution_rate_fails() {
    let mut filing = consistent();
    filing.performance[0].funds.as_mut().unwrap().rows[0].rate = Some("98.5%".into());
    only_failure(
        &filing,
        Rule::Performance,
        ["performance", "党务和行政管理", "rate"],
    );
}

#[test]
fn execution_rates_compare_at_the_printed_precision() {
    // 320815 / 325200 = 98.6516…%: 98.7% and 99% are right, 98.65% too,
    // 98.6% cuts rather than rounds (some forms do), 98.66% and 98.5% are wrong.
    for (rate, status) in [
        ("98.7%", Status::Pass),
        ("99%", Status::Pass),
        ("98.65%", Status::Pass),
        ("98.6%", Status::Rounding),
        ("98.66%", Status::Fail),
        ("98.5%", Status::Fail),
    ] {
        let mut filing = consistent();
        filing.performance[0].funds.as_mut().unwrap().rows[0].rate = Some(rate.into());
        let check = filing
            .checks()
            .into_iter()
            .find(|c| c.column == "rate")
            .unwrap();
        assert_eq!(check.status, status, "{rate}: {check:?}");
    }
}

#[test]
fn a_score_off_its_parts_fails() {
    let mut filing = consistent();
    filing.performance[0].score = Some(amount("91.00"));
    only_failure(
        &filing,
        Rule::Performance,
        ["performance", "党务和行政管理", "score"],
    );
}

#[test]
fn a_score_with_an_unscored_part_is_not_checked() {
    let mut filing = consistent();
    filing.performance[0].score = Some(amount("91.00"));
    filing.performance[0].indicators[1].score = None;
    let checks = filing.checks();
    assert!(failures(&checks).is_empty());
    assert!(!checks.iter().any(|c| c.column == "score"));
}

#[test]
fn a_cent_between_two_tables_is_rounding() {
    // Wuhan prints 2726.05 in one table and 2726.06 in another.
    let filing = edited(&[
        [
            "fiscal_summary",
            "expenditure:一般公共服务支出",
            "合计",
            "75.01",
        ],
        [
            "fiscal_summary",
            "expenditure:一般公共服务支出",
            "一般公共预算财政拨款",
            "75.01",
        ],
    ]);
    let checks = filing.checks();
    assert!(failures(&checks).is_empty(), "{:?}", failures(&checks));
    let cross = checks
        .iter()
        .find(|c| {
            c.rule == Rule::CrossTable
                && c.row == "expenditure:一般公共服务支出"
                && c.table == "fiscal_summary"
        })
        .unwrap();
    assert_eq!(
        (cross.status, cross.diff),
        (Status::Rounding, amount("0.01"))
    );
}

#[test]
fn a_missing_row_skips_the_identity_instead_of_failing() {
    let mut filing = consistent();
    filing
        .table("income_expenditure_summary")
        .rows
        .retain(|r| r.item.as_deref() != Some("年初结转和结余"));
    let checks = filing.checks();
    assert!(failures(&checks).is_empty());
    assert!(!checks
        .iter()
        .any(|c| c.table == "income_expenditure_summary"
            && c.row == "income:总计"
            && c.rule == Rule::Total));
}

/// The Wuhan 2019 summary with its printed 行次 and identity notes.
fn noted_summary(total: f64) -> Filing {
    let mut rows = vec![
        json!({"side": "income", "item": "一般公共预算财政拨款收入", "line": 1, "values": {"决算数": 2855.85}}),
        json!({"side": "income", "item": "其他收入", "line": 7, "values": {"决算数": 4.22}}),
        json!({"side": "income", "item": "本年收入合计", "line": 24, "values": {"决算数": total}}),
        json!({"side": "income", "item": "用事业基金弥补收支差额", "line": 25, "values": {}}),
        json!({"side": "income", "item": "年初结转和结余", "line": 26, "values": {}}),
        json!({"side": "income", "item": "总计", "line": 27, "values": {"决算数": 2860.07}}),
    ];
    for line in 2..=6 {
        rows.push(
            json!({"side": "income", "item": format!("收入{line}"), "line": line, "values": {}}),
        );
    }
    let tables = json!([{
        "id": "income_expenditure_summary", "title": "收入支出决算总表", "unit": "万元", "rows": rows,
        "notes": ["注：24行 = (1+2+3+4+5+6+7) 行； 27行 = (24+25+26) 行； 51行 = (28+29+...+49) 行； 54行 = (51+52+53) 行。"]
    }]);
    Filing {
        tables: serde_json::from_value(tables).unwrap(),
        facts: BTreeMap::new(),
        performance: Vec::new(),
    }
}

#[test]
fn printed_line_notes_are_the_identities_checked() {
    let checks = noted_summary(2860.07).checks();
    let details: Vec<&str> = checks.iter().map(|c| c.detail.as_str()).collect();
    assert!(details.contains(&"24行=(1+2+3+4+5+6+7)行"), "{details:?}");
    assert!(details.contains(&"27行=(24+25+26)行"), "{details:?}");
    assert!(failures(&checks).is_empty());
    // 51行 and 54行 name lines this filing never printed: not checked.
    assert_eq!(checks.len(), 2);

    let broken = noted_summary(2860.17);
    let fails = failures(&broken.checks());
    let summary = "income_expenditure_summary".to_string();
    assert_eq!(
        fails,
        vec![
            (
                Rule::Total,
                summary.clone(),
                "income:本年收入合计".into(),
                "决算数".into()
            ),
            (Rule::Total, summary, "income:总计".into(), "决算数".into()),
        ]
    );
}

/// A 政府性基金 table with only its 合计 row and the given printed notes.
fn fund(values: Value, notes: Vec<&str>) -> Filing {
    let tables = json!([{
        "id": "government_fund", "title": "政府性基金预算财政拨款收入支出决算表", "unit": "万元",
        "rows": [{"item": "合计", "values": values}], "notes": notes
    }]);
    Filing {
        tables: serde_json::from_value(tables).unwrap(),
        facts: BTreeMap::new(),
        performance: Vec::new(),
    }
}

#[test]
fn year_end_balance_is_opening_plus_income_less_spending() {
    let good = json!({"年初结转和结余": 1.00, "本年收入": 4.00, "本年支出/小计": 3.00, "本年支出/项目支出": 3.00, "年末结转和结余": 2.00});
    assert!(failures(&fund(good.clone(), vec![]).checks()).is_empty());
    let mut bad = good;
    bad["年末结转和结余"] = json!(2.50);
    let cell = ["government_fund", "合计", "年末结转和结余"];
    only_failure(&fund(bad, vec![]), Rule::RowSum, cell);
}

#[test]
fn printed_column_notes_replace_the_assumed_identities() {
    let values = json!({"年初结转和结余": 1.00, "本年收入": 4.00, "本年支出/小计": 3.00, "本年支出/项目支出": 3.00, "年末结转和结余": 2.00});
    let filing = fund(values, vec!["6栏各行=（1+2-3）栏各行"]);
    let checks = filing.checks();
    assert_eq!(checks.len(), 1, "{checks:?}");
    assert_eq!(
        (
            checks[0].column.as_str(),
            checks[0].detail.as_str(),
            checks[0].status
        ),
        ("年末结转和结余", "6栏各行=(1+2-3)栏各行", Status::Pass)
    );
}

/// An 支出决算表 in 元 whose 合计 row prints `total` against 500 + 500.
fn in_yuan(total: &str, basic: &str) -> Filing {
    let tables = json!([{
        "id": "expenditure", "title": "支出决算表", "unit": "元",
        "rows": [{"item": "合计", "values": {"本年支出合计": total, "基本支出": basic, "项目支出": 500}}]
    }]);
    Filing {
        tables: serde_json::from_value(tables).unwrap(),
        facts: BTreeMap::new(),
        performance: Vec::new(),
    }
}

#[test]
fn a_table_in_whole_yuan_rounds_to_the_yuan() {
    let status = |filing: Filing| filing.checks()[0].status;
    assert_eq!(status(in_yuan("1001", "500")), Status::Rounding);
    assert_eq!(status(in_yuan("1001.00", "500.00")), Status::Fail);
    assert_eq!(status(in_yuan("1003", "500")), Status::Fail);
}
