//! 绩效自评表: the project (项目支出) and department-wide (部门整体支出)
//! performance self-evaluation forms, read into [`Performance`] records.
//!
//! Columns are found by their header text (`data/performance_columns.tsv`).
//! A row is first read by position under those headers; where a lossy
//! text dump has shifted its cells, it is read by content instead (labels
//! by the indicator framework, values by their order and kind). What
//! neither reading places is reported as a `perf_unplaced` warning.

mod form;
mod text;
mod vocab;

use std::collections::HashMap;
use std::sync::LazyLock;

use juesuan_extract::Document;
use regex::Regex;
use rust_decimal::Decimal;

use crate::model::{Amount, Diagnostic, Funds, FundsRow, Goals, Indicator, Performance};
use form::{Cell, Draft, Kind, Row};
use text::{amount, bare, is_nil, is_percent, is_rate, is_value, key, points};
use vocab::{field, label, parent, Field, Label};

/// Every form of the document, and what could not be placed.
pub fn extract(doc: &Document) -> (Vec<Performance>, Vec<Diagnostic>) {
    let narrative: Vec<&str> = doc.lines().map(|l| l.text.as_str()).collect();
    let mut diagnostics = Vec::new();
    let forms = form::split(doc)
        .iter()
        .filter_map(|d| FormReader::read(d, &narrative, &mut diagnostics))
        .collect();
    (forms, diagnostics)
}

/// The columns a header row names, each over the grid columns it covers.
#[derive(Debug, Clone, Default)]
struct Header {
    cols: Vec<(Field, usize, usize)>,
}

impl Header {
    /// A header row, refined by the sub-header below it where a merged
    /// header covers several columns (全年预算数 → 总额 | 财政拨款 | 其他资金:
    /// the amount is the 总额).
    fn new(row: &Row, sub: Option<&Row>) -> (Header, bool) {
        let mut cols: Vec<_> = row
            .filled()
            .filter_map(|c| field(&c.text).map(|f| (f, c.col, c.end)))
            .collect();
        // 年初预算数 is kept apart only beside a 全年预算数; alone it is the budget.
        if !cols.iter().any(|c| c.0 == Field::Budget) {
            for c in cols.iter_mut().filter(|c| c.0 == Field::InitialBudget) {
                c.0 = Field::Budget;
            }
        }
        let Some(sub) = sub
            .filter(|s| !s.is_blank() && s.filled().all(|c| field(&c.text) == Some(Field::Other)))
        else {
            return (Header { cols }, false);
        };
        let mut refined = Vec::new();
        for (f, start, end) in cols.drain(..) {
            let parts: Vec<&Cell> = sub
                .filled()
                .filter(|c| c.col >= start && c.col < end)
                .collect();
            let Some(total) = parts
                .iter()
                .find(|c| matches!(key(&c.text).as_str(), "总额" | "合计" | "小计"))
                .or(parts.first())
            else {
                refined.push((f, start, end));
                continue;
            };
            refined.extend(parts.iter().map(|c| {
                (
                    if c.col == total.col { f } else { Field::Other },
                    c.col,
                    c.end,
                )
            }));
        }
        (Header { cols: refined }, true)
    }

    fn at(&self, col: usize) -> Option<Field> {
        self.cols
            .iter()
            .find(|(_, s, e)| *s <= col && col < *e)
            .map(|c| c.0)
    }

    fn span(&self, f: Field) -> Option<(usize, usize)> {
        self.cols.iter().find(|c| c.0 == f).map(|c| (c.1, c.2))
    }

    /// The fields among `which`, in printed order, each once.
    fn order(&self, which: &[Field]) -> Vec<Field> {
        let mut cols: Vec<_> = self.cols.iter().filter(|c| which.contains(&c.0)).collect();
        cols.sort_by_key(|c| c.1);
        let mut out: Vec<Field> = Vec::new();
        for c in cols {
            if !out.contains(&c.0) {
                out.push(c.0);
            }
        }
        out
    }
}

