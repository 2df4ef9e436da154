//! Where each form is: the blocks of a document cut into one draft per
//! 绩效自评表, whatever the page layout (one per page, several per page,
//! continued over a page break, inline after the narrative).

use std::collections::BTreeSet;

use juesuan_extract::{BBox, Block, Cut, Document, Grid};

use super::text::{key, tidy, without_parens};
use super::vocab::{field, Field};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Project,
    Department,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Project => "project",
            Kind::Department => "department",
        }
    }
}

/// A grid cell placed on the grid's columns: it covers `col..end`.
#[derive(Debug, Clone)]
pub struct Cell {
    pub col: usize,
    pub end: usize,
    pub text: String,
    /// Covered by a cell merged down from the row above (blank here).
    pub covered: bool,
    /// The printed cell goes on across a page break.
    pub cut: Cut,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub page: u32,
    pub cells: Vec<Cell>,
    /// The columns of the grid the row is in.
    pub width: usize,
}

impl Row {
    pub fn filled(&self) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(|c| !c.text.is_empty())
    }
    pub fn is_blank(&self) -> bool {
        self.filled().next().is_none()
    }
    /// The printed text, for a diagnostic.
    pub fn show(&self) -> String {
        self.filled()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" | ")
    }
    /// `项目名称 | 党务和行政管理`: the form's name label, leftmost, with its
    /// value beside it (not a column header such as `序号 | 单位名称 | 备注`).
    /// A summary table's `单位名称 | 总计 | 本年收入 | …` is no such row:
    /// beside a form's name stands at most another label with its value.
    fn names_form(&self) -> Option<Field> {
        let filled: Vec<&Cell> = self.filled().collect();
        let f = field(&filled.first()?.text)
            .filter(|f| matches!(f, Field::Project | Field::Department))?;
        let value = filled.get(1).filter(|v| field(&v.text).is_none())?;
        let totals = matches!(key(&value.text).as_str(), "总计" | "合计" | "小计");
        let paired = match filled.len() {
            2 => true,
            3 | 4 => field(&filled[2].text).is_some(),
            _ => false,
        };
        (paired && !totals).then_some(f)
    }
}

/// One form as printed: the lines above its grid and its grid rows.
#[derive(Debug)]
pub struct Draft {
    pub kind: Kind,
    /// Its title names a 绩效目标表 (a budget's targets), not a 自评表.
    pub targets: bool,
    /// The title as printed (a line cut before it joined), if the form has one.
    pub title: Option<String>,
    /// The lines between the title and the grid (自评时间, 自评等次, …).
    pub heading: String,
    /// Short lines under or between its grids (`自评等级：优`, page numbers).
    pub footing: String,
    pub rows: Vec<Row>,
    pub pages: BTreeSet<u32>,
    /// The 总分 or 说明 row was seen: a later grid is not this form's.
    ended: bool,
    /// A wide table (a project per row): text lines among its rows are
    /// its cells' overflow, not the narrative going on.
    wide: bool,
    project_column: bool,
}

impl Draft {
    fn new((kind, targets): (Kind, bool), page: u32) -> Draft {
        let mut pages = BTreeSet::new();
        pages.insert(page);
        Draft {
            kind,
            targets,
            title: None,
            heading: String::new(),
            footing: String::new(),
            rows: Vec::new(),
            pages,
            ended: false,
            wide: false,
            project_column: false,
        }
    }
    fn is_named(&self) -> bool {
        self.rows.iter().any(|r| r.names_form().is_some())
    }
    fn last_page(&self) -> u32 {
        self.rows.last().map_or(0, |r| r.page)
    }
    /// Whether a form's name row would come too late: table rows were
    /// taken first (after a title in a table of contents, say).
    fn has_table_rows(&self) -> bool {
        self.rows
            .iter()
            .any(|r| r.filled().nth(1).is_some() && !is_evaluation(r))
    }
}

