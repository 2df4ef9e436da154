//! juesuan-export: records → related tables, one row per thing, joined on
//! `filing_id` (the file's sha256), written as CSV, Parquet or SQLite.
//!
//! [`Relations`] flattens records generically: every table id, row key and
//! column key the record holds becomes rows of `cells`, whatever the kind
//! of filing, so new tables need no code here. Amounts stay exact decimals
//! in every format (see `docs/schema.md`, "Exports").

mod csv;
mod parquet;
mod relations;
mod sqlite;
mod summary;

pub use relations::{filing_id, Kind, Relation, Relations, Value};
pub use summary::Summary;

/// Writes every relation as `DIR/<name>.csv` (UTF-8; with a byte-order mark
/// when `bom`, so that Excel opens Chinese text intact).
pub use csv::write as write_csv;
/// Writes every relation as `DIR/<name>.parquet`, amounts as `DECIMAL(38, s)`.
pub use parquet::write as write_parquet;
/// Writes every relation as a table of one SQLite file, amounts as exact
/// text, with `<name>_numeric` views for arithmetic.
pub use sqlite::write as write_sqlite;

/// What went wrong writing an export.
#[derive(Debug)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

macro_rules! error_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Error {
            fn from(e: $t) -> Error {
                Error(e.to_string())
            }
        }
    )*};
}
error_from!(
    std::io::Error,
    ::parquet::errors::ParquetError,
    rusqlite::Error
);

/// Reads a harvest's JSON lines, handing each record to `each`. A line that
/// is not a record (the last line of a run that was killed) is skipped and
/// counted: the count is returned.
pub fn read_jsonl(
    input: impl std::io::BufRead,
    mut each: impl FnMut(juesuan_normalize::Record),
) -> Result<usize, Error> {
    let mut skipped = 0;
    for line in input.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str(&line) {
            Ok(r) => each(r),
            Err(_) => skipped += 1,
        }
    }
    Ok(skipped)
}
