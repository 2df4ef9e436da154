//! How printed cells are read: white space, full-width forms, numbers.

use std::str::FromStr;

use rust_decimal::Decimal;

/// Printed text as the record keeps it: wrapped lines joined, white space
/// next to Chinese removed (`产出 指标` → `产出指标`, `电信 60M` →
/// `电信60M`); the crate's one rule for that.
pub use crate::text::squash as tidy;

/// The form of a label used to compare it: the crate's folded form
/// (no white space, full-width ASCII as ASCII: `（` → `(`, `：` → `:`),
/// without a trailing colon.
pub fn key(s: &str) -> String {
    crate::text::fold(s).trim_end_matches(':').to_string()
}

/// A key without its parenthesised parts: `全年预算数(A)` → `全年预算数`,
/// `产出指标(40分)` → `产出指标`.
pub fn without_parens(k: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in k.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A label without its parenthesised parts or trailing points:
/// `产出指标(50分)`, `产出指标50分` → `产出指标`. A label the layout cut in
/// two leaves halves such as `产出指标(` and `50分)`: the first keeps its
/// name, the second is bare of everything (and reads as no label).
pub fn bare(s: &str) -> String {
    let k = without_parens(&key(s)).replace(['(', ')'], "");
    let k = k.strip_suffix('分').unwrap_or(&k);
    k.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
        .to_string()
}

/// The points a label allocates: `产出 指标 (40 分)`, `产出指标50分` → 40, 50.
pub fn points(s: &str) -> Option<Decimal> {
    let k = key(s).replace(['(', ')'], "");
    let head = k.strip_suffix('分')?;
    let digits = head.len()
        - head
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
            .len();
    Decimal::from_str(&head[head.len() - digits..]).ok()
}

/// A cell printed as "nothing here": blank or a dash.
pub fn is_nil(s: &str) -> bool {
    matches!(
        key(s).as_str(),
        "" | "—" | "-" | "--" | "——" | "－" | "/" | "\\"
    )
}

/// A printed amount or score (`325,200.00`, `12.5`); `None` for text.
pub fn amount(s: &str) -> Option<Decimal> {
    let k = key(s).replace(',', "");
    if k.is_empty()
        || !k
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return None;
    }
    Decimal::from_str(&k).ok()
}

/// A printed rate: `98.7%`, or a bare number (`0`, `100`).
pub fn is_rate(s: &str) -> bool {
    let k = key(s);
    amount(k.strip_suffix('%').unwrap_or(&k)).is_some()
}

/// A percentage (`98.7%`), never an amount.
pub fn is_percent(s: &str) -> bool {
    key(s).ends_with('%') && is_rate(s)
}

/// Text that reads as an indicator value (`100%`, `≥98%`, `24`) rather
/// than prose such as a deviation note.
pub fn is_value(s: &str) -> bool {
    let k = key(s);
    let k = k.trim_start_matches(['≥', '≤', '>', '<', '=', '＞', '＜']);
    is_rate(k)
}

/// A cell's text cut by a page break, its parts joined. The line the
/// break cuts is printed on both pages, each print clipped (the one at
/// the page's foot may lose the marks set low: `.`, `、`): where the end
/// of `before` repeats the start of `after` (letters and digits alike), it
/// is kept once, as printed after the break.
pub fn join_cut(before: &str, after: &str) -> String {
    let marks = |s: &str| -> Vec<(usize, char)> {
        s.char_indices()
            .filter(|(_, c)| c.is_alphanumeric())
            .collect()
    };
    let (a, b) = (marks(before), marks(after));
    let repeated = (2..=a.len().min(b.len())).rev().find(|&k| {
        a[a.len() - k..]
            .iter()
            .map(|m| m.1)
            .eq(b[..k].iter().map(|m| m.1))
    });
    let Some(k) = repeated else {
        return format!("{before}{after}");
    };
    // The repeated line's marks before its first letter (`（1）…`).
    let lead = after[..b[0].0].trim();
    let kept = before[..a[a.len() - k].0].trim_end();
    let kept = kept.strip_suffix(lead).unwrap_or(kept);
    format!("{kept}{after}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_joins_chinese_and_keeps_latin_words_apart() {
        assert_eq!(tidy("产出 指标\n(40 分)"), "产出指标(40分)");
        assert_eq!(tidy("光纤线路年费（电信 60M）"), "光纤线路年费（电信60M）");
        assert_eq!(tidy("OA  system"), "OA system");
    }

    #[test]
    fn keys_points_and_numbers() {
        assert_eq!(key("全年预算数（A）"), "全年预算数(A)");
        assert_eq!(without_parens("执行率(B/A)"), "执行率");
        assert_eq!(points("产出 指标 (40 分)"), Some(Decimal::from(40)));
        assert_eq!(points("效益指标（30分）"), Some(Decimal::from(30)));
        assert_eq!(points("产出指标50分"), Some(Decimal::from(50)));
        assert_eq!(points("产出指标"), None);
        assert_eq!(bare("产出指\n标50分"), "产出指标");
        assert_eq!(bare("满意度 指 标 (8 分)"), "满意度指标");
        assert_eq!(bare("满意度指标10"), "满意度指标");
        assert_eq!(
            (bare("产出指标（"), bare("50分）")),
            ("产出指标".into(), "".into())
        );
        assert_eq!(
            amount("325,200.00").map(|d| d.to_string()),
            Some("325200.00".into())
        );
        assert_eq!(amount("100%"), None);
        assert!(is_rate("98.7%") && is_rate("0") && !is_rate("较高"));
        assert!(is_value("≥98%") && is_value("≤10") && !is_value("无"));
        assert!(is_nil(" — ") && !is_nil("0"));
    }

    #[test]
    fn text_cut_by_a_page_break_keeps_the_repeated_line_once() {
        assert_eq!(
            join_cut(
                "4178-市管企业共性问题 违规经营性投",
                "问题、违规经营性投资责任追究"
            ),
            "4178-市管企业共性问题、违规经营性投资责任追究"
        );
        assert_eq!(join_cut("通过", "审计监督"), "通过审计监督");
        assert_eq!(
            join_cut("目标7。（1）依托云服", "（1）依托云服务体系"),
            "目标7。（1）依托云服务体系"
        );
        assert_eq!(join_cut("工作经费", "工作经费"), "工作经费");
    }
}
