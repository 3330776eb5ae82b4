//! Transformer NER on ONNX Runtime: PER / ORG / LOC entities from a token-classification model.
//!
//! `NerEngine::load` finds the ONNX Runtime library (`locate`), loads it once per process
//! (`runtime`), reads a model directory in the Hugging Face export layout (`model`), and opens
//! one ONNX session per worker. `NerEngine::annotate` then, for all documents of the call:
//!
//! 1. tokenizes each content sentence (`Analysis::sentences`, so boilerplate lines are never
//!    seen) of the *normalized* text, mapping token byte offsets to normalized chars;
//! 2. packs consecutive sentences into windows up to the model's length and splits longer
//!    sentences into overlapping chunks where each token's prediction comes from exactly one
//!    chunk (`window`) — nothing is truncated;
//! 3. sorts all windows by length into batches and runs them on the workers (each with its
//!    own session, `workers × intra-op threads = threads`); results are put back by window
//!    index, so the output does not depend on the number of workers;
//! 4. turns logits into probabilities, aggregates them per word and decodes BIO/BIOES
//!    leniently (`decode`), and maps each span back to original code points with
//!    `NormText::to_orig`.
//!
//! Entities are appended to `Document::entities` with `source: Model`, the mapped label
//! (`labels`), the mean word probability as score, no `norm` and an empty id (the pipeline
//! assigns ids). It does not merge with rule entities or sort; later stages do.

pub mod decode;
pub mod gate;
pub mod labels;
pub(crate) mod locate;
pub mod model;
pub(crate) mod runtime;
pub mod window;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::{anyhow, bail, Context, Result};
use ort::session::Session;
use rayon::prelude::*;

use crate::document::{DocError, Entity, EntitySource};
use crate::stage::InFlight;
use crate::text::Analysis;

pub use decode::{Aggregation, Decoding};
pub use labels::{Label, Tag};
pub use locate::ShippedModel;
pub use runtime::{ort_runtime, OrtRuntime};

use model::{ModelConfig, ModelTokenizer};
use runtime::GraphSpec;

/// Windows per batch when `NerOptions::batch_size` is 0.
///
/// One window per batch makes a document's output depend on that document alone whatever the
/// model. With more, windows of different documents share a batch: a model with dynamic int8
/// quantization (what `training/export_onnx.py` writes) computes activation scales over the
/// whole batch tensor, so scores (and sometimes labels) change with the neighbours. The shipped
/// model has fixed scales (`training/static_scales.py`), so with it any batch size gives the
/// same output (`crates/nerlink-cli/tests/shipped_model.rs`). On 105 dev articles (2 threads) batch 1 ran 12.9 s
/// against 11.8 s for batch 8 in one measurement and faster in another (busy machine): about
/// the same cost, so 1 stays the default for a model that does not declare fixed scales.
pub const DEFAULT_BATCH_SIZE: usize = 1;

/// Windows per batch when `NerOptions::batch_size` is 0 and the model declares fixed
/// activation scales (`runtime::ACTIVATION_SCALES_KEY`), within `STATIC_BATCH_TOKENS`.
///
/// Batching pays only up to a few hundred tokens per run. CPU time per window of the shipped
/// model (fused int8 kernels) on one thread (onnxruntime 1.31, this 2-core machine, loaded):
/// 24 tokens 5.5 ms alone, 3.3 ms in batches of 4, 3.0 ms of 16; 48 tokens 8.7 / 6.2 / 6.5 ms;
/// 80 tokens 12.8 ms alone, 11.2 ms by 2, 10.6 ms by 4; 128 tokens 19.6 ms alone, 18.0 ms by 2,
/// 25.1 ms by 16. Quiet machine (README "Batch shapes, thread layout …"): 128 tokens 27.9 ms
/// alone, 25.4 by 2, 27.3 by 4, 30.4 by 16; 64 tokens 13.6 / 13.4 / 11.9 / 13.3 (by 8); 32
/// tokens 8.1 alone, 6.0 by 8, 5.9 by 16 — best at 256–512 tokens per run. Windows are sorted
/// by length, so a budget of 256 padded tokens puts ~8 short windows together and long ones by
/// two; budgets of 384 and 512 were no faster end to end.
pub const STATIC_BATCH_SIZE: usize = 16;

/// Padded tokens per batch (windows × longest window) with `STATIC_BATCH_SIZE`.
pub const STATIC_BATCH_TOKENS: usize = 256;

