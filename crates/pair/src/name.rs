//! Department names folded so that the forms one body prints compare
//! equal: its cover's name against a title's, `（本级）` / `（汇总）`,
//! `中共…委员会` against `…委`, full-width against ASCII brackets.
//!
//! Folding only removes or shortens these marks; it never cuts a name to a
//! prefix, so `…财政局` and `…财政局信息中心` stay two departments.

use juesuan_normalize::text::fold as fold_label;

/// Scope marks a filing prints after the department's name: the body
/// itself (本级) or it with its subordinate units (汇总). Both are the
/// same department; which one a pair joined is said by its `matched`.
const SCOPES: [&str; 7] = [
    "(本级)",
    "(汇总)",
    "(本部)",
    "(机关本级)",
    "(部门汇总)",
    // Printed without brackets (`西安市财政局本级部门预算`).
    "本级",
    "汇总",
];

/// What a cover prints around the name (`2023年度西南大学部门预算`):
/// the filing's kind, taken off the end.
const FILING_WORDS: [&str; 9] = [
    "部门决算",
    "部门预算",
    "单位决算",
    "单位预算",
    "部门综合预算",
    "综合预算",
    "决算",
    "预算",
    // Left when a cover's `…（本级）部门预算` is cut before its kind.
    "部门",
];

/// The party prefix printed in full or not at all.
const PARTY: [&str; 2] = ["中国共产党", "中共"];

/// The name as the key pairs compare: marks folded, the body's own words
/// kept whole.
pub fn fold(name: &str) -> String {
    let mut s = fold_label(name);
    strip_year(&mut s);
    for party in PARTY {
        if let Some(rest) = s.strip_prefix(party) {
            s = rest.to_string();
            break;
        }
    }
    // 中共上海市普陀区委员会社会工作部 is 中共上海市普陀区委社会工作部;
    // 卫生健康委员会 is 卫生健康委.
    s = s.replace("委员会", "委");
    loop {
        let before = s.len();
        for word in FILING_WORDS {
            if let Some(rest) = s.strip_suffix(word) {
                s = rest.to_string();
                break;
            }
        }
        strip_year_suffix(&mut s);
        for scope in SCOPES {
            if let Some(rest) = s.strip_suffix(scope) {
                s = rest.to_string();
                break;
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// The scope mark a printed name ends with (`本级`, `汇总`, …), if any.
pub fn scope(name: &str) -> Option<&'static str> {
    let folded = fold_label(name);
    let folded = FILING_WORDS
        .iter()
        .find_map(|w| folded.strip_suffix(w))
        .unwrap_or(&folded);
    SCOPES
        .iter()
        .find(|s| folded.ends_with(*s))
        .map(|s| s.trim_start_matches('(').trim_end_matches(')'))
}

/// The endings of administrative regions.
const REGION_ENDS: [&str; 9] = [
    "自治区",
    "自治州",
    "自治县",
    "省",
    "市",
    "区",
    "县",
    "州",
    "旗",
];

/// Whether a folded name is a region (`上海市`, `武汉市洪山区`) or a
/// government's own level (`市本级`) rather than a department: a name that
/// misses the department's words, which would pair filings of different
/// departments of one place.
pub fn is_region(folded: &str) -> bool {
    let rest = folded.strip_suffix("本级").unwrap_or(folded);
    if rest.chars().count() <= 1 {
        return true;
    }
    places(rest)
}

/// Whether the text is a run of place names, each of 2 to 8 characters
/// ending as a region does (`杭州市` is 杭州 + 市, not 杭州 and a stray 市).
fn places(rest: &str) -> bool {
    rest.is_empty()
        || rest
            .char_indices()
            .skip(1)
            .take(8)
            .map(|(i, c)| i + c.len_utf8())
            .any(|end| REGION_ENDS.iter().any(|e| rest[..end].ends_with(e)) && places(&rest[end..]))
}

/// `2023年度` / `2023年` at the start of a cover's line.
fn strip_year(s: &mut String) {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits != 4 {
        return;
    }
    let rest = &s[4..];
    let rest = rest
        .strip_prefix("年度")
        .or_else(|| rest.strip_prefix('年'));
    if let Some(rest) = rest {
        *s = rest.to_string();
    }
}

/// `2023年度` / `2023年` at the end (`西南大学2023年度部门决算`).
fn strip_year_suffix(s: &mut String) {
    for tail in ["年度", "年"] {
        if let Some(head) = s.strip_suffix(tail) {
            let digits = head.chars().rev().take_while(char::is_ascii_digit).count();
            if digits == 4 {
                let cut = head.len() - 4;
                s.truncate(cut);
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn the_forms_of_one_body_fold_together() {
        assert_eq!(fold("西南大学"), fold("西南大学（本级）"));
        assert_eq!(fold("西南大学"), fold("西南大学(汇总)"));
        assert_eq!(fold("西安市财政局"), fold("西安市财政局本级部门预算"));
        assert_eq!(fold("西南大学"), fold("2023年度西南大学部门预算"));
        assert_eq!(fold("西南大学"), fold("西南大学2023年度部门决算"));
        assert_eq!(
            fold("中共上海市普陀区委员会社会工作部"),
            fold("中共上海市普陀区委社会工作部")
        );
        assert_eq!(
            fold("中国共产党上海市普陀区委员会社会工作部"),
            fold("上海市普陀区委社会工作部")
        );
        assert_eq!(
            fold("西安市卫生健康委员会（汇总）"),
            fold("西安市卫生健康委")
        );
        assert_eq!(fold("国家信访局 "), fold("国家 信访局"));
    }

    #[test]
    fn a_region_is_no_department() {
        use super::is_region;
        for name in [
            "上海市",
            "武汉市洪山区",
            "市本级",
            "广西壮族自治区",
            "本级",
            "甲省乙市12区",
        ] {
            assert!(is_region(&fold(name)), "{name}");
        }
        for name in [
            "上海市财政局",
            "西南大学",
            "中共上海市普陀区委社会工作部",
            "深圳市交通运输局（本级）部门",
            "乙市12区卫生健康委",
        ] {
            assert!(!is_region(&fold(name)), "{name}");
        }
        assert_eq!(fold("深圳市交通运输局（本级）部门"), "深圳市交通运输局");
        assert_eq!(super::scope("深圳市交通运输局（本级）部门"), Some("本级"));
        assert_eq!(super::scope("西安市卫生健康委员会(汇总)"), Some("汇总"));
        assert_eq!(super::scope("西南大学"), None);
        assert_eq!(super::scope("西安市财政局本级部门预算"), Some("本级"));
    }

    #[test]
    fn a_shared_prefix_is_not_one_body() {
        assert_ne!(
            fold("上海市普陀区财政局"),
            fold("上海市普陀区财政局信息中心")
        );
        assert_ne!(fold("西南大学"), fold("西南大学附属中学"));
        assert_ne!(fold("上海市普陀区委"), fold("上海市普陀区委社会工作部"));
        // A 4-digit number inside a name is not a year.
        assert_eq!(fold("第2023研究所"), "第2023研究所");
    }
}
