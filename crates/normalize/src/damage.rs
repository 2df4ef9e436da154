//! Checks that rest on a page not read whole: a `fail` there may be the
//! damage, not the filing, so it becomes `unverified` (SCHEMA.md, Checks).
//! So do all of a file cut short, and of a text dump whose columns were
//! placed from aligned spaces (a misread column, not the filing's error).
//! One step after all rules ran, so no rule needs to know about damage.

use std::collections::BTreeSet;

use crate::{Check, Diagnostic, Level, Performance, Rule, Status, Table};

/// The diagnostic code of a page read only in part.
pub const DAMAGED: &str = "damaged";
/// The error code of a file cut short: any page may be missing.
pub const TRUNCATED: &str = "truncated";

/// Turns each failing check whose inputs touch a damaged page into
/// `unverified`. A pass or a rounding stays: the numbers read agree.
pub fn unverify(
    checks: &mut [Check],
    tables: &[Table],
    performance: &[Performance],
    diagnostics: &[Diagnostic],
) {
    let whole_file = diagnostics.iter().any(|d| {
        (d.level == Level::Error && (d.code == TRUNCATED || d.code == DAMAGED))
            || d.code == juesuan_extract::textdump::ALIGNED_COLUMNS
    });
    let damaged: BTreeSet<u32> = diagnostics
        .iter()
        .filter(|d| d.code == DAMAGED)
        .filter_map(|d| d.page)
        .collect();
    if !whole_file && damaged.is_empty() {
        return;
    }
    for c in checks.iter_mut().filter(|c| c.status == Status::Fail) {
        if whole_file
            || inputs_pages(c, tables, performance)
                .is_none_or(|p| p.iter().any(|p| damaged.contains(p)))
        {
            c.status = Status::Unverified;
        }
    }
}

/// The pages a check reads, or `None` when they cannot be told (a rule
/// across tables or the narrative: any damaged page may be among them).
fn inputs_pages(c: &Check, tables: &[Table], performance: &[Performance]) -> Option<Vec<u32>> {
    if matches!(c.rule, Rule::CrossTable | Rule::Narrative) {
        return None;
    }
    let mut pages: Vec<u32> = c.page.into_iter().collect();
    if let Some(t) = tables.iter().find(|t| t.id == c.table) {
        pages.extend(&t.pages);
    } else if c.table == "performance" {
        pages.extend(
            performance
                .iter()
                .filter(|p| p.project == c.row)
                .flat_map(|p| p.pages.iter()),
        );
    } else {
        return None;
    }
    Some(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(table: &str, page: Option<u32>, status: Status) -> Check {
        Check {
            rule: Rule::Hierarchy,
            table: table.into(),
            row: "301".into(),
            column: "合计".into(),
            expected: Default::default(),
            actual: Default::default(),
            diff: Default::default(),
            status,
            detail: String::new(),
            page,
            at: None,
        }
    }

    #[test]
    fn only_fails_on_damaged_pages_become_unverified() {
        let table = |id: &str, pages: Vec<u32>| Table {
            id: id.into(),
            pages,
            ..Default::default()
        };
        let tables = [table("income", vec![6, 7]), table("expenditure", vec![8])];
        let mut checks = [
            check("income", None, Status::Fail),
            check("expenditure", None, Status::Fail),
            check("income", None, Status::Pass),
        ];
        let diags = [Diagnostic::warn(DAMAGED, "x", Some(7))];
        unverify(&mut checks, &tables, &[], &diags);
        let got: Vec<Status> = checks.iter().map(|c| c.status).collect();
        assert_eq!(got, [Status::Unverified, Status::Fail, Status::Pass]);
    }
}