const FUNDS_VALUES: [Field; 6] = [
    Field::InitialBudget,
    Field::Budget,
    Field::Executed,
    Field::Rate,
    Field::Points,
    Field::Score,
];
const AMOUNTS: [Field; 3] = [Field::InitialBudget, Field::Budget, Field::Executed];
const INDICATOR_VALUES: [Field; 5] = [
    Field::Target,
    Field::Actual,
    Field::Deviation,
    Field::Points,
    Field::Score,
];

#[derive(Debug, Clone)]
enum Section {
    Start,
    Funds(Header),
    Goals(Header),
    Indicators(Header),
    End,
}

/// The 一级指标 and 二级指标 in force: merged label cells apply to every
/// row they span.
#[derive(Debug, Default)]
struct Levels {
    level1: Option<String>,
    level2: Option<String>,
}

impl Levels {
    fn print(&mut self, level1: Option<String>, level2: Option<String>) {
        if level1.is_some() {
            self.level1 = level1.clone();
            self.level2 = None;
        }
        if let Some(l2) = level2 {
            // A 二级指标 under another 一级指标 than the one carried down
            // (its merged 一级指标 cell printed on a later line).
            if level1.is_none() {
                if let Some(p) = parent(&l2) {
                    if self.level1.as_deref() != Some(p) {
                        self.level1 = Some(p.to_string());
                    }
                }
            }
            self.level2 = Some(l2);
        }
    }
}

struct FormReader<'a> {
    draft: &'a Draft,
    perf: Performance,
    section: Section,
    funds: Vec<FundsRow>,
    unit: Option<String>,
    goals: Goals,
    indicators: Vec<(Indicator, u32)>,
    levels: Levels,
    /// Points allocated to each 一级指标 (`产出指标 (40 分)`).
    allotted: HashMap<String, Decimal>,
    total: Option<Amount>,
    /// Text split off the top of a tall indicator row, for the row below.
    pending: Vec<(Field, String)>,
    diagnostics: Vec<Diagnostic>,
    /// A funds, goals or indicators header was read: this is a form.
    is_form: bool,
}

