//! The record as related tables. Each relation's first column is
//! `filing_id`; a filing given twice (a harvest resumed, a file done again)
//! keeps its last record only, so `filing_id` is a key of `filings`.

use std::collections::HashMap;

use juesuan_normalize::{Amount, Level, Performance, Record};
use rust_decimal::Decimal;

/// The type of a column, the same in every format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    /// A coordinate in PDF points.
    Real,
    /// An exact decimal amount.
    Amount,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Text(String),
    Int(i64),
    Real(f64),
    Amount(Decimal),
}

/// One output table: a fixed list of typed columns and its rows.
#[derive(Debug, Clone)]
pub struct Relation {
    pub name: &'static str,
    pub columns: &'static [(&'static str, Kind)],
    pub rows: Vec<Vec<Value>>,
}

impl Relation {
    /// The index of a column by name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|(n, _)| *n == name)
    }
}

use Kind::{Amount as A, Int as I, Real as R, Text as T};

const FILINGS: &[(&str, Kind)] = &[
    ("filing_id", T),
    ("path", T),
    ("sha256", T),
    ("format", T),
    ("kind", T),
    ("year", I),
    ("department", T),
    ("published", T),
    ("pages", I),
    ("producer", T),
    ("tables", I),
    ("checks_failed", I),
    ("errors", T),
];
const TABLES: &[(&str, Kind)] = &[
    ("filing_id", T),
    ("table_id", T),
    ("title", T),
    ("number", I),
    ("unit", T),
    ("pages", T),
    ("empty", I),
    ("rows", I),
    ("notes", T),
];
const CELLS: &[(&str, Kind)] = &[
    ("filing_id", T),
    ("table_id", T),
    ("title", T),
    ("unit", T),
    ("row_key", T),
    ("code", T),
    ("item", T),
    ("side", T),
    ("label", T),
    ("name", T),
    ("line", I),
    ("column_key", T),
    ("value", A),
    ("page", I),
    ("x0", R),
    ("y0", R),
    ("x1", R),
    ("y1", R),
];
const CHECKS: &[(&str, Kind)] = &[
    ("filing_id", T),
    ("rule", T),
    ("status", T),
    ("table_id", T),
    ("row_key", T),
    ("column_key", T),
    ("expected", A),
    ("actual", A),
    ("diff", A),
    ("detail", T),
    ("page", I),
];
/// The columns naming a 绩效 form, shared by its three relations.
const FORM: [(&str, Kind); 5] = [
    ("filing_id", T),
    ("form", I),
    ("kind", T),
    ("stage", T),
    ("project", T),
];
const PERFORMANCE: &[(&str, Kind)] = &[
    FORM[0],
    FORM[1],
    FORM[2],
    FORM[3],
    FORM[4],
    ("pages", T),
    ("sub_projects", T),
    ("competent_department", T),
    ("implementing_unit", T),
    ("evaluated", T),
    ("grade", T),
    ("score", A),
    ("funds_unit", T),
    ("funds_score", A),
    ("goals_planned", T),
    ("goals_achieved", T),
    ("goals_score", A),
];
const INDICATORS: &[(&str, Kind)] = &[
    FORM[0],
    FORM[1],
    FORM[2],
    FORM[3],
    FORM[4],
    ("level1", T),
    ("level2", T),
    ("name", T),
    ("target", T),
    ("actual", T),
    ("deviation", T),
    ("score", A),
];
const FUNDS: &[(&str, Kind)] = &[
    FORM[0],
    FORM[1],
    FORM[2],
    FORM[3],
    FORM[4],
    ("unit", T),
    ("item", T),
    ("initial_budget", A),
    ("budget", A),
    ("executed", A),
    ("rate", T),
    ("score", A),
];
const FACTS: &[(&str, Kind)] = &[
    ("filing_id", T),
    ("key", T),
    ("value", A),
    ("unit", T),
    ("page", I),
    ("evidence", T),
];
const DIAGNOSTICS: &[(&str, Kind)] = &[
    ("filing_id", T),
    ("level", T),
    ("code", T),
    ("message", T),
    ("page", I),
];

/// Relations in the order they are written.
const SCHEMAS: [(&str, &[(&str, Kind)]); 9] = [
    ("filings", FILINGS),
    ("tables", TABLES),
    ("cells", CELLS),
    ("checks", CHECKS),
    ("performance", PERFORMANCE),
    ("indicators", INDICATORS),
    ("funds", FUNDS),
    ("facts", FACTS),
    ("diagnostics", DIAGNOSTICS),
];

