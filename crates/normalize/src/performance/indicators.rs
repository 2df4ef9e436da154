//! The 绩效指标 rows of a form: labels carried down, values placed.

use super::form::{Cell, Row};
use super::header::{is_section, Header};
use super::text::{amount, bare, is_nil, is_value};
use super::vocab::{is_child, label, parent, unglue, Field, Label};
use crate::model::Indicator;

const INDICATOR_VALUES: [Field; 5] = [
    Field::Target,
    Field::Actual,
    Field::Deviation,
    Field::Points,
    Field::Score,
];

/// The 一级指标 and 二级指标 in force: merged label cells apply to every
/// row they span.
#[derive(Debug, Default)]
pub struct Levels {
    pub level1: Option<String>,
    pub level2: Option<String>,
}

impl Levels {
    pub fn print(&mut self, level1: Option<String>, level2: Option<String>) {
        if level1.is_some() {
            self.level1 = level1.clone();
            self.level2 = None;
        }
        if let Some(l2) = level2 {
            // A 二级指标 under another 一级指标 than the one carried down
            // (its merged 一级指标 cell printed on a later line).
            if level1.is_none() {
                let under = self.level1.as_deref().is_some_and(|l1| is_child(l1, &l2));
                if let Some(p) = parent(&l2).filter(|_| !under) {
                    self.level1 = Some(p.to_string());
                }
            }
            self.level2 = Some(l2);
        }
    }
}

/// What one indicator row says: the labels it prints and the indicator,
/// or, on a row without an indicator name, the values it strays with.
pub struct PlacedIndicator {
    pub activity: Option<String>,
    pub level1: Option<String>,
    pub level2: Option<String>,
    pub indicator: Option<Indicator>,
    pub stray: Vec<String>,
}

/// A value printed in brackets (`（=100%）`, 烟台) without them; brackets
/// inside a value (`≥330台（套）`) stay.
fn unbracketed(text: &str) -> &str {
    let t = text.trim();
    let inner = t
        .strip_prefix(['（', '('])
        .and_then(|t| t.strip_suffix(['）', ')']));
    match inner {
        Some(i) if !i.contains(['（', '(', '）', ')']) => i.trim(),
        _ => t,
    }
}

fn set_value(ind: &mut Indicator, f: Field, c: &Cell) -> Option<()> {
    let text = Some(unbracketed(&c.text).to_string()).filter(|t| !t.is_empty());
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

pub fn indicator_by_position(h: &Header, row: &Row) -> Option<PlacedIndicator> {
    let (name_start, _) = h.span(Field::Name)?;
    let name = row
        .filled()
        .find(|c| c.col == name_start || h.at(c.col) == Some(Field::Name))?;
    // A label under 三级指标 is no indicator, unless the row prints its
    // 二级指标 beside it (泉州's `服务对象满意度指标` named after its label).
    let beside = |f: Field| {
        row.filled()
            .any(|c| c.col != name.col && h.at(c.col) == Some(f))
    };
    if matches!(label(&name.text), Some(Label::Level1(_) | Label::Level2(_)))
        && !beside(Field::Level2)
    {
        return None;
    }
    // 北京 prints `产出指标数量指标财政评审项目数量` in one cell.
    let (level1, level2, rest) = match h.span(Field::Level1).or(h.span(Field::Level2)) {
        None => unglue(&name.text),
        Some(_) => (None, None, name.text.clone()),
    };
    let mut placed = PlacedIndicator {
        activity: None,
        level1,
        level2,
        indicator: Some(Indicator {
            name: rest,
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
            // 成本指标 is a 二级指标 too (under 产出指标, before 2021).
            (Some(Field::Level2), l)
                if !matches!(l, Some(Label::Level1(_))) || parent(&bare(&c.text)).is_some() =>
            {
                placed.level2 = Some(bare(&c.text))
            }
            (Some(Field::Activity), _) => placed.activity = Some(c.text.clone()),
            // A wide table's project columns, read with the project.
            (
                Some(
                    Field::Project
                    | Field::Department
                    | Field::Budget
                    | Field::Objective
                    | Field::Planned,
                ),
                _,
            ) => {}
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
        .filter(|s| !matches!(s.as_str(), "=" | "＝" | "定性" | "定量"))
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
pub fn indicator_by_content(h: &Header, row: &Row) -> Option<PlacedIndicator> {
    let mut placed = PlacedIndicator {
        activity: None,
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
        // After its 二级指标, a label is the indicator's name (`服务对象满意度`).
        let labelled = placed.level2.is_some();
        let l = label(&c.text).filter(|l| !labelled || *l == Label::Section);
        match l {
            // `成本指标 | 经济成本指标`, `产出指标 | 成本指标`: a 二级指标 the
            // framework also lists as a 一级指标.
            Some(Label::Level1(l)) if placed.level1.as_ref().is_some_and(|l1| is_child(l1, &l)) => {
                placed.level2 = Some(l)
            }
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
    // Words beyond every value column, left of the values: the name wrapped
    // into the next cell (`常态化监控问题 | 处理及时率`), never a value (`≤10次`).
    let mut name = row.cells[at].text.clone();
    let spill = tail.len().saturating_sub(template.len());
    let wordy = |t: &str| !t.contains(|c: char| c.is_ascii_digit() || "%％≥≤≧≦<>＜＞=".contains(c));
    if tail[..spill].iter().all(|c| wordy(&c.text)) {
        name.extend(tail.drain(..spill).map(|c| c.text.as_str()));
    }
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
            name,
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
/// Text a layout split off a tall indicator row into a row of its own:
/// only text under target, actual or deviation; no name, label or number.
pub fn fragment(h: &Header, row: &Row) -> Option<Vec<(Field, String)>> {
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

pub fn text_field(ind: &mut Indicator, f: Field) -> &mut Option<String> {
    match f {
        Field::Target => &mut ind.target,
        Field::Actual => &mut ind.actual,
        _ => &mut ind.deviation,
    }
}

/// Joins a split-off piece of text before or after what a field holds.
pub fn join_text(field: &mut Option<String>, piece: &str, before: bool) {
    let joined = match field.take() {
        Some(t) if before => format!("{piece}{t}"),
        Some(t) => format!("{t}{piece}"),
        None => piece.to_string(),
    };
    *field = Some(joined);
}
