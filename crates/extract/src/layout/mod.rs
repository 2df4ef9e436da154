//! Page geometry → blocks: ruled tables from ruling lines, unruled tables
//! from text alignment, and the remaining text as lines, in reading order.
//!
//! 1. `rulings`: segments merged into lines (cell-by-cell borders, double
//!    and dashed lines), lines that touch grouped into table regions (and
//!    the lone verticals as high as a region beside it: merged columns).
//! 2. `lattice`: a region's column x's and row y's, which borders are
//!    drawn between neighbouring lattice cells, and from that the printed
//!    cells (merged where a border is missing) with their glyphs' text.
//!    A missing outer frame counts as drawn (a frame ruled over some
//!    columns only leaves the others' cells cut by a page break); columns
//!    missing their rules come from text alignment, rows missing theirs
//!    from text lines.
//! 3. `aligned`: tables from text alone: runs of body rows (lines of
//!    several cells with an amount), columns at the gaps that line up.
//! 4. What is left is running text: lines, split at very wide gaps.

mod aligned;
mod lattice;
mod rulings;
mod text;

use crate::{BBox, Block, Diagnostic, Document, Glyph, Grid, Line, Page};
use lattice::{Lattice, MARGIN};
use rulings::Region;
use text::{centre, TextLine};

/// The lines and grids of one page, top to bottom (left to right on a
/// shared baseline).
pub fn page_blocks(page: &Page) -> Vec<Block> {
    let glyphs = text::dedup(&page.glyphs);
    let (hs, vs) = rulings::merge(&page.rulings);
    // Between two row rules: nothing (a double rule) or rows of cells,
    // not a title.
    let table_band = |band: BBox| {
        let lines = text::lines(&glyphs_in(band, &glyphs));
        lines.is_empty() || lines.iter().any(|l| aligned::chunks(l).len() >= 2)
    };
    let mut regions = rulings::regions(&hs, &vs, table_band);
    // A box inside a table's bounds (not touching its lines) does not read
    // the table's text a second time: larger regions take their glyphs first.
    regions.sort_by(|a, b| area(b.bbox()).total_cmp(&area(a.bbox())));
    let mut ruled: Vec<(Lattice, Grid)> = Vec::new();
    let mut outside = glyphs;
    for region in &regions {
        if let Some((lattice, grid)) = ruled_grid(page.number, region, &outside) {
            outside.retain(|g| !contains(lattice.bbox(), centre(g)));
            ruled.push((lattice, grid));
        }
    }

    let lines = text::lines(&outside);
    // Under a ruled table even one aligned row continues it (a body left
    // unruled under a ruled header); elsewhere it takes three.
    let under: Vec<Option<usize>> = lines
        .iter()
        .map(|l| {
            ruled
                .iter()
                .position(|(lattice, _)| continues_below(lattice, l))
        })
        .collect();
    let mut in_table = vec![false; lines.len()];
    for table in ruled.iter_mut() {
        if let Some(run) = heading_above(&table.0, &lines) {
            in_table[run.clone()].fill(true);
            prepend(table, &lines[run]);
        }
    }
    let runs = aligned::unruled_runs(&lines, |i| if under[i].is_some() { 1 } else { 3 });
    let mut unruled = Vec::new();
    for run in runs {
        if in_table[run.clone()].iter().any(|&t| t) {
            continue;
        }
        in_table[run.clone()].fill(true);
        match under[run.start] {
            Some(k) => extend(&mut ruled[k], &lines[run]),
            None => unruled.extend(unruled_grid(page.number, &lines[run])),
        }
    }
    let mut blocks: Vec<Block> = ruled.into_iter().map(|(_, g)| Block::Grid(g)).collect();
    blocks.extend(unruled.into_iter().map(Block::Grid));
    for (line, _) in lines.into_iter().zip(in_table).filter(|(_, t)| !t) {
        for piece in text::split_wide(line) {
            blocks.push(Block::Line(Line {
                text: piece.text,
                page: page.number,
                bbox: Some(piece.bbox),
            }));
        }
    }
    reading_order(blocks)
}

