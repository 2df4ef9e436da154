//! Layout on real sample pages. The page fixtures are `mutool trace`
//! output converted by `fixtures/layout/trace2page.py`, so these tests do
//! not depend on the crate's PDF reader. Expected cells were read off the
//! page rendered with `pdftoppm -r 110` (page noted at each test).

use juesuan_extract::layout::page_blocks;
use juesuan_extract::{Block, Glyph, Grid, Page, Ruling};

fn fixture(name: &str) -> Page {
    // an absolute path: a page converted on the fly, for `dump`
    let path = match name.starts_with('/') {
        true => name.to_string(),
        false => format!(
            "{}/tests/fixtures/layout/{name}.page",
            env!("CARGO_MANIFEST_DIR")
        ),
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut page = Page {
        fonts: vec!["F".into()],
        ..Page::default()
    };
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        let num = |i: usize| f[i].parse::<f32>().unwrap();
        match f[0] {
            "page" => {
                (page.number, page.width, page.height) = (f[1].parse().unwrap(), num(2), num(3))
            }
            "g" => page.glyphs.push(Glyph {
                ch: char::from_u32(u32::from_str_radix(f[1], 16).unwrap()).unwrap(),
                x: num(2),
                y: num(3),
                width: num(4),
                size: num(5),
                font: 0,
            }),
            "r" => page.rulings.push(Ruling {
                x0: num(1),
                y0: num(2),
                x1: num(3),
                y1: num(4),
            }),
            _ => panic!("{path}: bad line {line}"),
        }
    }
    page
}

fn grids(page: &Page) -> Vec<Grid> {
    page_blocks(page)
        .into_iter()
        .filter_map(|b| match b {
            Block::Grid(g) => Some(g),
            _ => None,
        })
        .collect()
}

fn texts(grid: &Grid) -> Vec<Vec<String>> {
    grid.rows
        .iter()
        .map(|r| r.texts().map(String::from).collect())
        .collect()
}

/// `LAYOUT_DUMP=name cargo test -p juesuan-extract --test layout_real_pages dump -- --nocapture`
#[test]
fn dump() {
    let Ok(name) = std::env::var("LAYOUT_DUMP") else {
        return;
    };
    for b in page_blocks(&fixture(&name)) {
        match b {
            Block::Line(l) => println!(
                "LINE {:?} {:?}",
                l.text,
                l.bbox.map(|b| (b.x0 as i32, b.y0 as i32))
            ),
            Block::Grid(g) if std::env::var("LAYOUT_TSV").is_ok() => {
                println!("#grid {}", g.page);
                for r in texts(&g) {
                    println!("{}", r.join("\t"));
                }
            }
            Block::Grid(g) => {
                println!("GRID {} rows {:?}", g.rows.len(), g.bbox);
                for r in &g.rows {
                    let cells: Vec<String> = r
                        .cells
                        .iter()
                        .map(|c| format!("{}×{}", c.text, c.span))
                        .collect();
                    println!("  | {}", cells.join(" | "));
                }
            }
        }
    }
}

fn assert_rectangular(grid: &Grid) {
    let widths: Vec<usize> = grid
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.span as usize).sum())
        .collect();
    assert!(
        widths.iter().all(|&w| w == widths[0]),
        "row widths {widths:?}"
    );
    assert!(grid
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .all(|c| c.bbox.is_some()));
}

/// Shanghai Putuo finance bureau 2024 p. 8 (ONLYOFFICE, landscape): 收入决算表
/// with split 类|款|项 code columns under a three-row header.
#[test]
fn shanghai_split_code_columns() {
    let page = fixture("shanghai-finance-p8");
    let gs = grids(&page);
    assert_eq!(gs.len(), 1);
    let g = &gs[0];
    assert_rectangular(g);
    let t = texts(g);
    assert_eq!(t.len(), 18);
    assert_eq!(
        g.rows[0].cells[0].span, 4,
        "项目 spans the code and name columns"
    );
    assert_eq!(t[0][..3], ["项目", "本年收入合计", "财政拨款收入"]);
    assert_eq!(t[0][6], "附属单位上缴收入");
    assert_eq!(t[1][..2], ["支出功能分类", "科目名称"]);
    assert_eq!(
        t[3],
        ["类", "款", "项", "合计", "2,946.25", "2,940.05", "", "", "", "", "6.20"]
    );
    assert_eq!(
        t[6][..6],
        ["201", "06", "01", "行政运行", "1,511.90", "1,511.89"]
    );
    assert_eq!(t[13][3], "机关事业单位基本养老保险缴费支出");
    assert_eq!(t[17][..5], ["210", "11", "", "行政事业单位医疗", "60.99"]);
    let lines: Vec<String> = page_blocks(&page)
        .into_iter()
        .filter_map(|b| match b {
            Block::Line(l) => Some(l.text),
            _ => None,
        })
        .collect();
    assert_eq!(lines, ["收入决算表", "单位：万元"]);
}

/// Shanghai Putuo social work dept 2024 p. 6 (WPS): one 7-digit code column.
#[test]
fn shanghai_wps_single_code_column() {
    let gs = grids(&fixture("shanghai-social-p6"));
    assert_eq!(gs.len(), 1);
    assert_rectangular(&gs[0]);
    let t = texts(&gs[0]);
    assert_eq!(t.len(), 14);
    assert_eq!(t[1][..2], ["功能分类科目编码", "科目名称"]);
    assert_eq!(gs[0].rows[2].cells[0].span, 2, "合计 spans code and name");
    assert_eq!(t[2][..3], ["合计", "307.82", "307.82"]);
    assert_eq!(
        t[10][..4],
        [
            "2080505",
            "机关事业单位基本养老保险缴费支出",
            "6.18",
            "6.18"
        ]
    );
}