/// Records flattened as they come; [`Relations::finish`] gives the tables.
pub struct Relations {
    relations: Vec<Relation>,
    /// Per relation, the ordinal of the record each row came from.
    origin: Vec<Vec<usize>>,
    /// filing_id → the ordinal of its last record.
    last: HashMap<String, usize>,
    records: usize,
}

impl Default for Relations {
    fn default() -> Self {
        Relations {
            relations: SCHEMAS
                .iter()
                .map(|&(name, columns)| Relation {
                    name,
                    columns,
                    rows: Vec::new(),
                })
                .collect(),
            origin: vec![Vec::new(); SCHEMAS.len()],
            last: HashMap::new(),
            records: 0,
        }
    }
}

/// The key joining a record's rows: its sha256, or its path for a file
/// that could not be read (no bytes, no hash).
pub fn filing_id(r: &Record) -> String {
    if r.source.sha256.is_empty() {
        r.source.path.clone()
    } else {
        r.source.sha256.clone()
    }
}

impl Relations {
    pub fn new() -> Self {
        Self::default()
    }

    /// Every relation of one set of records.
    pub fn of<'a>(records: impl IntoIterator<Item = &'a Record>) -> Vec<Relation> {
        let mut r = Relations::new();
        records.into_iter().for_each(|rec| r.push(rec));
        r.finish()
    }

    pub fn push(&mut self, rec: &Record) {
        let id = filing_id(rec);
        let ordinal = self.records;
        self.records += 1;
        self.last.insert(id.clone(), ordinal);
        let fid = || Value::Text(id.clone());
        let mut rows: [Vec<Vec<Value>>; 9] = Default::default();

        let errors: Vec<&str> = rec
            .diagnostics
            .iter()
            .filter(|d| d.level == Level::Error)
            .map(|d| d.code.as_str())
            .collect();
        rows[0].push(vec![
            fid(),
            text(&rec.source.path),
            opt_text(Some(&rec.source.sha256).filter(|s| !s.is_empty())),
            text(&rec.source.format),
            opt_text(rec.filing.kind.as_ref()),
            int(rec.filing.year),
            opt_text(rec.filing.department.as_ref()),
            opt_text(rec.filing.published.as_ref()),
            int(rec.source.pages),
            opt_text(rec.source.producer.as_ref()),
            Value::Int(rec.tables.len() as i64),
            Value::Int(
                rec.checks
                    .iter()
                    .filter(|c| enum_str(&c.status) == "fail")
                    .count() as i64,
            ),
            opt_text(Some(errors.join(",")).filter(|s| !s.is_empty()).as_ref()),
        ]);

        for t in &rec.tables {
            rows[1].push(vec![
                fid(),
                text(&t.id),
                text(&t.title),
                int(t.number),
                opt_text(t.unit.as_ref()),
                joined(&t.pages),
                Value::Int(t.empty.into()),
                Value::Int(t.rows.len() as i64),
                opt_text(Some(t.notes.join("\n")).filter(|s| !s.is_empty()).as_ref()),
            ]);
            for row in &t.rows {
                let key = Some(row.key())
                    .filter(|k| !k.is_empty())
                    .or_else(|| row.label.clone());
                for (column, value) in &row.values {
                    let at = row.at.get(column);
                    let coord =
                        |i: usize| at.map_or(Value::Null, |a| Value::Real(shortest(a.bbox[i])));
                    rows[2].push(vec![
                        fid(),
                        text(&t.id),
                        text(&t.title),
                        opt_text(t.unit.as_ref()),
                        opt_text(key.as_ref()),
                        opt_text(row.code.as_ref()),
                        opt_text(row.item.as_ref()),
                        opt_text(row.side.map(|s| s.as_str().to_string()).as_ref()),
                        opt_text(row.label.as_ref()),
                        opt_text(row.name.as_ref()),
                        int(row.line),
                        text(column),
                        Value::Amount(*value),
                        int(at.map(|a| a.page)),
                        coord(0),
                        coord(1),
                        coord(2),
                        coord(3),
                    ]);
                }
            }
        }

        for c in &rec.checks {
            rows[3].push(vec![
                fid(),
                text(&enum_str(&c.rule)),
                text(&enum_str(&c.status)),
                text(&c.table),
                text(&c.row),
                text(&c.column),
                Value::Amount(c.expected),
                Value::Amount(c.actual),
                Value::Amount(c.diff),
                text(&c.detail),
                int(c.page),
            ]);
        }

        for (i, p) in rec.performance.iter().enumerate() {
            let form_row = form_columns(fid(), i, p);
            let form = || form_row.clone();
            let funds = p.funds.as_ref();
            let goals = p.goals.as_ref();
            let mut row = form();
            row.extend([
                joined(&p.pages),
                opt_text(
                    Some(p.sub_projects.join("\n"))
                        .filter(|s| !s.is_empty())
                        .as_ref(),
                ),
                opt_text(p.competent_department.as_ref()),
                opt_text(p.implementing_unit.as_ref()),
                opt_text(p.evaluated.as_ref()),
                opt_text(p.grade.as_ref()),
                amount(p.score),
                opt_text(funds.and_then(|f| f.unit.as_ref())),
                amount(funds.and_then(|f| f.score)),
                opt_text(goals.and_then(|g| g.planned.as_ref())),
                opt_text(goals.and_then(|g| g.achieved.as_ref())),
                amount(goals.and_then(|g| g.score)),
            ]);
            rows[4].push(row);
            for ind in &p.indicators {
                let mut row = form();
                row.extend([
                    opt_text(ind.level1.as_ref()),
                    opt_text(ind.level2.as_ref()),
                    text(&ind.name),
                    opt_text(ind.target.as_ref()),
                    opt_text(ind.actual.as_ref()),
                    opt_text(ind.deviation.as_ref()),
                    amount(ind.score),
                ]);
                rows[5].push(row);
            }
            for f in funds.map_or(&[][..], |f| &f.rows) {
                let mut row = form();
                row.extend([
                    opt_text(funds.and_then(|f| f.unit.as_ref())),
                    text(&f.item),
                    amount(f.initial_budget),
                    amount(f.budget),
                    amount(f.executed),
                    opt_text(f.rate.as_ref()),
                    amount(f.score),
                ]);
                rows[6].push(row);
            }
        }

        for (key, f) in &rec.facts {
            rows[7].push(vec![
                fid(),
                text(key),
                Value::Amount(f.value),
                text(&f.unit),
                int(f.page),
                text(&f.evidence),
            ]);
        }

        for d in &rec.diagnostics {
            rows[8].push(vec![
                fid(),
                text(&enum_str(&d.level)),
                text(&d.code),
                text(&d.message),
                int(d.page),
            ]);
        }

        for (i, new) in rows.into_iter().enumerate() {
            self.origin[i].extend(std::iter::repeat_n(ordinal, new.len()));
            self.relations[i].rows.extend(new);
        }
    }

    /// The relations, each filing's rows from its last record only.
    pub fn finish(mut self) -> Vec<Relation> {
        let kept: std::collections::HashSet<usize> = self.last.into_values().collect();
        for (rel, origin) in self.relations.iter_mut().zip(&self.origin) {
            if kept.len() == self.records {
                break;
            }
            let mut o = origin.iter();
            rel.rows
                .retain(|_| kept.contains(o.next().expect("one origin per row")));
        }
        self.relations
    }
}

