//! Tables whose rows are functional classification codes (类/款/项):
//! 收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表, 政府性基金 and
//! 国有资本经营 tables. The code is printed in one column (`2010350`) or
//! split over 类 | 款 | 项 columns (`201 | 03 | 50`).

use crate::aliases::{self, TableSpec};
use crate::model::{Diagnostic, Row};
use crate::text::{as_code, fold, parse_cell, split_code, squash};

use super::header::Columns;
use super::sheet::{Sheet, SheetRow};

pub fn read(spec: &TableSpec, sheet: &Sheet, diags: &mut Vec<Diagnostic>) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut layout: Option<Layout> = None;
    let mut parents = Parents::default();
    let mut warned_columns = false;
    for g in 0..sheet.grids() {
        let cols = Columns::of(sheet, g);
        // A continuation page without a header keeps the previous layout.
        if !cols.is_blank() || layout.is_none() {
            let l = Layout::of(spec, sheet, g, &cols);
            if !l.keys.is_empty() || layout.is_none() {
                layout = Some(l);
            }
        }
        let Some(layout) = &layout else { continue };
        for r in sheet.data_rows().filter(|r| r.grid == g) {
            let Some(mut row) = layout.row(r, &mut parents) else {
                continue;
            };
            for &(c, key) in &layout.keys {
                if let Some(v) = r.amount(c) {
                    row.values.insert(key.to_string(), v);
                    if let Some(at) = r.at(c) {
                        row.at.insert(key.to_string(), at);
                    }
                }
            }
            for c in layout.first_value..r.width() {
                if layout.keys.iter().any(|&(k, _)| k == c) {
                    continue;
                }
                if let Some(v) = r.amount(c) {
                    let label = layout
                        .paths
                        .get(c)
                        .cloned()
                        .flatten()
                        .unwrap_or_else(|| format!("列{}", c + 1));
                    // Columns printed beside the canonical ones by design
                    // (the year before, the change) are kept without a word.
                    if !warned_columns && !aliases::get().is_extra_column(spec.id, &label) {
                        diags.push(Diagnostic::warn(
                            "unknown_column",
                            format!("{}: a value column headed {label:?} is not a column of this table; kept under that label", spec.id),
                            Some(r.page),
                        ));
                        warned_columns = true;
                    }
                    row.values.insert(label, v);
                }
            }
            if row.code.is_none() && row.item.is_none() {
                // A table of one unlabelled row of amounts (部门收入总表
                // printed without rows per class) prints its total.
                if row.values.is_empty() {
                    continue;
                }
                if layout.first_value == 0
                    && !rows.iter().any(|p| p.item.as_deref() == Some("合计"))
                {
                    row.item = Some("合计".into());
                }
            }
            let unit = layout.units && row.item.is_some();
            if row.code.is_none()
                && row.item.as_deref() != Some("合计")
                && spec.reader != "listing"
                && !unit
            {
                diags.push(Diagnostic::warn(
                    "unknown_row",
                    format!(
                        "{}: row {:?} is neither a code nor a total; kept under its label",
                        spec.id,
                        row.label.as_deref().unwrap_or("")
                    ),
                    Some(r.page),
                ));
            }
            if let Some(code) = &row.code {
                let names = aliases::get().code_names(code);
                let printed = row.name.as_deref().map(fold).unwrap_or_default();
                if !printed.is_empty()
                    && !names.is_empty()
                    && !names.iter().any(|n| fold(n) == printed)
                {
                    diags.push(Diagnostic::warn(
                        "code_name_mismatch",
                        format!(
                            "{}: code {code} is printed as {:?}; the reference name is {:?}",
                            spec.id,
                            row.name.as_deref().unwrap_or(""),
                            names[0]
                        ),
                        Some(r.page),
                    ));
                }
            }
            // A total repeated on a continuation page is the same row.
            if rows
                .iter()
                .any(|p| p.code == row.code && p.item == row.item && p.values == row.values)
            {
                continue;
            }
            rows.push(row);
        }
    }
    rows
}

/// Where the parts of a row are printed in one grid.
struct Layout {
    /// Columns holding the code (one, or 类/款/项).
    code_cols: Vec<usize>,
    /// First column that may hold a value.
    first_value: usize,
    keys: Vec<(usize, &'static str)>,
    /// The printed header path per column, to name columns no key fits.
    paths: Vec<Option<String>>,
    /// The label column lists budget units (`单位名称`): a row per unit.
    units: bool,
}

/// The 类 and 款 codes of the rows above, for split codes printed only
/// in part (`   | 03 | 50`).
#[derive(Default)]
pub(super) struct Parents {
    class: Option<String>,
    section: Option<String>,
}

impl Layout {
    fn of(spec: &TableSpec, sheet: &Sheet, grid: usize, cols: &Columns) -> Layout {
        let width = sheet.width();
        // 类 | 款 | 项 labels, in the header or (when the layout merged them
        // into the first data row) in any row of the grid.
        let mut code_cols: Vec<usize> = (0..width)
            .filter(|&c| {
                cols.labels[c].iter().any(|l| is_code_level(l))
                    || sheet
                        .rows
                        .iter()
                        .filter(|r| r.grid == grid)
                        .any(|r| is_code_level(&fold(r.text(c))))
            })
            .collect();
        // Codes printed beside the 类/款/项 labels rather than under them
        // (a text dump places header and body only roughly): the column
        // that holds them.
        let holds_codes = |c: &usize| {
            sheet
                .data_rows()
                .filter(|r| r.grid == grid)
                .any(|r| as_code(r.text(*c)).is_some())
        };
        if !code_cols.iter().any(holds_codes) {
            code_cols = (0..width.min(3)).filter(holds_codes).take(1).collect();
        }
        // Values start after the last column that holds a label in data rows.
        let label_end = sheet
            .data_rows()
            .filter(|r| r.grid == grid)
            .filter_map(|r| {
                (0..r.width())
                    .filter(|&c| !r.text(c).is_empty() && parse_cell(r.text(c)).is_none())
                    .max()
            })
            .max();
        // A table of amounts only (no label column) has its values from
        // the first column.
        let first_value = label_end
            .into_iter()
            .chain(code_cols.iter().copied())
            .max()
            .map_or(0, |c| c + 1);
        let keys = cols.keys(spec.id, first_value..width);
        let a = aliases::get();
        let units =
            (0..first_value).any(|c| cols.labels[c].iter().any(|l| a.lists_units(spec.id, l)));
        Layout {
            code_cols,
            first_value,
            keys,
            paths: (0..width).map(|c| cols.path(c)).collect(),
            units,
        }
    }

