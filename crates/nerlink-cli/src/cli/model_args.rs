//! Command-line options shared by the commands that run the NER model.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args as ClapArgs;

use nerlink::ner::{Aggregation, Decoding, NerOptions, ShippedModel};

#[derive(ClapArgs, Debug, Clone)]
pub struct ModelArgs {
    /// Model directory (HF export layout: model.onnx, tokenizer.json, config.json).
    /// Default: the shipped model in models/.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Run the rule layer only, without the transformer model (not with --model).
    #[arg(long, conflicts_with = "model")]
    pub no_model: bool,
    /// Use the shipped fast model (models/vi-ner-e5s-fast: 6 layers distilled from the
    /// default 12, about twice the documents per second, strict F1 about a point lower on
    /// news; see its model card). Not with --model or --no-model.
    #[arg(long, conflicts_with_all = ["model", "no_model"])]
    pub fast: bool,
    /// Path to libonnxruntime.so (else ORT_DYLIB_PATH, else the cache made by `make ort`).
    #[arg(long)]
    pub ort_lib: Option<PathBuf>,
    /// Model sessions running in parallel; each gets threads/workers intra-op threads
    /// (default: one per two threads).
    #[arg(long)]
    pub workers: Option<usize>,
    /// Model windows per batch (default: 16 short windows within 256 padded tokens for a model
    /// with fixed activation scales, such as the shipped one; 1 for any other). With 1 a
    /// document's output never depends on the documents processed beside it; with fixed scales
    /// it does not for any batch size.
    #[arg(long)]
    pub batch_size: Option<usize>,
    /// Most padded tokens in one batch (windows x longest window; default: 256 with the
    /// fixed-scale batch default, else no limit).
    #[arg(long)]
    pub max_tokens_per_batch: Option<usize>,
    /// Tokens per model window, special tokens included (default: the model's maximum).
    /// Longer sentences are split into overlapping chunks, never truncated.
    #[arg(long)]
    pub max_tokens: Option<usize>,
    /// Tokens shared by consecutive chunks of an over-long sentence (default: a quarter of
    /// a window).
    #[arg(long)]
    pub stride: Option<usize>,
    /// How sub-word predictions combine into a word's: first, average or max.
    #[arg(long, default_value = "average")]
    pub aggregation: Aggregation,
    /// How word labels are chosen: viterbi (the best valid BIO sequence) or greedy (each
    /// word's argmax, then lenient BIO rules).
    #[arg(long, default_value = "viterbi")]
    pub decoding: Decoding,
    /// Run the model on every content sentence. By default a sentence with no capital
    /// letter after its first word, whose first word is also written in lower case in the
    /// document, is not sent to the model (it cannot hold a name); all-lower-case documents
    /// always go whole.
    #[arg(long)]
    pub every_sentence: bool,
}

impl ModelArgs {
    /// NER options, or `None` for rules only.
    pub fn ner_options(&self) -> Result<Option<NerOptions>> {
        if self.no_model {
            return Ok(None);
        }
        let which = if self.fast {
            ShippedModel::Fast
        } else {
            ShippedModel::Default
        };
        let model_dir = match &self.model {
            Some(d) => d.clone(),
            None => nerlink::pipeline::shipped_model_dir(which).with_context(|| {
                format!(
                    "no --model given and the shipped model (models/{}) was not found; pass --model DIR or --no-model",
                    which.folder()
                )
            })?,
        };
        Ok(Some(NerOptions {
            model_dir,
            ort_lib: self.ort_lib.clone(),
            workers: self.workers.unwrap_or(0),
            batch_size: self.batch_size.unwrap_or(0),
            max_tokens_per_batch: self.max_tokens_per_batch.unwrap_or(0),
            max_tokens: self.max_tokens.unwrap_or(0),
            stride: self.stride,
            aggregation: self.aggregation,
            decoding: self.decoding,
            every_sentence: self.every_sentence,
            ..Default::default()
        }))
    }
}
