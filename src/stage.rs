//! Pipeline stages: the `Stage` trait, the documents in flight between stages, the
//! `EntityRecognizer` trait for NER backends, and the built-in stages
//! text → ner → rules → merge → relate.
//!
//! A stage processes a batch of `InFlight` documents (the document and the text stage's
//! `Analysis` beside it, so the analysis is never part of the `Document` contract). It says what
//! it needs from earlier stages and what it gives (`Product`), and `Pipeline` checks the order
//! when it is built. Stages that work one document at a time implement `process_one`; the
//! pipeline runs consecutive ones in a single parallel pass. Every stage runs inside the
//! pipeline's thread pool, so their `par_iter`s use the configured threads. This module does
//! not load models or gazetteers (`PipelineBuilder` does) and does no I/O.

use std::sync::Arc;

use anyhow::Result;
use rayon::prelude::*;

use crate::document::Document;
use crate::ner::NerEngine;
use crate::rules::RuleLayer;
use crate::text::Analysis;
use crate::{merge, relate, text};

/// A document between stages: the document and what the text stage derived from it.
#[derive(Debug, Clone, Default)]
pub struct InFlight {
    pub doc: Document,
    /// `None` before the text stage, and for documents that have no text or failed before it.
    pub analysis: Option<Analysis>,
}

impl InFlight {
    /// A document that has not been through any stage.
    pub fn new(doc: Document) -> InFlight {
        InFlight {
            doc,
            analysis: None,
        }
    }

    /// A document run through the text stage (for using a later stage on its own).
    pub fn analyzed(mut doc: Document) -> InFlight {
        let analysis = text::analyze(&mut doc);
        InFlight { doc, analysis }
    }
}

/// What a stage adds to the documents in flight, for checking the stage order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Product {
    /// `InFlight::analysis` and the metadata found in the text (text stage).
    Analysis,
    /// Entities of an `EntityRecognizer`, unmerged (ner stage).
    ModelEntities,
    /// Entities of the rule layer, unmerged (rules stage).
    RuleEntities,
    /// One flat list of entities, sorted and numbered (merge stage).
    Entities,
    /// Relations and `meta.province` (relate stage).
    Relations,
}

/// One step of the pipeline.
pub trait Stage: Send + Sync {
    /// Short name; also the `errors[].kind` of a document whose batch this stage failed.
    fn name(&self) -> &'static str;

    /// What earlier stages must have given. A per-document stage that needs
    /// `Product::Analysis` is skipped for documents without one.
    fn needs(&self) -> &'static [Product];

    /// What this stage gives.
    fn gives(&self) -> &'static [Product];

    /// Whether the stage works one document at a time (`process_one`); the pipeline then runs
    /// it in one parallel pass with its per-document neighbours.
    fn per_document(&self) -> bool {
        false
    }

    /// Process one document (per-document stages).
    fn process_one(&self, _item: &mut InFlight) {}

    /// Process a batch, in the pipeline's thread pool. An error fails the stage for every
    /// document of the batch that has an analysis (each gets an error of kind `name()`).
    /// Default: `process_one` on each document, in parallel.
    fn process(&self, batch: &mut [InFlight]) -> Result<()> {
        let needs_analysis = self.needs().contains(&Product::Analysis);
        batch.par_iter_mut().for_each(|d| {
            if !needs_analysis || d.analysis.is_some() {
                self.process_one(d)
            }
        });
        Ok(())
    }
}

/// A named-entity recognizer the pipeline can run as its `ner` stage: the shipped ONNX model
/// (`NerEngine`) or another backend.
pub trait EntityRecognizer: Send + Sync {
    /// Add entities to each document of the batch that has an analysis: original code-point
    /// spans (`text == document.text[start..end]`), `source: model`, empty id, no `norm`;
    /// unsorted (the merge stage orders and numbers them). A document that the recognizer
    /// cannot read gets an error of its own; `Err` fails the whole batch.
    fn recognize(&self, batch: &mut [InFlight]) -> Result<()>;

    /// Entity labels this recognizer can give.
    fn entity_types(&self) -> Vec<String>;
}

impl EntityRecognizer for NerEngine {
    fn recognize(&self, batch: &mut [InFlight]) -> Result<()> {
        self.annotate(batch)
    }

    fn entity_types(&self) -> Vec<String> {
        self.info().entity_types
    }
}

/// Text stage: normalized views, lines, sentences, and title / published / byline
/// (`text::analyze`), for documents that have no error yet.
pub struct TextStage;

impl Stage for TextStage {
    fn name(&self) -> &'static str {
        "text"
    }
    fn needs(&self) -> &'static [Product] {
        &[]
    }
    fn gives(&self) -> &'static [Product] {
        &[Product::Analysis]
    }
    fn per_document(&self) -> bool {
        true
    }
    fn process_one(&self, item: &mut InFlight) {
        if item.doc.errors.is_empty() {
            item.analysis = text::analyze(&mut item.doc);
        }
    }
}

