//! Which printed phrasings state which fact. Patterns match the normalised
//! narrative (see `narrative.rs`: full-width folded to ASCII, no spaces, no
//! quotation marks), so `“三公”经费` is written `三公经费` and `（` is `\(`.
//!
//! Placeholders, expanded by [`expand`]:
//! `{amount}` a number and its money unit (the value), `{x}` the same but not
//! the value, `{n}` a number, `{pct}` a number with `%`, `{dir}` a word of
//! direction (增加, 减少, 下降…), `{change}` `{dir}{amount}`, `{flat}` 持平,
//! `{none}` marks a statement of absence (`无“三公”经费支出` → 0), `{is}` an
//! optional copula (为, 共, 均为…), `{prev}` the year before, `{gt}` the
//! subject 收、支总计 in its spellings, `{vs}` a comparison with the year
//! before (`比上年`, `与 2023 年度相比`, `同比`), `{than}` an optional `{vs}`,
//! `{people}` 人 or 名, `{car}` 公务用车 and its spellings, `{clause}` text
//! up to a 其中, `{end}` the end of a clause.
//! A group `ev` narrows the evidence to part of the match.

/// How a fact's unit is known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unit {
    /// A money amount: the unit printed after it (`万元`, `元`).
    Money,
    /// Always this unit (`人`, `辆`, `%`).
    Fixed(&'static str),
}

/// One phrasing of a fact.
#[derive(Debug)]
pub struct Phrase {
    /// Search only in the rest of the sentence after this fact's match.
    pub after: Option<&'static str>,
    pub pattern: &'static str,
    /// A second statement that must give the same value (`总收入 X` with
    /// `总支出 X` make the 收、支总计).
    pub agrees: Option<&'static str>,
}

/// A fact and every phrasing known for it, most specific first.
#[derive(Debug)]
pub struct Rule {
    pub key: &'static str,
    pub unit: Unit,
    pub phrases: &'static [Phrase],
    /// Words that, earlier in the same sentence, make the match about
    /// another quantity (财政拨款 before 收、支总计).
    pub not_after: &'static [&'static str],
}

const fn p(pattern: &'static str) -> Phrase {
    Phrase {
        after: None,
        pattern,
        agrees: None,
    }
}

const fn after(key: &'static str, pattern: &'static str) -> Phrase {
    Phrase {
        after: Some(key),
        pattern,
        agrees: None,
    }
}

const fn agreeing(pattern: &'static str, other: &'static str) -> Phrase {
    Phrase {
        after: None,
        pattern,
        agrees: Some(other),
    }
}

const MONEY: Unit = Unit::Money;
const PEOPLE: Unit = Unit::Fixed("人");
const VEHICLES: Unit = Unit::Fixed("辆");
const PERCENT: Unit = Unit::Fixed("%");

/// Other accounts whose figures are worded like the department's own.
const OTHER_FUNDS: &[&str] = &[
    "拨款",
    "一般公共预算",
    "政府性基金",
    "国有资本",
    "三公",
    "绩效",
];

#[rustfmt::skip]
/// 政府采购货物支出 / 货物采购金额, the same for 工程 and 服务: after the
/// total in its sentence, or on their own.
macro_rules! procurement_part {
    ($key:literal, $what:literal) => {
        Rule { key: $key, unit: MONEY, not_after: &[], phrases: &[
            after("procurement.total", concat!("(?:政府采购)?", $what, "(?:采购)?(?:支出|金额|合同金额)?{is}{amount}")),
            p(concat!("政府采购", $what, "(?:采购)?(?:支出|金额|合同金额|预算)?{is}{amount}")),
            p(concat!($what, "采购(?:支出|金额|合同金额){is}{amount}")),
        ] }
    };
}

