//! The narrative's amounts beyond the fact keys (class structure, 类/款/项
//! completion, income and spending structure, 人员经费 / 公用经费, “三公”
//! sub-items) against the golden tables of the samples: every statement
//! of a right filing passes, and a number changed in the narrative fails
//! exactly its own check.

mod common;

use common::*;
use juesuan_extract::Document;
use juesuan_normalize::facts::{self, narrative::Narrative};
use juesuan_normalize::{checks, Check, Status, Table};

fn golden_tables(name: &str) -> Vec<Table> {
    let path = format!("{ROOT}/../../tests/golden/{name}.json");
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    serde_json::from_value(record["tables"].clone()).unwrap()
}

/// The checks the running text adds to those of the fact keys.
fn narrative_checks(doc: &Document, tables: &[Table]) -> Vec<Check> {
    let text = Narrative::new(doc.lines());
    let facts = facts::extract_from(&text);
    let without = checks::run(&Default::default(), tables, &facts, &[], None, &[]);
    let with = checks::run(&Default::default(), tables, &facts, &[], Some(&text), &[]);
    // Without 绩效 checks, the new ones come last.
    assert_eq!(with[..without.len()].len(), without.len());
    with[without.len()..].to_vec()
}

fn count(checks: &[Check], status: Status) -> usize {
    checks.iter().filter(|c| c.status == status).count()
}

fn show(checks: &[Check]) -> String {
    checks
        .iter()
        .map(|c| {
            format!(
                "{:?} {} {} {} {} {} | {}\n",
                c.status, c.table, c.row, c.column, c.expected, c.actual, c.detail
            )
        })
        .collect()
}

/// (table, row, column) of every failing check.
fn fails(checks: &[Check]) -> Vec<(String, String, String)> {
    checks
        .iter()
        .filter(|c| c.status == Status::Fail)
        .map(|c| (c.table.clone(), c.row.clone(), c.column.clone()))
        .collect()
}

fn cells(cells: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    cells
        .iter()
        .map(|(t, r, c)| (t.to_string(), r.to_string(), c.to_string()))
        .collect()
}

/// Every check of the filing (tables, facts, the running text).
fn all_checks(doc: &Document, tables: &[Table]) -> Vec<Check> {
    let text = Narrative::new(doc.lines());
    checks::run(
        &Default::default(),
        tables,
        &facts::extract_from(&text),
        &[],
        Some(&text),
        &[],
    )
}

struct Sample {
    name: &'static str,
    /// The text dump of `samples/text/` (else a narrative fixture).
    dump: bool,
}

impl Sample {
    const fn dump(name: &'static str) -> Sample {
        Sample { name, dump: true }
    }

    const fn fixture(name: &'static str) -> Sample {
        Sample { name, dump: false }
    }

    fn text(&self) -> String {
        if self.dump {
            text_sample_text(self.name)
        } else {
            fixture_text(self.name)
        }
    }

    fn document(&self, text: &str) -> Document {
        if self.dump {
            text_dump(text)
        } else {
            fixture_document(text)
        }
    }

    /// The new checks of the filing as printed: (pass, rounding, fail).
    fn counts(&self) -> (usize, usize, usize) {
        let c = narrative_checks(&self.document(&self.text()), &golden_tables(self.name));
        eprintln!("{}:\n{}", self.name, show(&c));
        (
            count(&c, Status::Pass),
            count(&c, Status::Rounding),
            count(&c, Status::Fail),
        )
    }

    /// `printed` changed to `injected` (once) in the narrative: exactly the
    /// check of `cell` fails besides those failing on the filing as printed.
    fn inject(&self, printed: &str, injected: &str, cell: (&str, &str, &str)) {
        let text = self.text();
        assert_eq!(text.matches(printed).count(), 1, "{printed} not unique");
        let tables = golden_tables(self.name);
        let before = fails(&all_checks(&self.document(&text), &tables));
        let after = all_checks(&self.document(&text.replace(printed, injected)), &tables);
        let mut expected = before.clone();
        expected.extend(cells(&[cell]));
        expected.sort();
        let mut got = fails(&after);
        got.sort();
        assert_eq!(got, expected, "{}", show(&after));
    }
}

