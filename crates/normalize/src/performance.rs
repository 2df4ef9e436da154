//! 绩效自评表: the project (项目支出) and department-wide (部门整体支出)
//! performance self-evaluation forms, read into [`Performance`] records.
//!
//! Columns are found by their header text (`data/performance_columns.tsv`).
//! A row is first read by position under those headers; where a lossy
//! text dump has shifted its cells, it is read by content instead (labels
//! by the indicator framework, values by their order and kind). What
//! neither reading places is reported as a `perf_unplaced` warning.

mod form;
mod funds;
mod goals;
mod header;
mod indicators;
mod text;
mod vocab;

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use juesuan_extract::Document;
use regex::Regex;
use rust_decimal::Decimal;

use crate::model::{Amount, Diagnostic, Funds, FundsRow, Goals, Indicator, Performance};
use form::{is_closing, Cell, Draft, Kind, Row};
use funds::{
    funds_by_content, funds_by_position, funds_item, unit_from_narrative, unit_in, AMOUNTS,
};
use goals::{goals_by_content, goals_by_position};
use header::{is_section, Header};
use indicators::{
    fragment, indicator_by_content, indicator_by_position, join_text, text_field, Levels,
};
use text::{amount, is_nil, join_cut, key, points};
use vocab::{field, label, Field, Label};

/// Every form of the document, and what could not be placed.
pub fn extract(doc: &Document) -> (Vec<Performance>, Vec<Diagnostic>) {
    let narrative: Vec<&str> = doc.lines().map(|l| l.text.as_str()).collect();
    let mut diagnostics = Vec::new();
    let forms = form::split(doc)
        .iter()
        .flat_map(|d| FormReader::read(d, &narrative, &mut diagnostics))
        .collect();
    (forms, diagnostics)
}

#[derive(Debug, Clone)]
enum Section {
    Start,
    Funds(Header),
    Goals(Header),
    Indicators(Header),
    /// A target form's funds block: `item | amount` pairs, or amounts
    /// under a header of their own.
    Pairs,
    /// The goals written beside their label; a row of text alone goes on.
    Objective,
    End,
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
    /// The labels of a funds block's header row, over the columns each
    /// covers (`预算支出总额 | 财政拨款/基本支出 | …`).
    pair_header: Vec<(usize, usize, String)>,
    /// The form-naming label the previous row printed: a name cut by a
    /// page break goes on in the next row.
    named_by: Option<Field>,
    /// An indicators header was read, and whether one had 实际完成值.
    indicator_header: bool,
    actual_column: bool,
    narrative: &'a [&'a str],
    /// The forms of a wide table read before this one.
    done: Vec<Performance>,
    /// A wide table: a form per project, on the pages of its rows.
    wide: bool,
    rows_pages: BTreeSet<u32>,
    /// The project cell read last goes on past the page's foot.
    cut_below: bool,
}