    /// The row's key (code or item) and name; None for a row that holds
    /// nothing (a blank or a stray header line).
    fn row(&self, r: &SheetRow, parents: &mut Parents) -> Option<Row> {
        let mut parts: Vec<Option<String>> = vec![None; self.code_cols.len().max(1)];
        let mut label = String::new();
        for c in 0..self.first_value.min(r.width()) {
            let t = r.text(c);
            if t.is_empty() {
                continue;
            }
            let digits: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            if is_code_level(&fold(t)) {
                continue;
            }
            let level = self.code_cols.iter().position(|&k| k == c);
            if let (Some(i), true) = (level, digits.chars().all(|d| d.is_ascii_digit())) {
                parts[i] = Some(digits);
            } else if label.is_empty() {
                label = t.to_string();
            }
        }
        // `2010350 事业运行` or `2010350事业运行` printed in one cell.
        if parts.iter().all(Option::is_none) {
            if let Some((code, name)) = split_code(&label) {
                parts = vec![Some(code)];
                label = name.to_string();
            }
        }
        let mut code = join_code(&parts, parents);
        // A table without codes (the hierarchy shown by indentation only):
        // a name of the reference classification under the rows above.
        if code.is_none() && self.code_cols.is_empty() && !label.is_empty() {
            code = parents.by_name(&fold(&squash(&label)));
        }
        let label = squash(&label);
        let mut row = Row {
            page: r.page,
            ..Row::default()
        };
        match code {
            Some(code) => {
                row.code = Some(code);
                row.name = (!label.is_empty()).then_some(label);
            }
            None if label.is_empty() => {}
            None => {
                let f = fold(&label);
                let item = if matches!(f.as_str(), "合计" | "总计" | "本年合计" | "合计数")
                {
                    "合计".to_string()
                } else {
                    label.clone()
                };
                row.item = Some(item);
                row.label = Some(label);
            }
        }
        Some(row)
    }
}

impl Parents {
    /// The code of a 类, 款 or 项 named under the rows above: a 项 under the
    /// current 款, a 款 under the current 类, else a 类.
    pub(super) fn by_name(&mut self, name: &str) -> Option<String> {
        let a = aliases::get();
        let under = [
            self.section.as_deref(),
            self.class.as_deref(),
            Some("functional"),
        ];
        let code = under
            .into_iter()
            .flatten()
            .find_map(|p| a.code_by_name(p, name))?;
        let parts = [Some(code.to_string())];
        join_code(&parts, self)
    }
}

fn is_code_level(label: &str) -> bool {
    matches!(label, "类" | "款" | "项")
}

/// One code from its printed parts: a whole code in one cell, or 类 |
/// 款 | 项 cells (`parts[i]` is the cell of the i-th code column). A 款 or
/// 项 printed without its parents takes them from the rows above.
fn join_code(parts: &[Option<String>], parents: &mut Parents) -> Option<String> {
    let present: Vec<(usize, &String)> = parts
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.as_ref().map(|p| (i, p)))
        .collect();
    let code = match present.as_slice() {
        [] => return None,
        [(_, whole)] if matches!(whole.len(), 3 | 5 | 7) => (*whole).clone(),
        [(0, class), rest @ ..] if class.len() == 3 && rest.iter().all(|(_, p)| p.len() == 2) => {
            let mut code = (*class).clone();
            rest.iter().for_each(|(_, p)| code.push_str(p));
            code
        }
        [(1, section)] if section.len() == 2 => format!("{}{section}", parents.class.clone()?),
        [(1, section), (2, item)] if section.len() == 2 && item.len() == 2 => {
            format!("{}{section}{item}", parents.class.clone()?)
        }
        [(2, item)] if item.len() == 2 => format!("{}{item}", parents.section.clone()?),
        _ => return None,
    };
    match code.len() {
        3 => {
            parents.class = Some(code.clone());
            parents.section = None;
        }
        5 => {
            parents.class = Some(code[..3].to_string());
            parents.section = Some(code.clone());
        }
        7 => {}
        _ => return None,
    }
    Some(code)
}
