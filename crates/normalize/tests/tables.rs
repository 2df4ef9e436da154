//! Table readers on small filings in the text-dump format (tab-separated
//! rows), one layout variant each: what regions print that the samples
//! do not, built from the variants in `../shared/reference/tables.md`.

use juesuan_extract::textdump;
use juesuan_normalize::tables;
use juesuan_normalize::{Row, Table};

fn read(text: &str) -> (Vec<Table>, Vec<String>) {
    let doc = textdump::read(text.as_bytes()).unwrap();
    let (tables, diags) = tables::extract(&doc, &Default::default());
    (tables, diags.into_iter().map(|d| d.code).collect())
}

fn value(row: &Row, col: &str) -> String {
    row.values
        .get(col)
        .map(|v| v.to_string())
        .unwrap_or_default()
}

#[test]
fn a_title_printed_inside_the_grid_opens_the_table() {
    let (t, _) = read(
        "收入决算表\t\t\t\n\
         单位：万元\t\t\t\n\
         科目编码\t科目名称\t本年收入合计\t财政拨款收入\n\
         \t合计\t10.00\t10.00\n\
         201\t一般公共服务支出\t10.00\t10.00\n",
    );
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].id, "income");
    assert_eq!(t[0].unit.as_deref(), Some("万元"));
    let r = t[0].by_code("201").unwrap();
    assert_eq!(value(r, "本年收入合计"), "10.00");
    assert_eq!(value(r, "财政拨款收入"), "10.00");
}

#[test]
fn split_codes_take_their_class_from_the_rows_above() {
    let (t, _) = read(
        "支出决算表\n单位：万元\n\
         类\t款\t项\t科目名称\t本年支出合计\t基本支出\t项目支出\n\
         \t\t\t合计\t3.00\t1.00\t2.00\n\
         201\t\t\t一般公共服务支出\t3.00\t1.00\t2.00\n\
         \t03\t\t政府办公厅（室）及相关机构事务\t3.00\t1.00\t2.00\n\
         \t\t01\t行政运行\t1.00\t1.00\t\n\
         \t\t99\t其他政府办公厅（室）及相关机构事务支出\t2.00\t\t2.00\n",
    );
    let codes: Vec<&str> = t[0].rows.iter().filter_map(|r| r.code.as_deref()).collect();
    assert_eq!(codes, ["201", "20103", "2010301", "2010399"]);
    assert_eq!(value(t[0].by_code("2010399").unwrap(), "项目支出"), "2.00");
    assert_eq!(
        value(t[0].by_item(None, "合计").unwrap(), "基本支出"),
        "1.00"
    );
}

#[test]
fn a_three_public_table_with_measures_as_rows() {
    let (t, _) = read(
        "财政拨款“三公”经费支出决算表\n单位：万元\n\
         项目\t小计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\n\
         \t\t\t小计\t公务用车购置费\t公务用车运行维护费\t\n\
         栏次\t1\t2\t3\t4\t5\t6\n\
         预算数\t5.00\t1.00\t3.00\t2.00\t1.00\t1.00\n\
         决算数\t4.00\t0.50\t3.00\t2.00\t1.00\t0.50\n",
    );
    let tp = &t[0];
    assert_eq!(tp.id, "three_public");
    let get = |item: &str, m: &str| value(tp.by_item(None, item).unwrap(), m);
    assert_eq!(get("合计", "预算数"), "5.00");
    assert_eq!(get("合计", "决算数"), "4.00");
    assert_eq!(get("公务用车购置及运行维护费", "决算数"), "3.00");
    assert_eq!(get("公务用车运行维护费", "预算数"), "1.00");
    assert_eq!(get("公务接待费", "决算数"), "0.50");
}

#[test]
fn a_title_repeated_over_a_continued_table_continues_it() {
    let (t, _) = read(
        "一般公共预算财政拨款支出决算表\n单位：万元\n\
         科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
         \t合计\t3.00\t1.00\t2.00\n\
         201\t一般公共服务支出\t1.00\t1.00\t\n\
         \u{c}一般公共预算财政拨款支出决算表\n\
         科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
         221\t住房保障支出\t2.00\t\t2.00\n",
    );
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].pages, vec![1, 2]);
    assert_eq!(value(t[0].by_code("221").unwrap(), "项目支出"), "2.00");
}

#[test]
fn another_table_titled_like_ours_closes_the_section() {
    // 高等学校财政拨款支出决算表 is not the 支出决算表 (its alias sits after
    // the qualifier 财政拨款), so its rows must not join the table above.
    let (t, _) = read(
        "支出决算表\n单位：万元\n\
         科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\n\
         205\t教育支出\t3.00\t1.00\t2.00\n\
         表4：高等学校财政拨款支出决算表\n\
         科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
         205\t教育支出\t9.00\t9.00\t\n",
    );
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].rows.len(), 1);
    assert_eq!(value(&t[0].rows[0], "本年支出合计"), "3.00");
}

#[test]
fn an_unknown_value_column_is_kept_with_a_warning() {
    let (t, diags) = read(
        "收入决算表\n单位：万元\n\
         科目编码\t科目名称\t本年收入合计\t财政拨款收入\t事业收入\t其中：教育收费\n\
         205\t教育支出\t10.00\t4.00\t6.00\t5.00\n",
    );
    let r = t[0].by_code("205").unwrap();
    assert_eq!(value(r, "事业收入"), "6.00");
    assert_eq!(value(r, "其中:教育收费"), "5.00");
    assert!(diags.contains(&"unknown_column".to_string()));
}

#[test]
fn a_code_printed_with_its_name_in_one_cell() {
    let (t, _) = read(
        "支出决算表\n单位：万元\n\
         项目\t本年支出合计\t基本支出\t项目支出\n\
         合计\t3.00\t1.00\t2.00\n\
         201一般公共服务支出\t3.00\t1.00\t2.00\n\
         2010301 行政运行\t1.00\t1.00\t\n",
    );
    let codes: Vec<&str> = t[0].rows.iter().filter_map(|r| r.code.as_deref()).collect();
    assert_eq!(codes, ["201", "2010301"]);
    assert_eq!(
        t[0].by_code("201").unwrap().name.as_deref(),
        Some("一般公共服务支出")
    );
    assert_eq!(value(t[0].by_code("2010301").unwrap(), "基本支出"), "1.00");
}

#[test]
fn a_summary_printing_classes_without_their_支出() {
    let (t, _) = read(
        "收入支出决算总表\n单位：万元\n\
         收入\t\t支出\t\n\
         项目\t决算数\t项目\t决算数\n\
         一、一般公共预算财政拨款收入\t5.00\t一、一般公共服务\t5.00\n\
         本年收入合计\t5.00\t本年支出合计\t5.00\n",
    );
    let row = t[0]
        .rows
        .iter()
        .find(|r| r.code.as_deref() == Some("201"))
        .expect("class 201");
    assert_eq!(row.item.as_deref(), Some("一般公共服务"));
    assert_eq!(value(row, "决算数"), "5.00");
}