/// Options for loading the NER engine. Zero means "choose for me" for the numeric fields.
#[derive(Debug, Clone, Default)]
pub struct NerOptions {
    /// Model directory: `model.onnx` (or `model_quantized.onnx`), `tokenizer.json`,
    /// `config.json` with `id2label`.
    pub model_dir: PathBuf,
    /// `libonnxruntime.so`; else `ORT_DYLIB_PATH`, else `.cache/ort/` (see `locate`).
    pub ort_lib: Option<PathBuf>,
    /// Total threads for the model (workers × intra-op threads). 0: all cores.
    pub threads: usize,
    /// Sessions running batches in parallel. 0: automatic (see `auto_workers`).
    pub workers: usize,
    /// Windows per batch. 0: `DEFAULT_BATCH_SIZE`.
    pub batch_size: usize,
    /// Padded tokens per batch (windows × longest window). 0: no limit beyond `batch_size`.
    pub max_tokens_per_batch: usize,
    /// Tokens per window, special tokens included. 0: the model's maximum (from its config).
    pub max_tokens: usize,
    /// Tokens shared by consecutive chunks of a sentence longer than a window.
    /// `None`: a quarter of the window.
    pub stride: Option<usize>,
    /// How sub-word predictions make a word's prediction.
    pub aggregation: Aggregation,
    /// How word labels are chosen (constrained Viterbi by default).
    pub decoding: Decoding,
    /// Run the model on every content sentence, also those that cannot hold a capitalised
    /// name (`gate::SentenceGate`: no capital after an ordinary first word). Off by default.
    pub every_sentence: bool,
}

/// Workers chosen for `threads` total threads when `NerOptions::workers` is 0: two sessions of
/// one intra-op thread on 2 threads, and one worker per two threads beyond that. On 2 cores with
/// the shipped e5-small int8 model, 2 × 1 ran 12 % and 24 % more documents per second than 1 × 2
/// in two `make bench-peer` runs (bench/peer/README.md), for +85 MB of memory (each session holds
/// its own weights). Layouts above 2 threads are not measured yet.
pub fn auto_workers(threads: usize) -> usize {
    threads.clamp(1, 2).max(threads / 2)
}

/// What a loaded engine is running with (for `nerlink doctor`).
#[derive(Debug, Clone)]
pub struct NerInfo {
    pub ort_lib: PathBuf,
    /// How the library was found: `--ort-lib`, `ORT_DYLIB_PATH` or `cache`.
    pub ort_found_by: &'static str,
    pub ort_version: String,
    pub model_dir: PathBuf,
    pub model_file: PathBuf,
    pub tokenizer_file: PathBuf,
    /// `id2label` strings, by id.
    pub labels: Vec<String>,
    /// Entity labels the model can produce, after mapping (e.g. `LOC`, `ORG`, `PER`).
    pub entity_types: Vec<String>,
    /// `BIO`, `BIOES` or `IO`.
    pub scheme: &'static str,
    /// Graph input names.
    pub inputs: Vec<String>,
    /// Longest sequence the model takes (special tokens included).
    pub model_max_tokens: usize,
    /// Window length used (special tokens included).
    pub window_tokens: usize,
    pub special_tokens: usize,
    /// Overlap between chunks of an over-long sentence.
    pub stride: usize,
    pub workers: usize,
    pub intra_threads: usize,
    pub batch_size: usize,
    /// 0 when unlimited.
    pub max_tokens_per_batch: usize,
    pub aggregation: Aggregation,
    pub decoding: Decoding,
    /// Every content sentence goes to the model (`--every-sentence`), else only those the
    /// sentence gate lets through (`gate::SentenceGate`).
    pub every_sentence: bool,
}

/// Token-level output for one text (see `NerEngine::classify_tokens`).
#[derive(Debug, Clone, PartialEq)]
pub struct TokenPredictions {
    /// Token ids, special tokens included.
    pub ids: Vec<u32>,
    /// Argmax label id per token.
    pub labels: Vec<usize>,
    /// Probability of that label.
    pub scores: Vec<f32>,
}

/// A loaded token-classification model with its worker sessions. Shareable across threads;
/// concurrent `annotate` calls take turns on each worker's session.
pub struct NerEngine {
    runtime: Arc<OrtRuntime>,
    model_dir: PathBuf,
    model_file: PathBuf,
    config: ModelConfig,
    tok: ModelTokenizer,
    spec: GraphSpec,
    sessions: Vec<Mutex<Session>>,
    intra_threads: usize,
    window_tokens: usize,
    stride: usize,
    batch_size: usize,
    max_tokens_per_batch: usize,
    aggregation: Aggregation,
    decoding: Decoding,
    every_sentence: bool,
}

