//! The reader's checks on real sample text: `direction`, `completeness`,
//! `year`, `wording`, the arithmetic the narrative implies, and an empty
//! table read as zeros. Each error of a class put into a right filing's
//! text is caught by exactly its own check; the filings as printed raise
//! none of them.

mod common;

use common::*;
use juesuan_extract::Document;
use juesuan_normalize::facts::{self, narrative::Narrative};
use juesuan_normalize::{checks, Check, Filing, Performance, Row, Status, Table};

struct Sample {
    name: &'static str,
    /// Real pages prepended to the narrative fixture (the 目录, a table's
    /// page), as `pdftotext -raw` prints them.
    pages: &'static str,
}

/// Putuo's 目录 (p2), its empty 政府性基金 table with its note (p19) and
/// its definition of 机关运行经费 (p26).
const PUTUO_PAGES: &str = "=== page 2 ===
目 录
第一部分 上海市普陀区财政局概况
第二部分 上海市普陀区财政局2024年度部门决算表
一、收入支出决算总表
二、收入决算表
三、支出决算表
四、财政拨款收入支出决算总表
五、一般公共预算财政拨款支出决算表
六、一般公共预算财政拨款基本支出决算表
七、财政拨款“三公”经费支出决算表
八、政府性基金预算财政拨款收入支出决算表
九、国有资本经营预算财政拨款收入支出决算表
第三部分 上海市普陀区财政局2024年度部门决算情况说明
=== page 19 ===
政府性基金预算财政拨款收入支出决算表
单位：万元
科目名称 小计 基本支出 项目支出
合计
注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。
=== page 26 ===
十一、机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共
预算财政拨款安排的基本支出中的日常公用经费支出。
";

const PUTUO_FINANCE: Sample = Sample {
    name: "shanghai-putuo-finance-bureau-2024-final",
    pages: PUTUO_PAGES,
};
const XIAN: Sample = Sample {
    name: "shaanxi-xian-health-commission-2022-final",
    pages: "=== page 24 ===
（二）部门整体支出绩效自评结果。
根据年度设定的绩效目标，部门整体支出自评得分99.5，全
年预算数2,495,142.55万元，执行数2074962.01万元，完成预算
的83.16%。本年度本部门总体运行情况及取得的成绩：
",
};
const PUTUO_SOCIAL: Sample = Sample {
    name: "shanghai-putuo-social-work-dept-2024-final",
    pages: "",
};
const WUHAN_TEXT: &str = "wuhan-hongshan-digital-center-2019-final";