impl<'a> FormReader<'a> {
    fn read(
        draft: &'a Draft,
        narrative: &'a [&'a str],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<Performance> {
        let mut r = FormReader {
            draft,
            narrative,
            done: Vec::new(),
            rows_pages: BTreeSet::new(),
            wide: false,
            cut_below: false,
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
            pair_header: Vec::new(),
            named_by: None,
            indicator_header: false,
            actual_column: false,
        };
        r.heading();
        let mut skip = 0;
        for (i, row) in draft.rows.iter().enumerate() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            skip = r.row(row, &draft.rows[i + 1..]);
        }
        r.evaluation(&draft.footing);
        // A table that only shares a label with the forms (项目名称 | 自评分数).
        if !r.is_form {
            return Vec::new();
        }
        let last = r.finish();
        diagnostics.append(&mut r.diagnostics);
        r.done.extend(last);
        r.done
    }

    /// A wide table's next project (`项目名称` in a column of its own):
    /// the form read so far is done.
    fn next_form(&mut self, name: &str, page: u32) {
        // A merged project cell printed again on the next page.
        if !name.is_empty() && self.perf.project == name {
            return;
        }
        if !self.perf.project.is_empty() || !self.indicators.is_empty() {
            let done = self.finish();
            self.done.extend(done);
            self.perf = Performance {
                kind: self.draft.kind.as_str().into(),
                ..Default::default()
            };
            self.levels = Levels::default();
            self.allotted.clear();
            self.total = None;
            self.goals = Goals::default();
        }
        self.wide = true;
        self.rows_pages.insert(page);
        self.perf.project = name.to_string();
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
            LazyLock::new(|| Regex::new(r"自评时间:?(\d{4})[年.\-/](\d{1,2})").unwrap());
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

    /// Reads one row; how many of the rows after it it also took (a
    /// header's lower rows).
    fn row(&mut self, row: &Row, rest: &[Row]) -> usize {
        let next = rest.first();
        if row.is_blank() {
            return 0;
        }
        self.rows_pages.insert(row.page);
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
        // `自评等级 | 优` on a line of its own is no indicator, and
        // `（单位盖章） | 自评时间：…` above the form no stray row.
        let leads = row
            .filled()
            .next()
            .is_some_and(|c| key(&c.text).starts_with("自评"));
        if evaluation && (leads || matches!(self.section, Section::Start)) {
            return 0;
        }
        let count = |which: &[Field]| fields.iter().filter(|f| which.contains(f)).count();
        let indicator_header = indicator_fields(row) >= 2;
        let named_by = self.named_by.take();
        // A header over two or three rows (长沙): a project column and
        // the funds above, the indicators' columns below.
        let names_project = fields
            .iter()
            .any(|f| matches!(f, Field::Project | Field::Department));
        let all_fields = row.filled().all(|c| field(&c.text).is_some());
        let below = rest.iter().take(2).position(|n| indicator_fields(n) >= 2);
        if let Some(k) =
            below.filter(|&k| !indicator_header && (names_project || k == 0 && all_fields))
        {
            let upper: Vec<&Row> = std::iter::once(row).chain(&rest[..k]).collect();
            let h = Header::over(&upper, &rest[k]);
            self.actual_column |= h.span(Field::Actual).is_some();
            self.section = Section::Indicators(h);
            self.is_form = true;
            self.indicator_header = true;
            return k + 1;
        }
        if !indicator_header && fields.iter().any(|f| f.is_meta()) {
            self.meta(row);
            return 0;
        }
        let first = row.filled().next().map_or("", |c| c.text.as_str());
        let lead = field(first);
        if is_closing(first) && key(first) == "备注" {
            // The form's footnote closes it; it is no indicator.
            if row.filled().nth(1).is_some() {
                self.unplaced("the form's 备注 (a footnote)", row);
            }
            self.section = Section::End;
            return 0;
        }
        // Distinct fields: 广州's `部门预算支出 | 预算金额 | 收入来源 | 预算金额`
        // pairs labels with amounts; it heads no columns of amounts.
        let distinct = |which: &[Field]| which.iter().filter(|f| fields.contains(f)).count();
        let consumed = if distinct(&AMOUNTS) + distinct(&[Field::Rate]) >= 2
            || count(&[Field::Task]) >= 1 && count(&AMOUNTS) >= 1
        {
            let (h, consumed) = Header::new(row, next);
            self.section = Section::Funds(h);
            self.is_form = true;
            usize::from(consumed)
        } else if count(&[Field::Planned, Field::Achieved]) >= 2 {
            self.section = Section::Goals(Header::new(row, None).0);
            self.is_form = true;
            0
        } else if indicator_header {
            self.section = Section::Indicators(Header::new(row, None).0);
            self.is_form = true;
            self.indicator_header = true;
            self.actual_column |= count(&[Field::Actual]) > 0;
            // A wide table's `财政资金 | 其他资金` under its `其中：`.
            let wide = fields
                .iter()
                .any(|f| matches!(f, Field::Project | Field::Department));
            usize::from(
                wide && next.is_some_and(|n| {
                    !n.is_blank() && n.filled().all(|c| field(&c.text) == Some(Field::Other))
                }),
            )
        } else if lead == Some(Field::FundsBlock) {
            self.section = Section::Pairs;
            self.pairs_row(row);
            0
        } else if matches!(lead, Some(Field::Objective | Field::Planned))
            && !matches!(self.section, Section::Goals(_) | Section::Indicators(_))
        {
            self.objective(row);
            0
        } else if lead == Some(Field::Overview) {
            let text: String = row.filled().skip(1).map(|c| c.text.as_str()).collect();
            self.perf.overview = Some(text).filter(|t| !t.is_empty());
            0
        } else {
            let single = row.filled().nth(1).is_none();
            match self.section.clone() {
                Section::Funds(h) => self.funds_row(&h, row),
                Section::Goals(h) => self.goals_row(&h, row),
                Section::Indicators(h) => self.indicator_row(&h, row),
                // The rest of a name a page break cut (`…补助资` | `金`).
                Section::Start if single && named_by.is_some() => {
                    let name = match named_by {
                        Some(Field::CompetentDepartment) => self
                            .perf
                            .competent_department
                            .get_or_insert_with(String::new),
                        Some(Field::ImplementingUnit) => {
                            self.perf.implementing_unit.get_or_insert_with(String::new)
                        }
                        _ => &mut self.perf.project,
                    };
                    name.push_str(&joined);
                }
                // A title or `（2022年度）` line the layout kept in the grid.
                Section::Start | Section::Objective if single && lead.is_some() => {}
                Section::Start if single => {
                    self.unit = self.unit.take().or_else(|| unit_in(&key(&joined)));
                }
                Section::Objective if single => {
                    let planned = self.goals.planned.get_or_insert_with(String::new);
                    planned.push_str(&joined);
                }
                Section::Start | Section::Objective
                    if self.draft.title.is_some() && has_pairs(row) =>
                {
                    self.section = Section::Pairs;
                    self.pairs_row(row);
                }
                Section::Pairs => self.pairs_row(row),
                Section::Start | Section::Objective => {
                    self.unplaced("a row before any section", row)
                }
                Section::End => {}
            }
            0
        };
        consumed
    }

    /// `年度总体目标 | 1.加强…`: the goals beside their label; or
    /// `总体目标 | 实施期总目标 | 年度总目标`, a header over the goals below.
    fn objective(&mut self, row: &Row) {
        self.is_form = true;
        let rest: Vec<&Cell> = row.filled().skip(1).collect();
        if !rest.is_empty() && rest.iter().all(|c| field(&c.text).is_some()) {
            self.section = Section::Goals(Header::new(row, None).0);
            return;
        }
        let text: String = rest.iter().map(|c| c.text.as_str()).collect();
        if !text.is_empty() {
            self.goals
                .planned
                .get_or_insert_with(String::new)
                .push_str(&text);
        }
        self.section = Section::Objective;
    }

    /// A row of a target form's funds block: a header (no amounts), the
    /// amounts under it, or `item | amount` pairs (`其中：财政拨款 | 1,384.87`).
    fn pairs_row(&mut self, row: &Row) {
        self.is_form = true;
        for c in row.filled() {
            self.unit = self.unit.take().or_else(|| unit_in(&key(&c.text)));
        }
        let cells: Vec<&Cell> = row
            .filled()
            .filter(|c| !is_section(c) && field(&c.text) != Some(Field::FundsBlock))
            .collect();
        // A printed `-` is the accounting format's zero; a dash that does
        // not apply, or a blank, is no amount.
        let value = |c: &Cell| -> Option<Option<Amount>> {
            match amount(&c.text) {
                Some(a) => Some(Some(a)),
                None if key(&c.text) == "-" => Some(Some(Decimal::ZERO)),
                None if is_nil(&c.text) => Some(None),
                None => None,
            }
        };
        let push = |funds: &mut Vec<FundsRow>, item: &str, budget: Option<Amount>| {
            if budget.is_some() {
                funds.push(FundsRow {
                    item: funds_item(item),
                    budget,
                    ..Default::default()
                });
            }
        };
        if !cells.iter().any(|c| value(c).flatten().is_some()) {
            self.header_of_pairs(&cells);
            return;
        }
        if cells.iter().all(|c| value(c).is_some()) {
            for c in cells {
                let over = self
                    .pair_header
                    .iter()
                    .find(|h| h.0 <= c.col && c.col < h.1);
                match over {
                    Some((_, _, item)) => push(&mut self.funds, &item.clone(), value(c).flatten()),
                    None => self.unplaced("an amount under no funds label", row),
                }
            }
            return;
        }
        let mut i = 0;
        while i < cells.len() {
            let label = value(cells[i]).is_none();
            match cells.get(i + 1).and_then(|v| value(v)).filter(|_| label) {
                Some(budget) => {
                    push(&mut self.funds, &cells[i].text, budget);
                    i += 2;
                }
                None => {
                    if !label || field(&cells[i].text).is_none() && i + 1 < cells.len() {
                        self.unplaced("a funds cell without its label or amount", row);
                    }
                    i += 1;
                }
            }
        }
    }

    /// A funds block's header row; a second one under the first names
    /// the parts of its columns (`财政拨款` over `合计 | 基本支出 | 项目支出`).
    fn header_of_pairs(&mut self, cells: &[&Cell]) {
        let labels: Vec<(usize, usize, String)> = cells
            .iter()
            .map(|c| (c.col, c.end, funds_item(&c.text)))
            .collect();
        let under =
            |h: &(usize, usize, String), c: &(usize, usize, String)| h.0 <= c.0 && c.1 <= h.1;
        let nested = !self.pair_header.is_empty()
            && labels
                .iter()
                .all(|c| self.pair_header.iter().any(|h| under(h, c)));
        if !nested {
            self.pair_header = labels;
            return;
        }
        let mut composed = Vec::new();
        for h in &self.pair_header {
            let parts: Vec<_> = labels.iter().filter(|c| under(h, c)).collect();
            if parts.is_empty() {
                composed.push(h.clone());
            }
            for (s, e, part) in parts {
                let item = match part.as_str() {
                    "合计" | "小计" | "总额" => h.2.clone(),
                    _ => format!("{}/{part}", h.2),
                };
                composed.push((*s, *e, item));
            }
        }
        self.pair_header = composed;
    }

    /// Label cells followed by their values (项目名称 | 党务和行政管理).
    fn meta(&mut self, row: &Row) {
        let cells: Vec<&Cell> = row.filled().collect();
        for (i, c) in cells.iter().enumerate() {
            let Some(f) = field(&c.text).filter(|f| f.is_meta()) else {
                continue;
            };
            self.named_by = Some(f);
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
        // A wide table's page whose grid lost the project's columns: whose
        // indicators these are cannot be told.
        let project_col = h.span(Field::Project).or(h.span(Field::Department));
        if self.wide && row.width < h.width && row.filled().nth(1).is_some() {
            if let Some((s, _)) = project_col {
                if h.realign(row)
                    .is_none_or(|r| !r.filled().any(|c| c.col <= s))
                {
                    return self.unplaced(
                        "an indicator row on a page whose project column was not read",
                        row,
                    );
                }
            }
        }
        let realigned = h.realign(row);
        let row = realigned.as_ref().unwrap_or(row);
        let first = row
            .filled()
            .find(|c| label(&c.text) != Some(Label::Section))
            .map(|c| key(&c.text));
        match first.as_deref() {
            Some("总分" | "总得分" | "合计" | "总计" | "合计得分") => {
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
        if let Some((s, e)) = project_col {
            if let Some(c) = row.cells.iter().find(|c| c.col >= s && c.col < e) {
                self.project_cell(h, row, c);
            }
        }
        // The indicator a wide table prints beside its project.
        let first = [Field::Level1, Field::Level2, Field::Name]
            .iter()
            .filter_map(|f| h.span(*f))
            .map(|(s, _)| s)
            .min();
        let beside;
        let row = match first.filter(|_| self.wide) {
            Some(at) => {
                beside = Row {
                    page: row.page,
                    cells: row.cells.iter().filter(|c| c.col >= at).cloned().collect(),
                    width: row.width,
                };
                &beside
            }
            None => row,
        };
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
        self.levels
            .print(placed.level1.clone(), placed.level2.clone());
        match placed.indicator {
            Some(mut ind) => {
                for (f, text) in self.pending.drain(..) {
                    join_text(text_field(&mut ind, f), &text, true);
                }
                ind.level1 = self.levels.level1.clone();
                ind.level2 = self.levels.level2.clone();
                ind.activity = placed.activity;
                self.indicators.push((ind, row.page));
            }
            None if !placed.stray.is_empty() => {
                self.unplaced("a score without an indicator", row);
            }
            // A printed grid's 二级指标 with a blank row beside it (长沙's
            // `经济效益指标`): a category without indicators, not a label
            // for the rows below. A dump prints merged labels on lines of
            // their own, and they do go on.
            None if row.page > 0
                && placed.level2.is_some()
                && h.span(Field::Name)
                    .is_some_and(|(s, _)| row.cells.iter().any(|c| c.col == s)) =>
            {
                self.levels.level2 = None;
            }
            None => {}
        }
    }

    /// A wide table's project cell, merged down over the project's
    /// indicator rows. A page break cuts it into parts, one a page, and
    /// its name is printed once, in any one part (centred in the part
    /// where the producer put it): a part without a name that goes on
    /// past the page's foot opens a project named further on.
    fn project_cell(&mut self, h: &Header, row: &Row, c: &Cell) {
        let goes_on = std::mem::replace(&mut self.cut_below, c.cut.below);
        if c.covered {
            return;
        }
        if c.cut.above && goes_on {
            if !c.text.is_empty() {
                self.perf.project = join_cut(&self.perf.project, &c.text);
            }
            self.rows_pages.insert(row.page);
            self.wide_project(h, row, true);
        } else if !c.text.is_empty() || c.cut.below {
            self.next_form(&c.text, row.page);
            self.wide_project(h, row, false);
        }
    }

    /// What a wide table's project row prints besides its first
    /// indicator: the amount and the goals; `cut`: in the part of the
    /// project's cells after a page break.
    fn wide_project(&mut self, h: &Header, row: &Row, cut: bool) {
        for c in row.filled() {
            match h.at(c.col) {
                // A line the page break cut, printed on both pages: the
                // print after the break keeps the low marks (`.`).
                Some(Field::Budget) if cut && !self.funds.is_empty() => {
                    if let Some(budget) = amount(&c.text) {
                        self.funds[0].budget = Some(budget);
                    }
                }
                // The project's cells printed again on the next page.
                Some(Field::Budget) if !self.funds.is_empty() => {}
                Some(Field::Budget) => {
                    if let Some(budget) = amount(&c.text) {
                        let printed = h.label(Field::Budget).unwrap_or("资金总额");
                        self.funds.push(FundsRow {
                            item: funds_item(&text::without_parens(&key(printed))),
                            budget: Some(budget),
                            ..Default::default()
                        });
                    }
                }
                Some(Field::Objective | Field::Planned) => {
                    let planned = match self.goals.planned.take().filter(|_| cut) {
                        Some(before) => join_cut(&before, &c.text),
                        None => c.text.clone(),
                    };
                    self.goals.planned = Some(planned);
                }
                _ => {}
            }
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

    /// The form read, its state taken; `None` where it has no name.
    fn finish(&mut self) -> Option<Performance> {
        let mut out = std::mem::take(&mut self.diagnostics);
        let found = self.found(&mut out);
        self.diagnostics = out;
        found
    }

    fn found(&mut self, out: &mut Vec<Diagnostic>) -> Option<Performance> {
        let rows_pages = std::mem::take(&mut self.rows_pages);
        if self.wide {
            self.perf.pages = rows_pages.into_iter().filter(|&p| p > 0).collect();
        }
        if self.perf.project.is_empty() && self.draft.kind == Kind::Department {
            // The Chongqing 部门整体 form names its department as 主管部门,
            // or above the grid (`单位名称:重庆市商务委员会`).
            self.perf.project = self
                .perf
                .competent_department
                .take()
                .or_else(|| named_in(&self.draft.heading, Field::Department))
                .unwrap_or_default();
        }
        // 重庆's 表十二 names it above the grid (`资金主管部门:重庆市商务委员会`).
        if self.perf.competent_department.is_none() && self.draft.kind == Kind::Project {
            self.perf.competent_department =
                named_in(&self.draft.heading, Field::CompetentDepartment);
        }
        if self.perf.project.is_empty() && self.draft.kind == Kind::Project {
            // 泉州 names the project in the title only.
            self.perf.project = self
                .draft
                .title
                .as_deref()
                .and_then(project_in_title)
                .unwrap_or_default();
        }
        if self.perf.project.is_empty() && self.wide && !self.indicators.is_empty() {
            // A project cell going on past a page break whose name was
            // printed on no page read.
            for (ind, page) in &self.indicators {
                out.push(Diagnostic::warn(
                    "perf_unplaced",
                    format!(
                        "an indicator row of a project whose name is printed nowhere could not be placed: {}",
                        shown(ind)
                    ),
                    (*page > 0).then_some(*page),
                ));
            }
            self.indicators.clear();
            return None;
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
        // A target form says so in its title; one without a title, by
        // printing targets and no 实际完成值.
        if self.draft.targets || self.indicator_header && !self.actual_column {
            self.perf.stage = Some("targets".into());
        }
        self.perf.indicators = std::mem::take(&mut self.indicators)
            .into_iter()
            .map(|(i, _)| i)
            .collect();
        if self.goals.planned.is_some()
            || self.goals.achieved.is_some()
            || self.goals.score.is_some()
        {
            self.perf.goals = Some(std::mem::take(&mut self.goals));
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
            // The total's score, which a dump may print on another line of
            // the funds (the only score there is); rows of tasks without a
            // total have none.
            let score = total.and_then(|r| {
                r.score.or(match scored[..] {
                    [only] => Some(only),
                    _ => None,
                })
            });
            let total_budget = total.or(self.funds.first()).and_then(|r| r.budget);
            let unit = self.unit.clone().or_else(|| {
                total_budget
                    .and_then(|b| unit_from_narrative(&self.perf.project, b, self.narrative))
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
                rows: std::mem::take(&mut self.funds),
            });
        }
        Some(std::mem::take(&mut self.perf))
    }
}

/// An indicator as its row printed it, for a diagnostic.
fn shown(ind: &Indicator) -> String {
    [
        &ind.level1,
        &ind.level2,
        &Some(ind.name.clone()),
        &ind.target,
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .collect::<Vec<_>>()
    .join(" | ")
}

/// `当年预算 | 46,794.00 | 市级支出 | 40,624.00`: a label beside an amount.
fn has_pairs(row: &Row) -> bool {
    let cells: Vec<&Cell> = row.filled().collect();
    cells
        .windows(2)
        .any(|w| amount(&w[0].text).is_none() && amount(&w[1].text).is_some())
}

/// What a heading names under a label (`单位名称:重庆市商务委员会`).
fn named_in(heading: &str, which: Field) -> Option<String> {
    heading.lines().find_map(|l| {
        let k = key(l);
        let (label, name) = k.split_once(':')?;
        let name = name.split("单位:").next().unwrap_or(name).trim();
        (field(label) == Some(which) && !name.is_empty()).then(|| name.to_string())
    })
}

/// The project a form's title names: `…机场公安综合修缮改造项目绩效目标表`
/// without its `项目绩效目标表`; none for a title that names only the form.
fn project_in_title(title: &str) -> Option<String> {
    const FORMS: [&str; 5] = [
        "项目支出绩效目标表",
        "项目绩效目标表",
        "绩效目标表",
        "项目支出绩效自评表",
        "绩效自评表",
    ];
    let t = text::without_parens(&key(title));
    let name = FORMS.iter().find_map(|s| t.strip_suffix(s))?;
    let generic = name.is_empty()
        || name.ends_with('年')
        || name.ends_with("支出")
        || name.ends_with("一级项目")
        || name.ends_with(|c: char| c.is_ascii_digit() || c == '表');
    (!generic).then(|| name.to_string())
}

/// How many columns of an indicators header a row names.
fn indicator_fields(row: &Row) -> usize {
    const NAMED: [Field; 5] = [
        Field::Level1,
        Field::Level2,
        Field::Name,
        Field::Target,
        Field::Actual,
    ];
    row.filled()
        .filter(|c| field(&c.text).is_some_and(|f| NAMED.contains(&f)))
        .count()
}
