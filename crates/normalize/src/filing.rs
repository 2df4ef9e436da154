//! What the filing is: 决算 or 预算, of which fiscal year, by which
//! department, published when — read off the cover title
//! (`西安市卫生健康委员会（汇总）2022年度部门决算`, `2019 年度武汉市…中心部门决算`)
//! and the date printed under it (`2020 年 9 月 29 日`).

use std::sync::LazyLock;

use juesuan_extract::lines::is_cjk;
use juesuan_extract::Document;
use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use std::collections::BTreeMap;

use crate::aliases;
use crate::Filing;

/// The cover is the first page, or for a dump without pages the text
/// before the table of contents; never more than this many lines.
const COVER_LINES: usize = 12;

/// What the document is, and why it is not a department's filing where
/// it is not one (`kind: "other"`): that reason is for a `not_a_filing`
/// diagnostic.
pub fn recognise(doc: &Document) -> (Filing, Option<String>) {
    let cover = cover(doc);
    let folded: String = cover.split_whitespace().collect();
    // A title of a 部门/单位 budget or accounts is a department's, whatever
    // its first page goes on to say.
    let department_title = TITLE
        .captures(&cover)
        .is_some_and(|t| t.name("unit").is_some());
    let other = OTHER.iter().find(|p| folded.contains(p.as_str()));
    if let Some(phrase) = other.filter(|_| !department_title) {
        let year = TITLE.captures(&cover).and_then(|t| t["year"].parse().ok());
        let filing = Filing {
            kind: Some("other".into()),
            year,
            ..Filing::default()
        };
        let why = format!("the cover reads as a government-level document ({phrase}), not a department's budget or final accounts; no tables are read as a department's");
        return (filing, Some(why));
    }
    let mut filing = filing_of_cover(doc, &cover);
    if filing.kind.is_none() {
        // Tables printed without a cover (预算01表收支总表, a workbook of
        // 公开表): their titles say what the filing is.
        filing.kind = kind_of_titles(doc);
        if filing.year.is_none() && filing.kind.is_some() {
            filing.year = year_of_titles(doc);
        }
    }
    if filing.kind.is_none() {
        let why = "neither a cover nor a table title names a budget (预算) or final accounts (决算): not a fiscal disclosure".to_string();
        filing.kind = Some("other".into());
        return (filing, Some(why));
    }
    (filing, None)
}

/// Phrases of a cover that is not a department's filing (`data/filing_kinds.tsv`).
static OTHER: LazyLock<Vec<String>> = LazyLock::new(|| {
    aliases::rows(include_str!("../data/filing_kinds.tsv"))
        .filter(|r| r[0] == "other")
        .flat_map(|r| r[1].split('|').map(str::to_string))
        .collect()
});

/// The kind whose standard table titles the document prints most.
fn kind_of_titles(doc: &Document) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for spec in doc
        .lines()
        .filter_map(|l| crate::tables::title_of(&l.text, None))
    {
        *counts.entry(spec.kind).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .map(|(k, _)| k.to_string())
}

/// The year a table title names (`2026年市级部门收入预算总表`).
fn year_of_titles(doc: &Document) -> Option<u16> {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"((?:19|20)\d\d)\s*年").unwrap());
    doc.lines().find_map(|l| {
        crate::tables::title_of(&l.text, None)?;
        YEAR.captures(&crate::text::fold(&l.text))?[1].parse().ok()
    })
}

pub fn filing(doc: &Document) -> Filing {
    recognise(doc).0
}

