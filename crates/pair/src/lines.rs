//! The lines of a pair: one measure as each filing printed it, side by
//! side, in 万元. A budget reads its budget tables, final accounts their
//! final tables; both give the same keys, and the lines are their join.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::Serialize;

use juesuan_normalize::checks::{convert, yuan};
use juesuan_normalize::{Amount, Record, Row, Table};

/// What a line measures (the order lines are written in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum What {
    /// All expenditure per functional class (支出表): 合计, 基本 / 项目.
    Expenditure,
    /// 一般公共预算 (财政拨款) expenditure per functional class.
    GeneralBudgetExpenditure,
    /// 一般公共预算 basic expenditure: 人员经费, 公用经费, per economic class.
    BasicExpenditure,
    /// The “三公” items: budget 预算数 or final 决算数.
    ThreePublic,
    /// Income by source (收入表 合计 row).
    Income,
}

/// One measure of both filings. `budget` (or `previous`, in a
/// `final_final`) and `final` are absent where that filing does not
/// print the measure; `diff` is final less the other, `rate` final as a
/// percentage of the other (2 places; absent where the other is 0).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub what: What,
    pub row: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<Amount>,
    #[serde(rename = "final", skip_serializing_if = "Option::is_none")]
    pub last: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<Amount>,
}

/// The unit every line is given in.
pub const UNIT: &str = "万元";

/// Which filing a view reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Budget,
    Final,
}

