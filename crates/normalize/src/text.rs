//! Small text helpers shared by every part of normalization: folding
//! printed labels for comparison, ordinal prefixes, printed amounts.

use rust_decimal::Decimal;
use std::str::FromStr;

/// A label folded for comparison: white space and quotes removed,
/// full-width ASCII forms and brackets mapped to their ASCII twins.
/// Never written to the output; printed text is kept as printed.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'' | '　'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '，' => ',',
            '；' => ';',
            '－' | '—' | '–' => '-',
            c if ('\u{ff01}'..='\u{ff5e}').contains(&c) => {
                char::from_u32(c as u32 - 0xfee0).unwrap_or(c)
            }
            c => c,
        })
        .collect()
}

/// White space removed between CJK characters (wrapped lines and
/// letter-spaced headers), kept between Latin words.
pub fn squash(s: &str) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = out.chars().last();
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace()).copied();
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if latin(prev) && latin(next) && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    out
}

const CN_NUMERALS: &str = "一二三四五六七八九十百零〇";

/// The label without its printed ordinal: `一、`, `（一）`, `(1)`, `1.`, `1、`, `第一部分`.
pub fn strip_ordinal(s: &str) -> &str {
    let t = s.trim();
    // （一） (一) (1) （1）
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = t.strip_prefix(open) {
            if let Some(end) = rest.find(close) {
                let inner = &rest[..end];
                if !inner.is_empty()
                    && inner
                        .chars()
                        .all(|c| CN_NUMERALS.contains(c) || c.is_ascii_digit())
                {
                    return rest[end + close.len_utf8()..].trim_start();
                }
            }
        }
    }
    // 一、 十二、 1、 1. 1．
    let n = t
        .chars()
        .take_while(|&c| CN_NUMERALS.contains(c) || c.is_ascii_digit())
        .count();
    if n > 0 {
        let rest: &str = &t[t.char_indices().nth(n).map_or(t.len(), |(i, _)| i)..];
        for sep in ['、', '.', '．', ' '] {
            if let Some(r) = rest.strip_prefix(sep) {
                // `1.5` is a number, not an ordinal
                if sep == '.' && r.starts_with(|c: char| c.is_ascii_digit()) {
                    return t;
                }
                return r.trim_start();
            }
        }
    }
    t
}

/// A printed amount: `2,855.85`, `0.70`, `-1.5`, `（1.5）` as negative;
/// `-` or `—` alone is zero. None when the text is not an amount.
/// A classification code printed with its name in one cell (`2010350
/// 事业运行`, `30101-基本工资`, `2010350事业运行`): the code and the name.
pub fn split_code(s: &str) -> Option<(String, &str)> {
    let t = s.trim();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let code = as_code(&t[..digits])?;
    let rest =
        t[digits..].trim_start_matches(|c: char| c.is_whitespace() || "-－—_.、".contains(c));
    rest.starts_with(|c: char| !c.is_ascii_digit() && !c.is_ascii_punctuation())
        .then_some((code, rest.trim()))
}

/// A table cell's amount: as [`parse_amount`], and a rate printed with
/// its `%` (`-60.86%`) is the number of percent.
pub fn parse_cell(s: &str) -> Option<Decimal> {
    let t = s.trim();
    parse_amount(
        t.strip_suffix('%')
            .or_else(|| t.strip_suffix('％'))
            .unwrap_or(t),
    )
}

pub fn parse_amount(s: &str) -> Option<Decimal> {
    let t = fold(s);
    if t.is_empty() {
        return None;
    }
    if t.chars().all(|c| c == '-') {
        return Some(Decimal::ZERO);
    }
    let (neg, body) = if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        (true, inner.to_string())
    } else {
        (false, t.clone())
    };
    let body = body.replace(',', "");
    let ok = !body.is_empty()
        && body
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+')))
        && body.chars().any(|c| c.is_ascii_digit())
        && body.matches('.').count() <= 1;
    if !ok {
        return None;
    }
    let d = Decimal::from_str(body.trim_start_matches('+')).ok()?;
    Some(if neg { -d } else { d })
}

/// A classification code printed in one cell: 3, 5 or 7 digits.
pub fn as_code(s: &str) -> Option<String> {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (matches!(t.len(), 3 | 5 | 7) && t.chars().all(|c| c.is_ascii_digit())).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(strip_ordinal("一、一般公共服务支出"), "一般公共服务支出");
        assert_eq!(strip_ordinal("二十二、其他支出"), "其他支出");
        assert_eq!(strip_ordinal("（一）机关运行经费"), "机关运行经费");
        assert_eq!(strip_ordinal("(1) 公务用车购置费"), "公务用车购置费");
        assert_eq!(strip_ordinal("1.5"), "1.5");
        assert_eq!(strip_ordinal("本年收入合计"), "本年收入合计");
    }

    #[test]
    fn amounts() {
        assert_eq!(parse_amount("2,855.85").unwrap().to_string(), "2855.85");
        assert_eq!(parse_amount("325,200.00").unwrap().to_string(), "325200.00");
        assert_eq!(parse_amount("—").unwrap(), Decimal::ZERO);
        assert_eq!(parse_amount("-3.5").unwrap().to_string(), "-3.5");
        assert_eq!(parse_amount("（3.5）").unwrap().to_string(), "-3.5");
        assert_eq!(parse_amount("１２．５").unwrap().to_string(), "12.5");
        assert_eq!(parse_amount("合计"), None);
        assert_eq!(parse_amount("1.2.3"), None);
        assert_eq!(parse_amount(""), None);
    }

    #[test]
    fn squashing() {
        assert_eq!(squash("项 目"), "项目");
        assert_eq!(
            squash("光纤线路年费（电信 60M）"),
            "光纤线路年费（电信60M）"
        );
        assert_eq!(squash("OA 系统"), "OA系统");
        assert_eq!(squash("Wi Fi"), "Wi Fi");
    }
}
