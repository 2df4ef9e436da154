//! Layout on pages built by hand: the table shapes the samples do not
//! all show (missing frames, row rules only, no rules at all).

use juesuan_extract::layout::{document, page_blocks};
use juesuan_extract::{Block, Glyph, Grid, Page, Ruling};

const SIZE: f32 = 10.0;

struct Sheet(Page);

impl Sheet {
    fn new() -> Sheet {
        Sheet(Page {
            number: 3,
            width: 842.0,
            height: 595.0,
            fonts: vec!["F".into()],
            ..Page::default()
        })
    }
    /// Text starting at `x` on baseline `y`: Chinese a full em, ASCII half.
    fn text(&mut self, s: &str, x: f32, y: f32) -> &mut Sheet {
        let mut x = x;
        for ch in s.chars() {
            let width = if ch.is_ascii() { SIZE / 2.0 } else { SIZE };
            if ch != ' ' {
                self.0.glyphs.push(Glyph {
                    ch,
                    x,
                    y,
                    width,
                    size: SIZE,
                    font: 0,
                });
            }
            x += width;
        }
        self
    }
    /// Text ending at `x1` (right-aligned numbers).
    fn right(&mut self, s: &str, x1: f32, y: f32) -> &mut Sheet {
        let w: f32 = s
            .chars()
            .map(|c| if c.is_ascii() { SIZE / 2.0 } else { SIZE })
            .sum();
        self.text(s, x1 - w, y)
    }
    fn h(&mut self, x0: f32, x1: f32, y: f32) -> &mut Sheet {
        self.0.rulings.push(Ruling {
            x0,
            y0: y,
            x1,
            y1: y,
        });
        self
    }
    fn v(&mut self, x: f32, y0: f32, y1: f32) -> &mut Sheet {
        self.0.rulings.push(Ruling {
            x0: x,
            y0,
            x1: x,
            y1,
        });
        self
    }
    fn blocks(&self) -> Vec<Block> {
        page_blocks(&self.0)
    }
}

fn grids(blocks: &[Block]) -> Vec<&Grid> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Grid(g) => Some(g),
            _ => None,
        })
        .collect()
}

fn texts(g: &Grid) -> Vec<Vec<&str>> {
    g.rows.iter().map(|r| r.texts().collect()).collect()
}

fn spans(g: &Grid) -> Vec<Vec<u16>> {
    g.rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.span).collect())
        .collect()
}

fn lines(blocks: &[Block]) -> Vec<&str> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Line(l) => Some(l.text.as_str()),
            _ => None,
        })
        .collect()
}

/// Columns at x 100 | 200 | 300 | 400; rows at y 100 | 120 | 140 | 160.
/// `项目` spans the first two columns of the first row; `201` spans the
/// first column of rows two and three. Each border drawn cell by cell, as
/// Word does, with a double line under the header.
#[test]
fn merged_cells_from_missing_borders() {
    let mut s = Sheet::new();
    let (xs, ys) = ([100.0, 200.0, 300.0, 400.0], [100.0, 120.0, 140.0, 160.0]);
    for c in 0..3 {
        for &y in &ys {
            s.h(xs[c], xs[c + 1], y);
        }
        s.h(xs[c], xs[c + 1], 121.5);
    }
    for r in 0..3 {
        for (i, &x) in xs.iter().enumerate() {
            let merged = i == 1 && r == 0;
            if !merged {
                s.v(x, ys[r], ys[r + 1]);
            }
        }
    }
    // remove the border between rows two and three in the first column
    s.0.rulings
        .retain(|r| !(r.y0 == 140.0 && r.y1 == 140.0 && r.x0 == 100.0));
    s.text("项目", 130.0, 114.0).text("金额", 330.0, 114.0);
    s.text("201", 105.0, 134.0)
        .text("一般公共服务", 205.0, 134.0)
        .right("2,112.86", 395.0, 134.0);
    s.text("财政事务", 205.0, 154.0)
        .right("16.19", 395.0, 154.0);
    let blocks = s.blocks();
    let g = grids(&blocks)[0];
    assert_eq!(
        texts(g),
        [
            vec!["项目", "金额"],
            vec!["201", "一般公共服务", "2,112.86"],
            vec!["", "财政事务", "16.19"]
        ]
    );
    assert_eq!(spans(g), [vec![2, 1], vec![1, 1, 1], vec![1, 1, 1]]);
    let b = g.rows[1].cells[0].bbox.unwrap();
    assert_eq!((b.x0, b.x1), (100.0, 200.0));
    assert!(
        (b.y0 - 121.0).abs() < 1.0 && (b.y1 - 160.0).abs() < 0.5,
        "201 covers both rows: {b:?}"
    );
}