const WUHAN: Sample = Sample::dump("wuhan-hongshan-digital-center-2019-final");
const FOSHAN: Sample = Sample::fixture("guangdong-foshan-rail-transit-2019-final");
const XIAN: Sample = Sample::fixture("shaanxi-xian-health-commission-2022-final");
const PUTUO_FINANCE: Sample = Sample::fixture("shanghai-putuo-finance-bureau-2024-final");
const PUTUO_SOCIAL: Sample = Sample::fixture("shanghai-putuo-social-work-dept-2024-final");
const TEMPLATE: Sample = Sample::fixture("shanghai-template-2024-final");

/// Every new check of a filing as printed, (pass, rounding, fail): all
/// pass but for rounding the filing shows and one slip of its own. Besides
/// the restated amounts: each item's 决算数大于/小于预算数 (direction), the
/// year-on-year % of each change, the 政府采购 total (Putuo's 4.79 + 0 +
/// 246.47 for 251.25: rounding), the 基本支出 and 机关运行经费.
#[test]
fn the_samples_state_what_their_tables_print() {
    let expected = [
        // Class structure and completion (221: 86.60 printed for the
        // table's 86.59, and the share 95.45 of 201 off by a digit:
        // rounding), income and spending shares, 人员/公用经费, five “三公”
        // sub-items.
        (&WUHAN, (33, 2, 0)),
        // 三公 sub-items in two phrasings with their shares; income and
        // spending items each printed on its own numbered line.
        (&FOSHAN, (16, 0, 0)),
        // Income and spending shares, the completion rate of the whole;
        // 三公 sub-items with their 预算, 决算 and completion rate.
        (&XIAN, (19, 0, 0)),
        // 类（类）款（款）项（项） items, class structure, 人员/公用经费; the
        // filing's own slip (below).
        (&PUTUO_FINANCE, (46, 1, 1)),
        // Items whose heading wraps over lines (and a page), completion of
        // the 全年预算 where it says so.
        (&PUTUO_SOCIAL, (36, 1, 0)),
        // A blank template (XX for every number) states nothing.
        (&TEMPLATE, (0, 0, 0)),
    ];
    let got: Vec<(&str, (usize, usize, usize))> =
        expected.iter().map(|(s, _)| (s.name, s.counts())).collect();
    let want: Vec<(&str, (usize, usize, usize))> =
        expected.iter().map(|(s, c)| (s.name, *c)).collect();
    assert_eq!(got, want);
}

/// 一般公共服务 2106.66 万元 is 71.65% of 2940.05, not the printed 71.73%
/// (the filing's shares sum to 100.07%).
#[test]
fn putuo_finance_misprints_a_share() {
    let c = narrative_checks(
        &PUTUO_FINANCE.document(&PUTUO_FINANCE.text()),
        &golden_tables(PUTUO_FINANCE.name),
    );
    assert_eq!(
        fails(&c),
        cells(&[("general_budget_expenditure", "201", "合计/占比")])
    );
}

