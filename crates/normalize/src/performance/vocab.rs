//! What the printed labels of a 绩效自评表 mean, from the data files
//! `data/performance_columns.tsv` (header aliases by region) and
//! `data/performance_levels.tsv` (the indicator framework).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::text::{bare, key, without_parens};

/// The field a header or label cell of a form names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Project,
    Department,
    SubProjects,
    CompetentDepartment,
    ImplementingUnit,
    /// 任务名称: the funds item of a 部门整体 form.
    Task,
    InitialBudget,
    Budget,
    Executed,
    Rate,
    /// 分值: the points allocated, not the points scored.
    Points,
    Score,
    Planned,
    Achieved,
    Level1,
    Level2,
    Name,
    Target,
    Actual,
    Deviation,
    /// 指标性质 (≥, ≤, =) where 年度指标值 is split over three columns.
    Sense,
    /// 度量单位 of a split 年度指标值.
    Measure,
    /// The label of a target form's funds block (项目资金（万元）).
    FundsBlock,
    /// The label of a target form's goals (年度总体目标, 整体绩效目标).
    Objective,
    /// 项目概况: what the project is.
    Overview,
    /// 活动: what an indicator of a 部门整体 form serves.
    Activity,
    /// A printed column the record does not keep (主要内容, 财政拨款, …).
    Other,
}

impl Field {
    fn parse(s: &str) -> Option<Field> {
        use Field::*;
        Some(match s {
            "project" => Project,
            "department" => Department,
            "sub_projects" => SubProjects,
            "competent_department" => CompetentDepartment,
            "implementing_unit" => ImplementingUnit,
            "task" => Task,
            "initial_budget" => InitialBudget,
            "budget" => Budget,
            "executed" => Executed,
            "rate" => Rate,
            "points" => Points,
            "score" => Score,
            "planned" => Planned,
            "achieved" => Achieved,
            "level1" => Level1,
            "level2" => Level2,
            "name" => Name,
            "target" => Target,
            "actual" => Actual,
            "deviation" => Deviation,
            "sense" => Sense,
            "measure" => Measure,
            "funds" => FundsBlock,
            "objective" => Objective,
            "overview" => Overview,
            "activity" => Activity,
            "other" => Other,
            _ => return None,
        })
    }

    /// The fields that label the form itself, each followed by its value.
    pub fn is_meta(self) -> bool {
        use Field::*;
        matches!(
            self,
            Project | Department | SubProjects | CompetentDepartment | ImplementingUnit
        )
    }
}

/// A label cell inside the body of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Level1(String),
    Level2(String),
    /// The label of a whole section (绩效指标, 项目资金（万元）).
    Section,
}

struct Vocab {
    headers: HashMap<String, Field>,
    /// 二级指标 → its 一级指标s (成本指标 sits under 产出指标 before 2021).
    parent: HashMap<String, Vec<String>>,
    level1: HashSet<String>,
    sections: HashSet<String>,
}

static VOCAB: LazyLock<Vocab> = LazyLock::new(|| {
    let rows = |tsv: &'static str| crate::aliases::rows(tsv).map(|r| (r[0], r[1]));
    let mut v = Vocab {
        headers: HashMap::new(),
        parent: HashMap::new(),
        level1: HashSet::new(),
        sections: HashSet::new(),
    };
    for (field, header) in rows(include_str!("../../data/performance_columns.tsv")) {
        let field = Field::parse(field)
            .unwrap_or_else(|| panic!("performance_columns.tsv: unknown field {field}"));
        v.headers.insert(key(header), field);
    }
    for (level1, level2) in rows(include_str!("../../data/performance_levels.tsv")) {
        if level1 == "section" {
            v.sections.insert(key(level2));
        } else {
            v.level1.insert(key(level1));
            v.parent.entry(key(level2)).or_default().push(key(level1));
        }
    }
    v
});

/// The field a header cell names, if any.
pub fn field(text: &str) -> Option<Field> {
    let k = key(text);
    if k.is_empty() {
        return None;
    }
    VOCAB
        .headers
        .get(&k)
        .or_else(|| VOCAB.headers.get(&without_parens(&k)))
        .copied()
}

/// What a body cell labels, if it is a label: `产出 指标 (40 分)` →
/// `Level1("产出指标")`.
pub fn label(text: &str) -> Option<Label> {
    if key(text).is_empty() {
        return None;
    }
    let printed = bare(text);
    let bare = known(&printed);
    if bare.is_empty() {
        // `(万元)`, or the `50分)` half of a cut label; a bare number is no
        // label, nor a target in brackets (`（≥313辆）`).
        let k = key(text);
        let inner = k.replace(['(', ')'], "");
        let points = inner
            .strip_suffix('分')
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit() || c == '.'));
        let unit = matches!(inner.as_str(), "万元" | "元" | "千元");
        return (k.contains(['(', ')', '分']) && (points || unit || inner.is_empty()))
            .then_some(Label::Section);
    }
    if VOCAB.sections.contains(&bare) {
        Some(Label::Section)
    } else if VOCAB.level1.contains(&bare) {
        Some(Label::Level1(printed))
    } else if VOCAB.parent.contains_key(&bare) {
        Some(Label::Level2(printed))
    } else {
        None
    }
}

