//! A table's cell lattice: column x's and row y's, which borders between
//! neighbouring lattice cells are drawn, and from that the printed
//! (merged) cells with their text.

use super::rulings::{Region, Segment, TOL};
use super::text::{cell_text, centre};
use crate::{BBox, Cell, Cut, Glyph, Grid, GridRow};

/// How far outside its frame (pt) a glyph's centre may be and still be
/// the table's: a character sitting on the border.
pub(crate) const MARGIN: f32 = 1.0;

#[derive(Debug, Clone)]
pub(crate) struct Lattice {
    /// Column boundaries, left to right (`columns + 1` of them).
    pub xs: Vec<f32>,
    /// Row boundaries, top to bottom (`rows + 1` of them).
    pub ys: Vec<f32>,
    /// `vertical[i][r]`: a border is drawn at `xs[i]` along row `r`.
    pub vertical: Vec<Vec<bool>>,
    /// `horizontal[j][c]`: a border is drawn at `ys[j]` along column `c`.
    pub horizontal: Vec<Vec<bool>>,
    /// The columns whose top (`[0]`) or bottom (`[1]`) frame is left
    /// unruled where the frame is ruled over other columns: cells going
    /// on past a page break.
    open: [Vec<bool>; 2],
}

/// Sorted positions with neighbours closer than `tol` merged (mean).
pub(crate) fn cluster(mut at: Vec<f32>, tol: f32) -> Vec<f32> {
    at.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, usize)> = Vec::new();
    for a in at {
        match out.last_mut() {
            Some((sum, n)) if a - *sum / *n as f32 <= tol => {
                *sum += a;
                *n += 1;
            }
            _ => out.push((a, 1)),
        }
    }
    out.into_iter().map(|(sum, n)| sum / n as f32).collect()
}

/// Whether the lines at `at` cover most of `from..to`.
fn drawn(lines: &[Segment], at: f32, from: f32, to: f32) -> bool {
    let covered: f32 = lines
        .iter()
        .filter(|s| (s.at - at).abs() <= 2.0 * TOL)
        .map(|s| s.overlap(from, to))
        .sum();
    covered >= 0.5 * (to - from)
}

/// A printed cell as the lattice cells it covers, rows `top..=bottom`,
/// columns `left..=right`.
#[derive(Debug, Clone, Copy)]
struct Printed {
    top: usize,
    left: usize,
    bottom: usize,
    right: usize,
}

impl Lattice {
    /// The lattice of a ruled region. The region's outer frame counts as
    /// drawn even where it is not (WPS often leaves it out); `extra_xs` and
    /// `extra_ys` are boundaries found from text where no line is drawn.
    pub fn from_region(region: &Region, extra_xs: &[f32], extra_ys: &[f32]) -> Lattice {
        let b = region.bbox();
        let mut xs: Vec<f32> = region
            .vertical
            .iter()
            .map(|v| v.at)
            .chain([b.x0, b.x1])
            .collect();
        xs.extend(extra_xs);
        let mut ys: Vec<f32> = region
            .horizontal
            .iter()
            .map(|h| h.at)
            .chain([b.y0, b.y1])
            .collect();
        ys.extend(extra_ys);
        let near = |extra: &[f32], at: f32| extra.iter().any(|e| (e - at).abs() <= 2.0 * TOL);
        Lattice::build(
            cluster(xs, 2.0 * TOL),
            cluster(ys, 2.0 * TOL),
            |x, y0, y1| near(extra_xs, x) || drawn(&region.vertical, x, y0, y1),
            |y, x0, x1| near(extra_ys, y) || drawn(&region.horizontal, y, x0, x1),
        )
    }

    /// A lattice with every border drawn (a table found from text alone).
    pub fn open(mut xs: Vec<f32>, mut ys: Vec<f32>) -> Lattice {
        // boundaries from text lines of mixed sizes may come out of order
        xs.sort_by(f32::total_cmp);
        ys.sort_by(f32::total_cmp);
        Lattice::build(xs, ys, |_, _, _| true, |_, _, _| true)
    }

    fn build(
        xs: Vec<f32>,
        ys: Vec<f32>,
        vertical_at: impl Fn(f32, f32, f32) -> bool,
        horizontal_at: impl Fn(f32, f32, f32) -> bool,
    ) -> Lattice {
        let edge = |i: usize, n: usize| i == 0 || i + 1 == n;
        let vertical = (0..xs.len())
            .map(|i| {
                (0..ys.len() - 1)
                    .map(|r| edge(i, xs.len()) || vertical_at(xs[i], ys[r], ys[r + 1]))
                    .collect()
            })
            .collect();
        let horizontal = (0..ys.len())
            .map(|j| {
                (0..xs.len() - 1)
                    .map(|c| edge(j, ys.len()) || horizontal_at(ys[j], xs[c], xs[c + 1]))
                    .collect()
            })
            .collect();
        let frame = [ys.first(), ys.last()];
        let open = frame.map(|y| {
            let Some(&y) = y.filter(|_| xs.len() > 1) else {
                return Vec::new();
            };
            let ruled: Vec<bool> = (0..xs.len() - 1)
                .map(|c| horizontal_at(y, xs[c], xs[c + 1]))
                .collect();
            let framed = ruled.contains(&true);
            ruled.into_iter().map(|r| framed && !r).collect()
        });
        Lattice {
            xs,
            ys,
            vertical,
            horizontal,
            open,
        }
    }

