//! 绩效自评表 end to end: the Wuhan text dump (four project forms), read
//! field by field and scored against the golden record by the rules of
//! `eval/score.py` (`score_perf`).

use juesuan_extract::{Block, Cell, Document, Grid, GridRow, Line};
use juesuan_normalize::performance::extract;
use juesuan_normalize::{Diagnostic, Performance};
use rust_decimal::Decimal;
use serde_json::Value;

const WUHAN: &str = "wuhan-hongshan-digital-center-2019-final";
const XIAN: &str = "shaanxi-xian-health-commission-2022-final";

fn sample_text(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../samples/text/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn golden(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/performance/{name}.golden.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// A document written as the grid detector would hand it over, from a
/// fixture: `page N`, `line TEXT`, and `grid` … `end` around rows of
/// `|`-separated cells, `{n}` after a merged cell's text giving its span.
fn grids(text: &str) -> Document {
    let mut doc = Document::default();
    let mut page = 0;
    let mut grid: Option<Grid> = None;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        if let Some(n) = line.strip_prefix("page ") {
            page = n.parse().unwrap();
            doc.pages = doc.pages.max(page);
        } else if let Some(t) = line.strip_prefix("line ") {
            doc.blocks.push(Block::Line(Line {
                text: t.into(),
                page,
                bbox: None,
            }));
        } else if line == "grid" {
            grid = Some(Grid {
                page,
                bbox: None,
                rows: Vec::new(),
            });
        } else if line == "end" {
            doc.blocks.push(Block::Grid(grid.take().unwrap()));
        } else {
            let cells = line
                .split('|')
                .map(|c| {
                    let c = c.trim();
                    match c.strip_suffix('}').and_then(|c| c.rsplit_once('{')) {
                        Some((t, n)) => Cell {
                            text: t.trim().into(),
                            bbox: None,
                            span: n.parse().unwrap(),
                            ..Cell::default()
                        },
                        None => Cell::new(c),
                    }
                })
                .collect();
            grid.as_mut().unwrap().rows.push(GridRow { page, cells });
        }
    }
    doc
}

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/performance/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The golden record's forms of the named projects only.
fn golden_of(name: &str, projects: &[&str]) -> Value {
    let mut g = golden(name);
    g["performance"]
        .as_array_mut()
        .unwrap()
        .retain(|p| projects.contains(&p["project"].as_str().unwrap()));
    assert_eq!(g["performance"].as_array().unwrap().len(), projects.len());
    g
}

fn assert_scores(golden: &Value, forms: &[Performance], expected_fields: usize) {
    let (ok, total, misses) = score_perf(golden, forms);
    println!("perf_fields {ok}/{total}");
    assert!(misses.is_empty(), "misses:\n{}", misses.join("\n"));
    assert_eq!(total, expected_fields);
}

fn wuhan() -> (Vec<Performance>, Vec<Diagnostic>) {
    extract(&juesuan_extract::textdump::read(&sample_text(WUHAN)).unwrap())
}

fn dec(s: &str) -> Option<Decimal> {
    Some(s.parse().unwrap())
}

/// Text as the scorer compares it: full-width ASCII folded, no white space.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap(),
            _ => c,
        })
        .collect()
}

/// The entry of `list` whose `key` reads as `want` (or null).
fn find_by<'v>(list: &'v Value, key: &str, want: &str) -> &'v Value {
    let list = list.as_array().map(|a| &a[..]).unwrap_or(&[]);
    list.iter()
        .find(|v| v[key].as_str().map(norm).as_deref() == Some(want))
        .unwrap_or(&Value::Null)
}

/// Whether a field matches by the scorer's rules: numbers as decimals,
/// lists as sorted texts, texts normalised.
fn same(g: &Value, o: &Value) -> bool {
    let texts = |v: &Value| {
        let mut t: Vec<String> = v
            .as_array()
            .into_iter()
            .flatten()
            .map(|x| norm(x.as_str().unwrap_or("")))
            .collect();
        t.sort();
        t
    };
    match g {
        Value::Number(_) => {
            let d = |v: &Value| v.to_string().trim_matches('"').parse::<Decimal>().ok();
            !o.is_null() && d(g) == d(o)
        }
        Value::Array(_) => texts(g) == texts(o),
        _ => o.as_str().map(norm) == g.as_str().map(norm),
    }
}

/// One compared field: where, the golden value, ours.
type Compared = (String, Value, Value);

