//! Tables without (enough) ruling lines: columns from the gaps that line
//! up across rows, rows from text lines.

use super::text::TextLine;
use crate::Glyph;

/// A gap at least this many ems wide separates two cells on a line.
const CELL_GAP_EM: f32 = 1.5;

/// A run of glyphs on one line between wide gaps: one cell's text.
#[derive(Debug, Clone)]
pub(crate) struct Chunk {
    pub x0: f32,
    pub x1: f32,
    pub text: String,
}

/// A line's cells: its glyphs split at wide gaps.
pub(crate) fn chunks(line: &TextLine) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    for g in &line.glyphs {
        let wide = prev.is_some_and(|p| g.x - (p.x + p.width) >= CELL_GAP_EM * g.size.max(p.size));
        match out.last_mut() {
            Some(c) if !wide => {
                c.x1 = g.x + g.width;
                c.text.push(g.ch);
            }
            _ => out.push(Chunk {
                x0: g.x,
                x1: g.x + g.width,
                text: g.ch.to_string(),
            }),
        }
        prev = Some(g);
    }
    out
}

/// An amount or a code: digits with thousands separators, a decimal
/// point, a sign, a percent sign or accounting parentheses.
pub(crate) fn is_number(s: &str) -> bool {
    let s = s.trim();
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || ",.-%()".contains(c))
}

/// A line that reads as a table body row: two cells or more, one of
/// them a number or holding an amount (cells of neighbouring columns may
/// run together: `393.5530227委托业务费`).
pub(crate) fn is_data_line(line: &TextLine) -> bool {
    let cs = chunks(line);
    cs.len() >= 2 && cs.iter().any(|c| is_number(&c.text) || has_amount(&c.text))
}

/// One amount: `1,257.39`, `-3`, `12.5%`, with at most two decimals
/// (`393.5530227` is an amount and a code run together).
fn is_amount(s: &str) -> bool {
    let s = s.trim().trim_start_matches('-').trim_end_matches('%');
    let (whole, decimals) = s.split_once('.').unwrap_or((s, ""));
    !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit() || c == ',')
        && whole.starts_with(|c: char| c.is_ascii_digit())
        && decimals.len() <= 2
        && decimals.chars().all(|c| c.is_ascii_digit())
}

/// Digits, a decimal point, digits: `1,257.39` inside any text.
fn has_amount(s: &str) -> bool {
    let c: Vec<char> = s.chars().collect();
    (1..c.len().saturating_sub(1))
        .any(|i| c[i] == '.' && c[i - 1].is_ascii_digit() && c[i + 1].is_ascii_digit())
}

/// Column boundaries (x between columns) from where cells line up: gaps
/// in the union of the glyphs of body rows (rows with numbers), or of all
/// rows with several cells when there is no body, that at least one row
/// shows as a wide gap between two cells. Glyph gaps rather than cell
/// gaps: a right-aligned amount may end a few points before the next
/// column's left-aligned text begins.
pub(crate) fn separators(lines: &[TextLine]) -> Vec<f32> {
    let data: Vec<&TextLine> = lines.iter().filter(|l| is_data_line(l)).collect();
    let used: Vec<&TextLine> = if data.len() >= 2 {
        data
    } else {
        lines.iter().filter(|l| chunks(l).len() >= 2).collect()
    };
    let mut spans: Vec<(f32, f32, f32)> = used
        .iter()
        .flat_map(|l| &l.glyphs)
        .map(|g| (g.x, g.x + g.width, g.size))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let cells: Vec<Vec<Chunk>> = used.iter().map(|l| chunks(l)).collect();
    let shown = |x: f32| {
        cells
            .iter()
            .any(|cs| cs.windows(2).any(|w| w[0].x1 <= x && x <= w[1].x0))
    };
    // The wrapped part of a long cell lies within its column: a boundary
    // goes beside it (data rows may hold only short or centred names).
    let body = lines
        .iter()
        .position(is_data_line)
        .zip(lines.iter().rposition(is_data_line));
    let wraps: Vec<Chunk> = body
        .map_or(0..0, |(first, last)| first + 1..last)
        .filter(|&i| !is_data_line(&lines[i]) && joins(lines, i) != Joins::Own)
        .flat_map(|i| chunks(&lines[i]))
        .collect();
    let mut out = Vec::new();
    let mut reach: Option<f32> = None;
    for (x0, x1, size) in spans {
        if let Some(r) = reach {
            let min = (0.3 * size).max(1.0);
            let crossing: Vec<&Chunk> = wraps
                .iter()
                .filter(|c| c.x0 < x0 - 1.0 && c.x1 > r + 1.0)
                .collect();
            let left = crossing.iter().map(|c| c.x0).fold(x0, f32::min);
            let right = crossing.iter().map(|c| c.x1).fold(r, f32::max);
            let x = if left - r >= min {
                Some((r + left) / 2.0)
            } else if x0 - right >= min {
                Some((right + x0) / 2.0)
            } else {
                None
            };
            out.extend(x.filter(|&x| shown(x)));
        }
        reach = Some(reach.map_or(x1, |r| r.max(x1)));
    }
    let seps = numbered_columns(&used, out);
    headed_columns(lines, seps)
}

