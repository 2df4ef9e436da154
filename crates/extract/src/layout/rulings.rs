//! Ruling lines as drawn (each cell border a separate segment, double
//! lines, borders as thin filled rectangles) → merged straight lines →
//! table regions: groups of lines that touch each other.

use crate::{BBox, Ruling};

/// How far apart (pt) two rulings may be and still be one line: covers
/// double borders, half-linewidth insets and rounding in the producer.
pub(crate) const TOL: f32 = 2.0;

/// A merged horizontal (`at` = y, `from..to` in x) or vertical
/// (`at` = x, `from..to` in y) line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Segment {
    pub at: f32,
    pub from: f32,
    pub to: f32,
}

impl Segment {
    /// Length of the part of `from..to` this segment covers.
    pub fn overlap(&self, from: f32, to: f32) -> f32 {
        (self.to.min(to) - self.from.max(from)).max(0.0)
    }
}

/// A set of touching horizontal and vertical lines: one table, or the
/// ruled part of one.
#[derive(Debug, Clone, Default)]
pub(crate) struct Region {
    pub horizontal: Vec<Segment>,
    pub vertical: Vec<Segment>,
}

impl Region {
    pub fn bbox(&self) -> BBox {
        let mut b = BBox {
            x0: f32::MAX,
            y0: f32::MAX,
            x1: f32::MIN,
            y1: f32::MIN,
        };
        for h in &self.horizontal {
            b = b.union(BBox {
                x0: h.from,
                y0: h.at,
                x1: h.to,
                y1: h.at,
            });
        }
        for v in &self.vertical {
            b = b.union(BBox {
                x0: v.at,
                y0: v.from,
                x1: v.at,
                y1: v.to,
            });
        }
        b
    }
}

/// Splits rulings into merged horizontal and vertical lines.
pub(crate) fn merge(rulings: &[Ruling]) -> (Vec<Segment>, Vec<Segment>) {
    let mut hs = Vec::new();
    let mut vs = Vec::new();
    for r in rulings {
        let (w, h) = ((r.x1 - r.x0).abs(), (r.y1 - r.y0).abs());
        // Dots and corner squares bound nothing.
        if w.max(h) < 1.0 {
            continue;
        }
        if r.is_horizontal() {
            hs.push(Segment {
                at: (r.y0 + r.y1) / 2.0,
                from: r.x0.min(r.x1),
                to: r.x0.max(r.x1),
            });
        } else {
            vs.push(Segment {
                at: (r.x0 + r.x1) / 2.0,
                from: r.y0.min(r.y1),
                to: r.y0.max(r.y1),
            });
        }
    }
    (collinear(hs), collinear(vs))
}

/// Joins segments on (nearly) the same line that overlap or nearly touch.
fn collinear(mut segs: Vec<Segment>) -> Vec<Segment> {
    segs.sort_by(|a, b| a.at.total_cmp(&b.at));
    let mut out = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        let mut j = i + 1;
        while j < segs.len() && segs[j].at - segs[j - 1].at <= TOL {
            j += 1;
        }
        let group = &mut segs[i..j];
        let len: f32 = group.iter().map(|s| s.to - s.from).sum();
        let at = group.iter().map(|s| s.at * (s.to - s.from)).sum::<f32>() / len.max(f32::EPSILON);
        group.sort_by(|a, b| a.from.total_cmp(&b.from));
        let mut cur: Option<Segment> = None;
        let mut prev: Option<Segment> = None;
        for s in group.iter() {
            let dash = prev.is_some_and(|p| dashes(&p, s));
            prev = Some(*s);
            match &mut cur {
                Some(c) if s.from <= c.to + TOL || dash => c.to = c.to.max(s.to),
                _ => {
                    out.extend(cur.take());
                    cur = Some(Segment {
                        at,
                        from: s.from,
                        to: s.to,
                    });
                }
            }
        }
        out.extend(cur);
        i = j;
    }
    out
}

/// Dashes of a dashed border: short pieces with short gaps. (Cell borders
/// with a gap between them are long: the gap is a merged cell.)
fn dashes(a: &Segment, b: &Segment) -> bool {
    const DASH: f32 = 6.0;
    a.to - a.from <= DASH && b.to - b.from <= DASH && b.from - a.to <= DASH
}

fn touches(h: &Segment, v: &Segment) -> bool {
    v.at >= h.from - TOL && v.at <= h.to + TOL && h.at >= v.from - TOL && h.at <= v.to + TOL
}