/// Tokens of one sentence: ids and normalized-char spans.
#[derive(Debug, Default)]
struct SentTokens {
    ids: Vec<u32>,
    spans: Vec<(usize, usize)>,
}

impl NerEngine {
    /// Load the ONNX Runtime library (once per process), the model directory and one session
    /// per worker.
    pub fn load(options: &NerOptions) -> Result<NerEngine> {
        let dir = &options.model_dir;
        let model_file = locate::model_file(dir)?;
        let config = ModelConfig::load(dir)?;
        let tok = ModelTokenizer::load(dir, config.pad_token_id)?;
        let runtime = ort_runtime(options.ort_lib.as_deref())?;

        let threads = if options.threads == 0 {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        } else {
            options.threads
        };
        let workers = if options.workers == 0 {
            auto_workers(threads)
        } else {
            options.workers
        };
        let intra_threads = (threads / workers).max(1);

        let window_tokens = if options.max_tokens == 0 {
            config.max_len
        } else if options.max_tokens > config.max_len {
            bail!(
                "--max-tokens {} is more than the model takes ({} tokens, from {})",
                options.max_tokens,
                config.max_len,
                dir.join("config.json").display()
            );
        } else {
            options.max_tokens
        };
        if window_tokens <= tok.specials() {
            bail!(
                "--max-tokens {window_tokens} leaves no room for text after the {} special tokens",
                tok.specials()
            );
        }
        let text_tokens = window_tokens - tok.specials();
        let stride = options
            .stride
            .unwrap_or(text_tokens / 4)
            .min(text_tokens / 2);

        let mut sessions = Vec::with_capacity(workers);
        for _ in 0..workers {
            sessions.push(Mutex::new(runtime::build_session(
                &runtime,
                &model_file,
                intra_threads,
            )?));
        }
        let spec = {
            let first = sessions[0].lock().unwrap_or_else(|e| e.into_inner());
            GraphSpec::of(&first).with_context(|| format!("in {}", model_file.display()))?
        };
        if let Some(n) = spec.num_labels {
            if n != config.labels.len() {
                bail!(
                    "{} outputs {n} labels but config.json's id2label has {}",
                    model_file.display(),
                    config.labels.len()
                );
            }
        }
        let batch_independent = spec.batch_independent;
        Ok(NerEngine {
            runtime,
            model_dir: dir.clone(),
            model_file,
            config,
            tok,
            spec,
            sessions,
            intra_threads,
            window_tokens,
            stride,
            batch_size: match options.batch_size {
                0 if batch_independent => STATIC_BATCH_SIZE,
                0 => DEFAULT_BATCH_SIZE,
                n => n,
            },
            max_tokens_per_batch: match options.max_tokens_per_batch {
                0 if batch_independent && options.batch_size == 0 => STATIC_BATCH_TOKENS,
                n => n,
            },
            aggregation: options.aggregation,
            decoding: options.decoding,
            every_sentence: options.every_sentence,
        })
    }

    /// What the engine is running with.
    pub fn info(&self) -> NerInfo {
        let mut entity_types: Vec<String> = self
            .config
            .labels
            .iter()
            .filter_map(|l| l.kind.clone())
            .collect();
        entity_types.sort();
        entity_types.dedup();
        let tags: Vec<Tag> = self.config.labels.iter().map(|l| l.tag).collect();
        let scheme = if tags.iter().any(|t| matches!(t, Tag::E | Tag::S)) {
            "BIOES"
        } else if tags.contains(&Tag::B) {
            "BIO"
        } else {
            "IO"
        };
        NerInfo {
            ort_lib: self.runtime.lib.path.clone(),
            ort_found_by: self.runtime.lib.found_by,
            ort_version: self.runtime.version.clone(),
            model_dir: self.model_dir.clone(),
            model_file: self.model_file.clone(),
            tokenizer_file: self.tok.path.clone(),
            labels: self.config.label_names.clone(),
            entity_types,
            scheme,
            inputs: self.spec.inputs.iter().map(|i| i.0.clone()).collect(),
            model_max_tokens: self.config.max_len,
            window_tokens: self.window_tokens,
            special_tokens: self.tok.specials(),
            stride: self.stride,
            workers: self.sessions.len(),
            intra_threads: self.intra_threads,
            batch_size: self.batch_size,
            max_tokens_per_batch: self.max_tokens_per_batch,
            aggregation: self.aggregation,
            decoding: self.decoding,
            every_sentence: self.every_sentence,
        }
    }

