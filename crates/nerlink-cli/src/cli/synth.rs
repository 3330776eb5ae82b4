//! `nerlink synth`: write template-generated, exactly labelled sentences as CoNLL and/or JSONL.
//!
//! Deterministic for a seed. See the `nerlink_synth` crate for what the data is and isn't good
//! for.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args as ClapArgs, ValueEnum};

use nerlink::rules::gazetteer::Gazetteers;
use nerlink_synth::{write_conll, write_jsonl, Generator, LabelSet};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Conll,
    Jsonl,
    Both,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Labels {
    /// PER, ORG, LOC.
    Ner,
    /// Also ROLE, INDEX, SCORE, RANK, DATE, DOC.
    All,
}

#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Number of examples (a few are 2–4 sentence paragraphs).
    #[arg(long, default_value_t = 10_000)]
    pub sentences: usize,
    /// Random seed: the same seed gives the same output.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output format(s).
    #[arg(long, value_enum, default_value_t = Format::Both)]
    pub format: Format,
    /// Output prefix: writes PREFIX.conll and/or PREFIX.jsonl.
    #[arg(short, long, value_name = "OUT_PREFIX")]
    pub output: PathBuf,
    /// Labels to write.
    #[arg(long, value_enum, default_value_t = Labels::Ner)]
    pub labels: Labels,
    /// No summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

fn with_ext(prefix: &Path, ext: &str) -> PathBuf {
    let mut s = prefix.as_os_str().to_owned();
    s.push(".");
    s.push(ext);
    PathBuf::from(s)
}

fn create(path: &Path) -> Result<BufWriter<File>> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating directory {}", dir.display()))?;
    }
    let f = File::create(path).with_context(|| format!("creating {}", path.display()))?;
    Ok(BufWriter::with_capacity(1 << 20, f))
}

pub fn run(args: Args) -> Result<ExitCode> {
    let started = Instant::now();
    let labels = match args.labels {
        Labels::Ner => LabelSet::Ner,
        Labels::All => LabelSet::All,
    };
    let gaz = Gazetteers::load().context("loading gazetteers")?;
    let mut generator = Generator::new(&nerlink::synth::gazetteer(&gaz), args.seed)?;

    let conll_path = with_ext(&args.output, "conll");
    let jsonl_path = with_ext(&args.output, "jsonl");
    let mut conll = match args.format {
        Format::Conll | Format::Both => Some(create(&conll_path)?),
        Format::Jsonl => None,
    };
    let mut jsonl = match args.format {
        Format::Jsonl | Format::Both => Some(create(&jsonl_path)?),
        Format::Conll => None,
    };

    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    let mut kinds = std::collections::HashSet::new();
    for _ in 0..args.sentences {
        let ex = generator.sentence();
        kinds.insert(ex.kind);
        for s in ex.spans.iter().filter(|s| labels.keeps(&s.2)) {
            *counts.entry(s.2.clone()).or_default() += 1;
        }
        if let Some(w) = conll.as_mut() {
            write_conll(w, &ex, labels)
                .with_context(|| format!("writing {}", conll_path.display()))?;
        }
        if let Some(w) = jsonl.as_mut() {
            write_jsonl(w, &ex, labels)
                .with_context(|| format!("writing {}", jsonl_path.display()))?;
        }
    }
    if let Some(mut w) = conll {
        w.flush()
            .with_context(|| format!("writing {}", conll_path.display()))?;
    }
    if let Some(mut w) = jsonl {
        w.flush()
            .with_context(|| format!("writing {}", jsonl_path.display()))?;
    }
    if !args.quiet {
        let spans: Vec<String> = counts.iter().map(|(l, n)| format!("{l} {n}")).collect();
        let mut written = Vec::new();
        if matches!(args.format, Format::Conll | Format::Both) {
            written.push(conll_path.display().to_string());
        }
        if matches!(args.format, Format::Jsonl | Format::Both) {
            written.push(jsonl_path.display().to_string());
        }
        eprintln!(
            "synth: {} examples from {} template kinds, spans: {}; wrote {} in {:.2}s",
            args.sentences,
            kinds.len(),
            spans.join(", "),
            written.join(" and "),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}