/// Only the inner lines are drawn (no outer frame): the lines' extent is
/// the table, and text in the outer rows and columns still lands in cells.
#[test]
fn table_without_outer_frame() {
    let mut s = Sheet::new();
    for x in [200.0, 300.0] {
        s.v(x, 100.0, 160.0);
    }
    for y in [120.0, 140.0] {
        s.h(100.0, 400.0, y);
    }
    s.text("科目名称", 105.0, 114.0)
        .text("上年", 205.0, 114.0)
        .text("本年", 305.0, 114.0);
    s.text("行政运行", 105.0, 134.0)
        .right("1.00", 295.0, 134.0)
        .right("2.00", 395.0, 134.0);
    s.text("事业运行", 105.0, 154.0)
        .right("3.00", 295.0, 154.0)
        .right("4.00", 395.0, 154.0);
    let blocks = s.blocks();
    assert_eq!(grids(&blocks).len(), 1);
    assert_eq!(
        texts(grids(&blocks)[0]),
        [
            ["科目名称", "上年", "本年"],
            ["行政运行", "1.00", "2.00"],
            ["事业运行", "3.00", "4.00"]
        ]
    );
    assert!(lines(&blocks).is_empty(), "{:?}", lines(&blocks));
}

/// Row rules only (WPS): columns come from where the text lines up,
/// amounts right-aligned, the code column left-aligned.
#[test]
fn row_rules_only_columns_from_alignment() {
    let mut s = Sheet::new();
    for y in [100.0, 120.0, 140.0, 160.0, 180.0] {
        s.h(100.0, 500.0, y);
    }
    s.text("科目编码", 105.0, 114.0)
        .text("科目名称", 185.0, 114.0)
        .text("本年收入合计", 330.0, 114.0);
    s.text("财政拨款", 430.0, 114.0);
    for (i, (code, name, a, b)) in [
        ("201", "一般公共服务支出", "2,112.86", "2,106.66"),
        ("20106", "财政事务", "16.19", "10.00"),
        ("2010601", "行政运行", "1,511.90", "1,511.89"),
    ]
    .into_iter()
    .enumerate()
    {
        let y = 134.0 + 20.0 * i as f32;
        s.text(code, 105.0, y)
            .text(name, 185.0, y)
            .right(a, 400.0, y)
            .right(b, 495.0, y);
    }
    s.text("单位：万元", 440.0, 90.0);
    let blocks = s.blocks();
    let g = grids(&blocks)[0];
    assert_eq!(
        texts(g)[0],
        ["科目编码", "科目名称", "本年收入合计", "财政拨款"]
    );
    assert_eq!(texts(g)[3], ["2010601", "行政运行", "1,511.90", "1,511.89"]);
    assert_eq!(lines(&blocks), ["单位：万元"]);
}

/// A three-line table: rules above and under the header and at the bottom
/// only; the body band is split into rows at its text lines, and a
/// wrapped name stays in its row.
#[test]
fn three_line_table_rows_from_text() {
    let mut s = Sheet::new();
    for y in [100.0, 120.0, 200.0] {
        s.h(100.0, 400.0, y);
    }
    s.text("项目", 105.0, 114.0).text("决算数", 350.0, 114.0);
    s.text("一般公共服务支出", 105.0, 134.0)
        .right("56.00", 395.0, 134.0);
    s.text("机关事业单位基本养老", 105.0, 152.0)
        .right("10,387.06", 395.0, 152.0);
    s.text("保险缴费支出", 105.0, 164.0);
    s.text("住房公积金", 105.0, 184.0)
        .right("7.10", 395.0, 184.0);
    let blocks = s.blocks();
    let g = grids(&blocks)[0];
    assert_eq!(
        texts(g),
        [
            ["项目", "决算数"],
            ["一般公共服务支出", "56.00"],
            ["机关事业单位基本养老保险缴费支出", "10,387.06"],
            ["住房公积金", "7.10"]
        ]
    );
}