/// All pages' blocks in order, with a warning for pages that have no text
/// at all (scanned images: their figures are lost).
pub fn document(pages: Vec<Page>, producer: Option<String>) -> Document {
    let mut doc = Document {
        pages: pages
            .iter()
            .map(|p| p.number)
            .max()
            .unwrap_or(0)
            .max(pages.len() as u32),
        producer,
        ..Document::default()
    };
    for page in &pages {
        if let Some(why) = &page.damaged {
            doc.diagnostics.push(Diagnostic::warn(
                "damaged",
                format!(
                    "page {}: {why}; what it shows may be cut short or garbled",
                    page.number
                ),
                Some(page.number),
            ));
        }
        if page.glyphs.iter().all(|g| g.ch.is_whitespace()) {
            doc.diagnostics.push(Diagnostic::warn(
                "page_without_text",
                format!(
                    "page {} has no text (a scanned image?); nothing read from it",
                    page.number
                ),
                Some(page.number),
            ));
        }
        doc.blocks.extend(page_blocks(page));
    }
    doc
}

fn area(b: BBox) -> f32 {
    (b.x1 - b.x0) * (b.y1 - b.y0)
}

fn contains(b: BBox, (x, y): (f32, f32)) -> bool {
    x >= b.x0 - MARGIN && x <= b.x1 + MARGIN && y >= b.y0 - MARGIN && y <= b.y1 + MARGIN
}

fn glyphs_in(b: BBox, glyphs: &[Glyph]) -> Vec<Glyph> {
    glyphs
        .iter()
        .filter(|g| contains(b, centre(g)))
        .cloned()
        .collect()
}

/// The grid of one ruled region, or `None` when the lines bound no table
/// (an underline, a box around a paragraph, lines with no text).
fn ruled_grid(page: u32, region: &Region, glyphs: &[Glyph]) -> Option<(Lattice, Grid)> {
    let b = region.bbox();
    if b.x1 - b.x0 < 20.0 || b.y1 - b.y0 < 5.0 {
        return None;
    }
    let inside = glyphs_in(b, glyphs);
    if inside.is_empty() {
        return None;
    }
    // Only row rules: the columns are where the text lines up.
    let extra_xs = if region.vertical.is_empty() {
        aligned::separators(&text::lines(&inside))
    } else {
        Vec::new()
    };
    if region.vertical.is_empty() && extra_xs.is_empty() {
        return None;
    }
    // Bands holding several body rows lack their row rules.
    let bands = Lattice::from_region(region, &extra_xs, &[]);
    let mut extra_ys = Vec::new();
    for w in bands.ys.windows(2) {
        let band = BBox {
            y0: w[0],
            y1: w[1],
            ..b
        };
        extra_ys.extend(aligned::row_breaks(
            &text::lines(&glyphs_in(band, &inside)),
            &bands.xs,
        ));
    }
    let lattice = if extra_ys.is_empty() {
        bands
    } else {
        Lattice::from_region(region, &extra_xs, &extra_ys)
    };
    if lattice.columns() < 2 && lattice.rows() < 2 {
        return None;
    }
    let grid = lattice.grid(page, &inside);
    Some((lattice, grid))
}

/// `line` starts right under the ruled table, within its width.
fn continues_below(lattice: &Lattice, line: &TextLine) -> bool {
    let (b, l) = (lattice.bbox(), line.bbox);
    let gap = l.y0 - b.y1;
    (-1.0..1.5 * (l.y1 - l.y0)).contains(&gap) && l.x0 >= b.x0 - 2.0 && l.x1 <= b.x1 + 2.0
}

/// The lines right on top of a ruled table whose top rule is missing:
/// header cells over its columns (not a title, which keeps its distance,
/// nor a `部门：… 单位：万元` line).
fn heading_above(lattice: &Lattice, lines: &[TextLine]) -> Option<std::ops::Range<usize>> {
    let b = lattice.bbox();
    let inner = &lattice.xs[1..lattice.xs.len() - 1];
    let end = lines.iter().rposition(|l| l.bbox.y1 <= b.y0 + MARGIN)? + 1;
    let mut start = end;
    let mut top = b.y0;
    while start > 0 {
        let l = &lines[start - 1];
        let hugging = top - l.bbox.y1 < 0.5 * (l.bbox.y1 - l.bbox.y0);
        let within = l.bbox.x0 >= b.x0 - 2.0 && l.bbox.x1 <= b.x1 + 2.0;
        // `编制部门：…  金额单位：万元` may touch the frame: labelled values
        let labels = l.text.contains('：') || l.text.contains(':');
        if !(hugging && within && !labels && aligned::is_header(l, inner)) {
            break;
        }
        top = l.bbox.y0;
        start -= 1;
    }
    (start < end).then_some(start..end)
}