/// Groups lines into regions: lines that cross or touch are one region;
/// stacked horizontal lines with no verticals (tables drawn with row
/// rules only) are one region when the band between two of them holds
/// table rows, as `table_band(top, bottom)` says.
pub(crate) fn regions(
    hs: &[Segment],
    vs: &[Segment],
    table_band: impl Fn(BBox) -> bool,
) -> Vec<Region> {
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if touches(h, v) {
                union(&mut parent, i, hs.len() + j);
            }
        }
    }
    let mut alone: Vec<usize> = (0..hs.len())
        .filter(|&i| !vs.iter().any(|v| touches(&hs[i], v)))
        .collect();
    alone.sort_by(|&a, &b| hs[a].at.total_cmp(&hs[b].at));
    for (k, &a) in alone.iter().enumerate() {
        // the nearest lone line below that shares most of its width
        let below = alone[k + 1..].iter().find(|&&b| {
            let (ha, hb) = (&hs[a], &hs[b]);
            let shorter = (ha.to - ha.from).min(hb.to - hb.from);
            hb.overlap(ha.from, ha.to) >= 0.5 * shorter
        });
        if let Some(&b) = below {
            let (ha, hb) = (&hs[a], &hs[b]);
            let band = BBox {
                x0: ha.from.max(hb.from),
                y0: ha.at,
                x1: ha.to.min(hb.to),
                y1: hb.at,
            };
            if table_band(band) {
                union(&mut parent, a, b);
            }
        }
    }
    let mut by_root: std::collections::BTreeMap<usize, Region> = Default::default();
    for i in 0..n {
        let r = by_root.entry(find(&mut parent, i)).or_default();
        if i < hs.len() {
            r.horizontal.push(hs[i]);
        } else {
            r.vertical.push(vs[i - hs.len()]);
        }
    }
    let mut regions: Vec<Region> = by_root
        .into_values()
        .filter(|r| r.horizontal.len() + r.vertical.len() >= 2)
        .collect();
    let lone: Vec<Segment> = vs
        .iter()
        .filter(|v| !hs.iter().any(|h| touches(h, v)))
        .copied()
        .collect();
    let mut taken = vec![false; lone.len()];
    for region in regions.iter_mut().filter(|r| !r.horizontal.is_empty()) {
        region
            .vertical
            .extend(beside(region.bbox(), &lone, &mut taken));
    }
    regions
}

/// The lone vertical lines (touching no horizontal one) that run the full
/// height of a table beside it, each within a table's width of the next:
/// columns whose cells are merged over the whole table. A table continued
/// from the page before draws no rule at its top over a merged cell that
/// goes on; without these lines its first columns would be lost.
fn beside(b: BBox, lone: &[Segment], taken: &mut [bool]) -> Vec<Segment> {
    let full = |v: &Segment| (v.from - b.y0).abs() <= 2.0 * TOL && (v.to - b.y1).abs() <= 2.0 * TOL;
    let reach = b.x1 - b.x0;
    let mut out = Vec::new();
    for leftwards in [true, false] {
        let mut edge = if leftwards { b.x0 } else { b.x1 };
        loop {
            let next = (0..lone.len())
                .filter(|&i| !taken[i] && full(&lone[i]))
                .filter(|&i| {
                    let gap = if leftwards {
                        edge - lone[i].at
                    } else {
                        lone[i].at - edge
                    };
                    gap > TOL && gap <= reach
                })
                .min_by(|&i, &j| {
                    (lone[i].at - edge)
                        .abs()
                        .total_cmp(&(lone[j].at - edge).abs())
                });
            let Some(i) = next else { break };
            taken[i] = true;
            edge = lone[i].at;
            out.push(lone[i]);
        }
    }
    out
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(x0: f32, y0: f32, x1: f32, y1: f32) -> Ruling {
        Ruling { x0, y0, x1, y1 }
    }

    #[test]
    fn cell_borders_and_double_lines_merge_into_one_line() {
        let (hs, vs) = merge(&[
            r(10.0, 100.0, 50.0, 100.0),
            r(50.4, 100.2, 90.0, 100.2),
            r(10.0, 101.5, 90.0, 101.5),
            r(10.0, 130.0, 90.0, 130.0),
        ]);
        assert!(vs.is_empty());
        assert_eq!(hs.len(), 2);
        assert_eq!((hs[0].from, hs[0].to), (10.0, 90.0));
        assert!((hs[0].at - 100.9).abs() < 0.5, "{:?}", hs[0]);
    }

    #[test]
    fn dashed_lines_are_one_line() {
        let dashes: Vec<Ruling> = (0..20)
            .map(|i| r(10.0 + 6.0 * i as f32, 50.0, 13.0 + 6.0 * i as f32, 50.0))
            .collect();
        let (hs, _) = merge(&dashes);
        assert_eq!(hs.len(), 1);
        assert_eq!((hs[0].from, hs[0].to), (10.0, 127.0));
    }

    #[test]
    fn separate_frames_are_separate_regions() {
        let frame = |y: f32| {
            vec![
                r(10.0, y, 90.0, y),
                r(10.0, y + 40.0, 90.0, y + 40.0),
                r(10.0, y, 10.0, y + 40.0),
                r(90.0, y, 90.0, y + 40.0),
            ]
        };
        let mut all = frame(100.0);
        all.extend(frame(300.0));
        let (hs, vs) = merge(&all);
        assert_eq!(regions(&hs, &vs, |_| true).len(), 2);
    }

    /// A listing continued from the page before (北京's 绩效目标 listing):
    /// rows ruled on the right, the left columns one merged cell each,
    /// bounded by verticals alone.
    #[test]
    fn full_height_verticals_beside_a_table_are_its_columns() {
        let mut all: Vec<Ruling> = [77.0, 108.0, 146.0, 522.0]
            .iter()
            .map(|&y| r(348.0, y, 662.0, y))
            .collect();
        all.extend([348.0, 449.0, 662.0].iter().map(|&x| r(x, 77.0, x, 522.0)));
        // the merged columns, and a page-high line far away
        all.extend([58.0, 121.0, 297.0].iter().map(|&x| r(x, 76.6, x, 522.4)));
        all.push(r(20.0, 10.0, 20.0, 800.0));
        let (hs, vs) = merge(&all);
        let found = regions(&hs, &vs, |_| true);
        assert_eq!(found.len(), 1);
        let b = found[0].bbox();
        assert_eq!((b.x0, b.x1), (58.0, 662.0));
        assert_eq!(found[0].vertical.len(), 6);
    }
}
