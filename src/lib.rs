//! nerlink: Vietnamese government-news NER and fact extraction.
//!
//! One `Document` flows io → text → ner → rules → merge → relate → export; the middle steps are
//! `stage::Stage`s that the `Pipeline` runs in order inside its thread pool (ARCHITECTURE.md).
//! The library API is `Pipeline::builder()…build()?` and `pipeline.process(doc)`; the `nerlink`
//! binary wraps it. Another NER backend plugs in as a `stage::EntityRecognizer`.

pub mod document;
pub(crate) mod encoding;
pub mod eval;
pub mod export;
pub mod io;
pub(crate) mod merge;
pub mod ner;
pub mod output;
pub mod parquet;
pub mod pipeline;
pub(crate) mod relate;
pub mod relation_kinds;
pub mod report;
pub mod rules;
pub mod stage;
pub mod synth;
pub mod text;
pub mod walk;
pub mod work_meter;

pub use document::{
    DocError, Document, Entity, EntitySource, Evidence, Label, Relation, RelationType,
};
pub use pipeline::{Pipeline, PipelineBuilder};
