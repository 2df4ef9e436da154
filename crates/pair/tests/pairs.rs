//! Pairing a harvest, and the lines and checks of a pair, on records made
//! from real filings (`tests/fixtures/records.jsonl`: the 2026 budget of
//! 国家信访局 as its hand-checked golden, and the final accounts of
//! Wuhan 2019 and Putuo 2024 as `juesuan extract` reads them).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde_json::json;

use common::synthetic::Synthetic;
use juesuan_normalize::{Record, Status};
use juesuan_pair::{compare, pair_all, Harvest, Match, Matched, PairKind, What};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/records.jsonl")
}

fn records() -> Vec<Record> {
    std::fs::read_to_string(fixtures())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn record(department: &str) -> Record {
    records()
        .into_iter()
        .find(|r| r.filing.department.as_deref() == Some(department))
        .unwrap()
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn a_synthetic_harvest_pairs_exactly() {
    let s = Synthetic::new(20_000, &fixtures());
    // Pushed in a shuffled order: pairing does not lean on the input's.
    let mut order: Vec<usize> = (0..s.specs.len()).collect();
    order.sort_by_key(|&i| (i * 7919) % s.specs.len());
    let mut harvest = Harvest::default();
    for &i in &order {
        assert!(harvest.push(i, &s.filing(i), &Synthetic::sha256(i)));
    }
    let found = harvest.pairs();
    let got: BTreeSet<_> = found
        .iter()
        .map(|m| (m.kind, m.year, m.base, m.last))
        .collect();
    assert_eq!(got.len(), found.len(), "a pair found twice");
    let missed: Vec<_> = s.expected.difference(&got).take(5).collect();
    let false_pairs: Vec<_> = got.difference(&s.expected).take(5).collect();
    assert!(missed.is_empty(), "missed {missed:?}");
    assert!(false_pairs.is_empty(), "false pairs {false_pairs:?}");
    // Where a year has two filings, only the names printed the same pair.
    let twice = found.iter().find(|m| m.base == 0).unwrap();
    assert_eq!(twice.matched, Matched::Exact);
    assert!(found.iter().any(|m| m.matched == Matched::Folded));
    // And the pair is built from the two records.
    let pair = compare(twice, &s.record(twice.base), &s.record(twice.last));
    assert_eq!(pair.budget.as_ref().unwrap().sha256, Synthetic::sha256(0));
    assert!(!pair.lines.is_empty());
}

#[test]
fn the_same_file_twice_is_one_filing() {
    let mut rs = records();
    rs.push(rs[2].clone());
    let mut next = rs[2].clone();
    next.filing.year = Some(2020);
    next.source.sha256 = "other".into();
    rs.push(next);
    let pairs = pair_all(&rs);
    assert_eq!(pairs.len(), 1, "{pairs:#?}");
    assert_eq!(pairs[0].kind, PairKind::FinalFinal);
    assert_eq!(pairs[0].matched, Matched::Exact);
}

/// Final accounts of 国家信访局 for 2026, made by hand so that each check
/// has a known answer against the golden budget: the 年初预算 stated right,
/// the “三公” 预算数 one cent off in one item (rounding) and wrong in
/// another, and an adjusted budget stated in the narrative.
fn final_for_the_budget() -> Record {
    serde_json::from_value(json!({
        "schema": "juesuan.filing/1",
        "source": {"path": "hand/final.pdf", "sha256": "f1", "format": "pdf"},
        "filing": {"kind": "final_accounts", "year": 2026, "department": "国家信访局（本级）"},
        "tables": [
            {"id": "expenditure", "title": "支出决算表", "pages": [5], "unit": "万元", "empty": false, "rows": [
                {"item": "合计", "values": {"本年支出合计": 49000.5, "基本支出": 11000, "项目支出": 38000.5}},
                {"code": "201", "name": "一般公共服务支出", "values": {"本年支出合计": 46000.5}},
                {"code": "20140", "name": "信访事务", "values": {"本年支出合计": 46000.5}},
                {"code": "208", "name": "社会保障和就业支出", "values": {"本年支出合计": 3000}},
                {"code": "20899", "name": "其他社会保障和就业支出", "values": {"本年支出合计": 3000}},
                {"code": "213", "name": "农林水支出", "values": {"本年支出合计": 0}}
            ]},
            {"id": "general_budget_basic_expenditure", "title": "基本支出决算表", "pages": [7], "unit": "元", "empty": false, "rows": [
                {"code": "301", "name": "工资福利支出", "values": {"决算数": 66000000}},
                {"item": "人员经费合计", "values": {"决算数": 75000000}},
                {"item": "公用经费合计", "values": {"决算数": 23000000}}
            ]},
            {"id": "three_public", "title": "“三公”经费支出决算表", "pages": [8], "unit": "万元", "empty": false, "rows": [
                {"item": "合计", "values": {"预算数": 112.61, "决算数": 100}},
                {"item": "因公出国（境）费", "values": {"预算数": 68.51, "决算数": 60}},
                {"item": "公务接待费", "values": {"预算数": 6.51, "决算数": 5}}
            ]}
        ],
        "performance": [],
        "facts": {
            "general_budget.initial_budget": {"value": 16474.82, "unit": "万元", "page": 11,
                "evidence": "一般公共预算财政拨款支出年初预算为16,474.82万元"},
            "three_public.budget": {"value": 120.5, "unit": "万元", "page": 12,
                "evidence": "“三公”经费财政拨款支出全年预算为120.5万元"}
        },
        "checks": [],
        "diagnostics": []
    }))
    .unwrap()
}

#[test]
fn budget_against_final_accounts() {
    let budget = record("国家信访局");
    let last = final_for_the_budget();
    let pairs = pair_all(&[last.clone(), budget.clone()]);
    assert_eq!(pairs.len(), 1);
    let pair = &pairs[0];
    assert_eq!((pair.kind, pair.year), (PairKind::BudgetFinal, 2026));
    assert_eq!(pair.matched, Matched::Folded);
    assert_eq!(pair.department, "国家信访局（本级）");

    let line = |what: What, row: &str, column: Option<&str>| {
        pair.lines
            .iter()
            .find(|l| l.what == what && l.row == row && l.column.as_deref() == column)
            .unwrap_or_else(|| panic!("no line {what:?} {row} {column:?}"))
    };
    // 类: budget 47179.30 (支出表), final 46000.50.
    let l = line(What::Expenditure, "201", Some("合计"));
    assert_eq!((l.budget, l.last), (Some(d("47179.3")), Some(d("46000.5"))));
    assert_eq!(l.diff, Some(d("-1178.8")));
    assert_eq!(l.rate, Some(d("97.50")));
    // 款 where both print it; one only the final prints is left out.
    assert!(pair.lines.iter().any(|l| l.row == "20140"));
    assert!(!pair
        .lines
        .iter()
        .any(|l| l.row == "20899" || l.row == "20805"));
    // A class only one side prints keeps that side alone.
    let l = line(What::Expenditure, "221", Some("合计"));
    assert_eq!((l.budget, l.last, l.diff), (Some(d("1111.44")), None, None));
    let l = line(What::Expenditure, "213", Some("合计"));
    assert_eq!((l.budget, l.last), (None, Some(d("0"))));
    // 基本 / 项目 on the 合计 row.
    let l = line(What::Expenditure, "合计", Some("项目支出"));
    assert_eq!(
        (l.budget, l.last),
        (Some(d("39560.87")), Some(d("38000.5")))
    );
    // 人员 / 公用经费: the final's table is in 元, lines in 万元.
    let l = line(What::BasicExpenditure, "人员经费", None);
    assert_eq!((l.budget, l.last), (Some(d("7504.62")), Some(d("7500"))));
    let l = line(What::BasicExpenditure, "301", None);
    assert_eq!((l.budget, l.last), (Some(d("6620.08")), Some(d("6600"))));
    // “三公”: budget 预算数 against final 决算数.
    let l = line(What::ThreePublic, "公务接待费", None);
    assert_eq!((l.budget, l.last), (Some(d("5.51")), Some(d("5"))));
    assert_eq!(l.rate, Some(d("90.74")));
    // The budget's income by source; no final income table here.
    let l = line(What::Income, "本年收入合计", None);
    assert_eq!((l.budget, l.last), (Some(d("48362.82")), None));

    let check = |row: &str| {
        pair.checks
            .iter()
            .find(|c| c.row == row)
            .unwrap_or_else(|| panic!("no check on {row}: {:#?}", pair.checks))
    };
    // 年初预算 stated against the budget's 一般公共预算 合计.
    let c = check("合计");
    assert_eq!(c.table, "budget_general_expenditure");
    assert_eq!(
        (c.expected, c.actual, c.status),
        (d("16474.82"), d("16474.82"), Status::Pass)
    );
    assert_eq!(c.page, Some(11));
    assert!(c.detail.contains("年初预算"), "{}", c.detail);
    // The final's “三公” 预算数 item by item.
    let tp = |item: &str| {
        pair.checks
            .iter()
            .find(|c| c.table == "budget_three_public" && c.row == item)
            .unwrap()
    };
    assert_eq!(tp("合计").status, Status::Pass);
    assert_eq!(tp("因公出国（境）费").status, Status::Rounding);
    let c = tp("公务接待费");
    assert_eq!(
        (c.expected, c.actual, c.status),
        (d("5.51"), d("6.51"), Status::Fail)
    );
    // The narrative's 全年预算 is not the 年初预算: noted, not compared.
    assert!(!pair.checks.iter().any(|c| c.row == "three_public.budget"));
    assert!(pair.notes.iter().any(|n| n.contains("three_public.budget")));
    assert!(pair
        .checks
        .iter()
        .all(|c| c.rule == juesuan_normalize::Rule::CrossFiling));
}

#[test]
fn final_accounts_against_the_year_before() {
    // Wuhan 2019 states: 收、支总计各减少 10.21 万元, 下降 0.36%; 财政拨款
    // 收、支总计各减少 14.32 万元, 下降 0.50%; “三公” 比 2018 年减少 5.47
    // 万元. A 2018 filing printing the totals those imply agrees.
    let now = record("武汉市洪山区城市数字化服务中心");
    let mut then = now.clone();
    then.filing.year = Some(2018);
    then.source.sha256 = "2018".into();
    let set = |r: &mut Record, table: &str, item: &str, column: &str, value: &str| {
        let t = r.tables.iter_mut().find(|t| t.id == table).unwrap();
        for row in t
            .rows
            .iter_mut()
            .filter(|row| row.item.as_deref() == Some(item))
        {
            row.values.insert(column.into(), d(value));
        }
    };
    set(
        &mut then,
        "income_expenditure_summary",
        "总计",
        "决算数",
        "2870.28",
    );
    set(&mut then, "fiscal_summary", "总计", "决算数", "2870.17");
    set(&mut then, "three_public", "合计", "决算数", "6.17");
    let m = Match {
        kind: PairKind::FinalFinal,
        year: 2019,
        base: 0,
        last: 1,
        matched: Matched::Exact,
    };
    let pair = compare(&m, &then, &now);
    assert!(pair.previous.is_some() && pair.budget.is_none());
    let statuses: Vec<_> = pair
        .checks
        .iter()
        .map(|c| (c.table.as_str(), c.column.as_str(), c.status))
        .collect();
    assert_eq!(
        statuses,
        [
            ("income_expenditure_summary", "比上年增减", Status::Pass),
            ("income_expenditure_summary", "比上年增减%", Status::Pass),
            ("fiscal_summary", "比上年增减", Status::Pass),
            ("fiscal_summary", "比上年增减%", Status::Pass),
            ("three_public", "比上年增减", Status::Pass),
        ],
        "{:#?}",
        pair.checks
    );
    let c = &pair.checks[0];
    assert_eq!((c.expected, c.actual), (d("-10.21"), d("-10.21")));
    assert!(
        c.detail.contains("2019 2860.07 − 2018 2870.28"),
        "{}",
        c.detail
    );
    // A year before that printed another total: the change fails; its
    // percentage is also read on the stated change (−10.21 / 2880.28 =
    // −0.35%, one digit off the printed −0.36%), so the one error is
    // reported once.
    let total = |r: &mut Record, v| set(r, "income_expenditure_summary", "总计", "决算数", v);
    total(&mut then, "2880.28");
    let pair = compare(&m, &then, &now);
    assert_eq!(pair.checks[0].status, Status::Fail);
    assert_eq!(pair.checks[0].expected, d("-20.21"));
    assert_eq!(
        pair.checks[1].status,
        Status::Rounding,
        "{:#?}",
        pair.checks[1]
    );
    // A percentage neither reading gives fails.
    total(&mut then, "3870.28");
    let pair = compare(&m, &then, &now);
    assert_eq!(pair.checks[1].status, Status::Fail);
    // Lines: previous against final.
    let l = pair
        .lines
        .iter()
        .find(|l| l.what == What::ThreePublic && l.row == "合计")
        .unwrap();
    assert_eq!(
        (l.previous, l.last, l.diff),
        (Some(d("6.17")), Some(d("0.7")), Some(d("-5.47")))
    );
}

#[test]
fn a_budget_read_with_its_carry_over() {
    // 年初预算 stated as the 一般公共预算拨款 with its 上年结转 (16,474.82 +
    // 2,254.12 in the budget's 财政拨款收支总表): that reading is the one
    // restated, and said; a figure no reading gives fails on the first.
    let budget = record("国家信访局");
    let mut last = final_for_the_budget();
    let fact = last.facts.get_mut("general_budget.initial_budget").unwrap();
    fact.value = d("18728.94");
    let m = Match {
        kind: PairKind::BudgetFinal,
        year: 2026,
        base: 0,
        last: 1,
        matched: Matched::Folded,
    };
    let pair = compare(&m, &budget, &last);
    let c = &pair.checks[0];
    assert_eq!(c.status, Status::Pass, "{c:#?}");
    assert_eq!(c.table, "budget_fiscal_summary");
    assert!(c.detail.contains("上年结转"), "{}", c.detail);
    last.facts
        .get_mut("general_budget.initial_budget")
        .unwrap()
        .value = d("17000");
    let c = &compare(&m, &budget, &last).checks[0];
    assert_eq!(
        (c.status, c.table.as_str()),
        (Status::Fail, "budget_general_expenditure")
    );
    assert_eq!(c.diff, d("525.18"));
}

#[test]
fn a_consolidated_budget_against_own_level_accounts_is_said() {
    let mut budget = record("国家信访局");
    budget.filing.department = Some("国家信访局（汇总）".into());
    let pairs = pair_all(&[budget, final_for_the_budget()]);
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0].matched, Matched::Folded);
    assert!(
        pairs[0]
            .notes
            .iter()
            .any(|n| n.contains("汇总 against 本级")),
        "{:?}",
        pairs[0].notes
    );
}

