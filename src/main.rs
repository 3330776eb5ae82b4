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
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
