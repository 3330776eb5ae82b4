//! `nerlink export`: extract JSONL → CoNLL, spaCy, Label Studio, doccano, brat or CSV.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args as ClapArgs;

use nerlink::export::{export_file, ExportOptions, Format, OffsetUnit};

#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Output format: conll, spacy, labelstudio, doccano, brat (directory) or csv (directory).
    #[arg(long, short = 'f')]
    pub format: Format,
    /// Extract output (JSONL), or `-` for stdin.
    pub input: PathBuf,
    /// Output file (a directory for brat and csv).
    #[arg(short, long)]
    pub output: PathBuf,
    /// spaCy: add the relations to each line.
    #[arg(long)]
    pub with_relations: bool,
    /// doccano: write entities + relations (relation-extraction projects) instead of `label`.
    #[arg(long)]
    pub doccano_relations: bool,
    /// Offset unit for spacy / labelstudio / doccano: codepoint or utf16 (default: codepoint,
    /// doccano utf16).
    #[arg(long)]
    pub offset_unit: Option<OffsetUnit>,
    /// csv: start each file with a UTF-8 byte-order mark, so Excel shows Vietnamese correctly
    /// (leave it out for scripts: some read the mark as part of the first column name).
    #[arg(long)]
    pub excel: bool,
    /// Do not print the warnings (widened or left-out spans), only their count.
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if args.excel && args.format != Format::Csv {
        anyhow::bail!("--excel is for --format csv only");
    }
    let opts = ExportOptions {
        format: args.format,
        with_relations: args.with_relations,
        doccano_relations: args.doccano_relations,
        offset_unit: args.offset_unit,
        excel: args.excel,
    };
    let sum = export_file(&args.input, &args.output, &opts)?;
    if !args.quiet {
        for w in &sum.warnings {
            eprintln!("warning: {w}");
        }
    }
    if sum.skipped_no_text > 0 {
        eprintln!(
            "skipped {} error record(s) without text",
            sum.skipped_no_text
        );
    }
    eprintln!(
        "exported {} document(s), {} entities, {} relations as {} to {}{}",
        sum.documents,
        sum.entities,
        sum.relations,
        args.format,
        args.output.display(),
        if sum.warnings.is_empty() {
            String::new()
        } else {
            format!(" ({} warning(s))", sum.warnings.len())
        }
    );
    if args.format == Format::LabelStudio {
        eprintln!(
            "labelling config: {}",
            nerlink::export::labelstudio::config_path(&args.output).display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
