//! `nerlink extract`: inputs → pipeline → JSONL, in input order, resumable.
//!
//! Reads inputs lazily in batches, loads and processes each batch in parallel, writes each
//! document as soon as its batch is done (flushed per line), counts failures by kind, and on
//! Ctrl-C finishes the batch in flight before exiting with 130. `-o X.parquet` writes one
//! Parquet row per document instead of JSONL (`nerlink::parquet`).

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::Args as ClapArgs;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use nerlink::io::{item_source, InputItem, Inputs, DEFAULT_MAX_BYTES};
use nerlink::output::{JsonlWriter, ResumeState};
use nerlink::parquet::ParquetWriter;
use nerlink::Pipeline;

use super::model_args::ModelArgs;

/// Most documents per batch (`--batch-docs`). Windows are sorted by length and batched across
/// all documents of a batch, so one-sentence documents need many per batch to fill the model's
/// batches: on 2,000 one-sentence news documents (2 threads, shipped model) 64 per batch took
/// 12.7 CPU-s, 256 11.5 and 1,024 10.9; on 100 articles 64 and 256 were the same (17.5 CPU-s).
/// Output does not depend on it (fixed-scale model); `DEFAULT_BATCH_BYTES` bounds the memory.
pub const DEFAULT_BATCH_DOCS: usize = 1024;

/// Most bytes of input text per batch (`--batch-bytes`): ~230 news articles, 1,024 sentences
/// well before it; with `--max-bytes` documents, one at a time.
pub const DEFAULT_BATCH_BYTES: u64 = 1 << 20;