/// No rules at all: a run of aligned body rows under a header is a table;
/// the paragraph above and the note below stay lines.
#[test]
fn unruled_table_from_alignment() {
    let mut s = Sheet::new();
    s.text("（一）收入支出决算总体情况说明", 100.0, 60.0);
    s.text("项目", 100.0, 100.0)
        .text("上年决算", 300.0, 100.0)
        .text("本年决算", 400.0, 100.0);
    let rows = [
        ("工资福利支出", "12.50", "13.75"),
        ("商品和服务支出", "1,204.00", "998.10"),
        ("资本性支出", "3.00", "0.00"),
    ];
    for (i, (name, a, b)) in rows.into_iter().enumerate() {
        let y = 116.0 + 16.0 * i as f32;
        s.text(name, 100.0, y).right(a, 340.0, y).right(b, 440.0, y);
    }
    s.text("注：本表金额单位为万元。", 100.0, 190.0);
    let blocks = s.blocks();
    let gs = grids(&blocks);
    assert_eq!(gs.len(), 1);
    assert_eq!(
        texts(gs[0]),
        [
            ["项目", "上年决算", "本年决算"],
            ["工资福利支出", "12.50", "13.75"],
            ["商品和服务支出", "1,204.00", "998.10"],
            ["资本性支出", "3.00", "0.00"]
        ]
    );
    assert_eq!(
        lines(&blocks),
        ["（一）收入支出决算总体情况说明", "注：本表金额单位为万元。"]
    );
    assert!(
        matches!(blocks[1], Block::Grid(_)),
        "the grid sits between the paragraph and the note"
    );
}

/// Two framed forms on one page with titles: two grids, each after its title.
#[test]
fn several_tables_on_a_page() {
    let mut s = Sheet::new();
    for (top, title) in [(100.0, "甲项目绩效自评表"), (300.0, "乙项目绩效自评表")] {
        s.text(title, 150.0, top - 10.0);
        for y in [top, top + 20.0, top + 40.0] {
            s.h(100.0, 400.0, y);
        }
        for x in [100.0, 250.0, 400.0] {
            s.v(x, top, top + 40.0);
        }
        s.text("项目名称", 105.0, top + 14.0)
            .text("分值", 255.0, top + 14.0);
        s.text("数量指标", 105.0, top + 34.0)
            .text("12.5", 255.0, top + 34.0);
    }
    let blocks = s.blocks();
    let kinds: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            Block::Line(l) => l.text.clone(),
            Block::Grid(g) => format!("grid {}", g.rows.len()),
        })
        .collect();
    assert_eq!(
        kinds,
        ["甲项目绩效自评表", "grid 2", "乙项目绩效自评表", "grid 2"]
    );
}

/// Unit line on the same baseline as the department: two lines, not one.
#[test]
fn department_and_unit_on_one_baseline() {
    let mut s = Sheet::new();
    s.text("部门：佛山市轨道交通局", 72.0, 135.0)
        .text("单位：万元", 719.0, 135.0);
    assert_eq!(lines(&s.blocks()), ["部门：佛山市轨道交通局", "单位：万元"]);
}

#[test]
fn document_warns_about_pages_without_text() {
    let mut s = Sheet::new();
    s.text("收入决算表", 100.0, 100.0);
    let blank = Page {
        number: 4,
        ..Page::default()
    };
    let doc = document(vec![s.0, blank], Some("WPS".into()));
    assert_eq!(doc.pages, 4);
    assert_eq!(doc.blocks.len(), 1);
    assert_eq!(doc.diagnostics.len(), 1);
    assert_eq!(doc.diagnostics[0].page, Some(4));
}

/// An unruled two-column list right under `部门：… 单位：万元` and right
/// above a note: the header joins the table, the other two stay lines.
#[test]
fn unruled_table_keeps_close_neighbours_out() {
    let mut s = Sheet::new();
    s.text("部门：西安市卫生健康委员会", 100.0, 84.0)
        .text("单位：万元", 400.0, 84.0);
    s.text("序号", 100.0, 100.0).text("单位名称", 160.0, 100.0);
    for (i, name) in ["西安市卫生学校", "西安急救中心", "西安市妇幼保健院"]
        .into_iter()
        .enumerate()
    {
        let y = 114.0 + 14.0 * i as f32;
        s.right(&(i + 1).to_string(), 110.0, y).text(name, 160.0, y);
    }
    s.text("注：本表反映纳入决算编制范围的单位。", 100.0, 154.0);
    let blocks = s.blocks();
    let g = grids(&blocks)[0];
    assert_eq!(texts(g)[0], ["序号", "单位名称"]);
    assert_eq!(texts(g)[3], ["3", "西安市妇幼保健院"]);
    assert_eq!(g.rows.len(), 4);
    assert_eq!(
        lines(&blocks),
        [
            "部门：西安市卫生健康委员会",
            "单位：万元",
            "注：本表反映纳入决算编制范围的单位。"
        ]
    );
}

