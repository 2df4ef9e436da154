//! Glyphs → text lines in reading order (top to bottom, left to right).
//!
//! Works on any subset of a page's glyphs (a whole page, or the glyphs
//! inside one table cell). Spaces are inferred from gaps, because PDFs
//! rarely paint them: a gap wider than [`LATIN_SPACE_EM`] between Latin
//! letters or digits is a space; between CJK glyphs only a gap wider than
//! [`CJK_SPACE_EM`] is (Chinese text has no spaces, but table columns do).
//! A pair of one CJK glyph and one digit or letter follows the CJK rule:
//! justified lines in the samples put 0.1–0.3 em between 学 and 2 in
//! running text, and ≥ 1 em only between table columns.

use crate::{BBox, Glyph};

/// Gap, in em of the smaller glyph, that separates Latin words. Times New
/// Roman's space is 0.25 em, so a little less than that.
pub const LATIN_SPACE_EM: f32 = 0.2;
/// Gap, in em, that separates CJK glyphs into separate words/cells.
pub const CJK_SPACE_EM: f32 = 1.0;
/// Baselines closer than this fraction of the font size are one line.
const SAME_LINE_EM: f32 = 0.3;

#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub text: String,
    pub bbox: BBox,
    /// Indices into the slice given to [`lines`] or [`lines_of`], in
    /// reading order.
    pub glyphs: Vec<usize>,
    /// The line's baseline (y of its first glyph).
    pub baseline: f32,
}

/// Groups glyphs into lines. Overprinted duplicates (the same character
/// drawn twice at nearly the same spot, as fake bold) are kept once.
pub fn lines(glyphs: &[Glyph]) -> Vec<TextLine> {
    lines_of(glyphs, (0..glyphs.len()).collect())
}

/// [`lines`] for some of a page's glyphs (those inside one table cell,
/// say), chosen by index; the lines' indices still point into `glyphs`.
pub fn lines_of(glyphs: &[Glyph], mut order: Vec<usize>) -> Vec<TextLine> {
    order.sort_by(|&a, &b| {
        glyphs[a]
            .y
            .total_cmp(&glyphs[b].y)
            .then(glyphs[a].x.total_cmp(&glyphs[b].x))
    });

    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut row_y = f32::NEG_INFINITY;
    let mut row_size = 0.0f32;
    for i in order {
        let g = &glyphs[i];
        let tolerance = (SAME_LINE_EM * g.size.min(row_size)).max(0.5);
        match rows.last_mut() {
            Some(row) if (g.y - row_y).abs() <= tolerance => row.push(i),
            _ => {
                rows.push(vec![i]);
                row_y = g.y;
                row_size = g.size;
            }
        }
    }

    rows.into_iter()
        .map(|mut row| {
            row.sort_by(|&a, &b| glyphs[a].x.total_cmp(&glyphs[b].x));
            build_line(glyphs, row)
        })
        .collect()
}

fn build_line(glyphs: &[Glyph], row: Vec<usize>) -> TextLine {
    let mut text = String::new();
    let mut kept: Vec<usize> = Vec::with_capacity(row.len());
    for i in row {
        let g = &glyphs[i];
        if let Some(&p) = kept.last() {
            let prev = &glyphs[p];
            let em = prev.size.min(g.size).max(0.1);
            let gap = g.x - (prev.x + prev.width);
            if g.ch == prev.ch && (g.x - prev.x).abs() < 0.3 * em.min(g.width.max(0.1) * 2.0) {
                continue; // overprint
            }
            let threshold = if is_cjk(prev.ch) || is_cjk(g.ch) {
                CJK_SPACE_EM
            } else {
                LATIN_SPACE_EM
            };
            if gap > threshold * em {
                text.push(' ');
            }
        }
        text.push(g.ch);
        kept.push(i);
    }
    let bbox = kept
        .iter()
        .map(|&i| glyphs[i].bbox())
        .reduce(BBox::union)
        .unwrap_or(BBox {
            x0: 0.0,
            y0: 0.0,
            x1: 0.0,
            y1: 0.0,
        });
    let baseline = kept.first().map(|&i| glyphs[i].y).unwrap_or(0.0);
    TextLine {
        text,
        bbox,
        glyphs: kept,
        baseline,
    }
}

/// Ideographs, kana, hangul, and full-width punctuation: scripts written
/// without spaces.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(ch: char, x: f32, y: f32) -> Glyph {
        Glyph {
            ch,
            x,
            y,
            width: if is_cjk(ch) { 10.0 } else { 5.0 },
            size: 10.0,
            font: 0,
        }
    }

    fn texts(glyphs: &[Glyph]) -> Vec<String> {
        lines(glyphs).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn orders_lines_top_down_and_glyphs_left_right() {
        let g = [
            glyph('d', 5.0, 30.0),
            glyph('c', 0.0, 30.0),
            glyph('b', 5.0, 10.2),
            glyph('a', 0.0, 10.0),
        ];
        assert_eq!(texts(&g), ["ab", "cd"]);
        let l = &lines(&g)[0];
        assert_eq!(l.glyphs, vec![3, 2]);
        assert_eq!(l.bbox.x0, 0.0);
        assert_eq!(l.bbox.x1, 10.0);
    }

    #[test]
    fn spaces_between_latin_words_not_between_cjk() {
        // "12 34": gap 3pt = 0.3 em.
        let g = [
            glyph('1', 0.0, 0.0),
            glyph('2', 5.0, 0.0),
            glyph('3', 13.0, 0.0),
            glyph('4', 18.0, 0.0),
        ];
        assert_eq!(texts(&g), ["12 34"]);
        // 3pt gap between ideographs is letter spacing, 15pt is a column gap.
        let g = [
            glyph('收', 0.0, 0.0),
            glyph('入', 13.0, 0.0),
            glyph('合', 38.0, 0.0),
        ];
        assert_eq!(texts(&g), ["收入 合"]);
    }

    #[test]
    fn a_subset_keeps_page_indices() {
        let g = [
            glyph('a', 0.0, 0.0),
            glyph('x', 100.0, 0.0),
            glyph('b', 5.0, 0.0),
        ];
        let l = lines_of(&g, vec![2, 0]);
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].text, "ab");
        assert_eq!(l[0].glyphs, vec![0, 2]);
    }

    #[test]
    fn overprinted_bold_is_kept_once() {
        let g = [
            glyph('合', 0.0, 0.0),
            glyph('合', 0.3, 0.0),
            glyph('计', 10.0, 0.0),
        ];
        assert_eq!(texts(&g), ["合计"]);
    }
}
