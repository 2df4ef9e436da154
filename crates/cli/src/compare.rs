//! `juesuan compare HARVEST.jsonl`: one `juesuan.pair/1` line per pair of
//! filings (or, `--format csv`, their lines flat). The harvest is read
//! twice: once for a few words per record (where it starts, its
//! department, year and kind), then only the records that pair, by offset,
//! so a harvest larger than memory pairs too.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;
use serde::Deserialize;

use juesuan_normalize::{Filing, Record, SCHEMA};
use juesuan_pair::{compare, Harvest, Pair};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Jsonl,
    Csv,
}

/// What the first reading keeps of a record.
#[derive(Deserialize)]
struct Head {
    schema: String,
    source: HeadSource,
    #[serde(default)]
    filing: Filing,
}

#[derive(Deserialize)]
struct HeadSource {
    #[serde(default)]
    sha256: String,
}

/// Where a record's line lies in the harvest.
#[derive(Clone, Copy)]
struct Span {
    offset: u64,
    len: usize,
}

pub struct Summary {
    pub records: usize,
    pub unpairable: usize,
    pub not_records: usize,
    pub pairs: usize,
}

/// The command: pairs on stdout, a summary on stderr, the exit code.
pub fn command(harvest: &Path, format: Format) -> ExitCode {
    let start = Instant::now();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match run(harvest, format, &mut out) {
        Ok(s) => {
            eprintln!(
                "juesuan: {} records ({} that cannot pair: no department, year or kind; {} lines not records), {} pairs, {:.1} s",
                s.records,
                s.unpairable,
                s.not_records,
                s.pairs,
                start.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(Failure::Input(e)) => {
            eprintln!("juesuan: {e}");
            ExitCode::from(2)
        }
        Err(Failure::Output(e)) => {
            eprintln!("juesuan: output: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Pairs the harvest, writing to `out`. Errors name what could not be read.
pub fn run(path: &Path, format: Format, out: &mut impl Write) -> Result<Summary, Failure> {
    let file = File::open(path).map_err(|e| Failure::Input(format!("{}: {e}", path.display())))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut spans = Vec::new();
    let mut harvest = Harvest::default();
    let mut summary = Summary {
        records: 0,
        unpairable: 0,
        not_records: 0,
        pairs: 0,
    };
    let mut line = Vec::new();
    let mut offset = 0u64;
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| Failure::Input(format!("{}: {e}", path.display())))?;
        if n == 0 {
            break;
        }
        let span = Span { offset, len: n };
        offset += n as u64;
        // A line cut short by a killed run, or anything but a filing
        // record, is passed over and counted.
        match serde_json::from_slice::<Head>(&line) {
            Ok(head) if head.schema == SCHEMA => {
                summary.records += 1;
                if harvest.push(spans.len(), &head.filing, &head.source.sha256) {
                    spans.push(span);
                } else {
                    summary.unpairable += 1;
                }
            }
            _ if line.iter().all(u8::is_ascii_whitespace) => {}
            _ => summary.not_records += 1,
        }
    }
    let matches = harvest.pairs();
    summary.pairs = matches.len();
    if format == Format::Csv {
        write_csv_header(out).map_err(Failure::Output)?;
    }
    // In chunks, each built in parallel and written in order.
    for chunk in matches.chunks(256) {
        let pairs: Vec<Pair> = chunk
            .par_iter()
            .map(|m| {
                let base = load(path, spans[m.base])?;
                let last = load(path, spans[m.last])?;
                Ok(compare(m, &base, &last))
            })
            .collect::<Result<_, Failure>>()?;
        for pair in &pairs {
            match format {
                Format::Jsonl => {
                    let text = serde_json::to_string(pair).expect("a pair always serializes");
                    writeln!(out, "{text}")
                }
                Format::Csv => write_csv(out, pair),
            }
            .map_err(Failure::Output)?;
        }
    }
    out.flush().map_err(Failure::Output)?;
    Ok(summary)
}

pub enum Failure {
    Input(String),
    Output(std::io::Error),
}

fn load(path: &Path, span: Span) -> Result<Record, Failure> {
    let fail = |e: String| Failure::Input(format!("{}: {e}", path.display()));
    let mut file = File::open(path).map_err(|e| fail(e.to_string()))?;
    file.seek(SeekFrom::Start(span.offset))
        .map_err(|e| fail(e.to_string()))?;
    let mut bytes = vec![0; span.len];
    file.read_exact(&mut bytes)
        .map_err(|e| fail(e.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| fail(format!("record at byte {}: {e}", span.offset)))
}

const CSV_COLUMNS: [&str; 15] = [
    "department",
    "year",
    "kind",
    "matched",
    "what",
    "row",
    "column",
    "unit",
    "budget",
    "previous",
    "final",
    "diff",
    "rate",
    "base_path",
    "final_path",
];

fn write_csv_header(out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "{}", CSV_COLUMNS.join(","))
}

/// One CSV row per line of the pair.
fn write_csv(out: &mut impl Write, pair: &Pair) -> std::io::Result<()> {
    let base = pair.budget.as_ref().or(pair.previous.as_ref());
    let amount =
        |a: Option<juesuan_normalize::Amount>| a.map(|a| a.to_string()).unwrap_or_default();
    for line in &pair.lines {
        let fields = [
            pair.department.clone(),
            pair.year.to_string(),
            name(&pair.kind),
            name(&pair.matched),
            name(&line.what),
            line.row.clone(),
            line.column.clone().unwrap_or_default(),
            pair.unit.clone(),
            amount(line.budget),
            amount(line.previous),
            amount(line.last),
            amount(line.diff),
            amount(line.rate),
            base.map(|b| b.path.clone()).unwrap_or_default(),
            pair.last.path.clone(),
        ];
        let fields: Vec<String> = fields.iter().map(|f| quote(f)).collect();
        writeln!(out, "{}", fields.join(","))?;
    }
    Ok(())
}

/// A field quoted where CSV needs it (RFC 4180).
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// The name a value serializes as (`budget_final`, `three_public`).
fn name(value: &impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