/// Rows under the header `科目编码 | 科目名称 | 决算数` (columns at x 100 |
/// 200 | 300 | 400, header baseline 114), 16 pt apart from baseline 134,
/// with vertical rules from y 100 down to `rules_to`.
fn code_table(s: &mut Sheet, rows: &[(&str, &str, &str)], rules_to: f32) {
    for x in [100.0, 200.0, 300.0, 400.0] {
        s.v(x, 100.0, rules_to);
    }
    s.text("科目编码", 105.0, 114.0)
        .text("科目名称", 205.0, 114.0)
        .text("决算数", 350.0, 114.0);
    for (i, (code, name, v)) in rows.iter().enumerate() {
        let y = 134.0 + 16.0 * i as f32;
        s.text(code, 105.0, y)
            .text(name, 205.0, y)
            .right(v, 395.0, y);
    }
}

/// Column rules all the way down but row rules only around the header and
/// at the bottom: body rows come from the text lines.
#[test]
fn column_rules_without_row_rules() {
    let mut s = Sheet::new();
    for y in [100.0, 120.0, 180.0] {
        s.h(100.0, 400.0, y);
    }
    let rows = [
        ("201", "一般公共服务支出", "56.00"),
        ("20104", "发展与改革事务", "56.00"),
        ("2010405", "日常经济运行调节", "1,056.00"),
    ];
    code_table(&mut s, &rows, 180.0);
    let blocks = s.blocks();
    let g = grids(&blocks)[0];
    assert_eq!(g.rows.len(), 4);
    assert_eq!(texts(g)[3], ["2010405", "日常经济运行调节", "1,056.00"]);
    assert!(g.rows.iter().all(|r| r.cells.len() == 3));
}

/// Only the header is ruled; the body rows under it have no rules at all.
/// They continue the ruled table, cut at its columns.
#[test]
fn ruled_header_over_unruled_body() {
    let mut s = Sheet::new();
    for y in [100.0, 120.0] {
        s.h(100.0, 400.0, y);
    }
    code_table(
        &mut s,
        &[
            ("201", "一般公共服务支出", "56.00"),
            ("20104", "发展与改革事务", "56.00"),
        ],
        120.0,
    );
    s.text("注：本表为空表。", 100.0, 200.0);
    let blocks = s.blocks();
    let gs = grids(&blocks);
    assert_eq!(gs.len(), 1);
    assert_eq!(
        texts(gs[0]),
        [
            ["科目编码", "科目名称", "决算数"],
            ["201", "一般公共服务支出", "56.00"],
            ["20104", "发展与改革事务", "56.00"]
        ]
    );
    assert_eq!(lines(&blocks), ["注：本表为空表。"]);
}

/// No rules; a long name wraps over two lines and the row's code and
/// amounts sit centred between them: both halves of the name join that
/// row, not the rows above and below.
#[test]
fn unruled_row_with_centred_amounts() {
    let mut s = Sheet::new();
    s.text("2080501", 100.0, 100.0)
        .text("行政单位离退休", 160.0, 100.0)
        .right("84.65", 400.0, 100.0);
    s.text("机关事业单位基本养老保险", 160.0, 114.0);
    s.text("2080505", 100.0, 120.0)
        .right("160.75", 400.0, 120.0);
    s.text("缴费支出", 160.0, 126.0);
    s.text("2080506", 100.0, 140.0)
        .text("职业年金缴费支出", 160.0, 140.0)
        .right("80.38", 400.0, 140.0);
    let blocks = s.blocks();
    let g = grids(&blocks)[0];
    assert_eq!(
        texts(g),
        [
            ["2080501", "行政单位离退休", "84.65"],
            ["2080505", "机关事业单位基本养老保险缴费支出", "160.75"],
            ["2080506", "职业年金缴费支出", "80.38"]
        ]
    );
}

