//! Header rows → canonical column keys. Each grid column gets the labels
//! printed above it (a merged label covers all its columns); the most
//! specific label (or parent/child pair) with an alias names the column.

use crate::aliases;
use crate::text::fold;

use super::sheet::{is_ordinal_row, Sheet};

pub struct Columns {
    /// Folded header labels per column, top to bottom.
    pub labels: Vec<Vec<String>>,
    /// The printed column number (栏次) per column.
    pub ordinals: Vec<Option<u32>>,
}

impl Columns {
    pub fn of(sheet: &Sheet, grid: usize) -> Columns {
        let width = sheet.width();
        let mut labels = vec![Vec::<String>::new(); width];
        let mut ordinals = vec![None; width];
        for row in sheet.header_rows(grid) {
            let ordinal_row = is_ordinal_row(row);
            for (c, slot) in row.slots.iter().enumerate() {
                let f = fold(slot.text);
                if f.is_empty() {
                    continue;
                }
                if ordinal_row {
                    if let Ok(n) = f.parse() {
                        ordinals[c] = Some(n);
                        continue;
                    }
                }
                if labels[c].last() != Some(&f) {
                    labels[c].push(f);
                }
            }
        }
        Columns { labels, ordinals }
    }

    /// Whether the header printed anything at all.
    pub fn is_blank(&self) -> bool {
        self.labels.iter().all(Vec::is_empty) && self.ordinals.iter().all(Option::is_none)
    }

    /// The canonical key of each column in `cols` for `table`, each key
    /// given to one column at most; unlabelled columns get the key their
    /// 栏次 number names in the table's printed order.
    pub fn keys(
        &self,
        table: &str,
        cols: impl Iterator<Item = usize>,
    ) -> Vec<(usize, &'static str)> {
        let a = aliases::get();
        let mut out: Vec<(usize, &'static str)> = Vec::new();
        let cols: Vec<usize> = cols.collect();
        for &c in &cols {
            let Some(labels) = self.labels.get(c) else {
                continue;
            };
            if let Some(key) = key_of(table, labels) {
                if !out.iter().any(|&(_, k)| k == key) {
                    out.push((c, key));
                }
            }
        }
        if let Some(spec) = a.table(table) {
            for &c in &cols {
                if out.iter().any(|&(oc, _)| oc == c) {
                    continue;
                }
                let Some(n) = self.ordinals.get(c).copied().flatten() else {
                    continue;
                };
                if let Some(&key) = spec.columns.get(n as usize - 1).filter(|_| n >= 1) {
                    if !out.iter().any(|&(_, k)| k == key) {
                        out.push((c, key));
                    }
                }
            }
        }
        out.sort_unstable();
        out
    }
}

/// The most specific label (from the bottom), or parent/child pair, that
/// names a column of `table`.
pub fn key_of(table: &str, labels: &[String]) -> Option<&'static str> {
    let a = aliases::get();
    for (i, child) in labels.iter().enumerate().rev() {
        for parent in labels[..i].iter().rev() {
            if let Some(k) = a.column(table, &format!("{parent}/{child}")) {
                return Some(k);
            }
        }
        if let Some(k) = a.column(table, child) {
            return Some(k);
        }
    }
    None
}
