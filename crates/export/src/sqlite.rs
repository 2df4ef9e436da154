//! SQLite, one table per relation, laid out for Datasette and ad hoc SQL.
//!
//! Amounts are stored as TEXT with the printed digits: SQLite has no
//! decimal type, and NUMERIC affinity would turn `2855.85` into a double
//! (and `325200.00` into `325200`). For arithmetic, `<name>_numeric` views
//! give the same rows with the amounts as REAL.

use std::path::Path;

use rusqlite::types::ToSqlOutput;
use rusqlite::{params_from_iter, Connection, ToSql};

use crate::{Error, Kind, Relation, Value};

pub fn write(relations: &[Relation], path: &Path) -> Result<(), Error> {
    if path.exists() {
        std::fs::remove_file(path)?;
    }
    let mut db = Connection::open(path)?;
    db.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")?;
    let tx = db.transaction()?;
    for rel in relations {
        let columns: Vec<String> = rel
            .columns
            .iter()
            .map(|&(name, kind)| {
                let ty = match kind {
                    Kind::Text | Kind::Amount => "TEXT",
                    Kind::Int => "INTEGER",
                    Kind::Real => "REAL",
                };
                match (rel.name, name) {
                    ("filings", "filing_id") => format!("{name} {ty} PRIMARY KEY"),
                    (_, "filing_id") => format!("{name} {ty} REFERENCES filings(filing_id)"),
                    _ => format!("{name} {ty}"),
                }
            })
            .collect();
        tx.execute_batch(&format!(
            "CREATE TABLE {} ({});",
            rel.name,
            columns.join(", ")
        ))?;
        let marks = vec!["?"; rel.columns.len()].join(", ");
        let mut insert = tx.prepare(&format!("INSERT INTO {} VALUES ({marks})", rel.name))?;
        for row in &rel.rows {
            insert.execute(params_from_iter(row.iter()))?;
        }
        let indexed = ["filing_id", "table_id"]
            .into_iter()
            .filter(|c| rel.name != "filings" && rel.column(c).is_some());
        for c in indexed {
            tx.execute_batch(&format!("CREATE INDEX {0}_{c} ON {0} ({c});", rel.name))?;
        }
        if rel.columns.iter().any(|&(_, k)| k == Kind::Amount) {
            let select: Vec<String> = rel
                .columns
                .iter()
                .map(|&(name, kind)| match kind {
                    Kind::Amount => format!("CAST({name} AS REAL) AS {name}"),
                    _ => name.to_string(),
                })
                .collect();
            tx.execute_batch(&format!(
                "CREATE VIEW {0}_numeric AS SELECT {1} FROM {0};",
                rel.name,
                select.join(", ")
            ))?;
        }
    }
    tx.commit()?;
    Ok(())
}

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Null => ToSqlOutput::from(rusqlite::types::Null),
            Value::Text(s) => ToSqlOutput::from(s.as_str()),
            Value::Int(i) => ToSqlOutput::from(*i),
            Value::Real(x) => ToSqlOutput::from(*x),
            Value::Amount(d) => ToSqlOutput::from(d.to_string()),
        })
    }
}