fn filing_of_cover(doc: &Document, cover: &str) -> Filing {
    let cover = cover.to_string();
    let mut filing = Filing::default();
    let after_title = match TITLE.captures(&cover) {
        Some(t) => {
            filing.kind = Some(kind(&t["kind"]).into());
            filing.year = t["year"].parse().ok();
            // A name wraps over two lines at most (`中共上海市普陀区委` /
            // `社会工作部`); `关于…` opens a title that names none.
            let pre = t["pre"].trim().lines().map(str::trim);
            let pre = pre.filter(|l| !l.starts_with("附件")).collect::<Vec<_>>();
            let pre = pre.into_iter().rev().take(2).collect::<Vec<_>>();
            let pre: String = pre.into_iter().rev().collect();
            let pre = pre.trim_start_matches("关于");
            let post: String = t["post"].lines().map(str::trim).collect();
            let department = if pre.chars().count() < 2 {
                post.as_str()
            } else {
                pre
            };
            let end = t.get(0).unwrap().end();
            // A first page that opens with a table (`2019年度收入支出决算
            // 总表（表1）`: a workbook printed alone) names the table, not
            // the department: that is on its `部门：` line.
            let rest = cover[end..].lines().next().unwrap_or("").trim_start();
            let table_title =
                rest.starts_with('表') || rest.contains("（表") || rest.contains("(表");
            if !table_title {
                filing.department = Some(department.to_string())
                    .filter(|d| !d.is_empty())
                    .or_else(|| name_under_title(&cover[end..]));
            }
            end
        }
        None => 0,
    };
    if filing.department.as_deref().is_none_or(is_region) {
        filing.department = labelled_department(doc).or(filing.department);
    }
    filing.published = published(&cover[after_title..]);
    filing
}

/// The date under the title: `2020 年 9 月 29 日` → `2020-09-29`,
/// `二〇二〇年九月` → `2020-09`.
fn published(cover: &str) -> Option<String> {
    let (year, month, day) = match DATE.captures(cover) {
        Some(d) => {
            let day = d.name("day").and_then(|x| x.as_str().parse().ok());
            (d["year"].parse().ok()?, d["month"].parse().ok()?, day)
        }
        None => {
            let d = CHINESE_DATE.captures(cover)?;
            let year = d["year"]
                .chars()
                .try_fold(0, |y, c| Some(y * 10 + chinese_digit(c)?))?;
            let day = d.name("day").and_then(|x| chinese_number(x.as_str()));
            (year, chinese_number(&d["month"])?, day)
        }
    };
    Some(match day {
        Some(day) => format!("{year}-{month:02}-{day:02}"),
        None => format!("{year}-{month:02}"),
    })
}

fn chinese_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '零' => Some(0),
        _ => "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|d| d as u32 + 1),
    }
}

/// `九`, `十`, `十二`, `二十九`, `三十一`.
fn chinese_number(s: &str) -> Option<u32> {
    match s.split_once('十') {
        Some((tens, units)) => {
            let tens = tens.chars().next().map_or(Some(1), chinese_digit)?;
            let units = units.chars().next().map_or(Some(0), chinese_digit)?;
            Some(tens * 10 + units)
        }
        None => s.chars().next().and_then(chinese_digit),
    }
}

static CHINESE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<year>[〇零一二三四五六七八九]{4})\s*年\s*(?P<month>十[一二]?|[一二三四五六七八九])\s*月(?:\s*(?P<day>[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])\s*日)?").unwrap()
});

/// `{department}{year}年度部门决算` or `{year}年度{department}部门决算`.
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<pre>[^\d]*?)\s*(?P<year>(?:19|20)\d\d)\s*年\s*度?\s*(?P<post>[^\d]*?)\s*(?P<unit>部\s*门|单\s*位)?\s*(?P<kind>决\s*算|预\s*算)")
        .unwrap()
});

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>1[0-2]|0?[1-9])\s*月(?:\s*(?P<day>3[01]|[12]\d|0?[1-9])\s*日)?")
        .unwrap()
});

fn kind(word: &str) -> &'static str {
    if word.starts_with('决') {
        "final_accounts"
    } else {
        "budget"
    }
}

