//! Facts and filing metadata of the sample filings, end to end: the text
//! dump read from `samples/text/`, the PDFs through their narrative pages
//! as `pdftotext -raw` prints them (`tests/fixtures/narrative/`, see the
//! README there). Every value, unit, page and evidence below was checked
//! by hand against the printed page (and the value against the golden
//! records of `shared/golden/`); a fact the filing does not state must not
//! appear.

use std::str::FromStr;

mod common;

use common::{fixture, text_sample};
use juesuan_extract::Document;
use juesuan_normalize::{facts, filing};
use rust_decimal::Decimal;

/// (key, value, unit, page, evidence): exactly these facts, nothing else.
type Expected<'a> = (&'a str, &'a str, &'a str, Option<u32>, &'a str);

fn assert_facts(doc: &Document, expected: &[Expected]) {
    let got = facts::extract(doc);
    for &(key, value, unit, page, evidence) in expected {
        let fact = got.get(key).unwrap_or_else(|| panic!("{key} not found"));
        assert_eq!(fact.value, Decimal::from_str(value).unwrap(), "{key} value");
        assert_eq!(
            (fact.unit.as_str(), fact.page, fact.evidence.as_str()),
            (unit, page, evidence),
            "{key}"
        );
    }
    let extra: Vec<&String> = got
        .keys()
        .filter(|k| !expected.iter().any(|e| e.0 == k.as_str()))
        .collect();
    assert!(
        extra.is_empty(),
        "facts not stated in the filing: {extra:?}"
    );
}

fn assert_filing(doc: &Document, kind: &str, year: u16, department: &str, published: Option<&str>) {
    let f = filing::filing(doc);
    assert_eq!(f.kind.as_deref(), Some(kind));
    assert_eq!(f.year, Some(year));
    assert_eq!(f.department.as_deref(), Some(department));
    assert_eq!(f.published.as_deref(), published);
}

#[test]
fn shanghai_template_states_no_fact() {
    let doc = fixture("shanghai-template-2024-final");
    assert_facts(&doc, &[]);
    assert_filing(&doc, "final_accounts", 2024, "上海市 XX 局", None);
}

/// A text dump without page breaks: no pages.
#[test]
fn wuhan_hongshan_digital_center_2019_final() {
    let doc = text_sample("wuhan-hongshan-digital-center-2019-final");
    #[rustfmt::skip]
    let expected: &[Expected] = &[
        ("assets.vehicles", "1", "辆", None, "共有车辆 1 辆"),
        ("general_budget.completion_pct", "143.83", "%", None, "完成年初预算的 143.83%"),
        ("general_budget.final", "2855.85", "万元", None, "支出决算为 2,855.85 万元"),
        ("general_budget.initial_budget", "1985.62", "万元", None, "一般公共预算财政拨款支出年初预算为 1,985.62 万元"),
        ("operating_costs", "0", "万元", None, "机关运行经费支出0万元"),
        ("procurement.goods", "441.30", "万元", None, "政府采购货物支出441.30万元"),
        ("procurement.services", "800.23", "万元", None, "政府采购服务支出800.23万元"),
        ("procurement.small_micro", "266.76", "万元", None, "授予小微企业合同金额266.76万元"),
        ("procurement.sme", "937.95", "万元", None, "授予中小企业合同金额937.95万元"),
        ("procurement.total", "1241.53", "万元", None, "政府采购支出总额1241.53万元"),
        ("procurement.works", "0", "万元", None, "政府采购工程支出0万元"),
        ("staff.administrative", "0", "人", None, "行政 0 人"),
        ("staff.civil_servant_managed", "0", "人", None, "参照公务员法管理 0 人"),
        ("staff.in_service", "28", "人", None, "在职实有人数 28 人"),
        ("staff.institutional", "28", "人", None, "事业 28 人"),
        ("staff.retired_lixiu", "0", "人", None, "离休 0 人"),
        ("staff.retired_total", "2", "人", None, "离退休人员 2 人"),
        ("staff.retired_tuixiu", "2", "人", None, "退休 2 人"),
        ("three_public.budget", "0", "万元", None, "“三公”经费财政拨款年初预算数为 0 万元"),
        ("three_public.change", "-5.47", "万元", None, "“三公”经费财政拨款支出决算数比 2018 年减少 5.47 万元"),
        ("three_public.final", "0.70", "万元", None, "支出决算为 0.70 万元"),
        ("three_public.vehicles_held", "1", "辆", None, "公务用车保有量 1 辆"),
        ("three_public.vehicles_purchased", "0", "辆", None, "购置(更新)公务用车 0 辆"),
        ("totals.basic_expenditure", "669.71", "万元", None, "基本支出 669.71 万元"),
        ("totals.expenditure", "2860.07", "万元", None, "本年支出合计 2,860.07 万元"),
        ("totals.fiscal_grand_total", "2855.85", "万元", None, "财政拨款收、支总计 2,855.85 万元"),
        ("totals.fiscal_grand_total_change", "-14.32", "万元", None, "财政拨款收、支总计各减少 14.32 万元"),
        ("totals.fiscal_grand_total_change_pct", "-0.50", "%", None, "下降 0.50%"),
        ("totals.grand_total", "2860.07", "万元", None, "收、支总计 2,860.07 万元"),
        ("totals.grand_total_change", "-10.21", "万元", None, "收、支总计各减少 10.21 万元"),
        ("totals.grand_total_change_pct", "-0.36", "%", None, "下降 0.36%"),
        ("totals.income", "2860.07", "万元", None, "本年收入合计 2,860.07 万元"),
        ("totals.project_expenditure", "2190.36", "万元", None, "项目支出 2,190.36 万元"),
    ];
    assert_facts(&doc, expected);
    assert_filing(
        &doc,
        "final_accounts",
        2019,
        "武汉市洪山区城市数字化服务中心",
        Some("2020-09-29"),
    );
}

