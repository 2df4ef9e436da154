//! The 情况说明 read once, sentence by sentence, as a reader takes it: each
//! sentence's amounts and percentages, with the role its words give each
//! (a 预算, a 决算, a change on the year before, a share, a completion
//! rate), its subject (the words that name what the first amount is of)
//! and its comparison words (决算数小于预算数, 与上年持平). The narrative,
//! direction and implied-arithmetic checks read these statements, never
//! the text again.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::facts::narrative::{Narrative, PARAGRAPH_BREAK};
use crate::facts::rules::{FALLING, NUMBER, RISING};
use crate::model::Amount;
use crate::text::parse_amount;

/// A paragraph of the narrative and the headings of the section (`一、`)
/// and subsection (`（一）`) it is in.
pub(super) struct Paragraph<'t> {
    /// Byte offset in the narrative text.
    pub start: usize,
    pub text: &'t str,
    pub headings: [&'t str; 2],
}

impl Paragraph<'_> {
    /// Whether a heading holds one of the words.
    pub fn under(&self, words: &[&str]) -> bool {
        self.headings
            .iter()
            .any(|h| words.iter().any(|w| h.contains(w)))
    }
}

/// A short line opening with an ordinal and no clause punctuation: a
/// section (`一、`) or subsection (`（一）`) heading. A table's line
/// (`一、一般公共预算财政拨款收入 2,855.85`) is none.
pub(super) fn heading_level(p: &str) -> Option<usize> {
    static SECTION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[一二三四五六七八九十]{1,3}、").unwrap());
    static SUBSECTION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\([一二三四五六七八九十]{1,3}\)").unwrap());
    let short = p.chars().count() <= 50 && !p.contains([',', ';', '.']);
    if !short {
        None
    } else if SECTION.is_match(p) {
        Some(0)
    } else if SUBSECTION.is_match(p) {
        Some(1)
    } else {
        None
    }
}

pub(super) fn paragraphs(text: &str) -> Vec<Paragraph<'_>> {
    let mut headings = ["", ""];
    let mut start = 0;
    text.split(PARAGRAPH_BREAK)
        .map(|p| {
            match heading_level(p) {
                Some(0) => headings = [p, ""],
                Some(_) => headings[1] = p,
                None => {}
            }
            let paragraph = Paragraph {
                start,
                text: p,
                headings,
            };
            start += p.len() + PARAGRAPH_BREAK.len_utf8();
            paragraph
        })
        .collect()
}

/// Whether a statement opens a numbered item or section (`1、`, `(二)`,
/// `三、`, `其中:1.`).
pub(super) fn opens_item(statement: &str) -> bool {
    static ITEM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:其中:?)?(?:\d{1,2}[、.]|\(\d{1,2}\)|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、)").unwrap()
    });
    ITEM.is_match(statement)
}

/// What a stated number is, by the words before it in its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// `年初预算为 X`, `2026年预算数为 X`.
    Budget,
    /// `支出决算为 X`.
    Final,
    /// `增加 X`, `下降 X%` (the sign of the word: +1 or −1).
    Change(i8),
    /// `占 X%`.
    Share,
    /// `完成年初预算的 X%`.
    Rate,
    /// Any other amount: the quantity the clause names.
    Plain,
}

/// A number as stated: its value, unit (`万元`, `元`, `%`…), role and
/// where it is printed (its clause's words and the number).
#[derive(Debug, Clone)]
pub(super) struct Term {
    pub value: Amount,
    pub unit: String,
    pub role: Role,
    /// The words of its clause before the number.
    pub label: String,
    /// Byte range of the label and number in the narrative text.
    pub span: Range<usize>,
}

impl Term {
    pub fn is_money(&self) -> bool {
        self.unit != "%"
    }
}

/// The word of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    More,
    Less,
    Same,
    /// 基本持平: close, not equal.
    RoughlySame,
}

/// What a comparison is between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Between {
    /// 决算数 against 预算数.
    FinalBudget,
    /// The year against the year before (与上年持平).
    YearBefore,
}

#[derive(Debug, Clone)]
pub(super) struct Comparison {
    pub direction: Direction,
    pub between: Between,
    /// The budget named (`年初`, `全年`), if any.
    pub base: Option<&'static str>,
    /// Byte range of the words in the narrative text.
    pub span: Range<usize>,
}

/// One sentence (up to `。`) of a paragraph.
pub(super) struct Statement<'t> {
    /// Byte range in the narrative text.
    pub span: Range<usize>,
    pub text: &'t str,
    /// Index of its paragraph in [`paragraphs`].
    pub paragraph: usize,
    pub terms: Vec<Term>,
    pub comparisons: Vec<Comparison>,
}

