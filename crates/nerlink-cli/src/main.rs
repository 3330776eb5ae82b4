//! The `nerlink` command line.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cli;

#[derive(Parser)]
#[command(
    name = "nerlink",
    version,
    about = "Entities and facts from Vietnamese government news"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities and relations from articles into JSONL.
    Extract(cli::extract::Args),
    /// Show what nerlink finds on this machine: ONNX Runtime, model, labels, threads.
    Doctor(cli::doctor::Args),
    /// Export extract output as training data: CoNLL, spaCy, Label Studio, doccano, brat, CSV.
    Export(cli::export::Args),
    /// Score predictions against gold entities (CoNLL / JSONL spans) and relations.
    Eval(cli::eval::Args),
    /// Write a self-contained HTML report of extract output.
    Report(cli::report::Args),
    /// Generate labelled training sentences (CoNLL / JSONL) from templates.
    Synth(cli::synth::Args),
}

fn main() -> ExitCode {
    default_sigpipe();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cli::extract::run(a),
        Command::Doctor(a) => cli::doctor::run(a),
        Command::Export(a) => cli::export::run(a),
        Command::Eval(a) => cli::eval::run(a),
        Command::Report(a) => cli::report::run(a),
        Command::Synth(a) => cli::synth::run(a),
    };
    match result {
        Ok(code) => code,
        // where SIGPIPE does not end the process, a closed stdout still ends it quietly
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Let SIGPIPE end the process, as it ends Unix tools: `nerlink extract DIR | head -1` exits
/// quietly when `head` stops reading. (Rust ignores SIGPIPE, which turns a closed pipe into
/// "Broken pipe" errors.)
#[cfg(unix)]
fn default_sigpipe() {
    // SAFETY: called first thing in main, before any other thread exists; SIG_DFL is a valid
    // disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn default_sigpipe() {}

/// Whether an error comes from writing to a closed pipe.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