/// One number of a right filing's narrative changed: exactly its own
/// check fails (a class amount, a share, completion rates, an item's 决算,
/// 人员/公用经费, “三公” sub-items with their budget and share, income
/// and spending items).
#[test]
fn an_injected_error_fails_exactly_its_check() {
    #[rustfmt::skip]
    let cases = [
        (&WUHAN, "一般公共服务(类)支出 2,726.06 万元", "一般公共服务(类)支出 2,762.06 万元", ("general_budget_expenditure", "201", "合计")),
        (&WUHAN, "12.71 万元，占 0.45%", "12.71 万元，占 0.54%", ("general_budget_expenditure", "208", "合计/占比")),
        (&WUHAN, "完成年初预算的 147.01%", "完成年初预算的 174.01%", ("general_budget_expenditure", "201", "合计/完成率")),
        (&WUHAN, "完成年初预算的 143.83%", "完成年初预算的 134.83%", ("general_budget_expenditure", "合计", "合计/完成率")),
        (&PUTUO_FINANCE, "支出决算为135.25万元", "支出决算为153.25万元", ("general_budget_expenditure", "2010607", "合计")),
        (&WUHAN, "人员经费 604.73 万元", "人员经费 640.73 万元", ("general_budget_basic_expenditure", "人员经费合计", "决算数")),
        (&PUTUO_SOCIAL, "公用经费 10.23", "公用经费 12.03", ("general_budget_basic_expenditure", "公用经费合计", "决算数")),
        (&WUHAN, "公务用车运行费 0.7 万元", "公务用车运行费 1.7 万元", ("three_public", "公务用车运行维护费", "决算数")),
        (&FOSHAN, "待费支出 0.16 万元，占", "待费支出 0.61 万元，占", ("three_public", "公务接待费", "决算数")),
        (&FOSHAN, "费 0 万元，占 0%", "费 0 万元，占 10%", ("three_public", "因公出国（境）费", "决算数/占比")),
        (&XIAN, "完成预算的99.09%", "完成预算的90.09%", ("three_public", "公务用车运行维护费", "决算数/完成率")),
        (&XIAN, "公务接待费预算1.86万元", "公务接待费预算2.86万元", ("three_public", "公务接待费", "预算数")),
        (&XIAN, "事业收入1,110,972.11万元", "事业收入1,110,927.11万元", ("income", "合计", "事业收入")),
        (&PUTUO_SOCIAL, "占 65.70%", "占 56.70%", ("expenditure", "合计", "项目支出/占比")),
        (&FOSHAN, "4．事业收入 0 万元", "4．事业收入 2 万元", ("income", "合计", "事业收入")),
        (&WUHAN, "因公出国(境)费支出决算为 0 万元", "因公出国(境)费支出决算为 3 万元", ("three_public", "因公出国（境）费", "决算数")),
    ];
    for (sample, printed, injected, cell) in cases {
        sample.inject(printed, injected, cell);
    }
}

/// The new checks of a narrative written here, over a sample's golden
/// tables, are exactly these (table, row, column, status), in order.
fn assert_checks(sample: &Sample, lines: &[&str], expected: &[(&str, &str, &str, Status)]) {
    let c = narrative_checks(&text_dump(&lines.join("\n")), &golden_tables(sample.name));
    let got: Vec<(&str, &str, &str, Status)> = c
        .iter()
        .map(|c| {
            (
                c.table.as_str(),
                c.row.as_str(),
                c.column.as_str(),
                c.status,
            )
        })
        .collect();
    assert_eq!(got, expected, "{}", show(&c));
}

const GENERAL: &str = "general_budget_expenditure";
const BASIC: &str = "general_budget_basic_expenditure";
const FUND: &str = "government_fund";
const THREE: &str = "three_public";

/// Numbers that are not the 决算 of a named quantity stay unchecked: a
/// change, the year before, a project's 人员经费, a class of the whole
/// department's spending, the 基本支出 of its 财政拨款, a 三公 item outside
/// its section, last year's class list.
#[test]
fn no_check_without_a_pinned_subject() {
    let lines = [
        "三、支出决算情况说明",
        "按照支出功能科目划分，一般公共服务支出 1.00 万元，占总支出的 1.00%。",
        "学校 2023 年度财政拨款支出总计为 237,100.00 万元，其中基本支出 199,015.13 万元，占总支出的 83.94%。",
        "五、2019 年度一般公共预算财政拨款支出决算情况说明",
        "其中：基本支出 665.49 万元，项目支出 2,190.36 万元。项目支出主要用于接警平台人员经费 1.93 万元；公务接待费 9 万元。",
        "上年一般公共预算财政拨款支出 2,870.17 万元，主要用于以下方面：一般公共服务（类）支出 2,700.00 万元，占 94.07%。",
        "七、2019 年度财政拨款“三公”经费支出决算情况说明",
        "与 2018 年相比，公务接待费减少 9.5 万元，2018 年公务接待费 9.5 万元；公务用车运行费比年初预算增加 0.7 万元。",
        // The one statement here that names its quantity.
        "3. 公务接待费支出决算为 0 万元。",
    ];
    assert_checks(
        &WUHAN,
        &lines,
        &[(THREE, "公务接待费", "决算数", Status::Pass)],
    );
}