/// `filing_id, form, kind, stage, project` of a 绩效 form; `stage` is read
/// from the record's JSON so that it follows the contract's default
/// (`evaluation`) whether or not the model spells the field.
fn form_columns(fid: Value, i: usize, p: &Performance) -> Vec<Value> {
    let stage = serde_json::to_value(p)
        .ok()
        .and_then(|v| v.get("stage").and_then(|s| s.as_str()).map(str::to_string))
        .unwrap_or_else(|| "evaluation".into());
    vec![
        fid,
        Value::Int(i as i64),
        text(&p.kind),
        Value::Text(stage),
        text(&p.project),
    ]
}

/// The JSON spelling of a unit enum (`row_sum`, `fail`, `warn`).
pub(crate) fn enum_str<T: serde::Serialize>(e: &T) -> String {
    match serde_json::to_value(e) {
        Ok(serde_json::Value::String(s)) => s,
        other => panic!("not a unit enum: {other:?}"),
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn opt_text(s: Option<&String>) -> Value {
    s.map_or(Value::Null, |s| text(s))
}

fn int<N: Into<i64>>(n: Option<N>) -> Value {
    n.map_or(Value::Null, |n| Value::Int(n.into()))
}

fn amount(a: Option<Amount>) -> Value {
    a.map_or(Value::Null, Value::Amount)
}

fn joined(pages: &[u32]) -> Value {
    if pages.is_empty() {
        return Value::Null;
    }
    Value::Text(
        pages
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(","),
    )
}

/// An f32 coordinate as the f64 of its shortest decimal form (`72.1`, not
/// `72.09999847412109`): what the JSON line says.
fn shortest(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(f64::from(x))
}
