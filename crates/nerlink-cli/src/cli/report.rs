//! `nerlink report`: extract JSONL → one self-contained HTML page.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args as ClapArgs;

use nerlink::report::{write_report, ReportOptions};

#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Extract output (JSONL), or `-` for stdin.
    pub input: PathBuf,
    /// Output HTML file.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Documents rendered in full (the index lists every document).
    #[arg(long, default_value_t = 1000)]
    pub max_docs: usize,
    /// Page title.
    #[arg(long, default_value = "nerlink report")]
    pub title: String,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let opts = ReportOptions {
        max_docs: args.max_docs,
        title: args.title,
    };
    let sum = write_report(&args.input, &args.output, &opts)?;
    eprintln!(
        "report: {} document(s) ({} rendered), {} entities, {} relations, {} with errors → {}",
        sum.documents,
        sum.rendered,
        sum.entities,
        sum.relations,
        sum.with_errors,
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}