/// Rules in dependency order: a rule searching `after` a fact comes after it.
#[rustfmt::skip]
pub static RULES: &[Rule] = &[
    // 在职实有人数 28 人，其中：行政 0 人，事业 28 人(其中：参照公务员法管理 0 人)
    Rule { key: "staff.in_service", unit: PEOPLE, not_after: &[], phrases: &[
        p(r"在职(?:实有|在编)?(?:人员|人数|职工)(?:总数)?{is}{n}{people}"),
        p(r"实有(?:在职|在编)?(?:人员|人数|职工)?(?:总数)?{is}{n}{people}"),
    ] },
    Rule { key: "staff.administrative", unit: PEOPLE, not_after: &[], phrases: &[
        after("staff.in_service", r"行政(?:人员)?{is}{n}{people}"),
    ] },
    Rule { key: "staff.institutional", unit: PEOPLE, not_after: &[], phrases: &[
        after("staff.in_service", r"事业(?:人员)?{is}{n}{people}"),
    ] },
    Rule { key: "staff.civil_servant_managed", unit: PEOPLE, not_after: &[], phrases: &[
        after("staff.in_service", r"(?:参照公务员法管理|参公管理|参公)(?:的)?(?:事业单位)?(?:人员)?{is}{n}{people}"),
    ] },
    Rule { key: "staff.retired_total", unit: PEOPLE, not_after: &[], phrases: &[
        p(r"(?:单位管理的)?离退休(?:人员|人数|职工)(?:总数)?{is}{n}{people}"),
        p(r"离退休{is}{n}{people}"),
    ] },
    Rule { key: "staff.retired_lixiu", unit: PEOPLE, not_after: &[], phrases: &[
        after("staff.retired_total", r"离休(?:人员|职工)?{is}{n}{people}"),
        p(r"(?:^|[^退])(?P<ev>离休(?:人员|职工){is}{n}{people})"),
    ] },
    Rule { key: "staff.retired_tuixiu", unit: PEOPLE, not_after: &[], phrases: &[
        after("staff.retired_total", r"退休(?:人员|职工)?{is}{n}{people}"),
        p(r"(?:^|[^离])(?P<ev>退休(?:人员|职工){is}{n}{people})"),
    ] },
    // 收、支总计 2,860.07 万元 / 收入总计、支出总计均为… / 收入支出总计…
    Rule { key: "totals.grand_total", unit: MONEY, not_after: &["拨款"], phrases: &[
        p(r"{gt}{is}{amount}"),
        // A budget's: 收支总预算 50,616.94 万元
        p(r"收支总预算{is}{amount}"),
        agreeing(r"总收入{is}{amount}", r"总支出{is}{amount}"),
        agreeing(r"收入(?:决算)?总计{is}{amount}", r"支出(?:决算)?总计{is}{amount}"),
    ] },
    Rule { key: "totals.grand_total_change", unit: MONEY, not_after: &["拨款"], phrases: &[
        p(r"{gt}(?:各|均)?{than}{change}"),
        // 收入总计增加 X 万元…支出总计增加 X 万元
        agreeing(r"收入(?:决算)?总计{than}{change}", r"支出(?:决算)?总计{than}{change}"),
        p(r"收支(?:决算)?(?:各|均)?{vs},?(?:各|均)?{change}"),
        p(r"{gt}(?:与{prev}(?:相比)?)?(?:各|均)?{flat}"),
        after("totals.grand_total", r"{vs},?(?:各|均)?{change}"),
    ] },
    Rule { key: "totals.grand_total_change_pct", unit: PERCENT, not_after: &["拨款"], phrases: &[
        after("totals.grand_total_change", r"^,?(?P<ev>{dir}{pct})"),
        p(r"{gt}(?:各|均)?{dir}{pct}"),
    ] },
    Rule { key: "totals.income", unit: MONEY, not_after: OTHER_FUNDS, phrases: &[
        p(r"本年度?收入(?:合计)?{is}{amount}"),
        p(r"(?:年度?|^|[,:;])(?P<ev>收入合计{is}{amount})"),
    ] },
    Rule { key: "totals.expenditure", unit: MONEY, not_after: OTHER_FUNDS, phrases: &[
        p(r"本年度?支出(?:合计)?{is}{amount}"),
        p(r"(?:年度?|^|[,:;])(?P<ev>支出合计{is}{amount})"),
        p(r"支出预算(?:总计|总额){is}{amount}"),
    ] },
    Rule { key: "totals.basic_expenditure", unit: MONEY, not_after: OTHER_FUNDS, phrases: &[
        p(r"基本支出{is}{amount}"),
    ] },
    Rule { key: "totals.project_expenditure", unit: MONEY, not_after: OTHER_FUNDS, phrases: &[
        p(r"项目支出{is}{amount}"),
    ] },
    Rule { key: "totals.fiscal_grand_total", unit: MONEY, not_after: &[], phrases: &[
        p(r"财政拨款{gt}{is}{amount}"),
        p(r"财政拨款收支总预算{is}{amount}"),
        agreeing(r"财政拨款收入(?:决算)?总计{is}{amount}", r"财政拨款支出(?:决算)?总计{is}{amount}"),
    ] },
    Rule { key: "totals.fiscal_grand_total_change", unit: MONEY, not_after: &[], phrases: &[
        p(r"财政拨款{gt}(?:各|均)?{than}{change}"),
        p(r"财政拨款{gt}(?:与{prev}(?:相比)?)?(?:各|均)?{flat}"),
        after("totals.fiscal_grand_total", r"{vs},?(?:各|均)?{change}"),
    ] },
    Rule { key: "totals.fiscal_grand_total_change_pct", unit: PERCENT, not_after: &[], phrases: &[
        after("totals.fiscal_grand_total_change", r"^,?(?P<ev>{dir}{pct})"),
        p(r"财政拨款{gt}(?:各|均)?{dir}{pct}"),
    ] },
    // 一般公共预算财政拨款支出年初预算为 1,985.62 万元，支出决算为 2,855.85
    // 万元，完成年初预算的 143.83%
    Rule { key: "general_budget.initial_budget", unit: MONEY, not_after: &[], phrases: &[
        p(r"一般公共预算财政拨款(?:支出)?(?:决算)?(?:的)?年初预算(?:数)?{is}{amount}"),
    ] },
    // A budget's 一般公共预算当年财政拨款 16,474.82 万元
    Rule { key: "general_budget.budget", unit: MONEY, not_after: &[], phrases: &[
        p(r"一般公共预算当年(?:财政)?拨款(?:支出)?(?:预算)?(?:数)?{is}{amount}"),
        p(r"一般公共预算(?:财政)?拨款(?:支出)?预算(?:数)?(?:总额|合计)?{is}{amount}"),
    ] },
    Rule { key: "general_budget.final", unit: MONEY, not_after: &[], phrases: &[
        after("general_budget.initial_budget", r"支出决算(?:数)?{is}{amount}"),
        p(r"一般公共预算财政拨款支出(?:决算)?(?:数)?(?:总计|合计)?{is}{amount}"),
    ] },
    Rule { key: "general_budget.completion_pct", unit: PERCENT, not_after: &[], phrases: &[
        after("general_budget.final", r"完成(?:年初)?预算(?:数)?(?:的)?{pct}"),
        after("general_budget.initial_budget", r"完成(?:年初)?预算(?:数)?(?:的)?{pct}"),
    ] },
    // “三公”经费财政拨款支出年初预算为 0.95 万元，支出决算为 0.00 万元
    Rule { key: "three_public.budget", unit: MONEY, not_after: &[], phrases: &[
        p(r"三公经费(?:财政拨款)?(?:支出)?(?:年初)?预算(?:数)?{is}{amount}"),
    ] },
    Rule { key: "three_public.final", unit: MONEY, not_after: &[], phrases: &[
        after("three_public.budget", r"(?:支出)?决算(?:数)?{is}{amount}"),
        p(r"三公经费(?:财政拨款)?(?:支出)?决算(?:数)?{is}{amount}"),
        p(r"三公经费(?:财政拨款)?(?:实际)?支出{is}{amount}"),
        p(r"(?P<ev>无三公经费(?:财政拨款)?支出){none}{end}"),
    ] },
    // 完成预算 0 万元的 0%: the budget printed after the 决算
    Rule { key: "three_public.budget", unit: MONEY, not_after: &[], phrases: &[
        after("three_public.final", r"^,?(?P<ev>完成(?:年初)?预算(?:数)?{amount})的"),
    ] },
    Rule { key: "three_public.change", unit: MONEY, not_after: &[], phrases: &[
        p(r"三公经费(?:财政拨款)?(?:支出)?(?:决算)?(?:数)?{vs},?{change}"),
        p(r"三公经费(?:财政拨款)?(?:支出)?(?:决算)?(?:数)?(?:{vs}|和{prev})(?:相比)?{flat}"),
        p(r"{vs},?三公经费(?:财政拨款)?(?:支出)?(?:决算)?(?:数)?{change}"),
        // A budget's: 与 2025 年“三公”经费预算持平
        p(r"(?:比|较|与){prev}三公经费(?:财政拨款)?(?:支出)?预算(?:数)?(?:相比)?{flat}"),
        after("three_public.final", r"^{clause}(?P<ev>{vs},?{change})"),
    ] },
    Rule { key: "three_public.vehicles_held", unit: VEHICLES, not_after: &[], phrases: &[
        p(r"{car}(?:实有)?保有量{is}{n}辆"),
        p(r"年末(?:实有)?{car}(?:保有量)?{is}{n}辆"),
    ] },
    Rule { key: "three_public.vehicles_purchased", unit: VEHICLES, not_after: &[], phrases: &[
        p(r"(?:购置|购买|更新)(?:\(更新\))?(?:了)?[^,.;:。\d]{0,8}?{car}(?:数量)?{is}{n}辆"),
        p(r"{car}购置(?:数|数量)?{is}{n}辆"),
        p(r"公务用车购置(?:支出|费)?[^。\n]{0,40}?(?P<ev>(?:购置|更新)(?:\(更新\))?(?:车辆|公务用车)?{is}{n}辆)"),
        p(r"(?P<ev>(?:未|没有)(?:购置|购买|更新)(?:\(更新\))?{car}){none}"),
    ] },
    Rule { key: "operating_costs", unit: MONEY, not_after: &[], phrases: &[
        p(r"机关运行经费(?:财政拨款)?(?:支出)?(?:决算|预算)?(?:数)?(?:合计|共计)?{is}{amount}"),
        p(r"机关运行经费(?:年初)?预算(?:数)?{is}{x}{clause},?支出决算(?:数)?{is}{amount}"),
        p(r"(?P<ev>无机关运行经费(?:支出)?){none}{end}"),
    ] },
    // 政府采购支出总额 1241.53 万元，其中：政府采购货物支出 441.30 万元、…
    // 授予中小企业合同金额 937.95 万元，…其中：授予小微企业合同金额 266.76 万元
    Rule { key: "procurement.total", unit: MONEY, not_after: &[], phrases: &[
        p(r"政府采购(?:预算)?(?:支出|合同)?(?:总额|总金额|金额|合计|总计)(?:\(以合同签订为准\))?{is}{amount}"),
        p(r"(?P<ev>无政府采购(?:支出)?){none}{end}"),
    ] },
    procurement_part!("procurement.goods", "货物"),
    procurement_part!("procurement.works", "工程"),
    procurement_part!("procurement.services", "服务"),
    Rule { key: "procurement.sme", unit: MONEY, not_after: &[], phrases: &[
        p(r"授予中小企业(?:的)?合同(?:总)?金额{is}{amount}"),
    ] },
    Rule { key: "procurement.small_micro", unit: MONEY, not_after: &[], phrases: &[
        p(r"授予小微企业(?:的)?合同(?:总)?金额{is}{amount}"),
    ] },
    // 截至 2019 年 12 月 31 日，…共有车辆 1 辆
    Rule { key: "assets.vehicles", unit: VEHICLES, not_after: &[], phrases: &[
        p(r"(?:共有|拥有|实有|现有)(?:各类)?(?:车辆|公务用车|机动车)(?:共|共计|合计)?{is}{n}辆"),
        p(r"车辆(?:总数|合计|共计|总计|共)(?:为)?{n}辆"),
    ] },
];