/// 总收入 and 总支出 agree: the 收、支总计; the “三公” budget comes after
/// its 决算 (完成预算 0 万元的 0%).
#[test]
fn guangdong_foshan_rail_transit_2019_final() {
    let doc = fixture("guangdong-foshan-rail-transit-2019-final");
    #[rustfmt::skip]
    let expected: &[Expected] = &[
        ("assets.vehicles", "0", "辆", Some(28), "共有车辆 0 辆"),
        ("general_budget.final", "1668.14", "万元", Some(26), "一般公共预算财政拨款支出 1668.14 万元"),
        ("operating_costs", "97.19", "万元", Some(27), "机关运行经费支出 97.19 万元"),
        ("procurement.goods", "0", "万元", Some(27), "政府采购货物支出 0 万元"),
        ("procurement.services", "0", "万元", Some(27), "政府采购服务支出0 万元"),
        ("procurement.total", "0", "万元", Some(27), "政府采购支出总额 0 万元"),
        ("procurement.works", "0", "万元", Some(27), "政府采购工程支出 0 万元"),
        ("three_public.budget", "0", "万元", Some(26), "完成预算 0 万元"),
        ("three_public.final", "0.16", "万元", Some(26), "“三公”经费财政拨款支出决算为 0.16 万元"),
        ("three_public.vehicles_held", "0", "辆", Some(27), "公务用车保有量为 0 辆"),
        ("three_public.vehicles_purchased", "0", "辆", Some(27), "公务用车购置数 0 辆"),
        ("totals.basic_expenditure", "746.39", "万元", Some(25), "基本支出 746.39 万元"),
        ("totals.expenditure", "1668.14", "万元", Some(25), "本年支出 1668.14 万元"),
        ("totals.grand_total", "1668.14", "万元", Some(24), "总收入 1668.14 万元"),
        ("totals.income", "1668.14", "万元", Some(24), "本年收入 1668.14 万元"),
        ("totals.project_expenditure", "921.75", "万元", Some(25), "项目支出 921.75 万元"),
    ];
    assert_facts(&doc, expected);
    assert_filing(&doc, "final_accounts", 2019, "佛山市轨道交通局", None);
}