/// The cover's lines, one per `\n`: page numbers dropped, [`fold_cover`]ed,
/// stray spaces between Chinese characters removed.
fn cover(doc: &Document) -> String {
    let first_page = doc.lines().next().map_or(0, |l| l.page);
    doc.lines()
        .take_while(|l| l.page == first_page && !is_contents(&l.text))
        .filter(|l| !l.text.trim().chars().all(|c| c.is_ascii_digit()))
        .take(COVER_LINES)
        .map(|l| tidy(&fold_cover(l.text.trim())))
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_contents(text: &str) -> bool {
    text.split_whitespace().collect::<String>() == "目录"
}

/// Full-width digits to ASCII; Kangxi radicals and compatibility
/// ideographs (what some PDF fonts map 月, 日, 支 to) to the ideographs.
/// Other characters stay as printed (`（汇总）`).
fn fold_cover(s: &str) -> String {
    s.chars()
        .flat_map(|c| match c {
            '０'..='９' | '\u{2e80}'..='\u{2fdf}' | '\u{f900}'..='\u{faff}' => {
                std::iter::once(c).nfkc().collect::<Vec<_>>()
            }
            _ => vec![c],
        })
        .collect()
}

/// Drops white space between two Chinese characters (a converter's stray
/// space: `服务 中心`), keeping it elsewhere (`上海市 XX 局`).
fn tidy(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = out.chars().next_back();
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if prev.is_some_and(is_cjk) && next.is_some_and(|n| is_cjk(*n))
                || prev.is_some_and(char::is_whitespace)
            {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A title of year and kind only (`2019年度部门决算`) may have the
/// department on the next line of the cover.
fn name_under_title(rest: &str) -> Option<String> {
    static NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[^\d:：]{2,40}$").unwrap());
    let mut lines = rest.lines();
    lines.next(); // the rest of the title's line
    let name = lines.map(str::trim).find(|l| !l.is_empty())?;
    let plausible = NAME.is_match(name)
        && !CHINESE_DATE.is_match(name)
        && !["目录", "公开"].iter().any(|w| name.contains(w));
    plausible.then(|| name.to_string())
}

/// The department named in the table headers (`部门：武汉市…中心`), where
/// the cover gave none.
fn labelled_department(doc: &Document) -> Option<String> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:部门|单位|编制部门|预算主管部门|主管部门|预算单位|单位名称|部门名称)\s*[:：]\s*(?P<name>.*?)(?:\s+(?:金额)?单位\s*[:：].*)?$")
            .unwrap()
    });
    let lines: Vec<&str> = doc.lines().map(|l| l.text.trim()).collect();
    lines.iter().enumerate().find_map(|(i, l)| {
        let name = tidy(&LABEL.captures(l)?["name"]);
        // `部门：` alone on its line names the department on the next.
        let name = if name.is_empty() {
            tidy(lines.get(i + 1)?)
        } else {
            name
        };
        let unit = matches!(name.as_str(), "元" | "万元" | "千元" | "亿元");
        (!unit && !name.is_empty() && !name.contains('：') && !name.contains(':')).then_some(name)
    })
}

