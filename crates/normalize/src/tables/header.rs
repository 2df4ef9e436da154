//! Header rows → canonical column keys. Each grid column gets the labels
//! printed above it (a merged label covers all its columns); the most
//! specific label (or parent/child pair) with an alias names the column.

use crate::aliases;
use crate::text::fold;

use super::sheet::{is_ordinal_row, Sheet};

pub struct Columns {
    /// Folded header labels per column, top to bottom, the filing's year
    /// dropped and the year before it read as 上年 (`2026年预算数` →
    /// `预算数`, `2025年执行数` → `上年执行数` in a 2026 filing).
    pub labels: Vec<Vec<String>>,
    /// The folded header labels as printed.
    pub printed: Vec<Vec<String>>,
    /// The printed column number (栏次) per column.
    pub ordinals: Vec<Option<u32>>,
}

impl Columns {
    pub fn of(sheet: &Sheet, grid: usize) -> Columns {
        let width = sheet.width();
        let mut printed = vec![Vec::<String>::new(); width];
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
                if printed[c].last() != Some(&f) {
                    printed[c].push(f);
                }
            }
        }
        let labels = printed
            .iter()
            .map(|ls| ls.iter().map(|l| of_year(l, sheet.year)).collect())
            .collect();
        Columns {
            labels,
            printed,
            ordinals,
        }
    }

    /// The printed header path of a column (`2025年执行数/执行数`), the
    /// name of a column no canonical key fits.
    pub fn path(&self, col: usize) -> Option<String> {
        let p = self.printed.get(col).filter(|p| !p.is_empty())?;
        Some(p.join("/"))
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

/// A header label relative to the filing's `year`: that year dropped, the
/// year before read as 上年; other labels as they are.
fn of_year(label: &str, year: Option<u16>) -> String {
    let (Some(year), Some(rest)) = (year, label.get(4..)) else {
        return label.to_string();
    };
    let Ok(printed) = label[..4].parse::<u16>() else {
        return label.to_string();
    };
    let Some(rest) = rest.strip_prefix('年') else {
        return label.to_string();
    };
    let rest = rest.strip_prefix('度').unwrap_or(rest);
    match year.checked_sub(printed) {
        Some(0) if !rest.is_empty() => rest.to_string(),
        Some(1) if !rest.is_empty() => format!("上年{rest}"),
        _ => label.to_string(),
    }
}