    pub fn columns(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }

    pub fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }

    pub fn bbox(&self) -> BBox {
        BBox {
            x0: self.xs[0],
            y0: self.ys[0],
            x1: *self.xs.last().unwrap(),
            y1: *self.ys.last().unwrap(),
        }
    }

    /// The printed cells, and for each lattice cell the index of the
    /// printed cell it belongs to. A printed cell grows right while no
    /// border separates, then down while no border separates along its
    /// whole width.
    fn merged(&self) -> (Vec<Printed>, Vec<Vec<usize>>) {
        let (rows, cols) = (self.rows(), self.columns());
        let mut owner = vec![vec![usize::MAX; cols]; rows];
        let mut cells = Vec::new();
        for r in 0..rows {
            for c in 0..cols {
                if owner[r][c] != usize::MAX {
                    continue;
                }
                let mut c1 = c;
                while c1 + 1 < cols && !self.vertical[c1 + 1][r] && owner[r][c1 + 1] == usize::MAX {
                    c1 += 1;
                }
                let mut r1 = r;
                while r1 + 1 < rows
                    && (c..=c1)
                        .all(|k| !self.horizontal[r1 + 1][k] && owner[r1 + 1][k] == usize::MAX)
                {
                    r1 += 1;
                }
                for row in owner.iter_mut().take(r1 + 1).skip(r) {
                    row[c..=c1].fill(cells.len());
                }
                cells.push(Printed {
                    top: r,
                    left: c,
                    bottom: r1,
                    right: c1,
                });
            }
        }
        (cells, owner)
    }

    /// Where a point falls: `(row, column)`; a point just outside (up to
    /// [`MARGIN`]) falls in the outer cell.
    fn locate(&self, x: f32, y: f32) -> Option<(usize, usize)> {
        let slot = |bounds: &[f32], v: f32| {
            if bounds.len() < 2 || v < bounds[0] - MARGIN || v > bounds[bounds.len() - 1] + MARGIN {
                return None;
            }
            Some(
                bounds
                    .partition_point(|&b| b <= v)
                    .clamp(1, bounds.len() - 1)
                    - 1,
            )
        };
        Some((slot(&self.ys, y)?, slot(&self.xs, x)?))
    }

    /// The grid: one row per lattice row, merged cells spanning columns;
    /// a cell merged downwards keeps its text in its top row and is blank
    /// below, each part with the whole merged cell's box.
    pub fn grid(&self, page: u32, glyphs: &[Glyph]) -> Grid {
        let (cells, owner) = self.merged();
        let mut contents: Vec<Vec<Glyph>> = vec![Vec::new(); cells.len()];
        let mut spilled = Vec::new();
        for g in glyphs {
            let (x, y) = centre(g);
            if let Some((r, c)) = self.locate(x, y) {
                if r > 0 && y - self.ys[r] < 0.3 * g.size && owner[r - 1][c] != owner[r][c] {
                    spilled.push((g, owner[r - 1][c], owner[r][c]));
                } else {
                    contents[owner[r][c]].push(g.clone());
                }
            }
        }
        // A glyph on a row border printed over the text of the cell below
        // is wrapped text spilling out of a cell too short for it
        // (LibreOffice Calc prints wrapped lines past the border, centred
        // on the cell): it goes with the cell above when it is that
        // cell's next line.
        for (g, above, below) in spilled {
            let next_line = contents[above]
                .iter()
                .any(|a| (0.8 * g.size..1.6 * g.size).contains(&(g.y - a.y)));
            let overprints = contents[below].iter().any(|a| {
                (a.y - g.y).abs() < 0.7 * g.size && a.x < g.x + g.width && g.x < a.x + a.width
            });
            let to = if next_line && overprints {
                above
            } else {
                below
            };
            contents[to].push(g.clone());
        }
        let texts: Vec<String> = contents.iter().map(|g| cell_text(g)).collect();
        let rows = (0..self.rows())
            .map(|r| {
                let mut out = Vec::new();
                let mut c = 0;
                while c < self.columns() {
                    let id = owner[r][c];
                    let Printed {
                        top: r0,
                        left: c0,
                        bottom: r1,
                        right: c1,
                    } = cells[id];
                    out.push(Cell {
                        text: if r == r0 {
                            texts[id].clone()
                        } else {
                            String::new()
                        },
                        bbox: Some(BBox {
                            x0: self.xs[c0],
                            y0: self.ys[r0],
                            x1: self.xs[c1 + 1],
                            y1: self.ys[r1 + 1],
                        }),
                        span: (c1 - c0 + 1) as u16,
                        cut: Cut {
                            above: r0 == 0 && self.open[0][c0..=c1].iter().all(|&o| o),
                            below: r1 + 1 == self.rows()
                                && self.open[1][c0..=c1].iter().all(|&o| o),
                        },
                    });
                    c = c1 + 1;
                }
                GridRow { page, cells: out }
            })
            .collect();
        Grid {
            page,
            bbox: Some(self.bbox()),
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_merge_near_positions() {
        assert_eq!(cluster(vec![10.0, 10.5, 50.0, 11.0], 2.0), vec![10.5, 50.0]);
    }
}