/// Separators with more wherever a header line above the body shows more
/// cells than the body has columns there: two cells in one column, or a
/// cell across a boundary between two columns that other cells of the
/// line hold. A column left empty on the page (a panel of names without
/// amounts) has no body text to show it.
fn headed_columns(lines: &[TextLine], mut seps: Vec<f32>) -> Vec<f32> {
    let Some(body) = lines.iter().position(is_data_line) else {
        return seps;
    };
    for line in &lines[..body] {
        let cells = chunks(line);
        let column = |x: f32| seps.partition_point(|&b| b <= x);
        let whole: Vec<Option<usize>> = cells
            .iter()
            .map(|c| (column(c.x0) == column(c.x1)).then(|| column(c.x0)))
            .collect();
        let mut add = Vec::new();
        let mut drop = Vec::new();
        for (i, c) in cells.iter().enumerate() {
            let gap_before = i.checked_sub(1).map(|p| (cells[p].x1 + c.x0) / 2.0);
            match whole[i] {
                Some(k) => {
                    if i > 0 && whole[i - 1] == Some(k) {
                        add.extend(gap_before);
                    }
                }
                None => {
                    let (first, last) = (column(c.x0), column(c.x1));
                    let held = (first..=last).all(|k| {
                        whole
                            .iter()
                            .enumerate()
                            .any(|(o, &w)| o != i && w == Some(k))
                    });
                    if held && i > 0 && i + 1 < cells.len() {
                        drop.extend(seps.iter().copied().filter(|&x| c.x0 < x && x < c.x1));
                        add.extend(gap_before);
                        add.push((c.x1 + cells[i + 1].x0) / 2.0);
                    }
                }
            }
        }
        seps.retain(|x| !drop.contains(x));
        seps.extend(add);
        seps.sort_by(f32::total_cmp);
        seps.dedup();
    }
    seps
}

/// Separators without those between a column whose only figure is its
/// number in a `栏次  1  2  3` line and a column of amounts printed
/// without one: the number and the amounts are one column that a text
/// converter placed a few characters apart.
fn numbered_columns(lines: &[&TextLine], mut seps: Vec<f32>) -> Vec<f32> {
    let column = |x: f32| seps.partition_point(|&b| b <= x);
    // per column: (holds a column number, holds an amount)
    let mut kinds = vec![(false, false); seps.len() + 1];
    for l in lines {
        let cells = chunks(l);
        let ordinals = is_column_numbers(&cells);
        for c in cells.iter().filter(|c| is_number(&c.text)) {
            let k = column((c.x0 + c.x1) / 2.0);
            if ordinals {
                kinds[k].0 = true;
            } else {
                kinds[k].1 = true;
            }
        }
    }
    if !kinds.iter().any(|k| k.0) {
        return seps;
    }
    let lone = (true, false);
    let unnumbered = (false, true);
    for k in (1..kinds.len()).rev() {
        // separator k - 1 lies between columns k - 1 and k
        let pair = (kinds[k - 1], kinds[k]);
        if pair == (lone, unnumbered) || pair == (unnumbered, lone) {
            seps.remove(k - 1);
            kinds.remove(k);
            kinds[k - 1] = (true, true);
        }
    }
    seps
}

/// A header line numbering the columns (`栏次  1  2  3`): its numbers
/// are small integers counting up by one.
fn is_column_numbers(cells: &[Chunk]) -> bool {
    let numbers: Vec<u32> = cells
        .iter()
        .filter(|c| is_number(&c.text))
        .map(|c| c.text.trim().parse().unwrap_or(u32::MAX))
        .collect();
    numbers.len() >= 2 && numbers[0] < 100 && numbers.windows(2).all(|w| w[1] == w[0] + 1)
}