/// The forms of a document, in reading order.
pub fn split(doc: &Document) -> Vec<Draft> {
    let mut drafts = Vec::new();
    let mut open: Option<Draft> = None;
    // The line before, where a long title begins (`301007_…_机场公安综`).
    let mut before: Option<&juesuan_extract::Line> = None;
    for block in &doc.blocks {
        let previous = before.take();
        match block {
            Block::Line(line) => {
                before = Some(line);
                if let Some(kind) = title(&line.text) {
                    let mut d = Draft::new(kind, line.page);
                    let cut = previous.filter(|p| {
                        p.page == line.page
                            && title(&p.text).is_none()
                            && !is_prose(&p.text)
                            && !key(&p.text).starts_with(['表', '(', '（'])
                            && !key(&p.text).chars().next().is_some_and(|c| {
                                c.is_ascii_digit() && key(&p.text).contains(['.', '、'])
                                    || "一二三四五六七八九十".contains(c)
                            })
                    });
                    d.title = Some(match cut {
                        Some(p) => format!("{}{}", p.text.trim(), line.text.trim()),
                        None => line.text.trim().to_string(),
                    });
                    // A wide table prints its title again on every page.
                    let again = open.as_ref().is_some_and(|o| {
                        o.wide && o.title == d.title && o.last_page() + 1 == line.page
                    });
                    if !again {
                        drafts.extend(open.replace(d));
                    }
                } else if other_title(&line.text) {
                    // The next table of the filing (表5：…支出预算表).
                    drafts.extend(open.take());
                } else if let Some(d) = &mut open {
                    if d.rows.is_empty() {
                        d.heading.push_str(&line.text);
                        d.heading.push('\n');
                    } else if is_prose(&line.text)
                        && !d.wide
                        && (d.ended || d.last_page() == line.page)
                    {
                        // Running text under the table: the form is over. Text
                        // on a later page may head the page its grid goes on to.
                        drafts.extend(open.take());
                    } else {
                        d.footing.push_str(&line.text);
                        d.footing.push('\n');
                    }
                }
            }
            Block::Grid(grid) => {
                for row in rows(grid) {
                    if let Some(kind) = title_row(&row) {
                        drafts.extend(open.replace(Draft::new(kind, row.page)));
                        continue;
                    }
                    let opener = row.names_form().map(|f| match f {
                        Field::Department => (Kind::Department, false),
                        _ => (Kind::Project, false),
                    });
                    let continues = open.as_ref().is_some_and(|d| {
                        let named = d.is_named() || d.has_table_rows();
                        (!d.ended || is_evaluation(&row)) && !(opener.is_some() && named)
                    });
                    if !continues {
                        // A form without a title line takes its kind from its name label.
                        let Some(kind) = opener else {
                            drafts.extend(open.take());
                            continue;
                        };
                        drafts.extend(open.replace(Draft::new(kind, row.page)));
                    }
                    let d = open.as_mut().expect("a form is open");
                    d.ended |= ends_form(&row);
                    let (projects, indicators) = wide_header(&row);
                    d.project_column |= projects;
                    d.wide |= d.project_column && indicators;
                    d.pages.insert(row.page);
                    d.rows.push(row);
                }
            }
        }
    }
    drafts.extend(open);
    drafts
}

/// A form title (`项目支出绩效自评表`, `西安市卫生健康委员会部门整体支出绩效自评表`,
/// `信访业务培训绩效目标表`, `…部门整体预算绩效目标申报表`), with whether it
/// is a target form; not a sentence that mentions one
/// (`（项目支出绩效自评表见附件）`).
fn title(text: &str) -> Option<(Kind, bool)> {
    let k = key(text);
    // `（续表）`, `（续）`: the same form going on.
    let continued = k.contains("续表") || k.contains("(续)");
    let targets = k.contains("绩效目标表") || k.contains("绩效目标申报表");
    if !(k.contains("自评表") || targets) || k.contains('见') || continued {
        return None;
    }
    // Not a heading of the narrative, nor an entry of the 目录 (`…………15`).
    let listed = k.contains("…") || k.contains("..") || k.ends_with(|c: char| c.is_ascii_digit());
    if k.chars().count() > 60 || k.ends_with('。') || k.contains("及说明") || listed {
        return None;
    }
    let kind = if k.contains("部门整体") || k.contains("整体支出") {
        Kind::Department
    } else {
        Kind::Project
    };
    Some((kind, targets))
}