/// Puts header lines found above a ruled table on top of it.
fn prepend((lattice, grid): &mut (Lattice, Grid), lines: &[TextLine]) {
    let Some(b) = lines.iter().map(|l| l.bbox).reduce(BBox::union) else {
        return;
    };
    if let Some(mut head) = text_rows(
        grid.page,
        widened(lattice, b),
        b.y0 - MARGIN,
        lattice.bbox().y0,
        lines,
    ) {
        grid.bbox = grid.bbox.zip(head.bbox).map(|(a, b)| a.union(b));
        head.rows.append(&mut grid.rows);
        grid.rows = head.rows;
    }
}

/// Appends unruled rows under a ruled table, cut at its columns.
fn extend((lattice, grid): &mut (Lattice, Grid), lines: &[TextLine]) {
    let Some(b) = lines.iter().map(|l| l.bbox).reduce(BBox::union) else {
        return;
    };
    if let Some(more) = text_rows(
        grid.page,
        widened(lattice, b),
        lattice.bbox().y1,
        b.y1 + MARGIN,
        lines,
    ) {
        grid.bbox = grid.bbox.zip(more.bbox).map(|(a, b)| a.union(b));
        grid.rows.extend(more.rows);
    }
}

/// The table's column boundaries, its outer cells widened to take text
/// reaching past its sides.
fn widened(lattice: &Lattice, text: BBox) -> Vec<f32> {
    let mut xs = lattice.xs.clone();
    let last = xs.len() - 1;
    xs[0] = xs[0].min(text.x0 - MARGIN);
    xs[last] = xs[last].max(text.x1 + MARGIN);
    xs
}

/// A table found from text alone: columns where the cells line up.
fn unruled_grid(page: u32, lines: &[TextLine]) -> Option<Grid> {
    let b = lines.iter().map(|l| l.bbox).reduce(BBox::union)?;
    let mut xs = vec![b.x0 - MARGIN];
    xs.extend(aligned::separators(lines));
    xs.push(b.x1 + MARGIN);
    text_rows(page, xs, b.y0 - MARGIN, b.y1 + MARGIN, lines)
}

/// Text lines cut into cells at column boundaries `xs`, in rows between
/// `top` and `bottom`: a row per body line, wrapped lines joined to their
/// row.
fn text_rows(page: u32, xs: Vec<f32>, top: f32, bottom: f32, lines: &[TextLine]) -> Option<Grid> {
    if lines.is_empty() {
        return None;
    }
    let mut ys = vec![top];
    ys.extend(aligned::row_breaks(lines, &xs));
    ys.push(bottom);
    let glyphs = aligned::snapped(lines, &xs);
    Some(Lattice::open(xs, ys).grid(page, &glyphs))
}

fn top(b: &Block) -> (f32, f32) {
    let bbox = match b {
        Block::Line(l) => l.bbox,
        Block::Grid(g) => g.bbox,
    };
    bbox.map_or((0.0, 0.0), |b| (b.y0, b.x0))
}

/// Top to bottom; blocks whose tops are within a few points share a band
/// and go left to right.
fn reading_order(mut blocks: Vec<Block>) -> Vec<Block> {
    blocks.sort_by(|a, b| top(a).0.total_cmp(&top(b).0));
    let mut out = Vec::with_capacity(blocks.len());
    let mut band: Vec<Block> = Vec::new();
    for b in blocks {
        if band.first().is_some_and(|f| top(&b).0 - top(f).0 > 3.0) {
            band.sort_by(|a, b| top(a).1.total_cmp(&top(b).1));
            out.append(&mut band);
        }
        band.push(b);
    }
    band.sort_by(|a, b| top(a).1.total_cmp(&top(b).1));
    out.append(&mut band);
    out
}