/// A label as the framework spells it, also where printed without its
/// trailing 指标 (`经济成本` for 经济成本指标).
fn known(bare: &str) -> String {
    let full = format!("{bare}指标");
    let v = &*VOCAB;
    let listed = |k: &str| v.level1.contains(k) || v.parent.contains_key(k);
    if !listed(bare) && !bare.is_empty() && listed(&full) {
        return full;
    }
    bare.to_string()
}

/// The 一级指标 a 二级指标 belongs to in the national framework (the
/// 2021 one, where a label has had two).
pub fn parent(level2: &str) -> Option<&'static str> {
    VOCAB
        .parent
        .get(&known(level2))
        .and_then(|p| p.first())
        .map(String::as_str)
}

/// Whether `level2` is a 二级指标 of `level1` (成本指标 under 产出指标 in
/// forms before 2021, 一般性支出情况 under itself in 福建's).
pub fn is_child(level1: &str, level2: &str) -> bool {
    VOCAB
        .parent
        .get(&known(level2))
        .is_some_and(|p| p.iter().any(|l| *l == known(level1)))
}

/// A name with the 一级指标 and 二级指标 glued in front of it
/// (`产出指标数量指标财政评审项目数量`): the labels and the rest.
pub fn unglue(name: &str) -> (Option<String>, Option<String>, String) {
    let v = &*VOCAB;
    let longest = |text: &str, of: &mut dyn Iterator<Item = &String>| {
        of.filter(|l| text.starts_with(l.as_str()) && text.len() > l.len())
            .max_by_key(|l| l.len())
            .cloned()
    };
    let mut rest = name.to_string();
    let l1 = longest(&rest, &mut v.level1.iter());
    if let Some(l) = &l1 {
        rest = rest[l.len()..].to_string();
    }
    let l2 = longest(&rest, &mut v.parent.keys());
    if let Some(l) = &l2 {
        rest = rest[l.len()..].to_string();
    }
    (l1, l2, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_headers_map_onto_fields() {
        assert_eq!(field("全年预算数（A）"), Some(Field::Budget));
        assert_eq!(field("预算执行率 (B/A)"), Some(Field::Rate));
        assert_eq!(field("未完成原因和改 进措施"), Some(Field::Deviation));
        assert_eq!(field("部门（单位）名称"), Some(Field::Department));
        assert_eq!(field("预期目标（年初设定）"), Some(Field::Planned));
        assert_eq!(field("党建活动完成率"), None);
    }

    #[test]
    fn labels_lose_points_and_spaces() {
        assert_eq!(
            label("产出 指标 (40 分)"),
            Some(Label::Level1("产出指标".into()))
        );
        assert_eq!(
            label("服务对象 满意度指 标"),
            Some(Label::Level2("服务对象满意度指标".into()))
        );
        assert_eq!(label("绩效 指标 (80 分)"), Some(Label::Section));
        assert_eq!(label("项目资金（万元）"), Some(Label::Section));
        assert_eq!(parent("可持续影响指标"), Some("效益指标"));
        assert_eq!(label("党建活动完成率"), None);
        assert_eq!(label("12.5"), None);
        assert_eq!(label("50分）"), Some(Label::Section));
        // A target in brackets is a value, not a cut label.
        assert_eq!(label("（≥313辆）"), None);
        assert_eq!(label("（万元）"), Some(Label::Section));
    }

    #[test]
    fn the_2021_framework_and_its_regional_labels() {
        assert_eq!(label("成本指标"), Some(Label::Level1("成本指标".into())));
        assert_eq!(
            label("生态成本指标"),
            Some(Label::Level2("生态成本指标".into()))
        );
        // Printed without 指标, kept as printed.
        assert_eq!(label("经济成本"), Some(Label::Level2("经济成本".into())));
        assert_eq!(parent("经济成本"), Some("成本指标"));
        // 成本指标 under 产出指标 in forms before 2021.
        assert!(is_child("产出指标", "成本指标") && is_child("成本指标", "社会成本指标"));
        assert!(is_child("一般性支出情况", "一般性支出情况"));
        assert!(!is_child("效益指标", "数量指标"));
    }

    #[test]
    fn glued_labels_come_off_the_name() {
        assert_eq!(
            unglue("产出指标数量指标财政评审项目数量"),
            (
                Some("产出指标".into()),
                Some("数量指标".into()),
                "财政评审项目数量".into()
            )
        );
        assert_eq!(
            unglue("效益指标可持续影响指标政府采购代理机构检查结果应用采纳率").1,
            Some("可持续影响指标".into())
        );
        assert_eq!(unglue("项目总成本"), (None, None, "项目总成本".into()));
    }
}