/// Shanghai blank template p. 6: the table with headers, codes and no amounts.
#[test]
fn shanghai_template_blank_amounts() {
    let gs = grids(&fixture("shanghai-template-p6"));
    assert_eq!(gs.len(), 1);
    assert_rectangular(&gs[0]);
    let t = texts(&gs[0]);
    assert_eq!(t.len(), 10);
    assert_eq!(t[3], ["205", "教育支出", "", "", "", "", "", "", ""]);
    assert_eq!(t[8][1], "其他文化旅游体育与传媒支出");
}

/// Foshan rail transit 2019 pp. 8–9 (Word 2010, borders as filled
/// rectangles): 收入决算表 continued over two pages, note under it on p. 9.
#[test]
fn foshan_filled_rectangle_borders() {
    let page = fixture("foshan-p8");
    let gs = grids(&page);
    assert_eq!(gs.len(), 1);
    assert_rectangular(&gs[0]);
    let t = texts(&gs[0]);
    assert_eq!(t.len(), 13);
    assert_eq!(t[0][..3], ["项目", "本年收入合计", "财政拨款收入"]);
    assert_eq!(t[2], ["栏次", "1", "2", "3", "4", "5", "6", "7"]);
    assert_eq!(t[3][..3], ["", "合计", "1668.14"]);
    assert_eq!(
        t[6][..3],
        ["2080505", "机关事业单位基本养老保险缴费支出", "53.45"]
    );
    assert_eq!(t[12][8], "0.00");
    let blocks = page_blocks(&page);
    let order: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            Block::Line(l) => l.text.clone(),
            Block::Grid(_) => "<grid>".into(),
        })
        .collect();
    assert_eq!(
        order,
        [
            "表2",
            "收入决算表",
            "部门：佛山市轨道交通局",
            "单位：万元",
            "<grid>",
            "8"
        ]
    );

    let next = fixture("foshan-p9");
    let gs = grids(&next);
    assert_eq!(texts(&gs[0])[6][..3], ["2210201", "住房公积金", "60.87"]);
    assert!(page_blocks(&next)
        .iter()
        .any(|b| matches!(b, Block::Line(l) if l.text.starts_with("注：本表反映"))));
}

/// Xi'an health commission 2022 p. 150: 支出决算表, 26 lattice rows.
#[test]
fn xian_expenditure_table() {
    let gs = grids(&fixture("xian-p150"));
    assert_eq!(gs.len(), 1);
    assert_rectangular(&gs[0]);
    let t = texts(&gs[0]);
    assert_eq!(t.len(), 26);
    assert_eq!(
        t[0],
        [
            "项目",
            "本年支出合计",
            "基本支出",
            "项目支出",
            "上缴上级支出",
            "经营支出",
            "对附属单位补助支出"
        ]
    );
    assert_eq!(
        t[3][..5],
        ["", "合计", "2,074,962.01", "1,168,039.29", "906,922.72"]
    );
    assert_eq!(
        t[20][..3],
        ["2080505", "机关事业单位基本养老保险缴费支出", "10,387.06"]
    );
}

/// Xi'an p. 146: 收入支出决算总表, two side-by-side halves.
#[test]
fn xian_summary_side_by_side() {
    let gs = grids(&fixture("xian-p146"));
    assert_eq!(gs.len(), 1);
    assert_rectangular(&gs[0]);
    let t = texts(&gs[0]);
    assert_eq!(t[0], ["收入", "支出"]);
    assert_eq!(gs[0].rows[0].cells[0].span, 3);
    assert_eq!(
        t[3],
        [
            "一、一般公共预算财政拨款收入",
            "1",
            "296,030.91",
            "一、一般公共服务支出",
            "31",
            "56.00"
        ]
    );
    assert_eq!(t[11][3..], ["九、卫生健康支出", "39", "1,474,833.23"]);
}

/// Xi'an p. 60: a performance self-evaluation form, cells merged both ways.
#[test]
fn xian_performance_form() {
    let gs = grids(&fixture("xian-p60"));
    assert_eq!(gs.len(), 1);
    let g = &gs[0];
    assert_rectangular(g);
    let t = texts(g);
    assert_eq!(t.len(), 18);
    assert_eq!(t[0], ["项目名称", "采供血人员经费项目"]);
    assert_eq!(
        t[1],
        [
            "主管部门",
            "西安市卫生健康委员会",
            "实施单位",
            "西安市中心血站"
        ]
    );
    assert_eq!(t[3][..4], ["", "年度资金总额", "3800", "5166.99"]);
    assert_eq!(
        t[10][..4],
        ["", "产出指标（50分）", "数量指标", "单位职工人数"]
    );
    // 产出指标 covers four rows: blank below its top row
    assert_eq!(t[11][1], "");
    assert_eq!(t[17][0], "总分");
}

/// Chongqing Southwest University 2023 p. 10 (WPS): 事业收入 over two
/// sub-columns, outer frame drawn.
#[test]
fn chongqing_two_level_header() {
    let page = fixture("chongqing-p10");
    let gs = grids(&page);
    assert_eq!(gs.len(), 1);
    assert_rectangular(&gs[0]);
    let t = texts(&gs[0]);
    assert_eq!(t.len(), 13);
    assert_eq!(gs[0].rows[0].cells[5].span, 2);
    assert_eq!(t[0][5], "事业收入");
    assert_eq!(t[1][5..7], ["金额", "其中：教育收费"]);
    assert_eq!(
        t[2],
        [
            "205",
            "教育支出",
            "399,693.48",
            "220,752.34",
            "",
            "136,385.24",
            "73,648.19",
            "",
            "",
            "42,555.90"
        ]
    );
    assert_eq!(t[9][1], "其他留学教育支出");
}