/// Figures with thousands separators, 编制 counts not taken for 实有人员,
/// 机关运行经费 as its 支出决算 after the 预算.
#[test]
fn shaanxi_xian_health_commission_2022_final() {
    let doc = fixture("shaanxi-xian-health-commission-2022-final");
    #[rustfmt::skip]
    let expected: &[Expected] = &[
        ("assets.vehicles", "517", "辆", Some(23), "共有车辆517辆"),
        ("general_budget.completion_pct", "212.65", "%", Some(11), "完成年初预算的212.65%"),
        ("general_budget.final", "296047.75", "万元", Some(11), "支出决算296,047.75万元"),
        ("general_budget.initial_budget", "139217.01", "万元", Some(11), "一般公共预算财政拨款支出年初预算139,217.01万元"),
        ("operating_costs", "627.62", "万元", Some(22), "机关运行经费预算627.62万元，支出决算627.62万元"),
        ("procurement.goods", "189972.86", "万元", Some(22), "政府采购货物支出189,972.86万元"),
        ("procurement.services", "73475.73", "万元", Some(22), "政府采购服务支出73,475.73万元"),
        ("procurement.small_micro", "7086.06", "万元", Some(22), "授予小微企业合同金额7,086.06万元"),
        ("procurement.sme", "24498.01", "万元", Some(22), "授予中小企业合同金额24,498.01万元"),
        ("procurement.total", "272067.69", "万元", Some(22), "政府采购支出总额共272,067.69万元"),
        ("procurement.works", "8619.1", "万元", Some(22), "政府采购工程支出8,619.1万元"),
        ("staff.administrative", "121", "人", Some(7), "行政121人"),
        ("staff.in_service", "10887", "人", Some(7), "实有人员10887人"),
        ("staff.institutional", "10766", "人", Some(7), "事业10766人"),
        ("staff.retired_total", "109", "人", Some(7), "单位管理的离退休人员109人"),
        ("three_public.budget", "593.46", "万元", Some(21), "“三公”经费支出预算593.46万元"),
        ("three_public.final", "587.55", "万元", Some(21), "支出决算587.55万元"),
        ("three_public.vehicles_purchased", "5", "辆", Some(21), "购置公务用车5辆"),
        ("totals.basic_expenditure", "1168039.29", "万元", Some(10), "基本支出1,168,039.29万元"),
        ("totals.expenditure", "2074962.01", "万元", Some(10), "本年支出合计2,074,962.01万元"),
        ("totals.fiscal_grand_total", "864177.93", "万元", Some(10), "财政拨款收入总计、支出总计均为864,177.93万元"),
        ("totals.grand_total", "2480372.7", "万元", Some(9), "收入总计、支出总计均为2,480,372.7万元"),
        ("totals.grand_total_change", "789183.4", "万元", Some(9), "收入总计、支出总计均增加789,183.4万元"),
        ("totals.grand_total_change_pct", "46.66", "%", Some(9), "增长46.66%"),
        ("totals.income", "2015094.22", "万元", Some(9), "本年收入合计2,015,094.22万元"),
        ("totals.project_expenditure", "906922.72", "万元", Some(10), "项目支出906,922.72万元"),
    ];
    assert_facts(&doc, expected);
    assert_filing(
        &doc,
        "final_accounts",
        2022,
        "西安市卫生健康委员会（汇总）",
        None,
    );
}

/// 持平 is a change of 0.
#[test]
fn shanghai_putuo_finance_bureau_2024_final() {
    let doc = fixture("shanghai-putuo-finance-bureau-2024-final");
    #[rustfmt::skip]
    let expected: &[Expected] = &[
        ("assets.vehicles", "0", "辆", Some(24), "共有车辆0辆"),
        ("general_budget.completion_pct", "98.20", "%", Some(21), "完成年初预算的98.20%"),
        ("general_budget.final", "2940.05", "万元", Some(21), "支出决算为2940.05万元"),
        ("general_budget.initial_budget", "2993.92", "万元", Some(21), "一般公共预算财政拨款支出年初预算为2993.92万元"),
        ("operating_costs", "184.65", "万元", Some(24), "机关运行经费支出184.65万元"),
        ("procurement.goods", "4.79", "万元", Some(24), "货物采购金额4.79万元"),
        ("procurement.services", "246.47", "万元", Some(24), "服务采购金额246.47万元"),
        ("procurement.total", "251.25", "万元", Some(24), "政府采购金额（以合同签订为准）为251.25万元"),
        ("procurement.works", "0", "万元", Some(24), "工程采购金额0万元"),
        ("three_public.budget", "0.95", "万元", Some(23), "“三公”经费财政拨款支出年初预算为0.95万元"),
        ("three_public.change", "0", "万元", Some(23), "“三公”经费财政拨款支出决算数与2023年度持平"),
        ("three_public.final", "0.00", "万元", Some(23), "支出决算为0.00万元"),
        ("totals.basic_expenditure", "2336.91", "万元", Some(21), "基本支出2336.91万元"),
        ("totals.expenditure", "2940.05", "万元", Some(21), "本年支出合计2940.05万元"),
        ("totals.fiscal_grand_total", "0.3", "万元", Some(21), "财政拨款收入支出总计0.3万元"),
        ("totals.fiscal_grand_total_change", "0", "万元", Some(21), "财政拨款收入支出总计持平"),
        ("totals.grand_total", "2995.39", "万元", Some(21), "收入支出总计2995.39万元"),
        ("totals.grand_total_change", "-56.95", "万元", Some(21), "收入支出总计减少56.95万元"),
        ("totals.grand_total_change_pct", "-1.87", "%", Some(21), "下降1.87%"),
        ("totals.income", "2946.25", "万元", Some(21), "本年收入合计2946.25万元"),
        ("totals.project_expenditure", "603.14", "万元", Some(21), "项目支出603.14万元"),
    ];
    assert_facts(&doc, expected);
    assert_filing(&doc, "final_accounts", 2024, "上海市普陀区财政局", None);
}

