//! Data out: `export` (a harvest as related tables), `stats` (its summary)
//! and `schema` (the record's JSON Schema).

use std::io::BufRead;
use std::path::Path;

use juesuan_export::{Relations, Summary};

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Csv,
    Parquet,
    Sqlite,
}

/// A harvest's lines, from a file or `-` for stdin.
fn input(path: &Path) -> Result<Box<dyn BufRead>, String> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(std::io::stdin().lock()));
    }
    let f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(Box::new(std::io::BufReader::new(f)))
}

fn skipped(n: usize) {
    if n > 0 {
        eprintln!("juesuan: {n} lines were not records (a run cut short?) and were skipped");
    }
}

pub fn export(harvest: &Path, format: Format, out: &Path, bom: bool) -> Result<(), String> {
    let mut relations = Relations::new();
    let bad = juesuan_export::read_jsonl(input(harvest)?, |r| relations.push(&r))
        .map_err(|e| format!("{}: {e}", harvest.display()))?;
    skipped(bad);
    let relations = relations.finish();
    match format {
        Format::Csv => juesuan_export::write_csv(&relations, out, bom),
        Format::Parquet => juesuan_export::write_parquet(&relations, out),
        Format::Sqlite => juesuan_export::write_sqlite(&relations, out),
    }
    .map_err(|e| format!("{}: {e}", out.display()))?;
    let counts: Vec<String> = relations
        .iter()
        .map(|r| format!("{} {}", r.rows.len(), r.name))
        .collect();
    eprintln!("juesuan: {}: {}", out.display(), counts.join(", "));
    Ok(())
}

pub fn stats(harvest: &Path, top: usize) -> Result<(), String> {
    let mut summary = Summary::default();
    summary.unreadable_lines = juesuan_export::read_jsonl(input(harvest)?, |r| summary.push(&r))
        .map_err(|e| format!("{}: {e}", harvest.display()))?;
    print!("{}", summary.render(top));
    Ok(())
}

pub fn schema() -> Result<(), String> {
    let schema = serde_json::to_string_pretty(&juesuan_normalize::json_schema()).expect("JSON");
    println!("{schema}");
    Ok(())
}
