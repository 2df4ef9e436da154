//! The alias tables (`data/*.tsv`): table titles, column labels, row items,
//! classification codes. Data, not code: a new regional spelling is a new
//! line in a file. Parsed once.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::text::fold;

pub struct TableSpec {
    pub id: &'static str,
    pub number: u32,
    /// Folded title aliases.
    pub titles: Vec<String>,
    /// Canonical column keys in printed (national) order.
    pub columns: Vec<&'static str>,
}

pub struct Aliases {
    pub tables: Vec<TableSpec>,
    /// (table id, folded label) → canonical column key; a label may be
    /// `parent/child`.
    columns: HashMap<(&'static str, String), &'static str>,
    /// (family, folded label) → canonical item.
    items: HashMap<(&'static str, String), &'static str>,
    /// code → reference names (a code may have had several names).
    codes: HashMap<&'static str, Vec<&'static str>>,
    /// folded 类 name → 3-digit functional code (current and old names).
    classes: HashMap<String, &'static str>,
}

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

pub fn get() -> &'static Aliases {
    static ALIASES: OnceLock<Aliases> = OnceLock::new();
    ALIASES.get_or_init(load)
}

fn load() -> Aliases {
    let mut tables: Vec<TableSpec> = rows(include_str!("../data/tables.tsv"))
        .map(|r| TableSpec {
            id: r[0],
            number: r[1].parse().expect("table number"),
            titles: r[2].split('|').map(fold).collect(),
            columns: Vec::new(),
        })
        .collect();
    let mut columns = HashMap::new();
    for r in rows(include_str!("../data/columns.tsv")) {
        let (table, key) = (r[0], r[1]);
        if let Some(t) = tables.iter_mut().find(|t| t.id == table) {
            t.columns.push(key);
        }
        for label in r[2].split('|') {
            columns.entry((table, fold(label))).or_insert(key);
        }
    }
    let mut items = HashMap::new();
    for r in rows(include_str!("../data/items.tsv")) {
        for label in r[2].split('|') {
            items.entry((r[0], fold(label))).or_insert(r[1]);
        }
    }
    let mut codes = HashMap::new();
    let mut classes = HashMap::new();
    for r in rows(include_str!("../data/functional_codes.tsv")).skip(1) {
        codes.entry(r[0]).or_insert_with(Vec::new).push(r[1]);
        if r[0].len() == 3 {
            classes.insert(fold(r[1]), r[0]);
        }
    }
    for r in rows(include_str!("../data/economic_codes.tsv")).skip(1) {
        codes.entry(r[0]).or_insert_with(Vec::new).push(r[1]);
    }
    for r in rows(include_str!("../data/class_names.tsv")) {
        for name in r[1].split('|') {
            classes.insert(fold(name), r[0]);
        }
    }
    Aliases {
        tables,
        columns,
        items,
        codes,
        classes,
    }
}

impl Aliases {
    /// The table a title line names, by its longest matching alias. An
    /// alias right after a qualifier names another table (高等学校财政拨款
    /// 支出决算表 is not the 支出决算表), so such a match does not count.
    pub fn table_for_title(&self, folded: &str) -> Option<&TableSpec> {
        const QUALIFIERS: [&str; 9] = [
            "财政拨款",
            "预算",
            "基本",
            "项目",
            "基金",
            "经费",
            "资金",
            "专户",
            "明细",
        ];
        let mut best: Option<(&TableSpec, usize)> = None;
        for t in &self.tables {
            for a in &t.titles {
                let plain = folded
                    .match_indices(a.as_str())
                    .any(|(i, _)| !QUALIFIERS.iter().any(|q| folded[..i].ends_with(q)));
                if plain && best.is_none_or(|(_, n)| a.len() > n) {
                    best = Some((t, a.len()));
                }
            }
        }
        best.map(|(t, _)| t)
    }

    pub fn table(&self, id: &str) -> Option<&TableSpec> {
        self.tables.iter().find(|t| t.id == id)
    }

    pub fn column(&self, table: &str, folded_label: &str) -> Option<&'static str> {
        let spec = self.table(table)?;
        self.columns
            .get(&(spec.id, folded_label.to_string()))
            .copied()
    }

    pub fn item(&self, family: &'static str, folded_label: &str) -> Option<&'static str> {
        self.items.get(&(family, folded_label.to_string())).copied()
    }

    /// The reference names of a code (empty when the code is unknown).
    pub fn code_names(&self, code: &str) -> &[&'static str] {
        self.codes.get(code).map_or(&[], Vec::as_slice)
    }

    /// The functional 类 code of a class name (`一般公共服务支出` → 201).
    pub fn class_code(&self, folded_name: &str) -> Option<&'static str> {
        let name = folded_name.trim_end_matches("(类)");
        // Some tables print the class without its 支出 (`一般公共服务`).
        self.classes
            .get(name)
            .or_else(|| self.classes.get(&format!("{name}支出")))
            .copied()
    }
}
