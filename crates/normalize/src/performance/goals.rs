//! The 年度总体目标 rows of a form: planned, achieved, score.

use super::form::{Cell, Row};
use super::header::{is_section, Header};
use super::text::{amount, is_nil};
use super::vocab::Field;
use crate::model::Amount;

/// What a goals row prints: planned, achieved, score.
pub type GoalsRow = (Option<String>, Option<String>, Option<Amount>);

/// A goals row read under its header's columns.
pub fn goals_by_position(h: &Header, row: &Row) -> Option<GoalsRow> {
    let (mut planned, mut achieved, mut score) = (None, None, None);
    for c in row.filled().filter(|c| !is_section(c)) {
        match h.at(c.col) {
            Some(Field::Planned) => planned = Some(c.text.clone()),
            Some(Field::Achieved) => achieved = Some(c.text.clone()),
            Some(Field::Score) if !is_nil(&c.text) => score = Some(amount(&c.text)?),
            Some(Field::Points | Field::Score | Field::Other | Field::Objective) => {}
            _ => return None,
        }
    }
    Some((planned, achieved, score))
}

/// Goals whose cells a dump shifted: planned, achieved, then the score.
pub fn goals_by_content(row: &Row) -> Option<GoalsRow> {
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