/// Compares the `names` fields the golden `g` lists.
fn compare(out: &mut Vec<Compared>, at: &str, g: &Value, o: &Value, names: &[&str]) {
    for f in names {
        if let Some(gv) = g.get(f) {
            let ov = o.get(f).cloned().unwrap_or(Value::Null);
            out.push((format!("{at}.{f}"), gv.clone(), ov));
        }
    }
}

/// Compares the entries of a golden list with ours of the same `key`.
fn compare_keyed(
    out: &mut Vec<Compared>,
    at: &str,
    g: &Value,
    o: &Value,
    key: &str,
    names: &[&str],
) {
    for entry in g.as_array().into_iter().flatten() {
        let k = norm(entry[key].as_str().unwrap());
        compare(out, &format!("{at}.{k}"), entry, find_by(o, key, &k), names);
    }
}

/// `score_perf` of `eval/score.py`: (fields matched, fields expected, misses).
fn score_perf(golden: &Value, ours: &[Performance]) -> (usize, usize, Vec<String>) {
    let ours = serde_json::to_value(ours).unwrap();
    let mut compared = Vec::new();
    let out = &mut compared;
    for gp in golden["performance"].as_array().unwrap() {
        let name = norm(gp["project"].as_str().unwrap());
        let op = find_by(&ours, "project", &name);
        let basics = [
            "kind",
            "grade",
            "score",
            "evaluated",
            "competent_department",
            "implementing_unit",
            "sub_projects",
        ];
        compare(out, &name, gp, op, &basics);
        let (gf, of) = (&gp["funds"], &op["funds"]);
        compare(out, &format!("{name}.funds"), gf, of, &["unit", "score"]);
        let sums = ["budget", "executed", "rate", "initial_budget"];
        compare_keyed(
            out,
            &format!("{name}.funds"),
            &gf["rows"],
            &of["rows"],
            "item",
            &sums,
        );
        compare(
            out,
            &format!("{name}.goals"),
            &gp["goals"],
            &op["goals"],
            &["planned", "achieved", "score"],
        );
        let values = ["level1", "level2", "target", "actual", "deviation", "score"];
        compare_keyed(
            out,
            &name,
            &gp["indicators"],
            &op["indicators"],
            "name",
            &values,
        );
    }
    let misses: Vec<String> = compared
        .iter()
        .filter(|(_, g, o)| !same(g, o))
        .map(|(at, g, o)| format!("{at}: got {o} expected {g}"))
        .collect();
    (compared.len() - misses.len(), compared.len(), misses)
}

#[test]
fn wuhan_scores_against_the_golden_record() {
    let (forms, _) = wuhan();
    let (ok, total, misses) = score_perf(&golden(WUHAN), &forms);
    println!("wuhan perf_fields {ok}/{total}");
    for m in &misses {
        println!("  miss: {m}");
    }
    assert_eq!(total, 233, "the golden record lists {total} fields");
    assert!(misses.is_empty(), "{} misses", misses.len());
}

/// A field in an asserted table: its text, `·` where absent.
fn shown<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or_else(|| "·".into(), T::to_string)
}

/// Asserts rows of a form, each shown as `a | b | …`, against a table
/// written one row a line.
fn assert_table(p: &Performance, got: Vec<Vec<String>>, want: &str) {
    let got: Vec<String> = got.into_iter().map(|cells| cells.join(" | ")).collect();
    let want: Vec<&str> = want
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(got, want, "{}", p.project);
}

/// Asserts a form's indicators, one a line:
/// `level1 | level2 | name | target | actual | deviation | score`.
fn assert_indicators(p: &Performance, want: &str) {
    let got = p.indicators.iter().map(|i| {
        let texts = [
            &i.level1,
            &i.level2,
            &Some(i.name.clone()),
            &i.target,
            &i.actual,
            &i.deviation,
        ];
        texts
            .into_iter()
            .map(shown)
            .chain([shown(&i.score)])
            .collect()
    });
    assert_table(p, got.collect(), want);
}

/// Asserts a form's funds: its unit and score, and its rows, one a line:
/// `item | initial_budget | budget | executed | rate | score`.
fn assert_funds(p: &Performance, unit: &str, score: Option<&str>, want: &str) {
    let f = p.funds.as_ref().expect("funds");
    assert_eq!(
        (f.unit.as_deref(), f.score),
        (Some(unit), score.and_then(dec)),
        "{}",
        p.project
    );
    let got = f.rows.iter().map(|r| {
        let sums = [&r.initial_budget, &r.budget, &r.executed];
        let cells = [r.item.clone()]
            .into_iter()
            .chain(sums.into_iter().map(shown));
        cells.chain([shown(&r.rate), shown(&r.score)]).collect()
    });
    assert_table(p, got.collect(), want);
}