impl<'a> FormReader<'a> {
    fn read(
        draft: &'a Draft,
        narrative: &[&str],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Performance> {
        let mut r = FormReader {
            draft,
            perf: Performance {
                kind: draft.kind.as_str().into(),
                pages: draft.pages.iter().copied().filter(|&p| p > 0).collect(),
                ..Default::default()
            },
            section: Section::Start,
            funds: Vec::new(),
            unit: None,
            goals: Goals::default(),
            indicators: Vec::new(),
            levels: Levels::default(),
            allotted: HashMap::new(),
            total: None,
            pending: Vec::new(),
            diagnostics: Vec::new(),
            is_form: false,
        };
        r.heading();
        let mut skip = false;
        for (i, row) in draft.rows.iter().enumerate() {
            if std::mem::take(&mut skip) {
                continue;
            }
            skip = r.row(row, draft.rows.get(i + 1));
        }
        // A table that only shares a label with the forms (项目名称 | 自评分数).
        if !r.is_form {
            return None;
        }
        r.finish(narrative, diagnostics)
    }

    /// The lines above the grid: the evaluation and the unit.
    fn heading(&mut self) {
        self.evaluation(&self.draft.heading);
        self.unit = unit_in(&key(&self.draft.heading));
    }

    /// 自评时间, 自评等级, 自评得分 wherever printed: above the grid (a dump
    /// may split them over several lines) or in a row of it. True when
    /// one was found.
    fn evaluation(&mut self, text: &str) -> bool {
        static EVALUATED: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"自评时间:?(\d{4})年(\d{1,2})月").unwrap());
        static GRADE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:自评|评价)等[次级]:?(优秀|优|良好|良|中等|中|合格|不合格|差)").unwrap()
        });
        static SCORE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"自评(?:得分|总分)(?:\(分\))?:?(\d+(?:\.\d+)?)").unwrap());
        let k = key(text);
        let mut found = false;
        if let Some(c) = EVALUATED.captures(&k) {
            found = true;
            self.perf
                .evaluated
                .get_or_insert_with(|| format!("{}-{:0>2}", &c[1], &c[2]));
        }
        if let Some(c) = GRADE.captures(&k) {
            found = true;
            self.perf.grade.get_or_insert_with(|| c[1].to_string());
        }
        if let Some(score) = SCORE.captures(&k).and_then(|c| amount(&c[1])) {
            found = true;
            self.perf.score.get_or_insert(score);
        }
        found
    }

    /// Reads one row; true when it also consumed the next (a sub-header).
    fn row(&mut self, row: &Row, next: Option<&Row>) -> bool {
        if row.is_blank() {
            return false;
        }
        let fields: Vec<Field> = row.filled().filter_map(|c| field(&c.text)).collect();
        for c in row.filled() {
            if field(&c.text).is_some() || label(&c.text) == Some(Label::Section) {
                self.unit = self.unit.take().or_else(|| unit_in(&key(&c.text)));
            }
            if let (Some(Label::Level1(l1)), Some(p)) = (label(&c.text), points(&c.text)) {
                self.allotted.insert(l1, p);
            }
        }
        let joined: String = row.filled().map(|c| c.text.as_str()).collect();
        let evaluation = self.evaluation(&joined);
        // `自评等级 | 优` on a line of its own is no indicator.
        if evaluation
            && row
                .filled()
                .next()
                .is_some_and(|c| key(&c.text).starts_with("自评"))
        {
            return false;
        }
        if fields.iter().any(|f| f.is_meta()) {
            self.meta(row);
            return false;
        }
        let count = |which: &[Field]| fields.iter().filter(|f| which.contains(f)).count();
        let consumed = if count(&AMOUNTS) + count(&[Field::Rate]) >= 2 {
            let (h, consumed) = Header::new(row, next);
            self.section = Section::Funds(h);
            self.is_form = true;
            consumed
        } else if count(&[Field::Planned, Field::Achieved]) >= 2 {
            self.section = Section::Goals(Header::new(row, None).0);
            self.is_form = true;
            false
        } else if count(&[
            Field::Level1,
            Field::Level2,
            Field::Name,
            Field::Target,
            Field::Actual,
        ]) >= 2
        {
            self.section = Section::Indicators(Header::new(row, None).0);
            self.is_form = true;
            false
        } else {
            match self.section.clone() {
                Section::Funds(h) => self.funds_row(&h, row),
                Section::Goals(h) => self.goals_row(&h, row),
                Section::Indicators(h) => self.indicator_row(&h, row),
                // A title or `（2022年度）` line the layout kept in the grid.
                Section::Start if row.filled().count() == 1 => {
                    self.unit = self.unit.take().or_else(|| unit_in(&key(&joined)));
                }
                Section::Start => self.unplaced("a row before any section", row),
                Section::End => {}
            }
            false
        };
        consumed
    }

    /// Label cells followed by their values (项目名称 | 党务和行政管理).
    fn meta(&mut self, row: &Row) {
        let cells: Vec<&Cell> = row.filled().collect();
        for (i, c) in cells.iter().enumerate() {
            let Some(f) = field(&c.text).filter(|f| f.is_meta()) else {
                continue;
            };
            let Some(value) = cells
                .get(i + 1)
                .filter(|v| field(&v.text).is_none())
                .map(|v| v.text.clone())
            else {
                continue;
            };
            match f {
                Field::Project | Field::Department => self.perf.project = value,
                Field::SubProjects => {
                    self.perf.sub_projects = value
                        .split(['，', ',', '、', ';', '；'])
                        .map(|s| s.trim().trim_end_matches(['。', '.']).to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                }
                Field::CompetentDepartment => self.perf.competent_department = Some(value),
                Field::ImplementingUnit => self.perf.implementing_unit = Some(value),
                _ => {}
            }
        }
    }

    fn funds_row(&mut self, h: &Header, row: &Row) {
        match funds_by_position(h, row).or_else(|| funds_by_content(h, row)) {
            Some(r)
                if r.initial_budget.is_some()
                    || r.budget.is_some()
                    || r.executed.is_some()
                    || r.rate.is_some()
                    || r.score.is_some() =>
            {
                self.funds.push(r)
            }
            Some(_) => {}
            None => self.unplaced("a funds row", row),
        }
    }

    fn goals_row(&mut self, h: &Header, row: &Row) {
        let Some((planned, achieved, score)) =
            goals_by_position(h, row).or_else(|| goals_by_content(row))
        else {
            return self.unplaced("a goals row", row);
        };
        let join = |acc: &mut Option<String>, more: Option<String>| {
            if let Some(m) = more {
                acc.get_or_insert_with(String::new).push_str(&m);
            }
        };
        join(&mut self.goals.planned, planned);
        join(&mut self.goals.achieved, achieved);
        self.goals.score = self.goals.score.or(score);
    }

    fn indicator_row(&mut self, h: &Header, row: &Row) {
        let first = row
            .filled()
            .find(|c| label(&c.text) != Some(Label::Section))
            .map(|c| key(&c.text));
        match first.as_deref() {
            Some("总分" | "合计" | "总计" | "合计得分") => {
                let at_score = h
                    .span(Field::Score)
                    .and_then(|(s, _)| row.filled().find(|c| c.col == s));
                self.total = at_score
                    .and_then(|c| amount(&c.text))
                    .or_else(|| row.filled().filter_map(|c| amount(&c.text)).last());
                self.section = Section::End;
                return;
            }
            Some("说明") => {
                self.section = Section::End;
                return;
            }
            _ => {}
        }
        if let Some(parts) = fragment(h, row) {
            for (f, text) in parts {
                // `2022.1.1-` above `2023.12.30`: a range goes on below.
                let continues = text.ends_with(['-', '—', '~', '～', '至', '、', '，', ',']);
                match self.indicators.last_mut().filter(|_| !continues) {
                    Some((prev, _)) => join_text(text_field(prev, f), &text, false),
                    None => self.pending.push((f, text)),
                }
            }
            return;
        }
        let Some(placed) = indicator_by_position(h, row).or_else(|| indicator_by_content(h, row))
        else {
            return self.unplaced("an indicator row", row);
        };
        self.levels.print(placed.level1, placed.level2);
        match placed.indicator {
            Some(mut ind) => {
                for (f, text) in self.pending.drain(..) {
                    join_text(text_field(&mut ind, f), &text, true);
                }
                ind.level1 = self.levels.level1.clone();
                ind.level2 = self.levels.level2.clone();
                self.indicators.push((ind, row.page));
            }
            None if !placed.stray.is_empty() => {
                self.unplaced("a score without an indicator", row);
            }
            None => {}
        }
    }

    fn unplaced(&mut self, what: &str, row: &Row) {
        let name = if self.perf.project.is_empty() {
            "绩效自评表"
        } else {
            &self.perf.project
        };
        self.diagnostics.push(Diagnostic::warn(
            "perf_unplaced",
            format!("{name}: {what} could not be placed: {}", row.show()),
            (row.page > 0).then_some(row.page),
        ));
    }

    fn finish(mut self, narrative: &[&str], out: &mut Vec<Diagnostic>) -> Option<Performance> {
        out.append(&mut self.diagnostics);
        if self.perf.project.is_empty() && self.draft.kind == Kind::Department {
            // The Chongqing 部门整体 form names its department as 主管部门.
            self.perf.project = self.perf.competent_department.take().unwrap_or_default();
        }
        if self.perf.project.is_empty() {
            let page = self.draft.pages.iter().copied().find(|&p| p > 0);
            out.push(Diagnostic::warn(
                "perf_unplaced",
                "a 绩效自评表 without a project name",
                page,
            ));
            return None;
        }
        for (f, text) in self.pending.drain(..) {
            out.push(Diagnostic::warn(
                "perf_unplaced",
                format!(
                    "{}: {text} ({f:?}) continues no indicator",
                    self.perf.project
                ),
                self.draft.pages.last().copied().filter(|&p| p > 0),
            ));
        }
        // A score above its 一级指标's points is a subtotal a dump printed
        // on an indicator's line.
        for (ind, page) in &mut self.indicators {
            let cap = ind
                .level1
                .as_ref()
                .and_then(|l| self.allotted.get(l))
                .copied()
                .unwrap_or(Decimal::ONE_HUNDRED);
            if let Some(s) = ind.score.filter(|s| *s > cap) {
                ind.score = None;
                out.push(Diagnostic::warn(
                    "perf_unplaced",
                    format!(
                        "{}: score {s} on {} exceeds the {cap} points of its 一级指标",
                        self.perf.project, ind.name
                    ),
                    (*page > 0).then_some(*page),
                ));
            }
        }
        self.perf.score = self.perf.score.or(self.total);
        self.perf.indicators = self.indicators.into_iter().map(|(i, _)| i).collect();
        if self.goals.planned.is_some()
            || self.goals.achieved.is_some()
            || self.goals.score.is_some()
        {
            self.perf.goals = Some(self.goals);
        }
        if !self.funds.is_empty() {
            let is_total = |r: &FundsRow| {
                matches!(
                    key(&r.item).as_str(),
                    "年度资金总额" | "金额合计" | "合计" | "总计" | "资金总额"
                )
            };
            let total = self.funds.iter().find(|r| is_total(r));
            let scored: Vec<Amount> = self.funds.iter().filter_map(|r| r.score).collect();
            // The dump may print the score on another line than the total's.
            let score = total.and_then(|r| r.score).or(match scored[..] {
                [only] => Some(only),
                _ => None,
            });
            let total_budget = total.or(self.funds.first()).and_then(|r| r.budget);
            let unit = self.unit.or_else(|| {
                total_budget.and_then(|b| unit_from_narrative(&self.perf.project, b, narrative))
            });
            if unit.is_none() {
                let page = self.draft.pages.iter().copied().find(|&p| p > 0);
                out.push(Diagnostic::warn(
                    "perf_unplaced",
                    format!(
                        "{}: the unit of the funds (元 or 万元) is printed nowhere",
                        self.perf.project
                    ),
                    page,
                ));
            }
            self.perf.funds = Some(Funds {
                unit,
                score,
                rows: self.funds,
            });
        }
        Some(self.perf)
    }
}

