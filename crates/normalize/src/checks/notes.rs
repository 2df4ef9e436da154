//! Identities printed under a table (`24行 = (1+2+3+4+5+6+7) 行`,
//! `1栏各行=（2+3+4+5+6+7）栏各行`, `6栏各行=(1+2-3) 栏各行`): rows by
//! 行次, columns by 栏次 in the table's printed column order.

use std::sync::OnceLock;

use regex::Regex;

use super::{column_order, rows_sum, ColumnSum};
use crate::model::{Check, Row, Rule, Table};

/// One printed identity: `total` = Σ ± terms, numbered by 行次 or 栏次.
#[derive(Debug)]
pub(super) struct Printed {
    pub total: u32,
    pub terms: Vec<Term>,
    /// The terms include a `…` range: a long run of lines, some of them
    /// blank padding rows that extraction may not keep.
    pub ranged: bool,
    pub text: String,
}

#[derive(Debug)]
pub(super) struct Term {
    pub number: u32,
    pub negative: bool,
}

#[derive(Debug, Default)]
pub(super) struct Notes {
    pub lines: Vec<Printed>,
    pub columns: Vec<Printed>,
}

fn identity_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(\d+)(行|栏)(?:各行)?=\(?([0-9+\-~]+)\)?(?:行|栏)(?:各行)?")
            .expect("valid pattern")
    })
}

/// The crate's folded form of a note (full-width forms and spacing to one
/// spelling), with the minus sign as `-` and an ellipsis as `~`.
fn fold(note: &str) -> String {
    let mut s = crate::text::fold(note).replace('−', "-");
    for ellipsis in ["……", "…", "...", "。。。", "···"] {
        s = s.replace(ellipsis, "~");
    }
    s
}

/// The identities in a table's notes. The notes are read as one text, so
/// an identity wrapped over two printed lines still parses.
pub(super) fn parse(notes: &[String]) -> Notes {
    let mut parsed = Notes::default();
    let folded = fold(&notes.join(""));
    for m in identity_pattern().captures_iter(&folded) {
        let (Ok(total), Some(terms)) = (m[1].parse(), expression(&m[3])) else {
            continue;
        };
        let ranged = m[3].contains('~');
        let printed = Printed {
            total,
            terms,
            ranged,
            text: m[0].replace('~', "…"),
        };
        match &m[2] {
            "行" => parsed.lines.push(printed),
            _ => parsed.columns.push(printed),
        }
    }
    parsed
}

/// `28+29+~+49` → 28, 29, 30, …, 49; `1+2-3` → 1, 2, −3.
fn expression(text: &str) -> Option<Vec<Term>> {
    let mut terms: Vec<Term> = Vec::new();
    let mut range_open = false;
    let mut negative = false;
    for token in text.split_inclusive(['+', '-']) {
        let (body, next_negative) = match token.strip_suffix('-') {
            Some(body) => (body, true),
            None => (token.strip_suffix('+').unwrap_or(token), false),
        };
        if body == "~" {
            range_open = true;
        } else if !body.is_empty() {
            let number: u32 = body.parse().ok()?;
            let from = if range_open {
                terms.last()?.number + 1
            } else {
                number
            };
            terms.extend((from..=number).map(|number| Term { number, negative }));
            range_open = false;
        }
        negative = next_negative;
    }
    (!terms.is_empty() && !range_open).then_some(terms)
}

/// The printed column identities as column sums of this table, where every
/// 栏 they name is one of its columns.
pub(super) fn column_sums(table: &str, printed: &[Printed]) -> Vec<ColumnSum> {
    let order = column_order(table);
    let name = |n: u32| order.get((n as usize).checked_sub(1)?).copied();
    printed
        .iter()
        .filter_map(|p| {
            let total = name(p.total)?;
            let mut plus = Vec::new();
            let mut minus = Vec::new();
            for term in &p.terms {
                let column = name(term.number)?;
                if term.negative {
                    minus.push(column)
                } else {
                    plus.push(column)
                }
            }
            let mut sum = ColumnSum::new(total, &plus, &minus);
            sum.detail = p.text.clone();
            Some(sum)
        })
        .collect()
}

/// A printed line identity, column by column, where its total line and
/// every line it names were extracted (in a `…` range, at least one).
pub(super) fn line_sum(table: &Table, printed: &Printed, out: &mut Vec<Check>) {
    let line = |n: u32| table.rows.iter().find(|r| r.line == Some(n));
    let Some(total) = line(printed.total) else {
        return;
    };
    let (mut plus, mut minus): (Vec<&Row>, Vec<&Row>) = (Vec::new(), Vec::new());
    for term in &printed.terms {
        match line(term.number) {
            Some(row) if term.negative => minus.push(row),
            Some(row) => plus.push(row),
            None if printed.ranged => {}
            None => return,
        }
    }
    if plus.is_empty() && minus.is_empty() {
        return;
    }
    rows_sum(
        Rule::Total,
        table,
        total,
        (&plus, &minus),
        &printed.text,
        out,
    );
}