#[test]
fn wuhan_forms_field_by_field() {
    let (forms, _) = wuhan();
    let names: Vec<_> = forms.iter().map(|p| p.project.as_str()).collect();
    assert_eq!(
        names,
        ["党务和行政管理", "网络系统运行", "项目建设", "接警平台"]
    );
    for p in &forms {
        assert_eq!(p.kind, "project");
        assert_eq!(p.evaluated.as_deref(), Some("2020-05"));
        assert_eq!(p.competent_department.as_deref(), Some("洪山区大数据中心"));
        assert_eq!(p.implementing_unit.as_deref(), Some("洪山区大数据中心"));
    }
    let grades: Vec<_> = forms
        .iter()
        .map(|p| (p.grade.as_deref().unwrap(), p.score.unwrap().to_string()))
        .collect();
    assert_eq!(
        grades,
        [
            ("良", "89.73".into()),
            ("优", "91.75".into()),
            ("良", "89.21".into()),
            ("优", "90.06".into())
        ]
    );

    let [party, network, building, alarm] = &forms[..] else {
        panic!()
    };
    assert_eq!(party.sub_projects.len(), 8);
    assert_eq!(party.sub_projects[7], "意识形态宣传工作经费");
    assert_eq!(network.sub_projects[1], "光纤线路年费（电信60M）");
    assert_eq!(
        alarm.sub_projects,
        [
            "指挥中心接警平台人员经费",
            "区城市综合管理监督指挥系统运维及接警电话经费"
        ]
    );

    // Each form's 区级预算资金 is all of its 年度资金总额. On 项目建设 the dump
    // prints 19.21 on the 区级预算资金 line: the form's only funds score. On
    // 接警平台 区级预算资金 is shifted one cell right of its header.
    assert_funds(
        party,
        "元",
        Some("19.73"),
        "年度资金总额 | · | 325200.00 | 320815.00 | 98.7% | 19.73
         区级预算资金 | · | 325200.00 | 320815.00 | 98.7% | ·",
    );
    assert_funds(
        network,
        "元",
        None,
        "年度资金总额 | · | 688000.00 | 679467.04 | 98.8% | ·
         区级预算资金 | · | 688000.00 | 679467.04 | 98.8% | ·",
    );
    assert_funds(
        building,
        "元",
        Some("19.21"),
        "年度资金总额 | · | 8394900.00 | 8064053.00 | 96.06% | ·
         区级预算资金 | · | 8394900.00 | 8064053.00 | 96.06% | 19.21",
    );
    assert_funds(
        alarm,
        "元",
        Some("19.06"),
        "年度资金总额 | · | 2354000.00 | 2243301.63 | 95.30% | 19.06
         区级预算资金 | · | 2354000.00 | 2243301.63 | 95.30% | ·",
    );

    let goals = party.goals.as_ref().unwrap();
    assert_eq!(
        goals.planned.as_deref(),
        Some("优化营商环境/议提案办理/统计和经济普查等工作达标")
    );
    assert!(goals
        .achieved
        .as_deref()
        .unwrap()
        .starts_with("1、增设“优化营商环境、净化社会风气”专题专栏"));
    assert_eq!(goals.score, dec("15.00"));
    let goals = network.goals.as_ref().unwrap();
    assert!(goals
        .planned
        .as_deref()
        .unwrap()
        .starts_with("1、做好区政务网络、数据中心、门户网站"));
    assert_eq!(goals.score, None);
    assert_eq!(building.goals.as_ref().unwrap().score, dec("16.00"));
    assert_eq!(alarm.goals.as_ref().unwrap().score, dec("17.00"));

    // The last row's 满意度指标 label is printed on the line below it.
    assert_indicators(
        party,
        "产出指标 | 质量指标 | 党建活动完成率 | 100% | 100% | 无 | 8.00
         产出指标 | 质量指标 | 培训教育活动完成率 | 100% | 100% | 无 | 8.00
         产出指标 | 质量指标 | 宣传活动完成率 | 100% | 100% | 无 | 8.00
         产出指标 | 质量指标 | 考核考评次数优良率 | 100% | 100% | 无 | 8.00
         产出指标 | 质量指标 | 档案整改完成率 | 100% | 100% | 无 | 8.00
         效益指标 | 社会效益指标 | 普法文化宣传覆盖率 | 100% | 100% | 无 | 5.00
         效益指标 | 社会效益指标 | 事件处理有效性 | 较高 | 达标 | 需要力争多一些处理的渠道和方法。 | 2.00
         效益指标 | 可持续影响指标 | 意识形态宣传覆盖度 | 100% | 100% | 无 | 5.00
         满意度指标 | 服务对象满意度指标 | 办公设备使用人员满意度 | 85% | 80% | 强化设备维护，进一步提升人员使用满意度。 | 3.00",
    );
    assert_indicators(
        network,
        "产出指标 | 数量指标 | 区政府网站安全等级 | 二级 | 二级 | · | 6.00
         产出指标 | 数量指标 | 设备系统升级完成率 | 100% | 100% | · | 6.00
         产出指标 | 数量指标 | 日常监测完成率 | 100% | 100% | · | 6.00
         产出指标 | 数量指标 | 政务网络光纤增补完成率 | 100% | 100% | · | 6.00
         产出指标 | 数量指标 | 常态化监控问题处理及时率 | 100% | 90% | 出现较大故障时，比一般处理时间更长 | 4.00
         产出指标 | 数量指标 | 网站运维问题处理及时率 | 及时 | 及时 | · | 6.00
         产出指标 | 数量指标 | 光纤网络正常运营保障度 | ≥98% | 1 | · | 6.00
         产出指标 | 数量指标 | 空调运行保障度 | ≥98% | 100% | · | 6.00
         产出指标 | 数量指标 | 网站平台故障次数 | ≤10次 | 3次 | · | 6.00",
    );
    // 54.00 on the first line is the indicators' subtotal, above the 36
    // points of 产出指标; the 产出指标 label is printed a line lower.
    assert_indicators(
        building,
        "产出指标 | 数量指标 | 网络安全定期检查次数 | ≥12 | 24 | 无 | ·
         产出指标 | 质量指标 | 项目平台建设完成率 | 100% | 100% | 无 | 9.00
         产出指标 | 质量指标 | 政务服务平台一网覆盖率 | 100% | 100% | 无 | 9.00
         产出指标 | 质量指标 | 验收合格率 | 100% | 100% | 无 | 9.00
         效益指标 | 社会效益指标 | 问题办结率提升度 | 5% | 4% | 进一步克服困难，提升群众反映问题的提升度 | 5.00
         效益指标 | 社会效益指标 | 政务网正常运行保障度 | ≥85% | 90% | 无 | 8.00
         满意度指标 | 服务对象满意度指标 | 服务对象满意度 | ≥85% | 80% | 群众反映的部分问题，需要逐步解决。 | 5.00",
    );
    assert_indicators(
        alarm,
        "产出指标 | 数量指标 | 人均日接警件数 | 10-15件/人/日 | 15 | 无 | 12.00
         产出指标 | 质量指标 | 聘用人员到位率 | 100% | 100% | 无 | 12.00
         产出指标 | 时效指标 | 出警工作及时率 | 90% | 90% | 无 | 12.00
         效益指标 | 社会效益指标 | 投诉处理率 | 100% | 90% | 部分投诉内容进行了相关的解释回复 | 9.00
         满意度指标 | 服务对象满意度指标 | 服务对象满意度 | 85% | 80% | 服务对象提出的部分意见和建议需要逐步落实 | 9.00",
    );
}