/// `万元` or `元` where a label or heading says so (`项目资金（万元）`,
/// `单位：元`).
fn unit_in(k: &str) -> Option<String> {
    if k.contains("(万元)") || k.contains("单位:万元") {
        Some("万元".into())
    } else if k.contains("(元)") || k.contains("单位:元") {
        Some("元".into())
    } else {
        None
    }
}

/// The unit of a form that prints none, from the narrative's account of
/// the same project (`党务和行政管理 …全年预算数为 32.52 万元` against a
/// printed 325,200.00 → 元).
fn unit_from_narrative(project: &str, budget: Amount, narrative: &[&str]) -> Option<String> {
    static WAN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\d[\d,]*(?:\.\d+)?)万元").unwrap());
    let project = key(project);
    let wan = budget / Decimal::from(10_000);
    for line in narrative
        .iter()
        .map(|l| key(l))
        .filter(|l| l.contains(&project))
    {
        for c in WAN.captures_iter(&line) {
            let Some(n) = amount(&c[1]) else { continue };
            if n == budget {
                return Some("万元".into());
            }
            if wan.round_dp(n.scale()) == n {
                return Some("元".into());
            }
        }
    }
    None
}

fn funds_item(text: &str) -> String {
    let t = text.trim();
    let t = t
        .strip_prefix("其中：")
        .or_else(|| t.strip_prefix("其中:"))
        .unwrap_or(t);
    t.trim().trim_end_matches(['：', ':']).to_string()
}