/// A printed number: `2,860.07`, `0.7`, `28`.
pub const NUMBER: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";

/// Words of direction; the falling ones make a change negative.
pub const RISING: &[&str] = &["增加", "增长", "上升", "提高", "增幅", "上涨", "增长率"];
pub const FALLING: &[&str] = &["减少", "下降", "降低", "降幅", "下降率"];

/// A pattern with its placeholders replaced by regex syntax.
pub fn expand(pattern: &str) -> String {
    let dir = format!(
        "(?P<dir>{})(?:了|为)?",
        RISING
            .iter()
            .chain(FALLING)
            .copied()
            .collect::<Vec<_>>()
            .join("|")
    );
    pattern
        .replace("{change}", "{dir}{amount}")
        .replace("{gt}", r"(?:收入?、?支出?|收入(?:和|与|及)支出|收入(?:决算)?总计(?:、|和|与|及)支出)(?:决算)?总计")
        .replace("{amount}", &format!(r"(?P<num>{NUMBER})(?P<unit>亿元|万元|千元|元)"))
        .replace("{x}", &format!(r"(?:{NUMBER})(?:亿元|万元|千元|元)"))
        .replace("{n}", &format!(r"(?P<num>{NUMBER})"))
        .replace("{pct}", &format!(r"(?P<num>{NUMBER})%"))
        .replace("{dir}", &dir)
        .replace("{flat}", "(?P<flat>持平)")
        .replace("{none}", "(?P<none>)")
        .replace("{than}", r"(?:{vs},?(?:各|均)?)?")
        .replace("{vs}", r"(?:(?:比|较|与|同){prev}(?:相比|比较)?|同比)")
        .replace("{people}", "(?:人|名)")
        .replace("{car}", "(?:公务用车|公务车辆|公务车|公车)")
        .replace("{is}", "(?:均为|各为|分别为|合计为|共计为|共计|合计|为|是|共|达到|达|计)?:?")
        .replace("{prev}", r"(?:上年度?|上一年度?|\d{4}年度?)(?:同期)?(?:决算|支出|实际)?(?:数)?")
        .replace("{clause}", "(?:[^。;\\n其]|其[^中]){0,80}?")
        .replace("{end}", "(?:[。,;\\n]|$)")
}