#[test]
fn wuhan_stray_subtotals_are_reported_not_dropped() {
    let (_, diagnostics) = wuhan();
    let messages: Vec<_> = diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(messages, [
        ("perf_unplaced", "党务和行政管理: a score without an indicator could not be placed: 55.00"),
        ("perf_unplaced", "网络系统运行: a score without an indicator could not be placed: 56.00"),
        ("perf_unplaced", "网络系统运行: a score without an indicator could not be placed: 满意度指标(6分) | 4"),
        ("perf_unplaced", "项目建设: score 54.00 on 网络安全定期检查次数 exceeds the 36 points of its 一级指标"),
        ("perf_unplaced", "接警平台: a score without an indicator could not be placed: 54.00"),
    ]);
}

#[test]
fn xian_project_forms_from_ruled_grids() {
    let (forms, diagnostics) = extract(&grids(&fixture("xian-p55-p110.grids")));
    assert_eq!(diagnostics, []);
    let names: Vec<_> = forms
        .iter()
        .map(|p| (p.project.as_str(), p.pages.clone()))
        .collect();
    assert_eq!(
        names,
        [
            ("2022年病媒生物防制", vec![55]),
            ("西安急救中心疫情防控经费", vec![110])
        ]
    );
    assert_scores(
        &golden_of(XIAN, &["2022年病媒生物防制", "西安急救中心疫情防控经费"]),
        &forms,
        106,
    );

    let [pests, emergency] = &forms[..] else {
        panic!()
    };
    // No 自评时间 or 自评等级 printed: the score is the 总分 row's 得分.
    assert_eq!(
        (
            pests.grade.as_deref(),
            pests.evaluated.as_deref(),
            pests.score
        ),
        (None, None, dec("100"))
    );
    assert_eq!(emergency.score, dec("91"));
    // 分值 (10) is the allocation, 得分 the score; a blank 年初预算数 stays absent.
    assert_funds(
        emergency,
        "万元",
        Some("10"),
        "年度资金总额 | 0 | 700 | 700 | 100% | 10
         当年财政拨款 | · | 700 | 700 | · | ·",
    );
    let satisfied = emergency.indicators.last().unwrap();
    assert_eq!(
        (
            satisfied.level1.as_deref(),
            satisfied.level2.as_deref(),
            satisfied.score
        ),
        (Some("满意度指标"), Some("服务对象满意度指标"), dec("9.5"))
    );
}