/// Random rulings and glyphs (a fixed pseudo-random sequence): layout never
/// panics, every grid row covers all columns, and every glyph ends up in
/// exactly one block.
#[test]
fn random_pages_give_whole_grids() {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: u32| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as f32
    };
    let chars: Vec<char> = "合计一般公共服务支出0123456789,.".chars().collect();
    for _ in 0..500 {
        let mut s = Sheet::new();
        for _ in 0..next(30) as usize {
            let (a, b, c) = (next(600), next(600), next(400));
            if next(2) == 0.0 {
                s.h(a.min(b), a.max(b), c);
            } else {
                s.v(c, a.min(b), a.max(b));
            }
        }
        // glyphs on a coarse grid: no two overlap (overprints are the line
        // builder's business)
        let mut used = std::collections::HashSet::new();
        for _ in 0..next(80) as usize {
            let ch = chars[next(chars.len() as u32) as usize].to_string();
            let (x, y) = (next(50), next(42));
            if used.insert((x as u32, y as u32)) {
                s.text(&ch, 12.0 * x, 14.0 * y);
            }
        }
        let blocks = s.blocks();
        let mut seen = 0;
        for b in &blocks {
            match b {
                Block::Line(l) => seen += l.text.chars().filter(|c| !c.is_whitespace()).count(),
                Block::Grid(g) => {
                    let widths: Vec<u16> = g
                        .rows
                        .iter()
                        .map(|r| r.cells.iter().map(|c| c.span).sum())
                        .collect();
                    assert!(widths.windows(2).all(|w| w[0] == w[1]), "{widths:?}");
                    seen += g
                        .rows
                        .iter()
                        .flat_map(|r| r.texts())
                        .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
                        .sum::<usize>();
                }
            }
        }
        let printed = juesuan_extract::lines::lines(&s.0.glyphs)
            .iter()
            .map(|l| l.text.chars().filter(|c| !c.is_whitespace()).count())
            .sum::<usize>();
        if seen != printed {
            for g in &s.0.glyphs {
                eprintln!("G {} {} {}", g.ch, g.x, g.y);
            }
            for r in &s.0.rulings {
                eprintln!("R {:?}", r);
            }
            for b in &blocks {
                eprintln!("B {:?}", b);
            }
        }
        assert_eq!(seen, printed);
    }
}

/// The header row sits on the table with no rule above it and no column
/// rules through it; the `部门 … 单位` line above keeps its distance and
/// stays a line.
#[test]
fn header_above_the_top_rule() {
    let mut s = Sheet::new();
    s.text("部门：财政局", 100.0, 80.0)
        .text("单位：万元", 350.0, 80.0);
    for y in [100.0, 120.0, 140.0] {
        s.h(100.0, 400.0, y);
    }
    for x in [100.0, 200.0, 300.0, 400.0] {
        s.v(x, 100.0, 140.0);
    }
    s.text("科目编码", 105.0, 97.0)
        .text("科目名称", 205.0, 97.0)
        .text("决算数", 350.0, 97.0);
    s.text("201", 105.0, 114.0)
        .text("一般公共服务支出", 205.0, 114.0)
        .right("56.00", 395.0, 114.0);
    s.text("20104", 105.0, 134.0)
        .text("发展与改革事务", 205.0, 134.0)
        .right("56.00", 395.0, 134.0);
    let blocks = s.blocks();
    let g = grids(&blocks)[0];
    assert_eq!(
        texts(g),
        [
            ["科目编码", "科目名称", "决算数"],
            ["201", "一般公共服务支出", "56.00"],
            ["20104", "发展与改革事务", "56.00"]
        ]
    );
    assert_eq!(lines(&blocks), ["部门：财政局", "单位：万元"]);
}

/// LibreOffice Calc prints a wrapped header too tall for its row centred
/// on the cell, its last line across the border and over the numbering
/// row's `4`: that line is the header's. A label merely close under a
/// border (nothing printed over) stays in its own row.
#[test]
fn wrapped_text_spilling_over_a_row_border() {
    let mut s = Sheet::new();
    let (xs, ys) = ([100.0, 200.0, 300.0, 400.0], [100.0, 120.0, 140.0, 160.0]);
    for &y in &ys {
        s.h(xs[0], xs[3], y);
    }
    for &x in &xs {
        s.v(x, ys[0], ys[3]);
    }
    s.text("项目", 130.0, 113.0)
        .text("目标", 230.0, 113.0)
        .text("基金预算", 330.0, 113.0)
        .text("拨款", 340.0, 124.5);
    s.text("栏次", 130.0, 134.0)
        .text("偏差原因", 230.0, 124.5)
        .text("4", 347.0, 128.0);
    s.text("合计", 130.0, 154.0).right("0.70", 395.0, 154.0);
    let blocks = s.blocks();
    assert_eq!(
        texts(grids(&blocks)[0]),
        [
            vec!["项目", "目标", "基金预算拨款"],
            vec!["栏次", "偏差原因", "4"],
            vec!["合计", "", "0.70"]
        ]
    );
}
