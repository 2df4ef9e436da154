//! `juesuan`: the command line. `extract` turns filings into JSON lines.

mod compare;
mod data;
mod html_report;
mod inspect;
mod text;

use juesuan::{inputs, pipeline};

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
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
    /// records); 2 for a missing path or unusable arguments; 3 when the
    /// output could not be written; 141 when its reader closed the pipe.
    Extract {
        /// Files or directories; `-` reads a list of paths from stdin. A directory is searched
        /// recursively for PDFs (by content, whatever their names) and text dumps.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The stdin list (`-`) is separated by NUL bytes, as `find -print0` writes it.
        #[arg(short = '0', long)]
        null: bool,
        /// Write the JSON lines to FILE instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// No progress bar and no summary line (errors are still said).
        #[arg(short, long)]
        quiet: bool,
        /// Worker threads (default: all cores). The output is the same whatever the number.
        #[arg(short, long)]
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
    /// A PDF's (or a text dump's) text in reading order, pages separated by form feeds.
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
        /// Where to write the SVG (`-`: stdout).
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

/// Why a command stopped, and the exit code each reason gives (the same
/// in every subcommand).
pub enum Failure {
    /// The file given could not be read as asked (exit 1).
    Input(String),
    /// A path that does not exist, an unusable argument (exit 2).
    Usage(String),
    /// The output could not be written (exit 3), or its reader closed the
    /// pipe (exit 141, quietly, as a tool killed by SIGPIPE).
    Output(std::io::Error),
}

impl Failure {
    pub fn input(path: &Path, e: impl std::fmt::Display) -> Failure {
        Failure::Input(format!("{}: {e}", path.display()))
    }
}

fn report(result: Result<(), Failure>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(e)) => {
            eprintln!("juesuan: {e}");
            ExitCode::from(1)
        }
        Err(Failure::Usage(e)) => {
            eprintln!("juesuan: {e}");
            ExitCode::from(2)
        }
        Err(Failure::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::from(141)
        }
        Err(Failure::Output(e)) => {
            eprintln!("juesuan: cannot write the output: {e}");
            ExitCode::from(3)
        }
    }
}

/// Standard output, or the file `-o` names.
fn output(path: Option<&Path>) -> Result<Box<dyn Write>, Failure> {
    Ok(match path {
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        Some(p) if p.as_os_str() == "-" => {
            Box::new(std::io::BufWriter::new(std::io::stdout().lock()))
        }
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p)
                .map_err(|e| Failure::Usage(format!("{}: {e}", p.display())))?,
        )),
    })
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
            null,
            output,
            quiet,
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
                    Err(e) => return report(Err(Failure::Usage(format!("{}: {e}", p.display())))),
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
            report(extract(&paths, null, output.as_deref(), quiet, &opts))
        }
        Command::Text { file, page, grids } => {
            report(output(None).and_then(|mut out| text::run(&file, page, grids, &mut out)))
        }
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
        } => report(html_report::run(file, record.zip(filing), &output).map_err(Failure::Input)),
        Command::Compare { harvest, format } => compare::command(&harvest, format),
        Command::Export {
            harvest,
            format,
            output,
            no_bom,
        } => report(data::export(&harvest, format, &output, !no_bom).map_err(Failure::Input)),
        Command::Stats { harvest, top } => {
            report(data::stats(&harvest, top).map_err(Failure::Input))
        }
        Command::Schema => report(data::schema().map_err(Failure::Input)),
    }
}

fn extract(
    paths: &[PathBuf],
    null: bool,
    output_path: Option<&Path>,
    quiet: bool,
    opts: &pipeline::Options,
) -> Result<(), Failure> {
    let separator = if null { b'\0' } else { b'\n' };
    let found = inputs::collect(paths, separator)
        .map_err(|e| Failure::Usage(format!("reading the path list on stdin: {e}")))?;
    for missing in &found.missing {
        eprintln!("juesuan: {}: no such file or directory", missing.display());
    }
    let bar = if !quiet && std::io::stderr().is_terminal() {
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
    let mut out = output(output_path)?;
    let (written, totals) = pipeline::run(
        &found.files,
        opts,
        |record| {
            let line = serde_json::to_string(record).expect("a record always serializes");
            // Flushed per record: a closed pipe is noticed at once, and a
            // harvest's output can be followed as it grows.
            writeln!(out, "{line}").and_then(|()| out.flush())
        },
        || bar.inc(1),
    );
    bar.finish_and_clear();
    written
        .and_then(|()| out.flush())
        .map_err(Failure::Output)?;
    let secs = start.elapsed().as_secs_f64();
    if !quiet {
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
    }
    match found.missing.len() {
        0 => Ok(()),
        n => Err(Failure::Usage(format!("{n} path(s) not found"))),
    }
}
