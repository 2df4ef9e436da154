//! The output record of `../shared/spec/SCHEMA.md` (`juesuan.filing/1`).
//! Field order here is the order in the JSON line.

use std::collections::BTreeMap;

pub use juesuan_extract::{Diagnostic, Level};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An exact decimal amount as printed (scale kept: `325200.00`).
pub type Amount = Decimal;

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Record {
    pub schema: String,
    pub source: Source,
    pub filing: Filing,
    pub tables: Vec<Table>,
    pub performance: Vec<Performance>,
    pub facts: BTreeMap<String, Fact>,
    pub checks: Vec<Check>,
    pub diagnostics: Vec<Diagnostic>,
}

pub const SCHEMA: &str = "juesuan.filing/1";

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Source {
    pub path: String,
    pub sha256: String,
    pub format: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub producer: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct Filing {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// `YYYY-MM-DD` (or `YYYY-MM`) as printed on the cover.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

/// Where a value was printed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct At {
    pub page: u32,
    pub bbox: [f32; 4],
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct Table {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    pub pages: Vec<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub empty: bool,
    pub rows: Vec<Row>,
    /// Identity notes printed under the table (`24行 = (1+2+…+7) 行`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Table {
    /// The row keyed by a classification code.
    pub fn by_code(&self, code: &str) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.code.as_deref() == Some(code) && r.side.is_none())
    }
    /// The row keyed by a canonical item (and side, for the summary tables).
    pub fn by_item(&self, side: Option<Side>, item: &str) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.side == side && r.item.as_deref() == Some(item))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Income,
    Expenditure,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Income => "income",
            Side::Expenditure => "expenditure",
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct Row {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Canonical column key → amount; a blank cell is absent.
    pub values: BTreeMap<String, Amount>,
    /// Where each value was printed, by the same keys.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub at: BTreeMap<String, At>,
    /// The page the row was printed on (0 when unknown).
    #[serde(skip)]
    pub page: u32,
}

impl Row {
    /// The key a check names this row by: the code, or the item
    /// (`income:总计` for a summary-table line).
    pub fn key(&self) -> String {
        let base = self
            .code
            .clone()
            .filter(|_| self.side.is_none())
            .or_else(|| self.item.clone())
            .unwrap_or_default();
        match self.side {
            Some(s) => format!("{}:{}", s.as_str(), self.item.clone().unwrap_or(base)),
            None => base,
        }
    }
    pub fn get(&self, column: &str) -> Option<Amount> {
        self.values.get(column).copied()
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct Performance {
    pub kind: String,
    /// `"targets"` for a budget's 绩效目标表; absent for a 绩效自评表.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    pub project: String,
    pub pages: Vec<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sub_projects: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub competent_department: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub implementing_unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funds: Option<Funds>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goals: Option<Goals>,
    /// 项目概况: what the project is, where a target form says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overview: Option<String>,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct Funds {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<Amount>,
    pub rows: Vec<FundsRow>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct FundsRow {
    pub item: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_budget: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub executed: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<Amount>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct Goals {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub achieved: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<Amount>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct Indicator {
    /// The 活动 a 部门整体 form lists the indicator under (北京).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level1: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level2: Option<String>,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deviation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<Amount>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Fact {
    pub value: Amount,
    pub unit: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    pub evidence: String,
    /// Where the evidence was printed (its page's part, for a statement
    /// run over a page break); absent for a text dump.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<At>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    RowSum,
    Hierarchy,
    Total,
    CrossTable,
    Narrative,
    Performance,
    /// A comparison word against the numbers it compares.
    Direction,
    /// A table of the standard set (or the 目录) not printed; an empty
    /// table without its 无数据 note.
    Completeness,
    /// A heading, title or as-of date of another year.
    Year,
    /// A placeholder left in, a doubled mark.
    Wording,
    /// An amount one filing states about another (`juesuan compare`).
    CrossFiling,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Rounding,
    Fail,
    /// Would fail, but an input comes from a page not read whole (a
    /// damaged stream, a truncated file): no verdict on the filing.
    Unverified,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Check {
    pub rule: Rule,
    pub table: String,
    pub row: String,
    pub column: String,
    pub expected: Amount,
    pub actual: Amount,
    pub diff: Amount,
    pub status: Status,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Where the evidence the check quotes was printed: the narrative's
    /// sentence, or the cell a table check is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<At>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_json_numbers_with_the_printed_digits() {
        let v: Amount = "325200.00".parse().unwrap();
        assert_eq!(serde_json::to_string(&v).unwrap(), "325200.00");
        let back: Amount = serde_json::from_str("2855.85").unwrap();
        assert_eq!(back.to_string(), "2855.85");
        let small: Amount = serde_json::from_str("0.7").unwrap();
        assert_eq!(small.to_string(), "0.7");
    }
}