    /// Label names (`id2label`) by id.
    pub fn label_names(&self) -> &[String] {
        &self.config.label_names
    }

    /// The model's tokenizer (truncation and padding turned off).
    pub fn tokenizer(&self) -> &tokenizers::Tokenizer {
        &self.tok.tokenizer
    }

    /// Special token ids the engine puts before and after the text tokens of a window.
    pub fn special_tokens(&self) -> (&[u32], &[u32]) {
        (&self.tok.prefix, &self.tok.suffix)
    }

    /// Window length in tokens, special tokens included.
    pub fn window_tokens(&self) -> usize {
        self.window_tokens
    }

    /// Overlap between chunks of a sentence longer than a window.
    pub fn stride(&self) -> usize {
        self.stride
    }

    /// Parsed labels by id.
    pub fn labels(&self) -> &[Label] {
        &self.config.labels
    }

    /// Raw logits (`len × labels`, row-major) for sequences of token ids given as they are
    /// (special tokens included), batched like `annotate` does. For checks and tools.
    pub fn logits(&self, seqs: &[Vec<u32>]) -> Result<Vec<Vec<f32>>> {
        if let Some(s) = seqs.iter().find(|s| s.len() > self.config.max_len) {
            bail!(
                "a sequence of {} tokens is longer than the model takes ({})",
                s.len(),
                self.config.max_len
            );
        }
        let lengths: Vec<usize> = seqs.iter().map(Vec::len).collect();
        let batches = window::plan_batches(&lengths, self.batch_size, self.token_budget());
        self.run_batches(seqs, &batches)
    }

    fn token_budget(&self) -> usize {
        if self.max_tokens_per_batch == 0 {
            usize::MAX
        } else {
            self.max_tokens_per_batch
        }
    }

    /// Tokenize `text` as the model's tokenizer does (special tokens added) and return the
    /// argmax label of every token from one run of the model. For checks against other
    /// runtimes; it does no windowing, so a text longer than a window is an error.
    pub fn classify_tokens(&self, text: &str) -> Result<TokenPredictions> {
        let enc = self
            .tok
            .tokenizer
            .encode(text, true)
            .map_err(|e| anyhow!("tokenizing: {e}"))?;
        let ids = enc.get_ids().to_vec();
        if ids.len() > self.window_tokens {
            bail!(
                "{} tokens is more than a window ({})",
                ids.len(),
                self.window_tokens
            );
        }
        let logits = self.run_batches(std::slice::from_ref(&ids), &[vec![0]])?;
        let nl = self.config.labels.len();
        let mut labels = Vec::with_capacity(ids.len());
        let mut scores = Vec::with_capacity(ids.len());
        for row in logits[0].chunks(nl) {
            let mut p = row.to_vec();
            decode::softmax(&mut p);
            let (i, s) = p
                .iter()
                .copied()
                .enumerate()
                .fold(
                    (0, f32::NEG_INFINITY),
                    |b, (i, x)| if x > b.1 { (i, x) } else { b },
                );
            labels.push(i);
            scores.push(s);
        }
        Ok(TokenPredictions {
            ids,
            labels,
            scores,
        })
    }