/// The national template's wording, on Wuhan's tables: a 款 name with
/// `（室）`, a class named without 支出, shares `占…支出的`; a rate of a
/// budget is no share.
#[test]
fn the_national_template_wording() {
    let lines = [
        "五、2019 年度一般公共预算财政拨款支出决算情况说明",
        "2019 年度一般公共预算财政拨款支出 2,855.85 万元，主要用于以下方面：一般公共服务（类）支出 2,726.06 万元，占一般公共预算财政拨款支出的 95.46%；住房保障（类）支出 86.59 万元，占年初预算的 98.36%。",
        "1．一般公共服务（类）政府办公厅（室）及相关机构事务（款）事业运行（项）。年初预算为 500 万元，支出决算为 535.7 万元，完成年初预算的 107.14%。",
        "2．住房保障（类）住房改革支出（款）购房补贴（项）。年初预算为 20 万元，支出决算为 18.23 万元，完成年初预算的 91.15%。",
    ];
    #[rustfmt::skip]
    let expected = [
        (GENERAL, "201", "合计", Status::Pass),
        (GENERAL, "201", "合计/占比", Status::Pass),
        (GENERAL, "221", "合计", Status::Pass),
        (GENERAL, "2010350", "合计", Status::Pass),
        (GENERAL, "2010350", "合计/完成率", Status::Pass),
        (GENERAL, "2210203", "合计", Status::Pass),
        (GENERAL, "2210203", "合计/完成率", Status::Pass),
    ];
    assert_checks(&WUHAN, &lines, &expected);
}

/// The 政府性基金 sentence against its 合计 row (Xi'an's tables), and an
/// amount printed in 元 against a table in 万元.
#[test]
fn the_fund_sentence_and_amounts_in_yuan() {
    let lines = [
        "六、一般公共预算财政拨款基本支出决算情况说明",
        "2022年度一般公共预算财政拨款基本支出98,606.29万元，其中：人员经费965,132,100元，公用经费20,930,800元。",
        "八、政府性基金预算财政拨款收入支出决算情况说明",
        "2022年政府性基金预算财政拨款年初结转和结余58,830.98万元，本年收入509,220.66万元，本年支出568,051.63万元，年末结转和结余0万元。",
    ];
    #[rustfmt::skip]
    let expected = [
        (BASIC, "人员经费合计", "决算数", Status::Pass),
        (BASIC, "公用经费合计", "决算数", Status::Pass),
        (FUND, "合计", "年初结转和结余", Status::Pass),
        (FUND, "合计", "本年收入", Status::Pass),
        (FUND, "合计", "本年支出/小计", Status::Pass),
        (FUND, "合计", "年末结转和结余", Status::Pass),
        (GENERAL, "合计", "基本支出", Status::Pass),
    ];
    assert_checks(&XIAN, &lines, &expected);
}

/// Items run together: each item's 决算 and rate are its own, never the
/// next item's (the first states no 决算 here).
#[test]
fn items_in_one_paragraph_keep_their_numbers() {
    let lines = [
        "五、2019 年度一般公共预算财政拨款支出决算情况说明",
        "1. 社会保障和就业支出（类）。年初预算为 12.71 万元，决算数与预算数持平。2. 卫生健康支出（类）。年初预算为 30.49 万元，支出决算为 30.49 万元，完成年初预算的 100.00%。",
        "一般公共服务支出（类）。主要用于机关运行。",
        "住房保障支出（类）。年初预算为 88.03 万元，支出决算为 86.60 万元，完成年初预算的 98.38%。",
    ];
    #[rustfmt::skip]
    let expected = [
        (GENERAL, "221", "合计", Status::Rounding),
        (GENERAL, "221", "合计/完成率", Status::Pass),
    ];
    assert_checks(&WUHAN, &lines, &expected);
}

/// “三公” sub-items listed with 、 (Xi'an's tables).
#[test]
fn three_public_items_listed() {
    let lines = [
        "九、财政拨款“三公”经费支出决算情况说明",
        "其中：公务用车购置费136.48万元、公务用车运行维护费450.96万元、公务接待费0.11万元。",
    ];
    #[rustfmt::skip]
    let expected = [
        (THREE, "公务用车购置费", "决算数", Status::Pass),
        (THREE, "公务用车运行维护费", "决算数", Status::Pass),
        (THREE, "公务接待费", "决算数", Status::Pass),
    ];
    assert_checks(&XIAN, &lines, &expected);
}