/// An expenditure table keyed by functional code, in each filing: class
/// and 款 rows give the first column, the 合计 row all of them.
struct ByClass {
    what: What,
    budget: &'static str,
    last: &'static str,
    /// (line column, budget column, final column).
    columns: [(&'static str, &'static str, &'static str); 3],
}

const BY_CLASS: [ByClass; 2] = [
    ByClass {
        what: What::Expenditure,
        budget: "budget_expenditure",
        last: "expenditure",
        columns: [
            ("合计", "合计", "本年支出合计"),
            ("基本支出", "基本支出", "基本支出"),
            ("项目支出", "项目支出", "项目支出"),
        ],
    },
    ByClass {
        what: What::GeneralBudgetExpenditure,
        budget: "budget_general_expenditure",
        last: "general_budget_expenditure",
        columns: [
            ("合计", "合计", "合计"),
            ("基本支出", "基本支出", "基本支出"),
            ("项目支出", "项目支出", "项目支出"),
        ],
    },
];

/// Income by source: (line row, budget columns summed, final column). A
/// budget splits 财政拨款 by fund and calls 经营收入 事业单位经营收入.
const INCOME: [(&str, &[&str], &str); 6] = [
    (
        "财政拨款收入",
        &[
            "财政拨款收入",
            "一般公共预算拨款收入",
            "政府性基金预算拨款收入",
            "国有资本经营预算拨款收入",
        ],
        "财政拨款收入",
    ),
    ("上级补助收入", &["上级补助收入"], "上级补助收入"),
    (
        "事业收入",
        &["事业收入", "财政专户管理资金收入"],
        "事业收入",
    ),
    ("经营收入", &["事业单位经营收入", "经营收入"], "经营收入"),
    (
        "附属单位上缴收入",
        &["附属单位上缴收入"],
        "附属单位上缴收入",
    ),
    ("其他收入", &["其他收入"], "其他收入"),
];

type Key = (What, String, Option<&'static str>);

/// One filing's measures, in the order it prints them, in 万元.
#[derive(Debug, Default)]
pub struct View {
    order: Vec<Key>,
    values: HashMap<Key, Amount>,
}

impl View {
    pub fn of(record: &Record, side: Side) -> View {
        let mut view = View::default();
        let table = |budget: &str, last: &str| {
            let id = if side == Side::Budget { budget } else { last };
            record
                .tables
                .iter()
                .find(|t| t.id == id && !t.empty && !t.rows.is_empty())
        };
        let pick =
            |pair: (&'static str, &'static str)| if side == Side::Budget { pair.0 } else { pair.1 };
        for ByClass {
            what,
            budget,
            last,
            columns,
        } in BY_CLASS
        {
            let Some(t) = table(budget, last) else {
                continue;
            };
            let (line_column, _, _) = columns[0];
            let column = pick((columns[0].1, columns[0].2));
            for row in t.rows.iter().filter(|r| r.side.is_none()) {
                if let Some(code) = row.code.as_deref().filter(|c| matches!(c.len(), 3 | 5)) {
                    view.add(t, (what, code.into(), Some(line_column)), row, &[column]);
                }
            }
            if let Some(total) = t.by_item(None, "合计") {
                for (line_column, b, f) in columns {
                    view.add(
                        t,
                        (what, "合计".into(), Some(line_column)),
                        total,
                        &[pick((b, f))],
                    );
                }
            }
        }
        if let Some(t) = table(
            "budget_general_basic_expenditure",
            "general_budget_basic_expenditure",
        ) {
            let column = pick(("合计", "决算数"));
            for row in t
                .rows
                .iter()
                .filter(|r| r.code.as_ref().is_some_and(|c| c.len() == 3))
            {
                let code = row.code.clone().unwrap_or_default();
                view.add(t, (What::BasicExpenditure, code, None), row, &[column]);
            }
            for kind in ["人员经费", "公用经费"] {
                let found = match side {
                    // A budget prints the split as columns of its 合计 row.
                    Side::Budget => t.by_item(None, "合计").map(|r| (r, kind)),
                    // Final accounts print 人员经费合计 / 公用经费合计 lines.
                    Side::Final => t
                        .by_item(None, &format!("{kind}合计"))
                        .map(|r| (r, "决算数")),
                };
                if let Some((row, column)) = found {
                    view.add(
                        t,
                        (What::BasicExpenditure, kind.into(), None),
                        row,
                        &[column],
                    );
                }
            }
        }
        if let Some(t) = table("budget_three_public", "three_public") {
            let column = pick(("预算数", "决算数"));
            for row in &t.rows {
                if let Some(item) = &row.item {
                    view.add(t, (What::ThreePublic, item.clone(), None), row, &[column]);
                }
            }
        }
        if let Some(t) = table("budget_income", "income") {
            if let Some(total) = t.by_item(None, "合计") {
                let mut sum: Option<Amount> = None;
                for (row, budget, last) in INCOME {
                    let columns = if side == Side::Budget {
                        budget
                    } else {
                        &[last][..]
                    };
                    if let Some(v) = view.add(t, (What::Income, row.into(), None), total, columns) {
                        sum = Some(sum.unwrap_or_default() + v);
                    }
                }
                // A budget's 合计 includes 上年结转; its 本年收入 is the sum of sources.
                let key = (What::Income, "本年收入合计".to_string(), None);
                match side {
                    Side::Budget => {
                        if let Some(sum) = sum {
                            view.insert(key, sum);
                        }
                    }
                    Side::Final => {
                        view.add(t, key, total, &["本年收入合计"]);
                    }
                }
            }
        }
        view
    }

    /// The sum of the columns the row prints, in 万元; nothing where it
    /// prints none of them.
    fn add(&mut self, table: &Table, key: Key, row: &Row, columns: &[&str]) -> Option<Amount> {
        let printed: Vec<Amount> = columns.iter().filter_map(|c| row.get(c)).collect();
        if printed.is_empty() {
            return None;
        }
        let amount = in_unit(table, printed.iter().sum());
        self.insert(key, amount);
        Some(amount)
    }

    fn insert(&mut self, key: Key, amount: Amount) {
        if self.values.insert(key.clone(), amount).is_none() {
            self.order.push(key);
        }
    }

    pub fn get(&self, what: What, row: &str, column: Option<&'static str>) -> Option<Amount> {
        self.values.get(&(what, row.to_string(), column)).copied()
    }
}

/// A table's amount in 万元 (as printed where the unit is unknown).
pub fn in_unit(table: &Table, amount: Amount) -> Amount {
    match table.unit.as_deref().and_then(yuan) {
        Some(from) if table.unit.as_deref() != Some(UNIT) => {
            convert(amount, Some(from), yuan(UNIT))
        }
        _ => amount,
    }
}

/// The lines of two views: 类 and totals where either prints them, 款
/// where both do. `budget` says whether the base is a budget or the year
/// before's final accounts.
pub fn join(base: &View, last: &View, budget: bool) -> Vec<Line> {
    let mut keys: Vec<&Key> = base.order.iter().collect();
    keys.extend(last.order.iter().filter(|k| !base.values.contains_key(*k)));
    keys.sort_by_key(|k| k.0);
    keys.into_iter()
        .filter_map(|key| {
            let (a, b) = (base.values.get(key).copied(), last.values.get(key).copied());
            let sub_class = key.1.len() == 5 && key.1.bytes().all(|c| c.is_ascii_digit());
            if sub_class && (a.is_none() || b.is_none()) {
                return None;
            }
            let (diff, rate) = match (a, b) {
                (Some(a), Some(b)) => (
                    Some(b - a),
                    (!a.is_zero()).then(|| (b / a * Decimal::ONE_HUNDRED).round_dp(2)),
                ),
                _ => (None, None),
            };
            Some(Line {
                what: key.0,
                row: key.1.clone(),
                column: key.2.map(str::to_string),
                budget: a.filter(|_| budget),
                previous: a.filter(|_| !budget),
                last: b,
                diff,
                rate,
            })
        })
        .collect()
}
