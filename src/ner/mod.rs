//! Transformer NER on ONNX Runtime (being built: see the NER engine issue).

pub mod locate;

use std::path::PathBuf;

use anyhow::{bail, Result};

use crate::document::Document;

/// Options for loading the NER engine.
#[derive(Debug, Clone, Default)]
pub struct NerOptions {
    pub model_dir: PathBuf,
    pub ort_lib: Option<PathBuf>,
    pub threads: usize,
}

/// A loaded token-classification model.
pub struct NerEngine {}

impl NerEngine {
    pub fn load(_options: &NerOptions) -> Result<NerEngine> {
        bail!("the ONNX NER engine is not available in this build yet; run with --no-model")
    }

    /// Add model entities to each document.
    pub fn annotate(&self, _docs: &mut [&mut Document]) -> Result<()> {
        Ok(())
    }
}