fn golden(name: &str) -> serde_json::Value {
    let path = format!("{ROOT}/../../tests/golden/{name}.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn golden_tables(name: &str) -> Vec<Table> {
    serde_json::from_value(golden(name)["tables"].clone()).unwrap()
}

fn golden_filing(name: &str) -> Filing {
    serde_json::from_value(golden(name)["filing"].clone()).unwrap()
}

/// Every check of a filing from its running text, tables and 绩效 forms.
fn all_checks(name: &str, doc: &Document, tables: &[Table]) -> Vec<Check> {
    let text = Narrative::new(doc.lines());
    let facts = facts::extract_from(&text);
    let filing = golden_filing(name);
    let forms: Vec<Performance> =
        serde_json::from_value(golden(name)["performance"].clone()).unwrap_or_default();
    checks::run(&filing, tables, &facts, &forms, Some(&text), &[])
}

/// (rule, table, row, column) of every failing check.
fn fails(checks: &[Check]) -> Vec<(String, String, String, String)> {
    checks
        .iter()
        .filter(|c| c.status == Status::Fail)
        .map(|c| {
            let rule = serde_json::to_value(c.rule).unwrap();
            (
                rule.as_str().unwrap().to_string(),
                c.table.clone(),
                c.row.clone(),
                c.column.clone(),
            )
        })
        .collect()
}

fn show(checks: &[Check]) -> String {
    checks
        .iter()
        .filter(|c| c.status == Status::Fail)
        .map(|c| {
            format!(
                "{:?} {} {} {} | {}\n",
                c.rule, c.table, c.row, c.column, c.detail
            )
        })
        .collect()
}

impl Sample {
    fn text(&self) -> String {
        format!("{}{}", self.pages, fixture_text(self.name))
    }

    fn checks(&self, text: &str, tables: &[Table]) -> Vec<Check> {
        all_checks(self.name, &fixture_document(text), tables)
    }

    /// The failures `change` (of the text, the tables) adds to the filing's
    /// own: exactly `want` (rule, table, row, column; row `*`: the printed
    /// phrase, whatever it is), or none.
    fn adds(
        &self,
        change: impl Fn(&mut String, &mut Vec<Table>),
        want: Option<(&str, &str, &str, &str)>,
    ) {
        let (mut text, mut tables) = (self.text(), golden_tables(self.name));
        let before = fails(&self.checks(&text, &tables));
        change(&mut text, &mut tables);
        let after = self.checks(&text, &tables);
        let new: Vec<_> = fails(&after)
            .into_iter()
            .filter(|f| !before.contains(f))
            .collect();
        let matches = |f: &(String, String, String, String), want: (&str, &str, &str, &str)| {
            (f.0.as_str(), f.1.as_str(), f.3.as_str()) == (want.0, want.1, want.3)
                && (want.2 == "*" || f.2 == want.2)
        };
        let ok = match want {
            Some(want) => new.len() == 1 && matches(&new[0], want),
            None => new.is_empty(),
        };
        assert!(
            ok,
            "{}: want {want:?}, got {new:?}\n{}",
            self.name,
            show(&after)
        );
    }

    /// `printed` (once in the text) changed to `injected`.
    fn inject(&self, printed: &str, injected: &str, want: (&str, &str, &str, &str)) {
        assert_eq!(
            self.text().matches(printed).count(),
            1,
            "{printed} not unique"
        );
        self.adds(
            |text, _| *text = text.replace(printed, injected),
            Some(want),
        );
    }
}

/// The reader's rules fail nothing on the filings as printed (Putuo's one
/// narrative slip and share are `narrative`, not theirs).
#[test]
fn the_samples_as_printed_raise_no_reader_failure() {
    for sample in [&PUTUO_FINANCE, &PUTUO_SOCIAL] {
        let c = sample.checks(&sample.text(), &golden_tables(sample.name));
        let reader: Vec<_> = fails(&c)
            .into_iter()
            .filter(|f| ["direction", "completeness", "year", "wording"].contains(&f.0.as_str()))
            .collect();
        assert!(reader.is_empty(), "{}: {reader:?}", sample.name);
        // Every comparison word and implied identity was read.
        let passes = |rule: &str| {
            c.iter()
                .filter(|c| c.status != Status::Fail)
                .filter(|c| serde_json::to_value(c.rule).unwrap() == rule)
                .count()
        };
        assert!(passes("direction") >= 8, "{}", sample.name);
    }
}

#[test]
fn a_comparison_word_against_its_numbers() {
    // 1511.89 of 1560.05 is less, not more.
    PUTUO_FINANCE.inject(
        "决算数小于预算数的主要原因：人员进出及退休变化",
        "决算数大于预算数的主要原因：人员进出及退休变化",
        ("direction", "general_budget_expenditure", "2010601", "合计"),
    );
    // 10.00 of 10.00 is the same, not less.
    PUTUO_FINANCE.inject(
        "决算数与预算数基本持平。\n3、",
        "决算数小于预算数。\n3、",
        ("direction", "general_budget_expenditure", "2010602", "合计"),
    );
    // One change, two directions.
    PUTUO_FINANCE.inject(
        "下降1.87%",
        "增长1.87%",
        ("direction", "narrative", "*", "direction"),
    );
}

#[test]
fn arithmetic_the_narrative_implies() {
    // 56.95 of 3052.34 is 1.87%.
    PUTUO_FINANCE.inject(
        "下降1.87%",
        "下降1.78%",
        ("narrative", "narrative", "收入支出总计", "增减%"),
    );
    // 4.79 + 0 + 246.47.
    PUTUO_FINANCE.inject(
        "服务采购金额246.47万元",
        "服务采购金额264.47万元",
        ("narrative", "narrative", "政府采购", "合计"),
    );
    // The 基本支出 of the 一般公共预算 table.
    PUTUO_FINANCE.inject(
        "一般公共预算财政拨款基本支出2336.91万元",
        "一般公共预算财政拨款基本支出2363.91万元",
        (
            "narrative",
            "general_budget_expenditure",
            "合计",
            "基本支出",
        ),
    );
    // 机关运行经费 is the 公用经费 by the filing's own definition (its
    // growth restated to fit, so that only the amount is wrong).
    PUTUO_FINANCE.inject(
        "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%",
        "机关运行经费支出194.65万元，比2023年度增加2.55万元，增长1.33%",
        (
            "narrative",
            "general_budget_basic_expenditure",
            "公用经费合计",
            "决算数",
        ),
    );
}

/// The narrative's score of the 部门整体 form against the form.
#[test]
fn a_stated_score_against_its_form() {
    XIAN.inject(
        "部门整体支出自评得分99.5",
        "部门整体支出自评得分95.5",
        ("narrative", "performance", "西安市卫生健康委员会", "score"),
    );
}

#[test]
fn placeholders_and_doubled_marks() {
    PUTUO_FINANCE.inject(
        "上海市普陀区财政局2024年度政府采购金额",
        "上海市普陀区XX局2024年度政府采购金额",
        ("wording", "narrative", "*", "placeholder"),
    );
    PUTUO_FINANCE.inject(
        "减少人员经费开支。",
        "减少人员经费开支。。",
        ("wording", "narrative", "*", "punctuation"),
    );
}

#[test]
fn a_year_not_the_filings() {
    PUTUO_FINANCE.inject(
        "截至2024年12月31日",
        "截至2023年12月31日",
        ("year", "narrative", "*", "year"),
    );
    PUTUO_FINANCE.inject(
        "上海市普陀区财政局\n2024年度部门决算\n",
        "上海市普陀区财政局\n2023年度部门决算\n",
        ("year", "narrative", "*", "year"),
    );
    // A comparison with the year before is none.
    PUTUO_FINANCE.adds(
        |text, _| *text = text.replace("与2023年度相比", "与2022年度相比"),
        None,
    );
}

#[test]
fn a_table_missing_or_empty_without_its_note() {
    // The 目录 lists it, the standard set has it.
    PUTUO_FINANCE.adds(
        |_, tables| tables.retain(|t| t.id != "state_capital"),
        Some(("completeness", "state_capital", "", "")),
    );
    // The note under the table and the narrative's word for it (无政府性
    // 基金预算财政拨款收入和支出) both gone.
    PUTUO_FINANCE.adds(
        |text, _| {
            *text = text
                .replace(
                    "注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。\n",
                    "",
                )
                .replace(
                    "上海市普陀区财政局2024年度无政府性基金预算财政拨款收入和支出。",
                    "",
                )
        },
        Some(("completeness", "government_fund", "", "note")),
    );
}

/// A blank “三公” table is zeros: a 预算 of 0.95 against it fails.
#[test]
fn an_empty_table_counts_as_zeros() {
    PUTUO_SOCIAL.inject(
        "中共上海市普陀区委社会工作部 2024 年度无“三公”经费财政\n拨款支出。",
        "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元。",
        ("narrative", "three_public", "合计", "预算数"),
    );
}

/// A budget's item against its table's year before (国家信访局 2026, p21):
/// 增加 where the 2025 执行数 25,143.24 is more than the 3,623.98 budgeted.
#[test]
fn a_budget_item_against_the_year_before_in_its_table() {
    let row = |code: &str, name: &str, values: &[(&str, &str)]| Row {
        code: Some(code.into()),
        name: Some(name.into()),
        values: values
            .iter()
            .map(|(k, v)| (k.to_string(), v.parse().unwrap()))
            .collect(),
        ..Row::default()
    };
    // The class and 款 print the 项's numbers (the others left out).
    let values = &[
        ("合计", "3623.98"),
        ("2025年执行数/执行数", "25143.24"),
        ("2025年执行数/扣除中央基建投资后执行数", "1601.04"),
    ];
    let table = Table {
        id: "budget_general_expenditure".into(),
        unit: Some("万元".into()),
        pages: vec![8],
        rows: vec![
            row("201", "一般公共服务支出", values),
            row("20140", "信访事务", values),
            row("2014099", "其他信访事务支出", values),
        ],
        ..Table::default()
    };
    let item = "6.一般公共服务支出（类）信访事务（款）其他信访事务支出（项）2026年预算数为3,623.98万元，比2025年执行数增加2,022.94万元，增幅126.35%，主要是相关工作任务增加。";
    let run = |text: &str| {
        let doc = text_dump(text);
        let narrative = Narrative::new(doc.lines());
        let filing = Filing {
            kind: Some("budget".into()),
            year: Some(2026),
            ..Filing::default()
        };
        checks::run(
            &filing,
            std::slice::from_ref(&table),
            &Default::default(),
            &[],
            Some(&narrative),
            &[],
        )
    };
    let c = run(item);
    assert_eq!(
        fails(&c),
        [(
            "direction".to_string(),
            "budget_general_expenditure".to_string(),
            "2014099".to_string(),
            "合计".to_string()
        )],
        "{}",
        show(&c)
    );
    // Said of the comparison without 中央基建, it holds: no check.
    let qualified = item.replace("比2025年执行数", "扣除中央基建投资后比2025年执行数");
    assert!(fails(&run(&qualified)).is_empty());
}

/// A budget's 财政拨款收支总预算 against its 财政拨款收支总表 (国家信访局
/// 2026, p18: 18,728.91 stated, 18,728.94 printed).
#[test]
fn a_budget_total_against_its_table() {
    let total = Row {
        side: Some(juesuan_normalize::Side::Income),
        item: Some("总计".into()),
        values: [("预算数".to_string(), "18728.94".parse().unwrap())].into(),
        ..Row::default()
    };
    let table = Table {
        id: "budget_fiscal_summary".into(),
        unit: Some("万元".into()),
        rows: vec![total],
        ..Table::default()
    };
    let filing = Filing {
        kind: Some("budget".into()),
        year: Some(2026),
        ..Filing::default()
    };
    let run = |text: &str| {
        let doc = text_dump(text);
        let narrative = Narrative::new(doc.lines());
        let tables = std::slice::from_ref(&table);
        checks::run(
            &filing,
            tables,
            &Default::default(),
            &[],
            Some(&narrative),
            &[],
        )
    };
    let said = "四、关于财政拨款收支总表的说明\n2026年国家信访局财政拨款收支总预算18,728.91万元。";
    let want = [(
        "narrative".to_string(),
        "budget_fiscal_summary".to_string(),
        "income:总计".to_string(),
        "预算数".to_string(),
    )];
    assert_eq!(fails(&run(said)), want);
    assert!(fails(&run(&said.replace("18,728.91", "18,728.94"))).is_empty());
}

/// The text dump reads the same way: Wuhan's statements raise no reader
/// failure.
#[test]
fn the_text_dump_raises_no_reader_failure() {
    let doc = text_sample(WUHAN_TEXT);
    let c = all_checks(WUHAN_TEXT, &doc, &golden_tables(WUHAN_TEXT));
    let reader: Vec<_> = fails(&c)
        .into_iter()
        .filter(|f| f.0 != "hierarchy")
        .collect();
    assert!(reader.is_empty(), "{reader:?}\n{}", show(&c));
}