/// A place alone (`上海市` of `上海市2026年市级单位预算`) names no department.
fn is_region(name: &str) -> bool {
    static REGION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\p{Han}{1,8}?(?:省|市|区|县|自治区|自治州)$").unwrap());
    REGION.is_match(name)
        && !["局", "委", "厅", "办", "院", "部"]
            .iter()
            .any(|w| name.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use juesuan_extract::{Block, Line};

    fn doc(lines: &[(&str, u32)]) -> Document {
        Document {
            pages: 2,
            blocks: lines
                .iter()
                .map(|(t, page)| {
                    Block::Line(Line {
                        text: t.to_string(),
                        page: *page,
                        bbox: None,
                    })
                })
                .collect(),
            ..Document::default()
        }
    }

    #[test]
    fn department_before_the_year() {
        let f = filing(&doc(&[
            ("西安市卫生健康委员会（汇总）", 1),
            ("2022年度部门决算", 1),
            ("保密审查情况： 已审查", 1),
        ]));
        assert_eq!(f.kind.as_deref(), Some("final_accounts"));
        assert_eq!(f.year, Some(2022));
        assert_eq!(
            f.department.as_deref(),
            Some("西安市卫生健康委员会（汇总）")
        );
        assert_eq!(f.published, None);
    }

    #[test]
    fn department_after_the_year_and_a_cover_date() {
        let f = filing(&doc(&[
            ("2019 年度武汉市洪山区城市数字化服务 中心部门决算", 0),
            ("2020 年 9 月 29 日", 0),
            ("目 录", 0),
            ("2018 年 1 月 1 日", 0),
        ]));
        assert_eq!(f.year, Some(2019));
        assert_eq!(
            f.department.as_deref(),
            Some("武汉市洪山区城市数字化服务中心")
        );
        assert_eq!(f.published.as_deref(), Some("2020-09-29"));
    }

    #[test]
    fn wrapped_title_page_number_and_month_only_date() {
        let f = filing(&doc(&[
            ("1", 1),
            ("中共上海市普陀区委", 1),
            ("社会工作部 2024 年度", 1),
            ("部门预算", 1),
            ("2024 年 8 月", 1),
            ("x", 2),
        ]));
        assert_eq!(f.kind.as_deref(), Some("budget"));
        assert_eq!(f.year, Some(2024));
        assert_eq!(
            f.department.as_deref(),
            Some("中共上海市普陀区委社会工作部")
        );
        assert_eq!(f.published.as_deref(), Some("2024-08"));
    }

    #[test]
    fn an_attachment_label_above_the_title_is_no_name() {
        let f = filing(&doc(&[
            ("附件二", 1),
            ("某某区财政局", 1),
            ("2024年度部门决算", 1),
        ]));
        assert_eq!(f.department.as_deref(), Some("某某区财政局"));
    }

    #[test]
    fn a_title_opening_with_关于_names_the_department_after_the_year() {
        let f = filing(&doc(&[(
            "关于2021年度曾都区河道堤防建设管理处部门决算的说明",
            1,
        )]));
        assert_eq!(f.year, Some(2021));
        assert_eq!(f.department.as_deref(), Some("曾都区河道堤防建设管理处"));
    }

    #[test]
    fn kangxi_radicals_in_the_cover_date() {
        let f = filing(&doc(&[
            ("某某局２０２３年度部门决算", 1),
            ("2024年9⽉3⽇", 1),
        ]));
        assert_eq!(f.year, Some(2023));
        assert_eq!(f.published.as_deref(), Some("2024-09-03"));
    }

    #[test]
    fn department_on_the_line_under_the_title() {
        let f = filing(&doc(&[
            ("2019年度部门决算", 1),
            ("武汉市洪山区城市数字化服务中心", 1),
            ("2020年9月", 1),
        ]));
        assert_eq!(
            f.department.as_deref(),
            Some("武汉市洪山区城市数字化服务中心")
        );
        assert_eq!(f.published.as_deref(), Some("2020-09"));
        let f = filing(&doc(&[
            ("2019年度部门决算", 1),
            ("保密审查情况：已审查", 1),
        ]));
        assert_eq!(f.department, None);
    }

    #[test]
    fn department_of_a_table_title_cover_is_the_labelled_one() {
        let f = filing(&doc(&[
            ("2019年度收入支出决算总表（表1）", 1),
            ("部门：武汉市洪山区城市数字化服务中心", 1),
            ("单位：万元", 1),
        ]));
        assert_eq!(f.year, Some(2019));
        assert_eq!(f.kind.as_deref(), Some("final_accounts"));
        assert_eq!(
            f.department.as_deref(),
            Some("武汉市洪山区城市数字化服务中心")
        );
    }

    #[test]
    fn template_keeps_its_spaces_and_labels_are_a_fallback() {
        let f = filing(&doc(&[("上海市 XX 局", 1), ("2024 年度部门决算", 1)]));
        assert_eq!(f.department.as_deref(), Some("上海市 XX 局"));
        let f = filing(&doc(&[
            ("部门决算", 1),
            ("部门: 武汉市洪山区城市数字化服务中心 单位: 万元", 2),
        ]));
        assert_eq!(
            f.department.as_deref(),
            Some("武汉市洪山区城市数字化服务中心")
        );
        assert_eq!(f.year, None);
    }
}