#[test]
fn xian_accounting_zero_and_merged_second_level_labels() {
    let (forms, diagnostics) = extract(&grids(&fixture("xian-p93.grids")));
    assert_eq!(diagnostics, []);
    let name = "高陵新址新冠核酸检测实验室仪器设备购置";
    assert_scores(&golden_of(XIAN, &[name]), &forms, 56);
    let total = &forms[0].funds.as_ref().unwrap().rows[0];
    assert_eq!(
        (total.initial_budget, total.budget),
        (dec("0"), dec("9458.00"))
    );
    let levels: Vec<_> = forms[0]
        .indicators
        .iter()
        .map(|i| i.level2.as_deref().unwrap())
        .collect();
    assert_eq!(
        levels,
        [
            "数量指标",
            "质量指标",
            "质量指标",
            "时效指标",
            "时效指标",
            "成本指标",
            "社会效益指标",
            "服务对象满意度指标"
        ]
    );
}

#[test]
fn national_form_with_a_split_target_and_the_grade_under_it() {
    let form = fixture("national-split-target.grids");
    // The grade as a row of the table rather than a line under it.
    let in_a_row = form.replace("end\nline 自评等级：优\n", "自评等级{2} | 优{8}\nend\n");
    assert_ne!(form, in_a_row);
    let (in_a_row, _) = extract(&grids(&in_a_row));
    assert_eq!(in_a_row[0].grade.as_deref(), Some("优"));

    let (forms, diagnostics) = extract(&grids(&form));
    assert_eq!(diagnostics, []);
    let p = &forms[0];
    assert_eq!(
        serde_json::to_value(p).unwrap(),
        serde_json::to_value(&in_a_row[0]).unwrap()
    );
    assert_eq!(
        (p.project.as_str(), p.grade.as_deref(), p.score),
        ("农村饮水安全巩固提升", Some("优"), dec("97.50"))
    );
    let funds = p.funds.as_ref().unwrap();
    assert_eq!(
        (funds.unit.as_deref(), funds.score),
        (Some("万元"), dec("9.50"))
    );
    let total = &funds.rows[0];
    assert_eq!(
        (
            total.initial_budget,
            total.budget,
            total.executed,
            total.rate.as_deref()
        ),
        (dec("120.00"), dec("150.00"), dec("142.50"), Some("95.00%"))
    );
    assert_indicators(
        p,
        "产出指标 | 数量指标 | 改造供水工程 | ≥12个 | 12个 | 无 | 25
         产出指标 | 质量指标 | 水质达标率 | ≥95% | 96% | · | 25
         效益指标 | 社会效益指标 | 受益人口 | 8000人 | 7600人 | 部分村民外出务工 | 28
         满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% | 92% | · | 10",
    );
}

#[test]
fn shifted_funds_rows_with_points_and_score_are_read_by_content_or_reported() {
    // A dump of a Xi'an form: 分值 and 得分 both plain numbers.
    let dump = "西安市级2022年病媒生物防制项目绩效自评表
项目名称\t\t2022年病媒生物防制
主管部门\t西安市卫生健康委员会\t\t实施单位\t西安市卫生健康委员会
项目资金（万元）\t\t年初预算数\t全年预算数（A）\t全年执行数（B）\t分值\t执行率（B/A）\t得分
\t年度资金总额\t\t240\t229.19\t229.19\t10\t100.00%\t10.00
\t\t其中：当年财政拨款\t240\t229.19\t229.19\t—\t\t—
\t\t上年结转资金\t\t\t5\t\t—
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
产出指标（50分）\t数量指标\t指标1：消杀覆盖区县（开发区）数量\t16个\t16个\t12.5\t12.5
";
    let (forms, diagnostics) = extract(&juesuan_extract::textdump::read(dump.as_bytes()).unwrap());
    assert_funds(
        &forms[0],
        "万元",
        Some("10.00"),
        "年度资金总额 | 240 | 229.19 | 229.19 | 100.00% | 10.00
         当年财政拨款 | 240 | 229.19 | 229.19 | · | ·",
    );
    // One number where three amounts are printed: not guessed at.
    let messages: Vec<_> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        ["2022年病媒生物防制: a funds row could not be placed: 上年结转资金 | 5 | —"]
    );
}