#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Input files (.txt, .html, .jsonl, .parquet), directories (recursive) or `-` for stdin.
    /// A missing path is an error record and counts as a failure; when no input exists at all,
    /// extract fails (exit 2).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output file: JSONL, or Parquet when it ends in `.parquet` (default: JSONL on stdout).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Worker threads (default: number of cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Most documents read and processed together (a batch also closes at `--batch-bytes`).
    /// Larger batches let the model batch the short windows of more documents together.
    #[arg(long, default_value_t = DEFAULT_BATCH_DOCS)]
    pub batch_docs: usize,
    /// Most bytes of input text read and processed together (a batch also closes at
    /// `--batch-docs`; a batch always takes at least one document).
    #[arg(long, default_value_t = DEFAULT_BATCH_BYTES)]
    pub batch_bytes: u64,
    /// Largest accepted document, in bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Skip documents already in the output file (needs -o); a torn last line is redone.
    #[arg(long)]
    pub resume: bool,
    /// Exit non-zero if any document failed.
    #[arg(long)]
    pub strict: bool,
    /// Skip the rule layer's entities (model entities only, for measuring the model).
    #[arg(long)]
    pub no_rules: bool,
    /// No progress bar and no summary.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub model: ModelArgs,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if args.resume && args.output.is_none() {
        anyhow::bail!("--resume needs an output file (-o OUT.jsonl)");
    }
    let parquet_out = args
        .output
        .as_deref()
        .is_some_and(|p| nerlink::io::Format::of(p) == Some(nerlink::io::Format::Parquet));
    if args.resume && parquet_out {
        anyhow::bail!("--resume works with JSONL output only, not Parquet");
    }
    let missing: Vec<String> = args
        .inputs
        .iter()
        .filter(|p| p.as_os_str() != "-" && !p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if missing.len() == args.inputs.len() {
        anyhow::bail!("no such input: {}", missing.join(", "));
    }
    let mut builder = Pipeline::builder()
        .ner(args.model.ner_options()?)
        .rules(!args.no_rules);
    if let Some(n) = args.threads {
        builder = builder.threads(n);
    }
    let pipeline = builder.build()?;

    let resume = match (&args.output, args.resume) {
        (Some(p), true) => {
            ResumeState::scan(p).with_context(|| format!("reading {} to resume", p.display()))?
        }
        _ => ResumeState::default(),
    };
    if resume.truncated_bytes > 0 && !args.quiet {
        eprintln!(
            "resume: cut a torn last line ({} bytes); it will be redone",
            resume.truncated_bytes
        );
    }
    let mut writer = match &args.output {
        Some(p) if parquet_out => Writer::Parquet(Box::new(ParquetWriter::create(p)?)),
        Some(p) => Writer::Jsonl(JsonlWriter::file(p, args.resume)?),
        None => Writer::Jsonl(JsonlWriter::stdout()),
    };

    let interrupted = Arc::new(AtomicBool::new(false));
    {
        let flag = interrupted.clone();
        // a second handler install (e.g. in tests calling run twice) is harmless to ignore
        let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    }

    let progress = if !args.quiet && std::io::stderr().is_terminal() {
        let pb = ProgressBar::new_spinner();
        pb.set_style(spinner_style());
        pb.set_message("(counting inputs…)");
        // the total is counted beside the run; the bar gets it when the count is done
        let (bar, inputs) = (pb.clone(), args.inputs.clone());
        std::thread::spawn(move || {
            let total = nerlink::io::count_documents(&inputs);
            if !bar.is_finished() {
                bar.set_length(total);
                bar.set_style(bar_style());
                bar.set_message("");
            }
        });
        pb
    } else {
        ProgressBar::hidden()
    };

    let mut inputs = Inputs::new(&args.inputs, args.max_bytes);
    let mut counts = Counts::default();
    let batch_docs = args.batch_docs.max(1);
    let mut batch: Vec<InputItem> = Vec::new();
    let mut batch_bytes = 0u64;
    loop {
        let item = if interrupted.load(Ordering::SeqCst) {
            None
        } else {
            inputs.next()
        };
        let done = item.is_none();
        if let Some(item) = item {
            if resume.done.contains(&(item.id(), item_source(&item))) {
                counts.skipped += 1;
                progress.inc(1);
                continue;
            }
            batch_bytes += item.size_hint();
            batch.push(item);
        }
        let full = batch.len() >= batch_docs || batch_bytes >= args.batch_bytes;
        if (full || done) && !batch.is_empty() {
            let items = std::mem::take(&mut batch);
            batch_bytes = 0;
            let docs: Vec<_> = pipeline.install(|| {
                items
                    .into_par_iter()
                    .map(|it| it.load(args.max_bytes))
                    .collect()
            });
            // the display counts documents as they finish, not per batch
            let docs = pipeline.process_batch_with(docs, &|| progress.inc(1));
            for doc in &docs {
                writer.write(doc)?;
                counts.add(doc);
            }
        }
        if done {
            break;
        }
    }
    writer.finish()?;
    progress.finish_and_clear();
    for w in &inputs.warnings {
        eprintln!("warning: {w}");
    }
    let repeated = inputs.repeated_ids();
    if repeated > nerlink::walk::MAX_DUPLICATE_WARNINGS {
        eprintln!(
            "warning: {repeated} document(s) in all have an id an earlier document already had"
        );
    }
    if !args.quiet {
        eprintln!("{}", counts.summary());
    }
    if interrupted.load(Ordering::SeqCst) {
        let out = args
            .output
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "OUT.jsonl".into());
        eprintln!(
            "interrupted: output flushed; continue with the same command plus `--resume -o {out}`"
        );
        return Ok(ExitCode::from(130));
    }
    if counts.failed > 0 {
        eprintln!(
            "warning: {} document(s) failed; see their \"errors\" in the output",
            counts.failed
        );
        if args.strict {
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The progress display before the number of documents is known.
const SPINNER_TEMPLATE: &str = "{spinner} {pos} documents {per_sec} [{elapsed}] {msg}";
/// The progress display once the number of documents is known: a bar, done/total,
/// percentage, rate and time left.
const BAR_TEMPLATE: &str =
    "[{bar:30}] {pos}/{len} documents ({percent}%) {per_sec} [{elapsed}, ETA {eta}] {msg}";

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template(SPINNER_TEMPLATE)
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template(BAR_TEMPLATE)
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}

/// JSONL (flushed per document) or Parquet (written per row group, footer at the end).
enum Writer {
    Jsonl(JsonlWriter),
    Parquet(Box<ParquetWriter>),
}

impl Writer {
    fn write(&mut self, doc: &nerlink::Document) -> Result<()> {
        match self {
            Writer::Jsonl(w) => w.write(doc),
            Writer::Parquet(w) => w.write(doc),
        }
    }

    fn finish(self) -> Result<()> {
        match self {
            Writer::Jsonl(_) => Ok(()),
            Writer::Parquet(w) => w.finish(),
        }
    }
}

#[derive(Default)]
struct Counts {
    ok: usize,
    failed: usize,
    skipped: usize,
    by_kind: BTreeMap<String, usize>,
    entities: BTreeMap<nerlink::Label, usize>,
    relations: BTreeMap<String, usize>,
}

impl Counts {
    fn add(&mut self, doc: &nerlink::Document) {
        if doc.text.is_none() || !doc.errors.is_empty() {
            self.failed += 1;
            for e in &doc.errors {
                *self.by_kind.entry(e.kind.clone()).or_default() += 1;
            }
        } else {
            self.ok += 1;
        }
        for e in &doc.entities {
            *self.entities.entry(e.label.clone()).or_default() += 1;
        }
        for r in &doc.relations {
            *self
                .relations
                .entry(r.kind().as_str().to_string())
                .or_default() += 1;
        }
    }

    fn summary(&self) -> String {
        fn fmt<K: std::fmt::Display>(m: &BTreeMap<K, usize>) -> String {
            m.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(" ")
        }
        let mut s = format!(
            "documents: {} ok, {} failed{}",
            self.ok,
            self.failed,
            if self.skipped > 0 {
                format!(", {} already done (resume)", self.skipped)
            } else {
                String::new()
            }
        );
        if !self.by_kind.is_empty() {
            s.push_str(&format!(" ({})", fmt(&self.by_kind)));
        }
        s.push_str(&format!(
            "\nentities: {}\nrelations: {}",
            fmt(&self.entities),
            fmt(&self.relations)
        ));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_templates_are_valid_and_show_total_and_eta() {
        // an invalid template would fall back to a plain display without a word
        assert!(ProgressStyle::with_template(SPINNER_TEMPLATE).is_ok());
        assert!(ProgressStyle::with_template(BAR_TEMPLATE).is_ok());
        for key in ["{bar", "{len}", "{percent}", "{eta}", "{pos}"] {
            assert!(BAR_TEMPLATE.contains(key), "{key}");
        }
    }
}