impl Statement<'_> {
    /// Its one 预算 (of `base`: 年初, 全年, where a comparison names it)
    /// and its one 决算, both money, before any `其中` (whose items are
    /// other quantities); none where that is ambiguous.
    pub fn budget_and_final(&self, base: Option<&str>) -> Option<(&Term, &Term)> {
        let end = self
            .text
            .find("其中")
            .map_or(self.span.end, |i| self.span.start + i);
        let own = || {
            self.terms
                .iter()
                .filter(|t| t.is_money() && t.span.end <= end)
        };
        let budget = only(
            own().filter(|t| t.role == Role::Budget && base.is_none_or(|b| t.label.contains(b))),
        )?;
        let spent = only(own().filter(|t| t.role == Role::Final))?;
        (budget.span.start < spent.span.start).then_some((budget, spent))
    }
}

/// The one item an iterator yields; none for none or several.
pub(super) fn only<T>(mut items: impl Iterator<Item = T>) -> Option<T> {
    match (items.next(), items.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// The narrative's paragraphs and statements, read once.
pub(super) struct Reading<'t> {
    pub paragraphs: Vec<Paragraph<'t>>,
    pub statements: Vec<Statement<'t>>,
}

impl<'t> Reading<'t> {
    pub fn new(text: &'t Narrative) -> Reading<'t> {
        let paragraphs = paragraphs(&text.text);
        let mut statements = Vec::new();
        for (i, p) in paragraphs.iter().enumerate() {
            let mut from = 0;
            for piece in p.text.split_inclusive('。') {
                let start = p.start + from;
                from += piece.len();
                if piece.trim_end_matches('。').is_empty() {
                    continue;
                }
                statements.push(Statement {
                    span: start..start + piece.len(),
                    text: piece,
                    paragraph: i,
                    terms: terms(piece, start),
                    comparisons: comparisons(piece, start),
                });
            }
        }
        Reading {
            paragraphs,
            statements,
        }
    }

    /// The statement before `i` in the same item: none where `i` opens an
    /// item (`2、…`) or follows a heading.
    pub fn before(&self, i: usize) -> Option<&Statement<'t>> {
        let s = self.statements.get(i.checked_sub(1)?)?;
        let heading = heading_level(self.paragraphs[s.paragraph].text).is_some();
        (!opens_item(self.statements[i].text) && !heading).then_some(s)
    }

    /// The terms whose numbers are printed within a byte range of the text.
    pub fn terms_in(&self, span: Range<usize>) -> Vec<&Term> {
        self.statements
            .iter()
            .filter(|s| s.span.start < span.end && span.start < s.span.end)
            .flat_map(|s| &s.terms)
            .filter(|t| span.start < t.span.end && t.span.end <= span.end)
            .collect()
    }

    /// The text from statement `from` to the end of statement `to`.
    pub fn between(&self, text: &'t str, from: usize, to: usize) -> &'t str {
        &text[self.statements[from].span.start..self.statements[to].span.end]
    }
}

/// Compound names holding 预算 that name an account, not a budget.
const ACCOUNTS: &[&str] = &[
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
    "预算绩效",
    "部门预算",
    "预算单位",
];

/// Filler words between a label and its number.
const FILLER: &[&str] = &[
    "分别为",
    "合计为",
    "共计为",
    "共计",
    "合计",
    "均为",
    "各为",
    "达到",
    "约为",
    "为",
    "是",
    "了",
    "达",
    "约",
    "共",
    ":",
];

fn terms(sentence: &str, offset: usize) -> Vec<Term> {
    static NUMBER_UNIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?P<n>{NUMBER})(?P<u>亿元|万元|千元|元|%)")).unwrap()
    });
    static CLAUSE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[,;:、]").unwrap());
    let mut out = Vec::new();
    let mut last = 0;
    for caps in NUMBER_UNIT.captures_iter(sentence) {
        let m = caps.get(0).unwrap();
        // A digit run on from a word (`2023年` is no amount, `302` of a code).
        let glued = sentence[..m.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        let Some(value) = parse_amount(&caps["n"]).filter(|_| !glued) else {
            continue;
        };
        let before = &sentence[last..m.start()];
        let clause_start = CLAUSE.find_iter(before).last().map_or(0, |c| c.end());
        let label_start = last + clause_start;
        let label = &sentence[label_start..m.start()];
        out.push(Term {
            value,
            unit: caps["u"].to_string(),
            role: role(label, &caps["u"]),
            label: label.to_string(),
            span: offset + label_start..offset + m.end(),
        });
        last = m.end();
    }
    out
}

