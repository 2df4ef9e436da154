//! The alias tables (`data/*.tsv`): table titles, column labels, row items,
//! classification codes. Data, not code: a new regional spelling is a new
//! line in a file. Parsed once.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::text::fold;

pub struct TableSpec {
    pub id: &'static str,
    /// The filing kind whose tables these are (`final_accounts`, `budget`).
    pub kind: &'static str,
    /// The layout family that reads it (`summary`, `coded`, `basic`,
    /// `three_public`, `listing`).
    pub reader: &'static str,
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
    /// Table id → words of the columns it prints beside its canonical ones
    /// by design (no words: any column, as in a listing).
    extra_columns: HashMap<&'static str, Vec<String>>,
    unit_columns: HashMap<&'static str, Vec<String>>,
    /// (family, folded label) → canonical item.
    items: HashMap<(&'static str, String), &'static str>,
    /// A carry-over line → the folded items printed as its parts.
    nesting: HashMap<&'static str, Vec<String>>,
    /// code → reference names (a code may have had several names).
    codes: HashMap<&'static str, Vec<&'static str>>,
    /// (parent code, folded name) → code: a 款 or 项 by its name under its
    /// parent; a 类 under `functional` or `economic`.
    by_name: HashMap<(String, String), &'static str>,
    /// folded 类 name → 3-digit functional code (current and old names).
    classes: HashMap<String, &'static str>,
}

/// The rows of a data file: tab-separated fields, `#` comments and blank
/// lines left out. Every file in `data/` is read through this.
pub(crate) fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
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
            kind: r[1],
            reader: r[2],
            number: r[3].parse().expect("table number"),
            titles: r[4].split('|').map(fold).collect(),
            columns: Vec::new(),
        })
        .collect();
    let mut columns = HashMap::new();
    let mut extra_columns = HashMap::new();
    let mut unit_columns = HashMap::new();
    for r in rows(include_str!("../data/columns.tsv")) {
        let (table, key) = (r[0], r[1]);
        let special = match key {
            "*" => Some(&mut extra_columns),
            "@units" => Some(&mut unit_columns),
            _ => None,
        };
        if let Some(map) = special {
            let words = r.get(2).map_or("", |w| w.trim());
            map.insert(
                table,
                words
                    .split('|')
                    .filter(|w| !w.is_empty())
                    .map(fold)
                    .collect(),
            );
            continue;
        }
        if let Some(t) = tables.iter_mut().find(|t| t.id == table) {
            t.columns.push(key);
        }
        for label in r[2].split('|') {
            columns.entry((table, fold(label))).or_insert(key);
        }
    }
    let mut items = HashMap::new();
    let mut nesting = HashMap::new();
    for r in rows(include_str!("../data/items.tsv")) {
        if r[0] == "nesting" {
            nesting.insert(r[1], r[2].split('|').map(fold).collect());
            continue;
        }
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
    let mut by_name = HashMap::new();
    // In code order, so a name of both economic classifications is the
    // 部门 one (303 对个人和家庭的补助, not 509).
    let mut sorted: Vec<(&&str, &Vec<&str>)> = codes.iter().collect();
    sorted.sort();
    for (&code, names) in sorted {
        let parent = match code.len() {
            3 if code.starts_with('2') => "functional".to_string(),
            3 => "economic".to_string(),
            n => code[..n - 2].to_string(),
        };
        for name in names {
            by_name.entry((parent.clone(), fold(name))).or_insert(code);
        }
    }
    for r in rows(include_str!("../data/class_names.tsv")) {
        for name in r[1].split('|') {
            classes.insert(fold(name), r[0]);
        }
    }
    Aliases {
        tables,
        columns,
        extra_columns,
        unit_columns,
        by_name,
        items,
        nesting,
        codes,
        classes,
    }
}

impl Aliases {
    /// The table a title line names, by its longest matching alias. An
    /// alias right after a qualifier names another table (高等学校财政拨款
    /// 支出决算表 is not the 支出决算表), so such a match does not count.
    /// Only tables of the filing's `kind` are candidates, where it is known.
    pub fn table_for_title(&self, folded: &str, kind: Option<&str>) -> Option<&TableSpec> {
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
        for t in self
            .tables
            .iter()
            .filter(|t| kind.is_none_or(|k| k == t.kind))
        {
            for a in &t.titles {
                // `部门综合预算收支总表`: the budget's own name is no qualifier.
                let qualified = |i: usize| {
                    let before = &folded[..i];
                    QUALIFIERS.iter().any(|q| before.ends_with(q))
                        && !["部门综合预算", "部门预算", "单位预算", "综合预算"]
                            .iter()
                            .any(|own| before.ends_with(own))
                };
                let plain = folded.match_indices(a.as_str()).any(|(i, _)| !qualified(i));
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

    /// Whether a label names a line of some summary table (总计, 结余分配).
    pub fn is_summary_line(&self, folded: &str) -> bool {
        self.tables
            .iter()
            .filter(|t| t.reader == "summary")
            .any(|t| {
                self.item(t.id, folded)
                    .or_else(|| self.item(t.kind, folded))
                    .is_some()
            })
    }

    /// Whether a label column headed `label` names budget units (rows per
    /// unit: the item is the unit's name).
    pub fn lists_units(&self, table: &str, label: &str) -> bool {
        let label = fold(label);
        self.unit_columns
            .get(table)
            .is_some_and(|words| words.iter().any(|w| *w == label))
    }

    /// Whether a column no key fits is printed by design in `table`.
    pub fn is_extra_column(&self, table: &str, label: &str) -> bool {
        let label = fold(label);
        self.extra_columns
            .get(table)
            .is_some_and(|w| w.is_empty() || w.iter().any(|w| label.contains(w.as_str())))
    }

    pub fn item(&self, family: &'static str, folded_label: &str) -> Option<&'static str> {
        self.items.get(&(family, folded_label.to_string())).copied()
    }

    /// Whether `item` is printed as a part of the carry-over line `parent`.
    pub fn nests(&self, parent: &str, item: &str) -> bool {
        self.nesting
            .get(parent)
            .is_some_and(|parts| parts.iter().any(|p| p == item))
    }

    /// Whether `item` is a carry-over line whose parts follow it.
    pub fn is_nesting(&self, item: &str) -> bool {
        self.nesting.contains_key(item)
    }

    /// The reference names of a code (empty when the code is unknown).
    pub fn code_names(&self, code: &str) -> &[&'static str] {
        self.codes.get(code).map_or(&[], Vec::as_slice)
    }

    /// The code a name printed without its code stands for: a 类 of the
    /// `functional` or `economic` classification (`parent`), or a 款 / 项
    /// under its parent's code.
    pub fn code_by_name(&self, parent: &str, folded_name: &str) -> Option<&'static str> {
        if parent == "functional" {
            return self.class_code(folded_name);
        }
        self.by_name
            .get(&(parent.to_string(), folded_name.to_string()))
            .copied()
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