fn is_section(c: &Cell) -> bool {
    label(&c.text) == Some(Label::Section)
}

/// Text a layout split off a tall indicator row into a row of its own:
/// only text under target, actual or deviation; no name, label or number.
fn fragment(h: &Header, row: &Row) -> Option<Vec<(Field, String)>> {
    h.span(Field::Name)?;
    let mut parts = Vec::new();
    for c in row.filled().filter(|c| !is_section(c)) {
        match h.at(c.col) {
            Some(f @ (Field::Target | Field::Actual | Field::Deviation))
                if amount(&c.text).is_none() && label(&c.text).is_none() =>
            {
                parts.push((f, c.text.clone()))
            }
            _ => return None,
        }
    }
    (!parts.is_empty()).then_some(parts)
}

fn text_field(ind: &mut Indicator, f: Field) -> &mut Option<String> {
    match f {
        Field::Target => &mut ind.target,
        Field::Actual => &mut ind.actual,
        _ => &mut ind.deviation,
    }
}

/// Joins a split-off piece of text before or after what a field holds.
fn join_text(field: &mut Option<String>, piece: &str, before: bool) {
    let joined = match field.take() {
        Some(t) if before => format!("{piece}{t}"),
        Some(t) => format!("{t}{piece}"),
        None => piece.to_string(),
    };
    *field = Some(joined);
}