fn role(label: &str, unit: &str) -> Role {
    let mut words = label.to_string();
    for account in ACCOUNTS {
        words = words.replace(account, "");
    }
    let mut bare = words.as_str();
    while let Some(rest) = FILLER.iter().find_map(|f| bare.strip_suffix(f)) {
        bare = rest;
    }
    let sign = |w: &str| {
        if RISING
            .iter()
            .chain(["增幅", "增"].iter())
            .any(|r| w.ends_with(r))
        {
            Some(1)
        } else if FALLING
            .iter()
            .chain(["减幅", "减", "节约", "节支"].iter())
            .any(|f| w.ends_with(f))
        {
            Some(-1)
        } else {
            None
        }
    };
    if unit == "%" && (words.contains("预算的") || words.contains("预算数的")) {
        return Role::Rate;
    }
    if unit == "%" && words.contains('占') {
        return Role::Share;
    }
    if let Some(s) = sign(bare) {
        return Role::Change(s);
    }
    match (words.rfind("决算"), words.rfind("预算")) {
        (Some(f), Some(b)) if f > b => Role::Final,
        (Some(_), None) => Role::Final,
        (_, Some(_)) => Role::Budget,
        _ => Role::Plain,
    }
}

fn comparisons(sentence: &str, offset: usize) -> Vec<Comparison> {
    static FINAL_BUDGET: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"决算(?:数)?(?:(?P<w1>大于|小于|高于|低于|超过|少于|多于|等于)(?P<b1>年初|全年)?预算(?:数)?|(?:与|和|较|同)(?P<b2>年初|全年)?预算(?:数)?(?:相比)?(?P<w2>基本持平|持平|相等|相同|一致|基本一致))").unwrap()
    });
    static YEAR_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:与|和|较|同)(?:上年|上一年|\d{4}年)度?[^,;。\d]{0,12}?(?:相比)?,?(?P<w2>基本持平|持平|相同|一致|基本一致)").unwrap()
    });
    let word = |w: &str| match w {
        "大于" | "高于" | "超过" | "多于" => Direction::More,
        "小于" | "低于" | "少于" => Direction::Less,
        w if w.starts_with("基本") => Direction::RoughlySame,
        _ => Direction::Same,
    };
    let mut out = Vec::new();
    for (regex, between) in [
        (&*FINAL_BUDGET, Between::FinalBudget),
        (&*YEAR_BEFORE, Between::YearBefore),
    ] {
        for caps in regex.captures_iter(sentence) {
            let w = caps.name("w1").or(caps.name("w2")).unwrap().as_str();
            let m = caps.get(0).unwrap();
            let base = match caps.name("b1").or(caps.name("b2")).map(|b| b.as_str()) {
                Some("年初") => Some("年初"),
                Some("全年") => Some("全年"),
                _ => None,
            };
            out.push(Comparison {
                direction: word(w),
                between,
                base,
                span: offset + m.start()..offset + m.end(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(sentence: &str) -> Vec<(String, Role)> {
        terms(sentence, 0)
            .into_iter()
            .map(|t| (format!("{}{}", t.value, t.unit), t.role))
            .collect()
    }

    #[test]
    fn each_number_takes_the_role_of_its_words() {
        assert_eq!(
            roles("一般公共预算财政拨款支出年初预算为2993.92万元,支出决算为2940.05万元,完成年初预算的98.20%。"),
            [
                ("2993.92万元".into(), Role::Budget),
                ("2940.05万元".into(), Role::Final),
                ("98.20%".into(), Role::Rate),
            ]
        );
        assert_eq!(
            roles("机关运行经费支出184.65万元,比2023年度增加2.55万元,增长1.40%。"),
            [
                ("184.65万元".into(), Role::Plain),
                ("2.55万元".into(), Role::Change(1)),
                ("1.40%".into(), Role::Change(1)),
            ]
        );
        assert_eq!(
            roles("本年收入合计2946.25万元,其中:财政拨款收入2940.05万元,占99.79%;"),
            [
                ("2946.25万元".into(), Role::Plain),
                ("2940.05万元".into(), Role::Plain),
                ("99.79%".into(), Role::Share),
            ]
        );
    }

    #[test]
    fn comparison_words() {
        let c = comparisons("决算数小于预算数的主要原因:人员变化。", 0);
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].direction, c[0].between),
            (Direction::Less, Between::FinalBudget)
        );
        let c = comparisons("决算数与预算数基本持平。", 0);
        assert_eq!(c[0].direction, Direction::RoughlySame);
        let c = comparisons("公务接待费121.07万元,与上年持平;", 0);
        assert_eq!(
            (c[0].direction, c[0].between),
            (Direction::Same, Between::YearBefore)
        );
    }
}