/// The glyphs of `lines` for cutting at column boundaries `xs` (all of
/// them, first and last the outer ones), with each cell of a line that
/// is not a body row (a header, a wrapped name) kept whole: a cell that
/// crosses a boundary moves into the column it overlaps that no other
/// cell of its line sits in, else the one it overlaps most. Header text
/// centred over a narrow column, or placed only roughly by a text
/// converter, would otherwise be cut in two (`行|次`).
pub(crate) fn snapped(lines: &[TextLine], xs: &[f32]) -> Vec<Glyph> {
    let column = |x: f32| {
        xs.partition_point(|&b| b <= x)
            .clamp(1, xs.len().max(2) - 1)
            - 1
    };
    let mut out = Vec::new();
    for line in lines {
        if xs.len() < 3 {
            out.extend(line.glyphs.iter().cloned());
            continue;
        }
        let mut rest = line.glyphs.iter();
        let cells = chunks(line);
        // In a body row only an amount is one cell for sure: names and
        // codes of neighbouring columns may run together.
        let data = is_data_line(line);
        let sits: Vec<Option<usize>> = cells
            .iter()
            .map(|c| (column(c.x0 + 0.1) == column(c.x1 - 0.1)).then(|| column(c.x0 + 0.1)))
            .collect();
        for (i, cell) in cells.iter().enumerate() {
            let n = cell.text.chars().count();
            let glyphs: Vec<Glyph> = rest.by_ref().take(n).cloned().collect();
            if sits[i].is_some() || (data && !is_amount(&cell.text)) {
                out.extend(glyphs);
                continue;
            }
            let (first, last) = (column(cell.x0 + 0.1), column(cell.x1 - 0.1));
            let overlap = |k: usize| cell.x1.min(xs[k + 1]) - cell.x0.max(xs[k]);
            let free = |k: &usize| !sits.contains(&Some(*k));
            let to = (first..=last)
                .filter(free)
                .max_by(|&a, &b| overlap(a).total_cmp(&overlap(b)))
                .unwrap_or_else(|| {
                    (first..=last)
                        .max_by(|&a, &b| overlap(a).total_cmp(&overlap(b)))
                        .unwrap_or(first)
                });
            out.extend(into_column(glyphs, cell, xs[to], xs[to + 1]));
        }
    }
    out
}

/// A cell's glyphs moved (squeezed when too wide) into `lo..hi`.
fn into_column(glyphs: Vec<Glyph>, cell: &Chunk, lo: f32, hi: f32) -> Vec<Glyph> {
    let (lo, hi) = (lo + 0.5, hi - 0.5);
    let width = cell.x1 - cell.x0;
    let map = |x: f32| {
        if width <= hi - lo {
            x + if cell.x0 < lo {
                lo - cell.x0
            } else {
                hi - cell.x1
            }
        } else {
            lo + (x - cell.x0) * (hi - lo) / width
        }
    };
    glyphs
        .into_iter()
        .map(|g| {
            let (x0, x1) = (map(g.x), map(g.x + g.width));
            Glyph {
                x: x0,
                width: x1 - x0,
                ..g
            }
        })
        .collect()
}

/// Where rows start among the text lines of one band whose columns are
/// bounded by `xs`: a body row starts a row; a line without numbers is a
/// wrapped part of the row it sits closest to. Returns the y's
/// between rows; none when the band is one row: no column holds numbers
/// on two body lines (a tall ruled row whose cells sit at different
/// heights).
pub(crate) fn row_breaks(lines: &[TextLine], xs: &[f32]) -> Vec<f32> {
    let column = |x: f32| xs.partition_point(|&b| b <= x);
    let mut numbers_per_column = std::collections::HashMap::<usize, usize>::new();
    // Body lines only: an amount wrapped in a cell too narrow for it
    // (`21,118.5` over `1`) puts figures on two lines of one row.
    for l in lines.iter().filter(|l| is_data_line(l)) {
        let mut columns: Vec<usize> = chunks(l)
            .iter()
            .filter(|c| is_number(&c.text))
            .map(|c| column((c.x0 + c.x1) / 2.0))
            .collect();
        columns.dedup();
        for c in columns {
            *numbers_per_column.entry(c).or_default() += 1;
        }
    }
    if numbers_per_column.values().all(|&n| n < 2) {
        return Vec::new();
    }
    let joins: Vec<Joins> = (0..lines.len()).map(|i| joins(lines, i)).collect();
    (1..lines.len())
        .filter(|&i| joins[i] != Joins::Previous && joins[i - 1] != Joins::Next)
        .map(|i| (lines[i - 1].bbox.y1 + lines[i].bbox.y0) / 2.0)
        .collect()
}

/// Which row a line of a table belongs to.
#[derive(Debug, PartialEq)]
enum Joins {
    /// Starts a row (a body row, or a header line apart from the rest).
    Own,
    /// Wraps the row above.
    Previous,
    /// Wraps the body row below: its first part when the row's amounts
    /// sit centred on a cell of several lines.
    Next,
}

