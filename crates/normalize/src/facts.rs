//! Facts stated in the narrative (情况说明 and 概况): staff numbers, totals
//! and their changes, “三公” 经费, 机关运行经费, 政府采购, vehicles.
//!
//! The narrative is searched as one normalised stream (`narrative`) with
//! the phrasings of `rules`; a fact takes the first statement of it in
//! reading order. Nothing is derived: a fact not stated is left out.

pub mod narrative;
pub mod rules;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use juesuan_extract::Document;
use regex::{Captures, Regex};
use rust_decimal::Decimal;

use crate::text::parse_amount;
use crate::Fact;
use narrative::{Narrative, PARAGRAPH_BREAK};
use rules::{Rule, Unit, FALLING, RULES};

/// Every fact the filing's running text states, by `SCHEMA.md` key.
pub fn extract(doc: &Document) -> BTreeMap<String, Fact> {
    extract_from(&Narrative::new(doc.lines()))
}

/// The facts of an already assembled narrative.
pub fn extract_from(text: &Narrative) -> BTreeMap<String, Fact> {
    if is_template(text) {
        return BTreeMap::new();
    }
    let mut found: BTreeMap<&str, Statement> = BTreeMap::new();
    for (rule, phrases) in RULES.iter().zip(COMPILED.iter()) {
        if found.contains_key(rule.key) {
            continue;
        }
        let statement = phrases.iter().find_map(|phrase| match phrase.after {
            Some(anchor) => found
                .get(anchor)
                .and_then(|a| phrase.within_sentence(text, a.end, rule)),
            None => phrase.first(text, rule),
        });
        if let Some(s) = statement {
            found.insert(rule.key, s);
        }
    }
    found
        .into_iter()
        .map(|(k, s)| (k.to_string(), s.fact))
        .collect()
}

/// A blank template (`收入支出总计 XXX 万元`) states nothing, though its
/// model sentences (`…年度无“三公”经费财政拨款支出`) read like statements.
/// A filing may have left one XX unfilled; a template leaves them all.
pub fn is_template(text: &Narrative) -> bool {
    static PLACEHOLDER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"X{2,}(?:万元|%|人|辆)").unwrap());
    PLACEHOLDER.find_iter(&text.text).nth(2).is_some()
}

/// A fact as matched, and where its statement ends in the normalised text
/// (phrases `after` it search on from there).
struct Statement {
    fact: Fact,
    end: usize,
}

struct CompiledPhrase {
    after: Option<&'static str>,
    regex: Regex,
    agrees: Option<Regex>,
}

static COMPILED: LazyLock<Vec<Vec<CompiledPhrase>>> = LazyLock::new(|| {
    let compile =
        |p: &str| Regex::new(&rules::expand(p)).unwrap_or_else(|e| panic!("fact pattern {p}: {e}"));
    RULES
        .iter()
        .map(|r| {
            r.phrases
                .iter()
                .map(|p| CompiledPhrase {
                    after: p.after,
                    regex: compile(p.pattern),
                    agrees: p.agrees.map(compile),
                })
                .collect()
        })
        .collect()
});

impl CompiledPhrase {
    /// The first statement in the whole text, skipping those about another
    /// quantity; with `agrees`, only if the other statement gives the same
    /// value.
    fn first(&self, text: &Narrative, rule: &Rule) -> Option<Statement> {
        let found = first_match(&self.regex, text, rule)?;
        if let Some(other) = &self.agrees {
            let confirmed = first_match(other, text, rule)?;
            if confirmed.fact.value != found.fact.value {
                return None;
            }
        }
        Some(found)
    }

    /// The first statement in the rest of the sentence from `from`.
    fn within_sentence(&self, text: &Narrative, from: usize, rule: &Rule) -> Option<Statement> {
        let rest = &text.text[from..];
        let end = rest.find(['。', PARAGRAPH_BREAK]).unwrap_or(rest.len());
        let caps = self.regex.captures(&rest[..end])?;
        statement(&caps, text, from, rule)
    }
}