#[test]
fn an_initial_budget_printed_alone_is_the_budget() {
    let fixture = fixture("xian-p55-p110.grids");
    let p55 = &fixture[..fixture.find("page 110").unwrap()];
    // Page 55 without its 全年预算数 column.
    let alone = p55
        .replace("全年预算数（A）", "")
        .replace("| 240 | 229.19 | 229.19 |", "| 240 | | 229.19 |");
    let (forms, _) = extract(&grids(&alone));
    let total = &forms[0].funds.as_ref().unwrap().rows[0];
    assert_eq!(
        (total.initial_budget, total.budget, total.executed),
        (None, dec("240"), dec("229.19"))
    );
}

#[test]
fn department_form_in_a_text_dump() {
    let dump = "部门整体支出绩效自评表
自评时间：2021.3.15    自评等级：良好
自评得分：85.5分
部门（单位）名称\t某区民政局
年度主要任务\t任务名称\t主要内容\t预算数（万元）\t执行数（万元）\t执行率\t得分
\t社会救助\t低保、特困供养\t1,200.00\t1,150.00\t95.83%\t9.5
\t养老服务\t居家养老补贴\t300.00\t\t
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t得分
产出 指标\t数量 指标\t低保对象人数\t≥3000人\t3120人\t20
";
    let (forms, diagnostics) = extract(&juesuan_extract::textdump::read(dump.as_bytes()).unwrap());
    assert_eq!(diagnostics, []);
    let p = &forms[0];
    assert_eq!(
        (
            p.kind.as_str(),
            p.project.as_str(),
            p.evaluated.as_deref(),
            p.grade.as_deref(),
            p.score
        ),
        (
            "department",
            "某区民政局",
            Some("2021-03"),
            Some("良好"),
            dec("85.5")
        )
    );
    // No funds total row: no funds score. The narrative names no unit either,
    // but the 预算数（万元） header does.
    assert_funds(
        p,
        "万元",
        None,
        "社会救助 | · | 1200.00 | 1150.00 | 95.83% | 9.5
         养老服务 | · | 300.00 | · | · | ·",
    );
    assert_indicators(
        p,
        "产出指标 | 数量指标 | 低保对象人数 | ≥3000人 | 3120人 | · | 20",
    );
}

#[test]
fn dump_rows_with_a_wrapped_name_or_too_many_values() {
    let dump = "项目支出绩效自评表
项目名称\t网络系统运行
项目资金（元）\t\t全年预算数（A）\t全年执行数（B）\t执行率（B/A）\t自评分
\t年度资金总额：\t688,000.00\t679,467.04\t98.8%\t
一级指标\t二级指标\t指标内容\t年度目标值\t全年完成值\t未完成原因和改进措施\t自评分
产出指标\t数量指标\t常态化监控问题\t处理及时率\t100%\t90%\t出现较大故障时\t4.00
\t\t网站平台故障次数\t≤10次\t3次\t5次\t\t6.00
";
    let (forms, diagnostics) = extract(&juesuan_extract::textdump::read(dump.as_bytes()).unwrap());
    assert_indicators(
        &forms[0],
        "产出指标 | 数量指标 | 常态化监控问题处理及时率 | 100% | 90% | 出现较大故障时 | 4.00",
    );
    let messages: Vec<_> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        ["网络系统运行: an indicator row could not be placed: 网站平台故障次数 | ≤10次 | 3次 | 5次 | 6.00"]
    );
}

