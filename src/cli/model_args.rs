//! Command-line options shared by the commands that run the NER model.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args as ClapArgs;

use nerlink::ner::NerOptions;

#[derive(ClapArgs, Debug, Clone)]
pub struct ModelArgs {
    /// Model directory (HF export layout: model.onnx, tokenizer.json, config.json).
    /// Default: the shipped model in models/.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Run the rule layer only, without the transformer model.
    #[arg(long)]
    pub no_model: bool,
    /// Path to libonnxruntime.so (else ORT_DYLIB_PATH, else the cache made by `make ort`).
    #[arg(long)]
    pub ort_lib: Option<PathBuf>,
}

impl ModelArgs {
    /// NER options, or `None` for rules only.
    pub fn ner_options(&self) -> Result<Option<NerOptions>> {
        if self.no_model {
            return Ok(None);
        }
        let model_dir = match &self.model {
            Some(d) => d.clone(),
            None => nerlink::pipeline::default_model_dir()
                .context("no --model given and the shipped model (models/vi-ner-e5s) was not found; pass --model DIR or --no-model")?,
        };
        Ok(Some(NerOptions {
            model_dir,
            ort_lib: self.ort_lib.clone(),
            ..Default::default()
        }))
    }
}
