//! Glyphs → text: reading-order lines, cell text with wrapped lines
//! joined, running lines split at very wide gaps.

use crate::lines::is_cjk;
use crate::{BBox, Glyph};

/// One line of glyphs in reading order.
#[derive(Debug, Clone)]
pub(crate) struct TextLine {
    pub glyphs: Vec<Glyph>,
    pub text: String,
    pub bbox: BBox,
}

/// The centre of a glyph's box, the point that decides which cell it is in.
pub(crate) fn centre(g: &Glyph) -> (f32, f32) {
    (g.x + g.width / 2.0, g.y - 0.38 * g.size)
}

/// Drops glyphs painted twice at the same place (fake bold: fill then
/// stroke, or a shadow offset by a fraction of a point), and painted
/// spaces: padding spaces would bridge the gaps between cells, and the
/// line builder puts spaces back where gaps are wide.
pub(crate) fn dedup(glyphs: &[Glyph]) -> Vec<Glyph> {
    let key =
        |g: &Glyph, dx: i32, dy: i32| (g.ch, g.x.round() as i32 + dx, g.y.round() as i32 + dy);
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(glyphs.len());
    for g in glyphs.iter().filter(|g| !g.ch.is_whitespace()) {
        let near = (-1..=1).any(|dx| (-1..=1).any(|dy| seen.contains(&key(g, dx, dy))));
        if !near {
            seen.insert(key(g, 0, 0));
            out.push(g.clone());
        }
    }
    out
}

/// The shared line builder's lines, each with its glyphs (in reading
/// order) so that lines can be cut into cells.
pub(crate) fn lines(glyphs: &[Glyph]) -> Vec<TextLine> {
    crate::lines::lines(glyphs)
        .into_iter()
        .map(|l| TextLine {
            glyphs: l.glyphs.iter().map(|&i| glyphs[i].clone()).collect(),
            text: l.text,
            bbox: l.bbox,
        })
        .collect()
}

/// A gap wider than this many ems separates two pieces of text that only
/// share a baseline (`部门：…` far left, `单位：万元` far right).
const WIDE_GAP_EM: f32 = 4.0;

/// Splits a line wherever the gap between neighbouring glyphs is very wide.
pub(crate) fn split_wide(line: TextLine) -> Vec<TextLine> {
    let mut pieces: Vec<Vec<Glyph>> = Vec::new();
    for g in line.glyphs {
        match pieces.last_mut() {
            Some(p)
                if g.x - (p.last().unwrap().x + p.last().unwrap().width)
                    <= WIDE_GAP_EM * g.size =>
            {
                p.push(g)
            }
            _ => pieces.push(vec![g]),
        }
    }
    pieces.iter().flat_map(|p| lines(p)).collect()
}

/// The text of a cell: its lines joined — Chinese without a space, Latin
/// words with one, digits without (a number wrapped mid-way stays whole).
/// Spaces between two Chinese characters are letter-spacing, not words.
pub(crate) fn cell_text(glyphs: &[Glyph]) -> String {
    let mut out = String::new();
    for line in lines(glyphs) {
        let (Some(last), Some(first)) = (out.chars().last(), line.text.chars().next()) else {
            out.push_str(&line.text);
            continue;
        };
        if last.is_ascii_alphabetic() && first.is_ascii_alphanumeric()
            || last.is_ascii_alphanumeric() && first.is_ascii_alphabetic()
        {
            out.push(' ');
        }
        out.push_str(&line.text);
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = collapsed.chars().collect();
    let mut text = String::with_capacity(out.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && i > 0 && i + 1 < chars.len() && is_cjk(chars[i - 1]) && is_cjk(chars[i + 1])
        {
            continue;
        }
        text.push(c);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(s: &str, x: f32, y: f32) -> Vec<Glyph> {
        let mut x = x;
        s.chars()
            .map(|ch| {
                let width = if ch.is_ascii() { 5.0 } else { 10.0 };
                let g = Glyph {
                    ch,
                    x,
                    y,
                    width,
                    size: 10.0,
                    font: 0,
                };
                x += width;
                g
            })
            .collect()
    }

    #[test]
    fn wrapped_cell_lines_join_by_script() {
        let mut g = word("机关事业单位基本养老保险", 0.0, 10.0);
        g.extend(word("缴费支出", 0.0, 24.0));
        assert_eq!(cell_text(&g), "机关事业单位基本养老保险缴费支出");
        let mut g = word("2,860.", 0.0, 10.0);
        g.extend(word("07", 0.0, 24.0));
        assert_eq!(cell_text(&g), "2,860.07");
        let mut g = word("Total", 0.0, 10.0);
        g.extend(word("income", 0.0, 24.0));
        assert_eq!(cell_text(&g), "Total income");
    }

    #[test]
    fn letter_spaced_chinese_closes_up() {
        let mut g = word("项", 0.0, 10.0);
        g.extend(word("目", 40.0, 10.0));
        assert_eq!(cell_text(&g), "项目");
    }

    #[test]
    fn very_wide_gap_splits_a_line() {
        let mut g = word("部门：财政局", 0.0, 10.0);
        g.extend(word("单位：万元", 500.0, 10.0));
        let parts: Vec<String> = lines(&g)
            .into_iter()
            .flat_map(split_wide)
            .map(|l| l.text)
            .collect();
        assert_eq!(parts, ["部门：财政局", "单位：万元"]);
    }

    #[test]
    fn fake_bold_glyphs_count_once() {
        let mut g = word("合计", 0.0, 10.0);
        g.extend(word("合计", 0.0, 10.0));
        assert_eq!(lines(&dedup(&g))[0].text, "合计");
    }
}