#[test]
fn xian_department_form_continued_over_a_page_break() {
    let (forms, diagnostics) = extract(&grids(&fixture("xian-p30-p31-department.grids")));
    assert_eq!(diagnostics, []);
    assert_eq!(forms.len(), 1);
    let dept = &forms[0];
    assert_eq!(
        (
            dept.kind.as_str(),
            dept.project.as_str(),
            dept.pages.clone()
        ),
        ("department", "西安市卫生健康委员会", vec![30, 31])
    );
    assert_scores(&golden_of(XIAN, &["西安市卫生健康委员会"]), &forms, 159);
    let funds = dept.funds.as_ref().unwrap();
    // 全年预算数 spans 总额 | 财政拨款 | 其他资金: the budget is the 总额.
    let last = funds.rows.last().unwrap();
    assert_eq!(
        (last.item.as_str(), last.budget, last.executed, last.score),
        ("金额合计", dec("2495142.55"), dec("2074962.01"), dec("10"))
    );
    assert_eq!(funds.score, dec("10"));
    assert_eq!(dept.indicators.len(), 20);
}

/// The same document with every cell a merge covers listed as a blank.
fn with_covered_cells(mut doc: Document) -> Document {
    for b in &mut doc.blocks {
        if let Block::Grid(g) = b {
            for r in &mut g.rows {
                r.cells = r
                    .cells
                    .drain(..)
                    .flat_map(|c| {
                        let covered = usize::from(c.span) - 1;
                        std::iter::once(c).chain(std::iter::repeat_n(Cell::new(""), covered))
                    })
                    .collect();
            }
        }
    }
    doc
}

#[test]
fn merged_cells_read_the_same_whether_covered_cells_are_listed_or_not() {
    let doc = grids(&fixture("xian-p55-p110.grids"));
    let json = |d: &Document| serde_json::to_string(&extract(d).0).unwrap();
    let listed = with_covered_cells(doc.clone());
    assert_ne!(format!("{:?}", doc.blocks), format!("{:?}", listed.blocks));
    assert_eq!(json(&doc), json(&listed));
}

#[test]
fn forms_are_found_wherever_they_start() {
    let p55_p110 = fixture("xian-p55-p110.grids");
    let (p55, p110) = p55_p110.split_at(p55_p110.find("page 110").unwrap());
    let names = |doc: &Document| {
        extract(doc)
            .0
            .into_iter()
            .map(|p| (p.kind, p.project, p.pages))
            .collect::<Vec<_>>()
    };
    let pests = || {
        (
            "project".to_string(),
            "2022年病媒生物防制".to_string(),
            vec![55],
        )
    };

    // Two forms on one page, the first after the narrative (mid-page).
    let narrative = "page 55\nline （三）项目绩效自评结果。\nline 本部门在部门决算中反映2022年病媒生物防制项目等87个一级项目的绩效自评结果。\n";
    let same_page = format!("{narrative}{p55}{}", p110.replace("page 110", "page 55"));
    let found = names(&grids(&same_page));
    assert_eq!(found.len(), 2);
    assert_eq!(found[0], pests());
    assert_eq!(found[1].1, "西安急救中心疫情防控经费");

    // Forms without title lines, one grid after the other in one table.
    let untitled: String = format!("{p55}{p110}")
        .lines()
        .filter(|l| {
            !l.starts_with("line ") && !l.starts_with("page 110") && *l != "grid" && *l != "end"
        })
        .chain(["end"])
        .collect::<Vec<_>>()
        .join("\n")
        .replacen("page 55", "page 55\ngrid", 1);
    let found = names(&grids(&untitled));
    assert_eq!(
        found.iter().map(|f| f.1.as_str()).collect::<Vec<_>>(),
        ["2022年病媒生物防制", "西安急救中心疫情防控经费"]
    );

    // The evaluation as a row above the form's name.
    let evaluated = p55.replace(
        "grid\n项目名称",
        "grid\n（单位盖章） | 自评时间：2023年3月 | 自评等级：优 | 自评得分：100\n项目名称",
    );
    let (found, diagnostics) = extract(&grids(&evaluated));
    assert_eq!(diagnostics, []);
    let when = (found[0].evaluated.as_deref(), found[0].grade.as_deref());
    assert_eq!((found.len(), when), (1, (Some("2023-03"), Some("优"))));

    // A title in a table of contents, then other tables, then an untitled form.
    let contents = format!(
        "page 2\nline 项目支出绩效自评表…………15\ngrid\n科目 | 金额\n合计 | 12.00\nend\n{}",
        p55.replace("line 西安市级2022年病媒生物防制项目绩效自评表\n", "")
    );
    let (forms, diagnostics) = extract(&grids(&contents));
    assert_eq!((forms.len(), diagnostics.len()), (1, 0));
    assert_eq!(
        (forms[0].project.as_str(), forms[0].pages.clone()),
        ("2022年病媒生物防制", vec![55])
    );

    // A form whose grid goes on to the next page under a long page heading
    // and a title marked 续表.
    let dept = fixture("xian-p30-p31-department.grids").replace(
        "line - 30 -",
        "line 西安市卫生健康委员会2022年度部门决算公开之部门整体支出绩效自评情况，单位：万元，下同\nline 部门整体支出绩效自评表（续表）",
    );
    let (forms, _) = extract(&grids(&dept));
    assert_eq!(
        (
            forms.len(),
            forms[0].pages.clone(),
            forms[0].indicators.len()
        ),
        (1, vec![30, 31], 20)
    );

    // A table that is no form, after a form has ended, is left alone.
    let after = format!("{p55}page 56\nline 其他表\ngrid\n科目 | 金额\n合计 | 12.00\nend\n");
    let (forms, diagnostics) = extract(&grids(&after));
    assert_eq!((forms.len(), diagnostics.len()), (1, 0));
    assert_eq!(forms[0].indicators.len(), 7);
}