/// The first match in reading order not preceded, in its sentence, by a
/// word of `rule.not_after`.
fn first_match(regex: &Regex, text: &Narrative, rule: &Rule) -> Option<Statement> {
    let haystack = text.text.as_str();
    regex.captures_iter(haystack).find_map(|caps| {
        let start = evidence(&caps).start();
        let sentence = haystack[..start]
            .char_indices()
            .rfind(|&(_, c)| c == '。' || c == PARAGRAPH_BREAK)
            .map_or(0, |(i, c)| i + c.len_utf8());
        let before = &haystack[sentence..start];
        if rule.not_after.iter().any(|w| before.contains(w)) {
            return None;
        }
        statement(&caps, text, 0, rule)
    })
}

fn evidence<'h>(caps: &Captures<'h>) -> regex::Match<'h> {
    caps.name("ev").unwrap_or_else(|| caps.get(0).unwrap())
}

/// The fact a match states; `offset` places the haystack in the text.
fn statement(caps: &Captures, text: &Narrative, offset: usize, rule: &Rule) -> Option<Statement> {
    let ev = evidence(caps);
    let value = if caps.name("none").is_some() || caps.name("flat").is_some() {
        Decimal::ZERO
    } else {
        let number = parse_amount(caps.name("num")?.as_str())?;
        let falling = caps
            .name("dir")
            .is_some_and(|d| FALLING.iter().any(|w| d.as_str().starts_with(w)));
        if falling && !number.is_zero() {
            -number
        } else {
            number
        }
    };
    let unit = match rule.unit {
        Unit::Fixed(u) => u.to_string(),
        Unit::Money => caps.name("unit").map_or("万元", |u| u.as_str()).to_string(),
    };
    let printed = text.printed(offset + ev.start(), offset + ev.end());
    // The page of the value, where a statement runs over a page break.
    let page = caps
        .name("num")
        .map_or(printed.page, |n| text.page_at(offset + n.start()));
    Some(Statement {
        fact: Fact {
            value,
            unit,
            page,
            evidence: printed.text,
            at: printed.at,
        },
        end: offset + caps.get(0).unwrap().end(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use juesuan_extract::Line;

    fn facts(lines: &[&str]) -> BTreeMap<String, Fact> {
        let lines: Vec<Line> = lines
            .iter()
            .map(|t| Line {
                text: t.to_string(),
                page: 5,
                bbox: None,
            })
            .collect();
        extract_from(&Narrative::new(&lines))
    }

    /// Each key has the value (as the decimal prints); a value of None: the
    /// key is absent.
    fn assert_values(f: &BTreeMap<String, Fact>, expected: &[(&str, Option<&str>)]) {
        for (key, value) in expected {
            assert_eq!(
                f.get(*key).map(|f| f.value.to_string()).as_deref(),
                *value,
                "{key}"
            );
        }
    }

    #[test]
    fn numbers_keep_their_printed_digits() {
        let f = facts(&[
            "收、支总计 2,480,372.7 万元。",
            "本年收入合计 0.70 万元。",
            "在职实有人数 28 人。",
            "共有车辆 1 辆。",
        ]);
        assert_values(
            &f,
            &[
                ("totals.grand_total", Some("2480372.7")),
                ("totals.income", Some("0.70")),
                ("staff.in_service", Some("28")),
                ("assets.vehicles", Some("1")),
            ],
        );
    }

    #[test]
    fn decreases_are_negative_and_flat_is_zero() {
        let f = facts(&["2019 年度收、支总计 2,860.07 万元。与 2018 年相比，收、支总计各减少 10.21 万元，下降 0.36%。"]);
        assert_values(
            &f,
            &[
                ("totals.grand_total", Some("2860.07")),
                ("totals.grand_total_change", Some("-10.21")),
                ("totals.grand_total_change_pct", Some("-0.36")),
            ],
        );
        assert_eq!(
            f["totals.grand_total_change"].evidence,
            "收、支总计各减少 10.21 万元"
        );

        let f = facts(&["财政拨款收入支出总计0.3万元。与2023年度相比，财政拨款收入支出总计持平。"]);
        assert_values(
            &f,
            &[
                ("totals.fiscal_grand_total", Some("0.3")),
                ("totals.fiscal_grand_total_change", Some("0")),
                ("totals.fiscal_grand_total_change_pct", None),
                // 财政拨款 totals are not the department's
                ("totals.grand_total", None),
            ],
        );
    }

    #[test]
    fn full_width_digits_and_a_change_after_the_total() {
        let f = facts(&["本部门２０２０年度收入总计、支出总计均为１，２３４．５万元，比上年增长１００万元，增长８．８％。"]);
        assert_values(
            &f,
            &[
                ("totals.grand_total", Some("1234.5")),
                ("totals.grand_total_change", Some("100")),
                ("totals.grand_total_change_pct", Some("8.8")),
            ],
        );
        assert_eq!(
            f["totals.grand_total"].evidence,
            "收入总计、支出总计均为１，２３４．５万元"
        );
        assert_eq!(f["totals.grand_total"].unit, "万元");
        assert_eq!(f["totals.grand_total_change_pct"].unit, "%");
    }

    #[test]
    fn a_statement_of_absence_is_zero() {
        let f = facts(&[
            "本部门 2024 年度无“三公”经费财政拨款支出。",
            "本部门无机关运行经费支出。",
        ]);
        assert_values(
            &f,
            &[
                ("three_public.final", Some("0")),
                ("operating_costs", Some("0")),
            ],
        );
        assert_eq!(f["three_public.final"].evidence, "无“三公”经费财政拨款支出");
    }

    #[test]
    fn separate_income_and_expenditure_totals_must_agree() {
        let f = facts(&[
            "学校收入总计 430,725.03 万元，减少 23,616.80 万元。",
            "学校支出总计 457,676.75 万元。",
        ]);
        assert_values(
            &f,
            &[
                ("totals.grand_total", None),
                ("totals.grand_total_change", None),
            ],
        );
        let f = facts(&[
            "本局 2019 年度总收入 1668.14 万元，其中本年收入 1668.14 万元。",
            "本局总支出 1668.14 万元。",
        ]);
        assert_values(
            &f,
            &[
                ("totals.grand_total", Some("1668.14")),
                ("totals.income", Some("1668.14")),
            ],
        );
    }

    #[test]
    fn totals_printed_apart_and_a_change_of_the_收支() {
        let f = facts(&[
            "1.总体情况。2023年度收入总计1993.21万元，支出总计1993.21万元。收支较上年决算数减少414.56万元，下降17.2%，主要原因是补贴减少。",
            "2.收入情况。2023年度收入合计1993.21万元，较上年决算数减少414.56万元。",
        ]);
        assert_values(
            &f,
            &[
                ("totals.grand_total", Some("1993.21")),
                ("totals.grand_total_change", Some("-414.56")),
                ("totals.grand_total_change_pct", Some("-17.2")),
                ("totals.income", Some("1993.21")),
            ],
        );
        assert_eq!(f["totals.income"].evidence, "收入合计1993.21万元");
    }

    #[test]
    fn income_and_expenditure_totals_changing_alike() {
        let f = facts(&["2019年度收入总计500万元，支出总计500万元。与2018年度相比，收入总计增加20万元，增长4.2%；支出总计增加20万元，增长4.2%。"]);
        assert_values(
            &f,
            &[
                ("totals.grand_total", Some("500")),
                ("totals.grand_total_change", Some("20")),
                ("totals.grand_total_change_pct", Some("4.2")),
            ],
        );
        let f =
            facts(&["收入总计500万元，支出总计480万元。收入总计增加20万元；支出总计增加10万元。"]);
        assert_values(
            &f,
            &[
                ("totals.grand_total", None),
                ("totals.grand_total_change", None),
            ],
        );
    }

    #[test]
    fn general_budget_total_and_completion_without_的() {
        let f = facts(&["2017年度，本单位一般公共预算财政拨款支出总计1741.75万元，与上年相比减少53.7万元，降低2.99%；完成年初预算100%，决算数大于预算数55.93万元。"]);
        assert_values(
            &f,
            &[
                ("general_budget.final", Some("1741.75")),
                ("general_budget.completion_pct", Some("100")),
                ("general_budget.initial_budget", None),
            ],
        );
    }

    #[test]
    fn general_budget_final_printed_apart_from_its_budget() {
        let f = facts(&[
            "一般公共预算财政拨款支出 300 万元，占本年支出合计的 100%。",
            "一般公共预算财政拨款支出年初预算为 250 万元，调整后完成年初预算的 120%。",
        ]);
        assert_values(
            &f,
            &[
                ("general_budget.initial_budget", Some("250")),
                ("general_budget.final", Some("300")),
                ("general_budget.completion_pct", Some("120")),
            ],
        );
    }

    #[test]
    fn spellings_of_a_change_and_amounts_in_元() {
        let f = facts(&[
            "本年度收支总计为1,234,567.89元，同比降低12,345.6元，降低1.0%。",
            "“三公”经费财政拨款支出决算比上年度减少０元。",
        ]);
        assert_values(
            &f,
            &[
                ("totals.grand_total", Some("1234567.89")),
                ("totals.grand_total_change", Some("-12345.6")),
                ("totals.grand_total_change_pct", Some("-1.0")),
                // a decrease of 0 is 0, not -0
                ("three_public.change", Some("0")),
            ],
        );
        assert_eq!(f["totals.grand_total"].unit, "元");
    }

    #[test]
    fn a_change_on_the_year_after_one_on_the_budget() {
        let f = facts(&["2023年度“三公”经费支出共计12.5万元，较年初预算数减少1.5万元，下降10.7%，主要原因是厉行节约，较上年支出数增加2.5万元，增长25%。"]);
        assert_values(
            &f,
            &[
                ("three_public.final", Some("12.5")),
                ("three_public.change", Some("2.5")),
            ],
        );
        assert_eq!(f["three_public.change"].evidence, "较上年支出数增加2.5万元");
    }

    #[test]
    fn vehicles_bought_in_the_words_of_the_公务用车购置_sentence() {
        let f = facts(&["公务用车购置支出为25万元，购置车辆1辆。"]);
        assert_values(&f, &[("three_public.vehicles_purchased", Some("1"))]);
        assert_eq!(f["three_public.vehicles_purchased"].evidence, "购置车辆1辆");
        let f = facts(&["本年度未购置公务用车，公务用车保有量为2辆。"]);
        assert_values(
            &f,
            &[
                ("three_public.vehicles_purchased", Some("0")),
                ("three_public.vehicles_held", Some("2")),
            ],
        );
        assert_eq!(f["three_public.vehicles_purchased"].unit, "辆");
        let f = facts(&["主要用于更新新能源公务用车2辆。"]);
        assert_values(&f, &[("three_public.vehicles_purchased", Some("2"))]);
        let f = facts(&["2022年当年购置车辆5辆。"]);
        assert_values(&f, &[("three_public.vehicles_purchased", None)]);
    }

    #[test]
    fn procurement_split_in_a_later_sentence() {
        let f = facts(&[
            "本部门政府采购合同金额为 300 万元。",
            "货物采购金额 100 万元、工程采购金额 0 万元、服务采购金额 200 万元。",
        ]);
        assert_values(
            &f,
            &[
                ("procurement.total", Some("300")),
                ("procurement.goods", Some("100")),
                ("procurement.works", Some("0")),
                ("procurement.services", Some("200")),
            ],
        );
    }

    #[test]
    fn a_template_states_nothing() {
        let f = facts(&[
            "上海市 XX 局 2024 年度收入支出总计 XXX 万元。与 2023 年度相比，收入支出总计增加（减少）XXX 万元，增长（下降）XX%。",
            "上海市 XX 局 2024 年度无“三公”经费财政拨款支出。",
        ]);
        assert!(f.is_empty(), "{f:?}");
        let f = facts(&[
            "收入支出总计 100 万元，增长 XX%。",
            "本部门无“三公”经费财政拨款支出。",
        ]);
        assert_values(
            &f,
            &[
                ("totals.grand_total", Some("100")),
                ("three_public.final", Some("0")),
            ],
        );
    }

    #[test]
    fn staff_split_follows_the_head_count() {
        let f = facts(&["本部门人员编制 120 人，其中行政编制 20 人；实有人员 118 人，其中行政 19 人、事业 99 人。离退休人员 7 人，其中：离休 1 人，退休 6 人。"]);
        assert_values(
            &f,
            &[
                ("staff.in_service", Some("118")),
                ("staff.administrative", Some("19")),
                ("staff.institutional", Some("99")),
                ("staff.civil_servant_managed", None),
                ("staff.retired_total", Some("7")),
                ("staff.retired_lixiu", Some("1")),
                ("staff.retired_tuixiu", Some("6")),
            ],
        );
        assert_eq!(f["staff.retired_tuixiu"].unit, "人");
    }
}
