//! `juesuan`: the command line. `extract` turns filings into JSON lines.

mod compare;
mod data;
mod html_report;
mod inspect;
mod text;

use juesuan::{inputs, pipeline};

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "juesuan",
    version,
    about = "部门决算 filings (PDF or text dump) → validated JSON lines"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// One JSON line per filing, in sorted input-path order.
    ///
    /// Exit codes: 0 when every input was read (even if some gave error
    /// records); 2 for a missing path or unusable arguments; 1 when the
    /// output could not be written.
    Extract {
        /// Files or directories (searched recursively for *.pdf and *.txt); `-` reads paths from stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Worker threads (default: all cores). The output is the same whatever the number.
        #[arg(long)]
        jobs: Option<usize>,
        /// Give up on a file after this many seconds; its record says so.
        #[arg(long, default_value_t = 60)]
        timeout: u64,
        /// Skip files whose sha256 is already in this earlier output (resume a harvest).
        #[arg(long, value_name = "OUT.jsonl")]
        skip_existing: Option<PathBuf>,
        /// Take only shard I of N (by sha256), e.g. `--shard 3/16`, to split a harvest over machines.
        #[arg(long, value_name = "I/N", value_parser = parse_shard)]
        shard: Option<(u64, u64)>,
    },
    /// A PDF's text in reading order, pages separated by form feeds.
    Text {
        file: PathBuf,
        /// Only this page (1-based).
        #[arg(long)]
        page: Option<u32>,
        /// Print detected tables as tab-separated rows (what normalization reads).
        #[arg(long)]
        grids: bool,
    },
    /// Pairs of filings of one department in a harvest: a year's budget and
    /// final accounts, final accounts of consecutive years. One
    /// `juesuan.pair/1` line per pair; `--format csv` gives the lines flat.
    ///
    /// Exit codes: 0 done; 2 the harvest cannot be read; 1 the output
    /// could not be written.
    Compare {
        /// The output of `juesuan extract` (JSON lines).
        harvest: PathBuf,
        #[arg(long, value_enum, default_value = "jsonl")]
        format: compare::Format,
    },
    /// Draw one PDF page as SVG: glyph boxes and ruling lines.
    Inspect {
        file: PathBuf,
        /// The page to draw (1-based).
        #[arg(long)]
        page: u32,
        /// Where to write the SVG.
        #[arg(long)]
        svg: PathBuf,
        /// Outline a region: `PAGE:x0,y0,x1,y1` in PDF points, origin top-left (as a record's `at`).
        #[arg(long, value_name = "PAGE:x0,y0,x1,y1", value_parser = inspect::parse_highlight)]
        highlight: Vec<juesuan_normalize::At>,
    },
    /// One filing's report as one self-contained HTML page: the checks that
    /// fail, each drawn on its page with the cells it reads outlined.
    #[command(group = clap::ArgGroup::new("input").required(true).args(["file", "record"]))]
    Report {
        /// The filing (PDF or text dump): read it, then report.
        file: Option<PathBuf>,
        /// Report from an earlier `extract` output instead (the drawings need the PDF at its source.path).
        #[arg(long, value_name = "OUT.jsonl", requires = "filing")]
        record: Option<PathBuf>,
        /// The filing's sha256 in that output (a unique prefix is enough).
        #[arg(long, value_name = "SHA")]
        filing: Option<String>,
        /// Where to write the HTML.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// A harvest as related tables (filings, tables, cells, checks,
    /// performance, indicators, funds, facts, diagnostics) joined on
    /// `filing_id`; amounts exact. See docs/schema.md, "Exports".
    Export {
        /// The harvest's JSON lines; `-` reads stdin.
        harvest: PathBuf,
        #[arg(long, value_enum)]
        format: data::Format,
        /// A directory (csv, parquet: one file per table) or a database file (sqlite).
        #[arg(short, long)]
        output: PathBuf,
        /// CSV without the UTF-8 byte-order mark Excel needs to read Chinese.
        #[arg(long)]
        no_bom: bool,
    },
    /// A harvest's summary: filings by kind and year, tables found, error
    /// records by code, checks by rule and status, the most failing filings.
    Stats {
        /// The harvest's JSON lines; `-` reads stdin.
        harvest: PathBuf,
        /// How many of the most failing filings to list.
        #[arg(long, default_value_t = 10)]
        top: usize,
    },
    /// The JSON Schema of a record (`juesuan.filing/1`).
    Schema,
}

fn report(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("juesuan: {e}");
            ExitCode::FAILURE
        }
    }
}

fn parse_shard(s: &str) -> Result<(u64, u64), String> {
    let (i, n) = s.split_once('/').ok_or("expected I/N, e.g. 0/4")?;
    let (i, n): (u64, u64) = (
        i.parse().map_err(|_| "I is not a number")?,
        n.parse().map_err(|_| "N is not a number")?,
    );
    if n == 0 || i >= n {
        return Err(format!("shard {i}/{n}: need 0 <= I < N"));
    }
    Ok((i, n))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract {
            paths,
            jobs,
            timeout,
            skip_existing,
            shard,
        } => {
            let mut selection = pipeline::Selection {
                shard,
                ..Default::default()
            };
            if let Some(p) = skip_existing {
                match pipeline::harvested(&p) {
                    Ok(s) => selection.skip = s,
                    // A first run has no output yet: nothing to skip.
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => {
                        eprintln!("juesuan: {}: {e}", p.display());
                        return ExitCode::from(2);
                    }
                }
            }
            let jobs = jobs
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
                .max(1);
            let opts = pipeline::Options {
                jobs,
                timeout: Duration::from_secs(timeout.max(1)),
                selection,
            };
            extract(paths, &opts)
        }
        Command::Text { file, page, grids } => report(text::run(&file, page, grids)),
        Command::Inspect {
            file,
            page,
            svg,
            highlight,
        } => report(inspect::run(&file, page, &svg, &highlight)),
        Command::Report {
            file,
            record,
            filing,
            output,
        } => report(html_report::run(file, record.zip(filing), &output)),
        Command::Compare { harvest, format } => compare::command(&harvest, format),
        Command::Export {
            harvest,
            format,
            output,
            no_bom,
        } => report(data::export(&harvest, format, &output, !no_bom)),
        Command::Stats { harvest, top } => report(data::stats(&harvest, top)),
        Command::Schema => report(data::schema()),
    }
}

fn extract(paths: Vec<PathBuf>, opts: &pipeline::Options) -> ExitCode {
    let found = inputs::collect(&paths);
    for missing in &found.missing {
        eprintln!("juesuan: {}: no such file or directory", missing.display());
    }
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(found.files.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} files {elapsed} eta {eta}",
            )
            .expect("template"),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let start = Instant::now();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (ok, totals) = pipeline::run(
        &found.files,
        opts,
        |record| {
            let line = serde_json::to_string(record).expect("a record always serializes");
            writeln!(out, "{line}").is_ok()
        },
        || bar.inc(1),
    );
    bar.finish_and_clear();
    let flushed = out.flush().is_ok();
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "juesuan: {} files ({} skipped), {} pages, {} tables, {} with errors, {:.1} s, {:.0} pages/s",
        totals.files,
        totals.skipped,
        totals.pages,
        totals.tables,
        totals.errors,
        secs,
        totals.pages as f64 / secs.max(1e-9)
    );
    if !ok || !flushed {
        return ExitCode::from(1);
    }
    if found.missing.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