/// A funds row read under its header's columns; `None` where a cell sits
/// under no column or holds the wrong kind of value.
fn funds_by_position(h: &Header, row: &Row) -> Option<FundsRow> {
    let first_value = h
        .cols
        .iter()
        .filter(|c| FUNDS_VALUES.contains(&c.0))
        .map(|c| c.1)
        .min()?;
    let item = match h.span(Field::Task) {
        Some((s, e)) => row.filled().find(|c| c.col >= s && c.col < e)?,
        None => row
            .filled()
            .find(|c| c.col < first_value && !is_section(c))?,
    };
    let mut out = FundsRow {
        item: funds_item(&item.text),
        ..Default::default()
    };
    for c in row.filled().filter(|c| c.col != item.col && !is_section(c)) {
        // A lone hyphen is the accounting format's zero (`-` under 年初预算数);
        // an em dash (`—`) marks a cell that does not apply.
        let zero = key(&c.text) == "-";
        let sum = || amount(&c.text).or(zero.then_some(Decimal::ZERO));
        if is_nil(&c.text) && !zero {
            continue;
        }
        match h.at(c.col) {
            Some(Field::InitialBudget) => out.initial_budget = Some(sum()?),
            Some(Field::Budget) => out.budget = Some(sum()?),
            Some(Field::Executed) => out.executed = Some(sum()?),
            Some(Field::Rate | Field::Points | Field::Score) if zero => {}
            Some(Field::Rate) if is_rate(&c.text) => out.rate = Some(c.text.clone()),
            Some(Field::Points) => {
                amount(&c.text)?;
            }
            Some(Field::Score) => out.score = Some(amount(&c.text)?),
            Some(Field::Other | Field::Task) => {}
            _ => return None,
        }
    }
    Some(out)
}

