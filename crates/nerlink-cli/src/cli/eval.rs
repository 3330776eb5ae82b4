//! `nerlink eval`: score predictions against gold entities and/or relations. The table comes
//! first, then the error listing (`--errors`), and last, when relations were scored, the
//! summary line of `relations-dev/score.py` (`relations F1 ...`), so `tail -1` compares.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args as ClapArgs;

use nerlink::eval::{evaluate, render, EvalOptions};

#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Gold entities: CoNLL (IOB2) or JSONL spans (`{"doc"|"id", "entities": [...]}`).
    #[arg(long)]
    pub gold: Option<PathBuf>,
    /// Predictions: extract JSONL (or CoNLL, for entities only).
    #[arg(long)]
    pub pred: PathBuf,
    /// Gold relations in the format of seeds.gold.jsonl; several files (or the flag repeated)
    /// are read in order, a later document replacing an earlier one with the same key.
    #[arg(long, num_args = 1..)]
    pub gold_relations: Vec<PathBuf>,
    /// Only these entity labels (comma-separated), e.g. PER,ORG,LOC.
    #[arg(long, value_delimiter = ',')]
    pub labels: Option<Vec<String>>,
    /// Print JSON instead of tables.
    #[arg(long)]
    pub json: bool,
    /// List every miss and false positive with its sentence.
    #[arg(long)]
    pub errors: bool,
    /// Exit 1 when strict micro F1 (the relations F1, officials + index results, if only
    /// relations are evaluated) is below this.
    #[arg(long)]
    pub min_f1: Option<f64>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let opts = EvalOptions {
        gold: args.gold,
        pred: args.pred,
        gold_relations: args.gold_relations,
        labels: args.labels,
        collect_errors: args.errors,
    };
    let report = evaluate(&opts)?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&render::json(&report, args.errors))?
        );
    } else {
        print!("{}", render::table(&report));
        if args.errors {
            print!("\n{}", render::errors(&report));
        }
        // last, as score.py prints it
        if let Some(line) = render::summary(&report) {
            println!("{line}");
        }
    }
    if let (Some(min), Some(f1)) = (args.min_f1, report.gate_f1()) {
        if f1 < min {
            eprintln!("F1 {f1:.4} is below --min-f1 {min}");
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}
