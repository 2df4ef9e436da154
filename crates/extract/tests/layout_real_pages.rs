//! Layout on real sample pages, each page read twice: from a fixture
//! (`mutool trace` output converted by `fixtures/layout/trace2page.py`,
//! independent of the crate's PDF reader) and through the crate's PDF
//! reader. Expected cells were read off the page rendered with
//! `pdftoppm -r 110` (page noted at each test).

use juesuan_extract::layout::page_blocks;
use juesuan_extract::pdf::PdfDocument;
use juesuan_extract::{Block, Glyph, Grid, Page, Ruling};

/// A converted page: a fixture name, or an absolute path (for `dump`).
fn fixture(name: &str) -> Page {
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

fn sample(name: &str) -> PdfDocument {
    let path = format!(
        "{}/../../samples/pdf/{name}.pdf",
        env!("CARGO_MANIFEST_DIR")
    );
    PdfDocument::open(&std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))).unwrap()
}

/// The page from its fixture and from the PDF reader.
fn sources(fixture_name: &str, pdf: &str, number: u32) -> [Page; 2] {
    [fixture(fixture_name), sample(pdf).page(number).unwrap()]
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

/// Not a check: prints what layout makes of pages, to look at.
/// `LAYOUT_DUMP=fixture-name|/abs/path.page|sample:N` one page;
/// `LAYOUT_DUMP=sample` every page of a sample PDF. With `LAYOUT_TSV=1`
/// only grids, as tab-separated rows after `#grid PAGE`.
/// `cargo test -p juesuan-extract --test layout_real_pages dump -- --nocapture`
#[test]
fn dump() {
    let Ok(spec) = std::env::var("LAYOUT_DUMP") else {
        return;
    };
    let pages: Vec<Page> = match spec.split_once(':') {
        Some((name, n)) => vec![sample(name).page(n.parse().unwrap()).unwrap()],
        None if std::path::Path::new(&format!(
            "{}/../../samples/pdf/{spec}.pdf",
            env!("CARGO_MANIFEST_DIR")
        ))
        .exists() =>
        {
            let doc = sample(&spec);
            (1..=doc.page_count())
                .filter_map(|n| doc.page(n).ok())
                .collect()
        }
        None => vec![fixture(&spec)],
    };
    let tsv = std::env::var("LAYOUT_TSV").is_ok();
    for b in pages.iter().flat_map(page_blocks) {
        match b {
            Block::Line(_) if tsv => {}
            Block::Line(l) => println!("LINE {:?}", l.text),
            Block::Grid(g) if tsv => {
                println!("#grid {}", g.page);
                for r in texts(&g) {
                    println!("{}", r.join("\t"));
                }
            }
            Block::Grid(g) => {
                println!("GRID {} rows", g.rows.len());
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
    for page in sources(
        "shanghai-finance-p8",
        "shanghai-putuo-finance-bureau-2024-final",
        8,
    ) {
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
}

/// Shanghai Putuo social work dept 2024 p. 6 (WPS): one 7-digit code column.
#[test]
fn shanghai_wps_single_code_column() {
    for page in sources(
        "shanghai-social-p6",
        "shanghai-putuo-social-work-dept-2024-final",
        6,
    ) {
        let gs = grids(&page);
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
}

/// Shanghai blank template p. 6: the table with headers, codes and no amounts.
#[test]
fn shanghai_template_blank_amounts() {
    for page in sources("shanghai-template-p6", "shanghai-template-2024-final", 6) {
        let gs = grids(&page);
        assert_eq!(gs.len(), 1);
        assert_rectangular(&gs[0]);
        let t = texts(&gs[0]);
        assert_eq!(t.len(), 10);
        assert_eq!(t[3], ["205", "教育支出", "", "", "", "", "", "", ""]);
        assert_eq!(t[8][1], "其他文化旅游体育与传媒支出");
    }
}

/// Foshan rail transit 2019 pp. 8–9 (Word 2010, borders as filled
/// rectangles): 收入决算表 continued over two pages, note under it on p. 9.
#[test]
fn foshan_filled_rectangle_borders() {
    for page in sources("foshan-p8", "guangdong-foshan-rail-transit-2019-final", 8) {
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
    }
    for next in sources("foshan-p9", "guangdong-foshan-rail-transit-2019-final", 9) {
        let gs = grids(&next);
        assert_eq!(texts(&gs[0])[6][..3], ["2210201", "住房公积金", "60.87"]);
        assert!(page_blocks(&next)
            .iter()
            .any(|b| matches!(b, Block::Line(l) if l.text.starts_with("注：本表反映"))));
    }
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
    for page in sources(
        "chongqing-p10",
        "chongqing-southwest-university-2023-final",
        10,
    ) {
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
}

/// Xi'an p. 150 through the PDF reader. Its borders are thin filled
/// quadrilaterals (`m l l l`, mitred corners, no `re`), which the reader
/// does not yet turn into rulings: with none, the text-alignment fallback
/// finds this table but not the two-sided summaries (pp. 146, 153).
#[test]
fn xian_expenditure_table_through_reader() {
    let page = sample("shaanxi-xian-health-commission-2022-final")
        .page(150)
        .unwrap();
    assert!(page.rulings.len() > 100, "{} rulings", page.rulings.len());
    assert_eq!(texts(&grids(&page)[0]).len(), 26);
}

/// Over every table page of every sample (through the PDF reader): each
/// grid row covers all columns, every cell has a box inside its grid, and
/// no glyph is lost or read twice (cells + lines hold each printed
/// character once).
#[test]
fn every_table_page_gives_whole_grids() {
    let ranges = [
        ("shanghai-putuo-finance-bureau-2024-final", 6..=20),
        ("shanghai-putuo-social-work-dept-2024-final", 5..=16),
        ("shanghai-template-2024-final", 5..=14),
        ("guangdong-foshan-rail-transit-2019-final", 5..=23),
        ("shaanxi-xian-health-commission-2022-final", 146..=161),
        ("chongqing-southwest-university-2023-final", 8..=15),
    ];
    for (name, pages) in ranges {
        let doc = sample(name);
        for n in pages {
            let page = doc.page(n).unwrap();
            let blocks = page_blocks(&page);
            let mut grids = 0;
            let mut chars = 0;
            for b in &blocks {
                match b {
                    Block::Line(l) => {
                        chars += l.text.chars().filter(|c| !c.is_whitespace()).count()
                    }
                    Block::Grid(g) => {
                        grids += 1;
                        assert_rectangular(g);
                        let gb = g.bbox.unwrap();
                        for c in g.rows.iter().flat_map(|r| &r.cells) {
                            let b = c.bbox.unwrap();
                            assert!(
                                b.x0 >= gb.x0 - 0.01
                                    && b.x1 <= gb.x1 + 0.01
                                    && b.y0 >= gb.y0 - 0.01
                                    && b.y1 <= gb.y1 + 0.01
                            );
                        }
                        chars += g
                            .rows
                            .iter()
                            .flat_map(|r| r.texts())
                            .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
                            .sum::<usize>();
                    }
                }
            }
            // Shanghai p. 14 holds only an empty spill-over row: no text, no
            // grid. Xi'an's borders do not reach the reader yet (see above);
            // text alignment finds its tables with amounts, not p. 160's
            // empty one.
            let ruled = page.rulings.len() > 4;
            assert!(
                grids >= 1 || page.glyphs.is_empty() || !ruled,
                "{name} p. {n}: no grid"
            );
            let printed = juesuan_extract::lines::lines(&page.glyphs)
                .iter()
                .map(|l| l.text.chars().filter(|c| !c.is_whitespace()).count())
                .sum::<usize>();
            assert_eq!(
                chars, printed,
                "{name} p. {n}: characters in blocks vs on the page"
            );
        }
    }
}

/// Foshan p. 21: 三公 table, three header rows merged both ways, twice
/// side by side (预算数 | 决算数).
#[test]
fn foshan_three_public_header() {
    for page in sources("foshan-p21", "guangdong-foshan-rail-transit-2019-final", 21) {
        let gs = grids(&page);
        assert_eq!(gs.len(), 1);
        let g = &gs[0];
        assert_rectangular(g);
        let t = texts(g);
        assert_eq!(t.len(), 5);
        assert_eq!(t[0], ["预算数", "决算数"]);
        assert_eq!((g.rows[0].cells[0].span, g.rows[1].cells[2].span), (6, 3));
        assert_eq!(
            t[1][..4],
            [
                "合计",
                "因公出国（境）费",
                "公务用车购置及运行费",
                "公务接待费"
            ]
        );
        assert_eq!(
            t[2][..6],
            ["", "", "小计", "公务用车购置费", "公务用车运行费", ""]
        );
        assert_eq!(t[4][6], "0.16");
        assert_eq!(t[4][11], "0.16");
    }
}

/// Xi'an p. 30: the department's performance form, 13 columns under a
/// two-row header, long task descriptions wrapped in their cells.
#[test]
fn xian_department_performance_form() {
    let gs = grids(&fixture("xian-p30"));
    assert_eq!(gs.len(), 1);
    let g = &gs[0];
    assert_rectangular(g);
    let t = texts(g);
    assert_eq!(t.len(), 21);
    assert_eq!(t[0], ["部门（单位）名称", "西安市卫生健康委员会"]);
    assert_eq!((g.rows[1].cells[4].span, g.rows[1].cells[5].span), (3, 3));
    assert_eq!(
        t[2][4..10],
        [
            "总额",
            "财政拨款",
            "其他资金",
            "总额",
            "财政拨款",
            "其他资金"
        ]
    );
    assert_eq!(
        t[3][1..],
        [
            "一般公共服务支出",
            "保证日常经济运行调节方面支出。",
            "任务完成",
            "56",
            "56",
            "0",
            "56",
            "56",
            "0",
            "0.58",
            "100.00%",
            "0.58"
        ]
    );
    assert_eq!(
        t[20][1..5],
        ["金额合计", "2,495,142.55", "869,407.93", "1625734.62"]
    );
}