/// A funds row whose cells a dump shifted: the item, then its numbers in
/// the header's order around the rate (the one percentage). Numbers map
/// onto the header's columns when all are printed, or onto the amounts
/// alone (分值 and 得分 printed as `—`); any other count is not placed.
fn funds_by_content(h: &Header, row: &Row) -> Option<FundsRow> {
    let cells: Vec<&Cell> = row
        .filled()
        .filter(|c| !is_section(c) && !is_nil(&c.text))
        .collect();
    let at = cells.iter().position(|c| !is_rate(&c.text))?;
    let mut out = FundsRow {
        item: funds_item(&cells[at].text),
        ..Default::default()
    };
    let rest = &cells[at + 1..];
    let rate_at = rest.iter().position(|c| is_percent(&c.text));
    let (before, after) = match rate_at {
        Some(r) => (&rest[..r], &rest[r + 1..]),
        None => (rest, &rest[rest.len()..]),
    };
    out.rate = rate_at.map(|r| rest[r].text.clone());
    let order = h.order(&FUNDS_VALUES);
    let split = order
        .iter()
        .position(|f| *f == Field::Rate)
        .unwrap_or(order.len());
    let (pre, post) = (&order[..split], order.get(split + 1..).unwrap_or(&[]));
    for (fields, cells) in [(pre, before), (post, after)] {
        let numbers: Vec<Amount> = cells
            .iter()
            .map(|c| amount(&c.text))
            .collect::<Option<_>>()?;
        let sums: Vec<Field> = fields
            .iter()
            .copied()
            .filter(|f| *f != Field::Points)
            .collect();
        let onto = if numbers.len() == fields.len() {
            fields
        } else if numbers.len() == sums.len() || numbers.is_empty() {
            &sums[..]
        } else {
            return None;
        };
        for (f, n) in onto.iter().zip(numbers) {
            match f {
                Field::InitialBudget => out.initial_budget = Some(n),
                Field::Budget => out.budget = Some(n),
                Field::Executed => out.executed = Some(n),
                Field::Score => out.score = Some(n),
                _ => {}
            }
        }
    }
    Some(out)
}

type GoalsRow = (Option<String>, Option<String>, Option<Amount>);

fn goals_by_position(h: &Header, row: &Row) -> Option<GoalsRow> {
    let (mut planned, mut achieved, mut score) = (None, None, None);
    for c in row.filled().filter(|c| !is_section(c)) {
        match h.at(c.col) {
            Some(Field::Planned) => planned = Some(c.text.clone()),
            Some(Field::Achieved) => achieved = Some(c.text.clone()),
            Some(Field::Score) if !is_nil(&c.text) => score = Some(amount(&c.text)?),
            Some(Field::Points | Field::Score | Field::Other) => {}
            _ => return None,
        }
    }
    Some((planned, achieved, score))
}

/// Goals whose cells a dump shifted: planned, achieved, then the score.
fn goals_by_content(row: &Row) -> Option<GoalsRow> {
    let mut cells: Vec<&Cell> = row.filled().filter(|c| !is_section(c)).collect();
    let score = cells.last().and_then(|c| amount(&c.text));
    if score.is_some() {
        cells.pop();
    }
    match cells[..] {
        [p, a] => Some((Some(p.text.clone()), Some(a.text.clone()), score)),
        [p] => Some((Some(p.text.clone()), None, score)),
        [] => Some((None, None, score)),
        _ => None,
    }
}

/// What one indicator row says: the labels it prints and the indicator,
/// or, on a row without an indicator name, the values it strays with.
struct PlacedIndicator {
    level1: Option<String>,
    level2: Option<String>,
    indicator: Option<Indicator>,
    stray: Vec<String>,
}

fn set_value(ind: &mut Indicator, f: Field, c: &Cell) -> Option<()> {
    let text = Some(c.text.clone()).filter(|t| !t.is_empty());
    match f {
        Field::Target => ind.target = text,
        Field::Actual => ind.actual = text,
        Field::Deviation => ind.deviation = text,
        Field::Score if is_nil(&c.text) => {}
        Field::Score => ind.score = Some(amount(&c.text)?),
        Field::Points if is_nil(&c.text) => {}
        Field::Points => {
            amount(&c.text)?;
        }
        _ => return None,
    }
    Some(())
}