/// The title of another table of the filing (`表5：2026年市级部门一般公共预算
/// 支出预算表`, `预算03表 …`): the form before it is over.
fn other_title(text: &str) -> bool {
    let k = key(text);
    // `…自评表（续表）` goes on; a form's title is handled as one.
    let form = k.contains('续') || k.contains("绩效");
    let k = without_parens(&k);
    !form && k.ends_with('表') && k.chars().count() <= 50 && !k.contains('见')
}

fn title_row(row: &Row) -> Option<(Kind, bool)> {
    let mut filled = row.filled();
    let only = filled.next()?;
    filled.next().is_none().then(|| title(&only.text)).flatten()
}

/// Running text after a form: a sentence, a long line, a numbered heading.
fn is_prose(text: &str) -> bool {
    let k = key(text);
    k.chars().count() > 40
        || k.ends_with('。')
        || k.starts_with('(') && k.contains(')') && k.chars().count() > 6
}

/// A row of the evaluation (`自评等级 | 优` under the 总分 row, `自评时间：…`
/// above the form's name).
fn is_evaluation(row: &Row) -> bool {
    let k = key(&row.filled().map(|c| c.text.as_str()).collect::<String>());
    ["自评时间", "自评等", "自评得分", "自评总分"]
        .iter()
        .any(|l| k.contains(l))
}

/// `项目名称 | … | 一级指标 | 二级指标 | 三级指标 | …`: a header with a
/// column of project names beside the indicators.
/// (长沙 prints it over two rows: the project's columns, then the
/// indicators'.) Returns whether the row heads a project column, and
/// whether it heads the indicators.
fn wide_header(row: &Row) -> (bool, bool) {
    let fields: Vec<Field> = row.filled().filter_map(|c| field(&c.text)).collect();
    let named = |f: &[Field]| fields.iter().filter(|x| f.contains(x)).count();
    (
        named(&[Field::Project, Field::Department]) > 0 && fields.len() >= 3,
        named(&[Field::Level1, Field::Level2, Field::Name, Field::Target]) >= 2,
    )
}

fn ends_form(row: &Row) -> bool {
    row.filled().next().is_some_and(|c| is_closing(&c.text))
}

/// The label of a form's last row: the total score, a 说明 or 备注.
pub fn is_closing(text: &str) -> bool {
    matches!(
        key(text).as_str(),
        "总分" | "总得分" | "说明" | "合计得分" | "备注"
    )
}

/// A grid's rows placed on its columns. A merged cell is printed once
/// with its `span`; the layout may also list the cells it covers, as
/// blanks: then every row has as many cells as the grid has columns, and
/// the spans no longer add up to the same width in every row.
fn rows(grid: &Grid) -> Vec<Row> {
    let spans = |r: &juesuan_extract::GridRow| -> usize {
        r.cells.iter().map(|c| usize::from(c.span.max(1))).sum()
    };
    let same = |v: Vec<usize>| v.windows(2).all(|w| w[0] == w[1]);
    let covered_listed = !same(grid.rows.iter().map(spans).collect())
        && same(grid.rows.iter().map(|r| r.cells.len()).collect());
    let width = grid
        .rows
        .iter()
        .map(|r| {
            if covered_listed {
                r.cells.len()
            } else {
                spans(r)
            }
        })
        .max()
        .unwrap_or(0);
    let mut above: Vec<(usize, BBox)> = Vec::new();
    grid.rows
        .iter()
        .map(|r| {
            let mut col = 0;
            let cells: Vec<Cell> = r
                .cells
                .iter()
                .map(|c| {
                    let span = usize::from(c.span.max(1));
                    let covered = c
                        .bbox
                        .is_some_and(|b| above.iter().any(|&(at, a)| at == col && a == b));
                    let cell = Cell {
                        col,
                        end: col + span,
                        text: tidy(&c.text),
                        covered,
                        cut: c.cut,
                    };
                    col += if covered_listed { 1 } else { span };
                    cell
                })
                .collect();
            above = cells
                .iter()
                .zip(&r.cells)
                .filter_map(|(cell, c)| Some((cell.col, c.bbox?)))
                .collect();
            Row {
                page: r.page,
                cells,
                width,
            }
        })
        .collect()
}