    /// Add model entities to each document, reading the text stage's analysis beside it;
    /// documents without an analysis are skipped (this stage never runs the text stage). A
    /// document whose text cannot be tokenized gets a `ner` error and no model entities; a
    /// failure of the model itself fails the call.
    pub fn annotate(&self, docs: &mut [InFlight]) -> Result<()> {
        let nl = self.config.labels.len();

        // 1. tokenize every content sentence the model has to see
        let every = self.every_sentence;
        let jobs: Vec<(usize, usize)> = docs
            .par_iter()
            .enumerate()
            .map(|(di, d)| {
                let Some(a) = d.analysis.as_ref() else {
                    return Vec::new();
                };
                let text = |si: usize| {
                    let s = a.sentences[si];
                    a.norm.norm.slice(s.start, s.end)
                };
                let n = a.sentences.len();
                if every {
                    return (0..n).map(|si| (di, si)).collect();
                }
                let gate = gate::SentenceGate::new((0..n).map(text));
                (0..n)
                    .filter(|&si| gate.needs_model(text(si)))
                    .map(|si| (di, si))
                    .collect()
            })
            .collect::<Vec<Vec<(usize, usize)>>>()
            .into_iter()
            .flatten()
            .collect();
        let tokens: Vec<Result<SentTokens>> = {
            let view: &[InFlight] = docs;
            jobs.par_iter()
                .map(|&(di, si)| match view[di].analysis.as_ref() {
                    Some(a) => self.tokenize_sentence(a, si),
                    None => Ok(SentTokens::default()),
                })
                .collect()
        };
        let mut failed = vec![None::<String>; docs.len()];
        let mut sents: Vec<SentTokens> = Vec::with_capacity(tokens.len());
        for (&(di, si), t) in jobs.iter().zip(tokens) {
            match t {
                Ok(t) => sents.push(t),
                Err(e) => {
                    failed[di].get_or_insert_with(|| format!("sentence {si}: {e:#}"));
                    sents.push(SentTokens::default());
                }
            }
        }

        // 2. windows, per document, over the sentences that tokenized
        let text_tokens = self.window_tokens - self.tok.specials();
        let mut windows: Vec<window::Window> = Vec::new();
        let mut j = 0;
        while j < jobs.len() {
            let di = jobs[j].0;
            let mut k = j;
            while k < jobs.len() && jobs[k].0 == di {
                k += 1;
            }
            if failed[di].is_none() {
                windows.extend(window::plan_windows(
                    (j..k).map(|g| (g, sents[g].ids.len())),
                    text_tokens,
                    self.stride,
                ));
            }
            j = k;
        }
        let seqs: Vec<Vec<u32>> = windows
            .iter()
            .map(|w| {
                let mut ids = Vec::with_capacity(w.len + self.tok.specials());
                ids.extend_from_slice(&self.tok.prefix);
                for p in &w.parts {
                    ids.extend_from_slice(&sents[p.sent].ids[p.tok_start..p.tok_end]);
                }
                ids.extend_from_slice(&self.tok.suffix);
                ids
            })
            .collect();

        // 3. batches on the workers
        let lengths: Vec<usize> = seqs.iter().map(Vec::len).collect();
        let batches = window::plan_batches(&lengths, self.batch_size, self.token_budget());
        let logits = self.run_batches(&seqs, &batches)?;

        // 4. owned predictions → per-sentence probabilities
        let mut probs: Vec<Vec<f32>> = sents
            .iter()
            .map(|s| vec![f32::NAN; s.ids.len() * nl])
            .collect();
        let pre = self.tok.prefix.len();
        for (w, lg) in windows.iter().zip(&logits) {
            for p in &w.parts {
                for t in p.own_start..p.own_end {
                    let row = pre + p.pos + (t - p.tok_start);
                    let dst = &mut probs[p.sent][t * nl..(t + 1) * nl];
                    dst.copy_from_slice(&lg[row * nl..(row + 1) * nl]);
                    decode::softmax(dst);
                }
            }
        }

        // 5. decode sentences and map back to the original text
        let found: Vec<Vec<decode::Span>> = {
            let view: &[InFlight] = docs;
            jobs.par_iter()
                .enumerate()
                .map(|(g, &(di, si))| {
                    if failed[di].is_some() || sents[g].ids.is_empty() {
                        return Ok(Vec::new());
                    }
                    if probs[g].iter().any(|x| x.is_nan()) {
                        bail!("internal error: a token of sentence {si} got no prediction");
                    }
                    let Some(a) = view[di].analysis.as_ref() else {
                        return Ok(Vec::new());
                    };
                    let s = a.sentences[si];
                    let mut order: Vec<usize> = (0..sents[g].spans.len()).collect();
                    order.sort_by_key(|&t| sents[g].spans[t]);
                    let spans: Vec<(usize, usize)> =
                        order.iter().map(|&t| sents[g].spans[t]).collect();
                    let sorted_probs: Vec<f32> = order
                        .iter()
                        .flat_map(|&t| probs[g][t * nl..(t + 1) * nl].iter().copied())
                        .collect();
                    Ok(decode::decode_sentence(
                        a.norm.norm.slice(s.start, s.end),
                        s.start,
                        &spans,
                        &sorted_probs,
                        &self.config.labels,
                        self.aggregation,
                        self.decoding,
                    ))
                })
                .collect::<Result<_>>()?
        };
        for ((di, _), spans) in jobs.iter().zip(found) {
            let InFlight { doc, analysis } = &mut docs[*di];
            let Some(a) = analysis.as_ref() else {
                continue;
            };
            let original = doc.text.as_deref().unwrap_or("");
            let mut new = Vec::with_capacity(spans.len());
            for sp in spans {
                let (start, end) = a.norm.to_orig(sp.start, sp.end);
                if start >= end {
                    continue;
                }
                new.push(Entity {
                    id: String::new(),
                    label: crate::document::Label::from(sp.kind),
                    start,
                    end,
                    text: a.norm.orig_slice(original, start, end).to_string(),
                    score: sp.score,
                    source: EntitySource::Model,
                    norm: None,
                });
            }
            doc.entities.extend(new);
        }
        for (d, f) in docs.iter_mut().zip(failed) {
            if let Some(msg) = f {
                d.doc.errors.push(DocError::new(
                    "ner",
                    format!("tokenizing for the NER model: {msg}"),
                ));
            }
        }
        Ok(())
    }

