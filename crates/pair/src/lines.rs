//! The lines of a pair: one measure as each filing printed it, side by
//! side, in 万元. A budget reads its budget tables, final accounts their
//! final tables; both give the same keys, and the lines are their join.

use std::collections::HashMap;

use rust_decimal::{Decimal, RoundingStrategy};
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

/// One filing read as one side of a pair.
struct Reader<'a> {
    record: &'a Record,
    side: Side,
}

impl<'a> Reader<'a> {
    /// The budget's table or the final's, where it carries data.
    fn table(&self, budget: &str, last: &str) -> Option<&'a Table> {
        crate::table(self.record, self.pick((budget, last)))
    }

    fn pick<'s>(&self, (budget, last): (&'s str, &'s str)) -> &'s str {
        match self.side {
            Side::Budget => budget,
            Side::Final => last,
        }
    }
}

impl View {
    pub fn of(record: &Record, side: Side) -> View {
        let reader = Reader { record, side };
        let mut view = View::default();
        for spec in &BY_CLASS {
            view.by_class(&reader, spec);
        }
        view.basic(&reader);
        view.three_public(&reader);
        view.income(&reader);
        view
    }

    /// 类 and 款 rows, and the 合计 row with 基本 / 项目.
    fn by_class(&mut self, reader: &Reader, spec: &ByClass) {
        let Some(t) = reader.table(spec.budget, spec.last) else {
            return;
        };
        let (line_column, b, f) = spec.columns[0];
        let column = reader.pick((b, f));
        for row in t.rows.iter().filter(|r| r.side.is_none()) {
            if let Some(code) = row.code.as_deref().filter(|c| matches!(c.len(), 3 | 5)) {
                let key = (spec.what, code.to_string(), Some(line_column));
                self.add(t, key, row, &[column]);
            }
        }
        if let Some(total) = t.by_item(None, "合计") {
            for (line_column, b, f) in spec.columns {
                let key = (spec.what, "合计".to_string(), Some(line_column));
                self.add(t, key, total, &[reader.pick((b, f))]);
            }
        }
    }

    /// Economic classes, and 人员经费 / 公用经费.
    fn basic(&mut self, reader: &Reader) {
        let Some(t) = reader.table(
            "budget_general_basic_expenditure",
            "general_budget_basic_expenditure",
        ) else {
            return;
        };
        let column = reader.pick(("合计", "决算数"));
        for row in &t.rows {
            if let Some(code) = row.code.as_deref().filter(|c| c.len() == 3) {
                self.add(
                    t,
                    (What::BasicExpenditure, code.into(), None),
                    row,
                    &[column],
                );
            }
        }
        for kind in ["人员经费", "公用经费"] {
            let found = match reader.side {
                // A budget prints the split as columns of its 合计 row.
                Side::Budget => t.by_item(None, "合计").map(|r| (r, kind)),
                // Final accounts print 人员经费合计 / 公用经费合计 lines.
                Side::Final => t
                    .by_item(None, &format!("{kind}合计"))
                    .map(|r| (r, "决算数")),
            };
            if let Some((row, column)) = found {
                self.add(
                    t,
                    (What::BasicExpenditure, kind.into(), None),
                    row,
                    &[column],
                );
            }
        }
    }

    /// The “三公” items: 预算数 in a budget, 决算数 in final accounts.
    fn three_public(&mut self, reader: &Reader) {
        let Some(t) = reader.table("budget_three_public", "three_public") else {
            return;
        };
        let column = reader.pick(("预算数", "决算数"));
        for row in &t.rows {
            if let Some(item) = &row.item {
                self.add(t, (What::ThreePublic, item.clone(), None), row, &[column]);
            }
        }
    }

    /// Income by source, from the 合计 row.
    fn income(&mut self, reader: &Reader) {
        let Some(t) = reader.table("budget_income", "income") else {
            return;
        };
        let Some(total) = t.by_item(None, "合计") else {
            return;
        };
        let mut sum: Option<Amount> = None;
        for (row, budget, last) in INCOME {
            let columns = match reader.side {
                Side::Budget => budget,
                Side::Final => &[last][..],
            };
            if let Some(v) = self.add(t, (What::Income, row.into(), None), total, columns) {
                sum = Some(sum.unwrap_or_default() + v);
            }
        }
        let key = (What::Income, "本年收入合计".to_string(), None);
        match reader.side {
            // A budget's 合计 includes 上年结转: its 本年收入 is the sum of
            // its sources.
            Side::Budget => {
                if let Some(sum) = sum {
                    self.insert(key, sum);
                }
            }
            Side::Final => {
                self.add(t, key, total, &["本年收入合计"]);
            }
        }
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
                    (!a.is_zero()).then(|| {
                        (b / a * Decimal::ONE_HUNDRED)
                            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
                    }),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_and_rate_as_in_the_schema() {
        // SCHEMA.md's example: 123.45 budgeted, 120.00 spent → 97.21%
        // (97.205 rounded half away from zero).
        let key = || (What::GeneralBudgetExpenditure, "205".to_string(), None);
        let mut budget = View::default();
        budget.insert(key(), "123.45".parse().unwrap());
        let mut last = View::default();
        last.insert(key(), "120.00".parse().unwrap());
        let lines = join(&budget, &last, true);
        assert_eq!(lines[0].diff, Some("-3.45".parse().unwrap()));
        assert_eq!(lines[0].rate, Some("97.21".parse().unwrap()));
        assert_eq!(lines[0].previous, None);
    }
}