/// The Xi'an PDF through the PDF reader and the grid detector: the
/// 部门整体 form (pages 30–31) and the project forms (pages 55–143).
fn xian_pdf() -> (Vec<Performance>, Vec<Diagnostic>) {
    extract(&pdf_pages(XIAN, [29, 30, 31].into_iter().chain(54..=143)))
}

#[test]
fn xian_pdf_scores_against_the_golden_record() {
    let (forms, diagnostics) = xian_pdf();
    if std::env::var("PERF_DUMP").is_ok() {
        println!("{}", serde_json::to_string_pretty(&forms).unwrap());
        for d in &diagnostics {
            println!("{d:?}");
        }
    }
    let (ok, total, misses) = score_perf(&golden(XIAN), &forms);
    println!("xian perf_fields {ok}/{total}, {} forms", forms.len());
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(misses.is_empty());
    assert_eq!(total, 709);
    assert_eq!(diagnostics, []);

    // 87 project forms, the 部门整体 form and one 专项资金 form (page 143).
    assert_eq!(forms.len(), 89);
    let kinds: Vec<_> = forms
        .iter()
        .filter(|p| p.kind == "department")
        .map(|p| p.pages.clone())
        .collect();
    assert_eq!(kinds, [vec![30, 31]]);
    assert!(forms
        .iter()
        .all(|p| p.score.is_some() && !p.indicators.is_empty()));
    let by_page = |n: u32| forms.iter().find(|p| p.pages == [n]).unwrap();
    assert_eq!(by_page(143).project, "卫生健康事业发展专项资金");

    // Page 94: the layout splits the tall 时效指标 row; `2022.1.1-` goes
    // on in the row below.
    let ct = by_page(94);
    let timely = ct
        .indicators
        .iter()
        .find(|i| i.name == "项目完成率")
        .unwrap();
    assert_eq!(
        (timely.target.as_deref(), timely.actual.as_deref()),
        (Some("2022.1.1-2023.12.30"), Some("80%"))
    );
    assert_eq!(ct.indicators.len(), 9);
    // Page 96: `产出指标（50分）` cut in two by that split: `50分）` is no label.
    let levels: Vec<_> = by_page(96)
        .indicators
        .iter()
        .map(|i| i.level1.as_deref().unwrap())
        .collect();
    assert_eq!(levels[..4], ["产出指标"; 4]);
    // Page 100 prints `产出指标50` (no 分).
    assert!(by_page(100)
        .indicators
        .iter()
        .all(|i| ["产出指标", "效益指标", "满意度指标"].contains(&i.level1.as_deref().unwrap())));
}

/// Pages of a sample PDF through the PDF reader and the grid detector.
fn pdf_pages(sample: &str, pages: impl IntoIterator<Item = u32>) -> Document {
    let path = format!(
        "{}/../../samples/pdf/{sample}.pdf",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let pdf = juesuan_extract::pdf::PdfDocument::open(&bytes).unwrap();
    let pages = pages.into_iter().map(|n| pdf.page(n).unwrap()).collect();
    juesuan_extract::layout::document(pages, None)
}

#[test]
fn tables_that_share_a_label_with_the_forms_are_no_forms() {
    // Foshan p29 lists 项目名称 | 自评分数; Shanghai p4 lists 序号 | 单位名称 | 备注.
    for (sample, pages) in [
        ("guangdong-foshan-rail-transit-2019-final", 28..=30),
        ("shanghai-template-2024-final", 3..=6),
        ("shanghai-putuo-finance-bureau-2024-final", 4..=7),
    ] {
        let (forms, diagnostics) = extract(&pdf_pages(sample, pages));
        assert_eq!((forms.len(), diagnostics.len()), (0, 0), "{sample}");
    }
}