    /// Tokenize sentence `si` of the normalized text; spans are normalized char ranges.
    fn tokenize_sentence(&self, a: &Analysis, si: usize) -> Result<SentTokens> {
        let s = a.sentences[si];
        let view = &a.norm.norm;
        let text = view.slice(s.start, s.end);
        let base = view.byte_at_char(s.start);
        let enc = self
            .tok
            .tokenizer
            .encode(text, false)
            .map_err(|e| anyhow!("{e}"))?;
        let spans = enc
            .get_offsets()
            .iter()
            .map(|&(b0, b1)| (view.char_at_byte(base + b0), view.char_at_byte(base + b1)))
            .collect();
        Ok(SentTokens {
            ids: enc.get_ids().to_vec(),
            spans,
        })
    }

    /// Run the batches (lists of indices into `seqs`) on the workers; returns each sequence's
    /// logits (`len × labels`) in `seqs` order.
    fn run_batches(&self, seqs: &[Vec<u32>], batches: &[Vec<usize>]) -> Result<Vec<Vec<f32>>> {
        let nl = self.config.labels.len();
        let next = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        type BatchOut = (usize, Result<(Vec<Vec<f32>>, usize)>);
        let work = |w: usize| -> Vec<BatchOut> {
            let mut session = self.sessions[w].lock().unwrap_or_else(|e| e.into_inner());
            let mut out = Vec::new();
            while !stop.load(Ordering::SeqCst) {
                let b = next.fetch_add(1, Ordering::SeqCst);
                let Some(batch) = batches.get(b) else { break };
                let refs: Vec<&[u32]> = batch.iter().map(|&i| seqs[i].as_slice()).collect();
                let r = runtime::run_batch(&mut session, &self.spec, &refs, self.tok.pad_id);
                if r.is_err() {
                    stop.store(true, Ordering::SeqCst);
                }
                out.push((b, r));
            }
            out
        };
        let n_workers = self.sessions.len().min(batches.len()).max(1);
        let mut results: Vec<BatchOut> = if n_workers == 1 {
            work(0)
        } else {
            let work = &work;
            std::thread::scope(|s| {
                let handles: Vec<_> = (0..n_workers).map(|w| s.spawn(move || work(w))).collect();
                let mut all = Vec::new();
                for h in handles {
                    match h.join() {
                        Ok(v) => all.extend(v),
                        Err(_) => all.push((usize::MAX, Err(anyhow!("an NER worker panicked")))),
                    }
                }
                all
            })
        };
        results.sort_by_key(|r| r.0);
        let mut out: Vec<Vec<f32>> = vec![Vec::new(); seqs.len()];
        let mut done = 0;
        for (b, r) in results {
            let (logits, got) = r.with_context(|| format!("NER batch {b}"))?;
            if got != nl {
                bail!("the model returned {got} labels per token; config.json has {nl}");
            }
            for (&i, l) in batches[b].iter().zip(logits) {
                out[i] = l;
            }
            done += 1;
        }
        if done != batches.len() {
            bail!(
                "internal error: {done} of {} NER batches ran",
                batches.len()
            );
        }
        Ok(out)
    }
}

impl std::fmt::Debug for NerEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NerEngine")
            .field("model_file", &self.model_file)
            .field("workers", &self.sessions.len())
            .field("window_tokens", &self.window_tokens)
            .finish_non_exhaustive()
    }
}

/// The ONNX Runtime library that would be used (or is loaded) and its version, without a
/// model: loads the library if it is not loaded yet.
pub fn ort_library_info(explicit: Option<&Path>) -> Result<(PathBuf, &'static str, String)> {
    let rt = ort_runtime(explicit)?;
    Ok((rt.lib.path.clone(), rt.lib.found_by, rt.version.clone()))
}