fn indicator_by_position(h: &Header, row: &Row) -> Option<PlacedIndicator> {
    let (name_start, _) = h.span(Field::Name)?;
    let name = row
        .filled()
        .find(|c| c.col == name_start || h.at(c.col) == Some(Field::Name))?;
    if matches!(label(&name.text), Some(Label::Level1(_) | Label::Level2(_))) {
        return None;
    }
    let mut placed = PlacedIndicator {
        level1: None,
        level2: None,
        indicator: Some(Indicator {
            name: name.text.clone(),
            ..Default::default()
        }),
        stray: Vec::new(),
    };
    let ind = placed.indicator.as_mut()?;
    for c in row.filled().filter(|c| c.col != name.col) {
        match (h.at(c.col), label(&c.text)) {
            (_, Some(Label::Section)) => {}
            (Some(Field::Level1), l) if !matches!(l, Some(Label::Level2(_))) => {
                placed.level1 = Some(bare(&c.text))
            }
            (Some(Field::Level2), l) if !matches!(l, Some(Label::Level1(_))) => {
                placed.level2 = Some(bare(&c.text))
            }
            (Some(f), None) if INDICATOR_VALUES.contains(&f) => set_value(ind, f, c)?,
            (Some(Field::Other | Field::Sense | Field::Measure), _) => {}
            _ => return None,
        }
    }
    split_target(h, row, ind);
    Some(placed)
}

/// A 年度指标值 printed over 指标性质 | 指标值 | 度量单位 as one target
/// (`≥98%`); the unit also completes a bare actual value (`98` → `98%`).
fn split_target(h: &Header, row: &Row, ind: &mut Indicator) {
    let text = |f: Field| {
        let (s, e) = h.span(f)?;
        row.filled()
            .find(|c| c.col >= s && c.col < e)
            .map(|c| c.text.clone())
    };
    let sense = text(Field::Sense)
        .filter(|s| s != "=" && s != "＝")
        .unwrap_or_default();
    let measure = text(Field::Measure).unwrap_or_default();
    if let Some(t) = ind.target.as_mut() {
        *t = format!("{sense}{t}{measure}");
    }
    if let Some(a) = ind.actual.as_mut().filter(|a| amount(a).is_some()) {
        a.push_str(&measure);
    }
}

/// An indicator row whose cells a dump shifted: labels first, then the
/// name, then the values matched from the right onto the header's value
/// columns (a trailing score or deviation may be missing).
fn indicator_by_content(h: &Header, row: &Row) -> Option<PlacedIndicator> {
    let mut placed = PlacedIndicator {
        level1: None,
        level2: None,
        indicator: None,
        stray: Vec::new(),
    };
    let mut name_at = None;
    for (i, c) in row
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.text.is_empty())
    {
        match label(&c.text) {
            Some(Label::Level1(l)) => placed.level1 = Some(l),
            Some(Label::Level2(l)) => placed.level2 = Some(l),
            Some(Label::Section) => {}
            None if amount(&c.text).is_some() => placed.stray.push(c.text.clone()),
            None => {
                name_at = Some(i);
                break;
            }
        }
    }
    let Some(at) = name_at else {
        return Some(placed);
    };
    if !placed.stray.is_empty() {
        return None;
    }
    let mut tail: Vec<&Cell> = row.cells[at + 1..].iter().collect();
    while tail.last().is_some_and(|c| c.text.is_empty()) {
        tail.pop();
    }
    let template = h.order(&INDICATOR_VALUES);
    for keep in (0..=template.len()).rev() {
        let slots = &template[..keep];
        if tail.len() > slots.len()
            && tail[..tail.len() - slots.len()]
                .iter()
                .any(|c| !c.text.is_empty())
        {
            break; // more values than columns
        }
        let cells = &tail[tail.len().saturating_sub(slots.len())..];
        let slots = &slots[slots.len() - cells.len()..];
        let fits = slots.iter().zip(cells).all(|(f, c)| match f {
            Field::Score | Field::Points => c.text.is_empty() || amount(&c.text).is_some(),
            Field::Deviation => !is_value(&c.text),
            _ => true,
        });
        if !fits {
            continue;
        }
        let mut ind = Indicator {
            name: row.cells[at].text.clone(),
            ..Default::default()
        };
        for (f, c) in slots.iter().zip(cells) {
            set_value(&mut ind, *f, c)?;
        }
        placed.indicator = Some(ind);
        return Some(placed);
    }
    None
}
