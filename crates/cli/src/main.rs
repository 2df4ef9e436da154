//! `juesuan`: the command line. `extract` turns filings into JSON lines.

mod inputs;
mod inspect;
mod pipeline;
mod text;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

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
    Extract {
        /// Files or directories (searched recursively for *.pdf and *.txt); `-` reads paths from stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Worker threads (default: all cores).
        #[arg(long)]
        jobs: Option<usize>,
    },
    /// A PDF's text in reading order, pages separated by form feeds.
    Text {
        file: PathBuf,
        /// Only this page (1-based).
        #[arg(long)]
        page: Option<u32>,
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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { paths, jobs } => extract(paths, jobs),
        Command::Text { file, page } => report(text::run(&file, page)),
        Command::Inspect { file, page, svg } => report(inspect::run(&file, page, &svg)),
    }
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

fn extract(paths: Vec<PathBuf>, jobs: Option<usize>) -> ExitCode {
    let found = inputs::collect(&paths);
    for missing in &found.missing {
        eprintln!("juesuan: {}: no such file or directory", missing.display());
    }
    if let Some(n) = jobs {
        // Ignore the error: the global pool may already exist in tests.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let ok = pipeline::run(&found.files, |record| {
        let line = serde_json::to_string(record).expect("a record always serializes");
        writeln!(out, "{line}").is_ok()
    });
    let flushed = out.flush().is_ok();
    if !ok || !flushed {
        return ExitCode::from(1);
    }
    if found.missing.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