/// NER stage: an `EntityRecognizer` over the whole batch (a model batches across documents).
pub struct NerStage {
    pub recognizer: Arc<dyn EntityRecognizer>,
}

impl Stage for NerStage {
    fn name(&self) -> &'static str {
        "ner"
    }
    fn needs(&self) -> &'static [Product] {
        &[Product::Analysis]
    }
    fn gives(&self) -> &'static [Product] {
        &[Product::ModelEntities]
    }
    fn process(&self, batch: &mut [InFlight]) -> Result<()> {
        self.recognizer.recognize(batch)
    }
}

/// Rules stage: the rule layer's entity finders (`RuleLayer::annotate`).
pub struct RulesStage {
    pub rules: Arc<RuleLayer>,
}

impl Stage for RulesStage {
    fn name(&self) -> &'static str {
        "rules"
    }
    fn needs(&self) -> &'static [Product] {
        &[Product::Analysis]
    }
    fn gives(&self) -> &'static [Product] {
        &[Product::RuleEntities]
    }
    fn per_document(&self) -> bool {
        true
    }
    fn process_one(&self, item: &mut InFlight) {
        if let Some(a) = &item.analysis {
            self.rules.annotate(&mut item.doc, a);
        }
    }
}

/// Merge stage: one flat entity list (`merge::merge_entities`), then, with the rules on, the
/// rule layer's fixes of merged spans (a body head run into a name, place values); sorted by
/// position and numbered `T1..`.
pub struct MergeStage {
    /// The rule layer's post-merge fixes; `None` when the rules are off.
    pub rules: Option<Arc<RuleLayer>>,
}

impl Stage for MergeStage {
    fn name(&self) -> &'static str {
        "merge"
    }
    fn needs(&self) -> &'static [Product] {
        &[Product::Analysis]
    }
    fn gives(&self) -> &'static [Product] {
        &[Product::Entities]
    }
    fn per_document(&self) -> bool {
        true
    }
    fn process_one(&self, item: &mut InFlight) {
        let d = &mut item.doc;
        merge::merge_entities(d);
        if let Some(rules) = &self.rules {
            rules.split_body_and_name(&mut d.entities);
            rules.fill_place_values(&mut d.entities);
        }
        d.sort_entities();
        d.assign_entity_ids();
    }
}

/// Relate stage: relations and the article's province (`relate::link`), then relation ids.
/// Needs the final entity ids the merge stage gave (relation args point to them); it adds no
/// entity, so entity ids are assigned once.
pub struct RelateStage {
    pub rules: Arc<RuleLayer>,
}

impl Stage for RelateStage {
    fn name(&self) -> &'static str {
        "relate"
    }
    fn needs(&self) -> &'static [Product] {
        &[Product::Analysis, Product::Entities]
    }
    fn gives(&self) -> &'static [Product] {
        &[Product::Relations]
    }
    fn per_document(&self) -> bool {
        true
    }
    fn process_one(&self, item: &mut InFlight) {
        if let Some(a) = &item.analysis {
            relate::link(&mut item.doc, a, &self.rules);
            item.doc.assign_relation_ids();
        }
    }
}

/// The first stage (by position in `stages`) whose needs no earlier stage gives, as an error
/// message.
pub fn check_order(stages: &[Box<dyn Stage>]) -> std::result::Result<(), String> {
    let mut given: Vec<Product> = Vec::new();
    for s in stages {
        if let Some(missing) = s.needs().iter().find(|p| !given.contains(p)) {
            return Err(format!(
                "stage `{}` needs {missing:?}, which no stage before it gives",
                s.name()
            ));
        }
        given.extend_from_slice(s.gives());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_before_what_it_needs_is_refused() {
        let rules = Arc::new(RuleLayer::load().unwrap());
        let bad: Vec<Box<dyn Stage>> = vec![
            Box::new(TextStage),
            Box::new(RelateStage {
                rules: rules.clone(),
            }),
        ];
        let err = check_order(&bad).unwrap_err();
        assert!(err.contains("relate") && err.contains("Entities"), "{err}");
        let good: Vec<Box<dyn Stage>> = vec![
            Box::new(TextStage),
            Box::new(RulesStage {
                rules: rules.clone(),
            }),
            Box::new(MergeStage { rules: None }),
            Box::new(RelateStage { rules }),
        ];
        assert_eq!(check_order(&good), Ok(()));
    }

    #[test]
    fn a_document_without_text_skips_the_later_stages() {
        let mut batch = vec![InFlight::new(Document::failed(
            "x",
            "x.txt",
            crate::document::DocError::new("empty", "no text"),
        ))];
        TextStage.process(&mut batch).unwrap();
        assert!(batch[0].analysis.is_none());
        MergeStage { rules: None }.process(&mut batch).unwrap();
        assert!(batch[0].doc.entities.is_empty());
    }
}