fn joins(lines: &[TextLine], i: usize) -> Joins {
    let l = &lines[i];
    if i == 0 || is_data_line(l) {
        return Joins::Own;
    }
    let gap = |a: &TextLine, b: &TextLine| b.bbox.y0 - a.bbox.y1;
    let above = gap(&lines[i - 1], l);
    let in_body = lines[..i].iter().any(is_data_line);
    let close = 0.6 * (l.bbox.y1 - l.bbox.y0);
    // only words: a line with figures is a row whose cells ran together
    let words = !l.text.chars().any(|c| c.is_ascii_digit());
    let below = match lines.get(i + 1) {
        Some(next) if in_body && words && is_data_line(next) => gap(l, next),
        _ => f32::INFINITY,
    };
    // Equally close to both (lines set solid, as in a text dump): the
    // first half of a name centred on a row whose own line leaves that
    // column blank, the second half under it.
    let tie = (below - above).abs() < 0.1 * (l.bbox.y1 - l.bbox.y0);
    let centred = tie
        && lines.get(i + 1).is_some_and(|next| !under_text(l, next))
        && lines
            .get(i + 2)
            .is_some_and(|rest| !is_data_line(rest) && under_text(l, rest));
    if (below < above || centred) && below < close {
        Joins::Next
    } else if above < close {
        Joins::Previous
    } else {
        Joins::Own
    }
}

/// Whether `other` has text within the width of `line`'s text.
fn under_text(line: &TextLine, other: &TextLine) -> bool {
    other
        .glyphs
        .iter()
        .any(|g| g.x < line.bbox.x1 && g.x + g.width > line.bbox.x0)
}

/// Runs of running-text lines that form an unruled table: at least
/// `min_rows(index of the first)` body rows in a row, with the header lines of
/// several cells just above.
/// Returns index ranges into `lines`.
pub(crate) fn unruled_runs(
    lines: &[TextLine],
    min_rows: impl Fn(usize) -> usize,
) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_data_line(&lines[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < lines.len() && (is_data_line(&lines[j]) || continues(&lines[j - 1], &lines[j])) {
            j += 1;
        }
        while !is_data_line(&lines[j - 1]) {
            j -= 1;
        }
        if (i..j).filter(|&k| is_data_line(&lines[k])).count() >= min_rows(i) {
            let seps = separators(&lines[i..j]);
            // the wrapped end of the last row's cell stays; a note right
            // under the table, running across the columns, does not
            while j < lines.len()
                && !is_data_line(&lines[j])
                && continues(&lines[j - 1], &lines[j])
                && in_columns(&lines[j], &seps) == chunks(&lines[j]).len()
            {
                j += 1;
            }
            // The header: lines of several cells over the columns, and
            // between them and the body lines of one cell within a column
            // (`目编码`, the end of `功能分类科目编码`; `科目编码` under
            // `功能分类`; the first half of a name centred on the first row).
            let one_cell = |l: &TextLine| {
                chunks(l).len() == 1 && in_columns(l, &seps) == 1 && !l.text.contains(['：', ':'])
            };
            let mut start = i;
            let mut k = i;
            while k > 0 && i - k < MAX_HEADER_LINES && continues(&lines[k - 1], &lines[k]) {
                let l = &lines[k - 1];
                if is_header(l, &seps) {
                    start = k - 1;
                } else if !one_cell(l) {
                    break;
                }
                k -= 1;
            }
            out.push(start..j);
        }
        i = j;
    }
    out
}

/// How far above the body a header reaches, in lines.
const MAX_HEADER_LINES: usize = 10;

/// A header line over body columns bounded by `seps`: several cells, most
/// of them within one column (unlike `部门：…  单位：万元` above a table,
/// whose long left part runs across columns).
pub(crate) fn is_header(line: &TextLine, seps: &[f32]) -> bool {
    let cells = chunks(line).len();
    cells >= 2 && 2 * in_columns(line, seps) > cells
}

/// How many of the line's cells lie within one column.
fn in_columns(line: &TextLine, seps: &[f32]) -> usize {
    chunks(line)
        .iter()
        .filter(|c| !seps.iter().any(|&x| c.x0 + 1.0 < x && x < c.x1 - 1.0))
        .count()
}

/// `b` sits close under `a` (no paragraph break between).
fn continues(a: &TextLine, b: &TextLine) -> bool {
    b.bbox.y0 - a.bbox.y1 < 1.2 * (a.bbox.y1 - a.bbox.y0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_codes() {
        assert!(is_number("2,860.07"));
        assert!(is_number("2010601"));
        assert!(is_number("-3.5%"));
        assert!(is_number("(1,204.00)"));
        assert!(!is_number("合计"));
        assert!(!is_number("-"));
        assert!(has_amount("393.5530227委托业务费"));
        assert!(!has_amount("第3.项"));
    }
}