#[test]
fn a_final_table_printing_its_initial_budget() {
    // Some final accounts print 年初预算数 (and 调整预算数) columns in their
    // 一般公共预算财政拨款支出决算表; the 年初 ones are the budget's 预算数
    // row by row, the adjusted ones are only noted.
    let mut last = final_for_the_budget();
    last.tables.push(
        serde_json::from_value(json!({
            "id": "general_budget_expenditure", "title": "一般公共预算财政拨款支出决算表",
            "pages": [6], "unit": "万元", "empty": false, "rows": [
                {"item": "合计", "values": {"年初预算数/合计": 16474.82, "年初预算数/基本支出": 9880.88, "调整预算数": 17000, "合计": 16000}},
                {"code": "201", "name": "一般公共服务支出", "values": {"年初预算数/合计": 13144.37, "合计": 12000}},
                {"code": "208", "name": "社会保障和就业支出", "values": {"年初预算数/合计": 2100, "合计": 2000}}
            ]
        }))
        .unwrap(),
    );
    let pairs = pair_all(&[record("国家信访局"), last]);
    let found: Vec<_> = pairs[0]
        .checks
        .iter()
        .filter(|c| c.table == "budget_general_expenditure")
        .map(|c| (c.row.as_str(), c.column.as_str(), c.expected, c.status))
        .collect();
    assert_eq!(
        found,
        [
            // The narrative's 年初预算 first, then the table's, column by column.
            ("合计", "合计", d("16474.82"), Status::Pass),
            ("合计", "合计", d("16474.82"), Status::Pass),
            ("201", "合计", d("13144.37"), Status::Pass),
            ("208", "合计", d("2156.86"), Status::Fail),
            ("合计", "基本支出", d("9880.88"), Status::Pass),
        ]
    );
    assert!(pairs[0].notes.iter().any(|n| n.contains("调整预算数")));
    // And the lines read the 决算 columns, not the budget ones.
    let l = pairs[0]
        .lines
        .iter()
        .find(|l| {
            l.what == What::GeneralBudgetExpenditure
                && l.row == "合计"
                && l.column.as_deref() == Some("合计")
        })
        .unwrap();
    assert_eq!((l.budget, l.last), (Some(d("16474.82")), Some(d("16000"))));
}