/// “三公” stated as absent (无“三公”经费财政拨款支出) is 0.
#[test]
fn shanghai_putuo_social_work_dept_2024_final() {
    let doc = fixture("shanghai-putuo-social-work-dept-2024-final");
    #[rustfmt::skip]
    let expected: &[Expected] = &[
        ("assets.vehicles", "0", "辆", Some(22), "共有车辆 0 辆"),
        ("general_budget.completion_pct", "95.89", "%", Some(18), "完成年初预算的 95.89%"),
        ("general_budget.final", "307.82", "万元", Some(18), "支出决算为 307.82 万元"),
        ("general_budget.initial_budget", "0", "万元", Some(18), "一般公共预算财政拨款支出年初预算为 0 万元"),
        ("operating_costs", "10.23", "万元", Some(21), "机关运行经费支出 10.23 万元"),
        ("procurement.goods", "21.07", "万元", Some(22), "货物采购金额 21.07 万元"),
        ("procurement.services", "0", "万元", Some(22), "服务采购金额 0 万元"),
        ("procurement.total", "21.07", "万元", Some(22), "政府采购金额（以合同签订为准）为 21.07 万元"),
        ("procurement.works", "0", "万元", Some(22), "工程采购金额 0 万元"),
        ("three_public.final", "0", "万元", Some(20), "无“三公”经费财政拨款支出"),
        ("totals.basic_expenditure", "105.58", "万元", Some(17), "基本支出 105.58 万元"),
        ("totals.expenditure", "307.82", "万元", Some(17), "本年支出合计 307.82 万元"),
        ("totals.fiscal_grand_total", "307.82", "万元", Some(17), "财政拨款收入支出总计 307.82 万元"),
        ("totals.fiscal_grand_total_change", "307.82", "万元", Some(17), "财政拨款收入支出总计增加307.82 万元"),
        ("totals.fiscal_grand_total_change_pct", "100.00", "%", Some(17), "增长 100.00%"),
        ("totals.grand_total", "307.82", "万元", Some(17), "收入支出总计 307.82万元"),
        ("totals.grand_total_change", "307.82", "万元", Some(17), "收入支出总计增加 307.82 万元"),
        ("totals.grand_total_change_pct", "100.00", "%", Some(17), "增长100.00%"),
        ("totals.income", "307.82", "万元", Some(17), "本年收入合计 307.82 万元"),
        ("totals.project_expenditure", "202.24", "万元", Some(17), "项目支出 202.24 万元"),
    ];
    assert_facts(&doc, expected);
    assert_filing(
        &doc,
        "final_accounts",
        2024,
        "中共上海市普陀区委社会工作部",
        None,
    );
}

/// 收入总计 430,725.03 and 支出总计 457,676.75 differ: no 收、支总计, and
/// no change of it either.
#[test]
fn chongqing_southwest_university_2023_final() {
    let doc = fixture("chongqing-southwest-university-2023-final");
    #[rustfmt::skip]
    let expected: &[Expected] = &[
        ("totals.basic_expenditure", "359781.59", "万元", Some(17), "基本支出 359,781.59 万元"),
        ("totals.project_expenditure", "97895.15", "万元", Some(17), "项目支出97,895.15 万元"),
    ];
    assert_facts(&doc, expected);
    assert_filing(&doc, "final_accounts", 2023, "西南大学", Some("2024-08"));
}
