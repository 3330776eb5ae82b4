//! The pipeline: one `Document` goes text → ner → rules → merge → relate, in that order.
//!
//! `Pipeline::builder()…build()?` loads the gazetteers and (optionally) the NER model once;
//! `process` / `process_batch` run the stages. Batches are processed in parallel with rayon
//! and come back in input order. Reading inputs and writing output is the caller's business
//! (see `io` and `output`).

use std::path::PathBuf;

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::document::{DocError, Document};
use crate::ner::{NerEngine, NerOptions};
use crate::rules::RuleLayer;
use crate::{merge, relate, text};

/// Options for building a `Pipeline`.
#[derive(Debug, Clone)]
pub struct PipelineBuilder {
    ner: Option<NerOptions>,
    threads: usize,
    rules: bool,
}

impl Default for PipelineBuilder {
    fn default() -> Self {
        PipelineBuilder {
            ner: None,
            threads: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1),
            rules: true,
        }
    }
}

impl PipelineBuilder {
    /// Run the transformer NER model with these options (`None`: rules only).
    pub fn ner(mut self, options: Option<NerOptions>) -> Self {
        self.ner = options;
        self
    }

    /// Run the rule layer's entity finders (default). Without them only the model's
    /// entities remain, for measuring the model alone.
    pub fn rules(mut self, on: bool) -> Self {
        self.rules = on;
        self
    }

    /// Total threads for document workers and the model.
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = n.max(1);
        self
    }

    /// Load the stages. With a model, the rule layer is loaded and warmed up (`warm_up`) on a
    /// second thread while the model loads: the rules' regexes compile on first use (~0.3 s
    /// of CPU), which would otherwise delay the first batch after the model is ready.
    pub fn build(self) -> Result<Pipeline> {
        let load_rules = |warm: bool| -> Result<RuleLayer> {
            let rules = RuleLayer::load().context("loading the rule layer's gazetteers")?;
            if warm {
                warm_up(&rules);
            }
            Ok(rules)
        };
        let (rules, ner) = match self.ner {
            Some(mut opts) => {
                opts.threads = self.threads;
                let warm = self.rules;
                std::thread::scope(|s| -> Result<_> {
                    let rules = s.spawn(|| load_rules(warm));
                    let ner = NerEngine::load(&opts).context("loading the NER model");
                    let rules = rules
                        .join()
                        .map_err(|_| anyhow::anyhow!("loading the rule layer panicked"))??;
                    Ok((rules, Some(ner?)))
                })?
            }
            None => (load_rules(false)?, None),
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .build()
            .context("starting worker threads")?;
        Ok(Pipeline {
            rules,
            use_rules: self.rules,
            ner,
            pool,
        })
    }
}

/// The loaded stages. Cheap to share across threads (`&Pipeline`).
pub struct Pipeline {
    rules: RuleLayer,
    use_rules: bool,
    ner: Option<NerEngine>,
    pool: rayon::ThreadPool,
}

impl Pipeline {
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    pub fn rules(&self) -> &RuleLayer {
        &self.rules
    }

    pub fn ner(&self) -> Option<&NerEngine> {
        self.ner.as_ref()
    }

    /// Run `f` on the pipeline's worker pool (`--threads`): parallel work a caller does around
    /// the pipeline (loading documents) stays within the same threads.
    pub fn install<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        self.pool.install(f)
    }

    /// Process one document.
    pub fn process(&self, doc: Document) -> Document {
        self.process_batch(vec![doc]).pop().unwrap_or_default()
    }

    /// Process documents; the output has the same length and order as the input.
    pub fn process_batch(&self, docs: Vec<Document>) -> Vec<Document> {
        self.process_batch_with(docs, &|| {})
    }

    /// `process_batch`, calling `on_done` (from a worker thread) as each document is finished,
    /// for progress displays. The output is the same.
    pub fn process_batch_with(
        &self,
        mut docs: Vec<Document>,
        on_done: &(dyn Fn() + Sync),
    ) -> Vec<Document> {
        self.pool.install(|| {
            docs.par_iter_mut().for_each(|d| {
                if d.errors.is_empty() {
                    text::analyze(d)
                }
            });
        });
        if let Some(ner) = &self.ner {
            // inside the pool: the engine's tokenizing and decoding `par_iter`s must use the
            // configured threads, not rayon's global pool sized to the machine
            self.pool.install(|| {
                let mut live: Vec<&mut Document> =
                    docs.iter_mut().filter(|d| d.analysis.is_some()).collect();
                if let Err(e) = ner.annotate(&mut live) {
                    for d in live {
                        d.errors.push(DocError::new("ner", format!("{e:#}")));
                    }
                }
            });
        }
        self.pool.install(|| {
            docs.par_iter_mut().for_each(|d| {
                if d.analysis.is_some() {
                    rules_and_relations(&self.rules, self.use_rules, d);
                }
                on_done();
            });
        });
        docs
    }
}

/// The stages after the model: rule entities, merge, relations (an analyzed document).
fn rules_and_relations(rules: &RuleLayer, use_rules: bool, d: &mut Document) {
    if use_rules {
        rules.annotate(d);
    }
    merge::merge_entities(d);
    if use_rules {
        rules.split_body_and_name(&mut d.entities);
        rules.fill_place_values(&mut d.entities);
    }
    d.sort_entities();
    d.assign_ids();
    relate::link(d, rules);
    d.assign_ids();
}

/// Run the rule and relation stages once on a built-in text of the kinds they look for (dates,
/// a decision with its reference and signer, an index score and rank, an appointment), so
/// their lazily compiled regexes are ready. Only compiled patterns are cached: the output of
/// later documents does not change.
fn warm_up(rules: &RuleLayer) {
    const TEXT: &str = "Ngày 12/3/2024, Chủ tịch UBND tỉnh Quảng Trị Hoàng Quốc Bảo đã ký Quyết \
        định số 123/QĐ-UBND về việc bổ nhiệm ông Lê Minh Tuấn giữ chức Giám đốc Sở Nội vụ.\n\n\
        Năm 2023, Chỉ số cải cách hành chính (PAR INDEX) của tỉnh đạt 85,5 điểm, xếp thứ 10/63 \
        tỉnh, thành phố; Chỉ số SIPAS đạt 82,1%. Sáng 5/4, Thứ trưởng Bộ Nội vụ làm việc tại \
        Hà Nội theo Kế hoạch số 45/KH-BNV ngày 1 tháng 2 năm 2024.";
    let mut d = Document::new("warm-up", "", TEXT);
    text::analyze(&mut d);
    if d.analysis.is_some() {
        rules_and_relations(rules, true, &mut d);
    }
}

/// Where the shipped model lives, relative to the repo or the executable.
pub fn default_model_dir() -> Option<PathBuf> {
    crate::ner::locate::default_model_dir()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn work_around_the_pipeline_runs_on_its_threads() {
        for n in [1, 3] {
            let p = Pipeline::builder().threads(n).build().unwrap();
            assert_eq!(p.install(rayon::current_num_threads), n);
            // a parallel job started inside stays on the pipeline's pool
            let inside: Vec<usize> = p.install(|| {
                use rayon::prelude::*;
                (0..64)
                    .into_par_iter()
                    .map(|_| rayon::current_num_threads())
                    .collect()
            });
            assert!(inside.iter().all(|&k| k == n), "{inside:?}");
        }
    }

    #[test]
    fn each_finished_document_is_reported_once() {
        let p = Pipeline::builder().threads(2).build().unwrap();
        let docs = || {
            vec![
                Document::new("a", "a.txt", "Sở Y tế tỉnh Cà Mau họp báo."),
                Document::failed("b", "b.txt", DocError::new("empty", "no text")),
                Document::new("c", "c.txt", "Ông Lê Văn Tâm dự hội nghị."),
            ]
        };
        let done = AtomicUsize::new(0);
        let seen = p.process_batch_with(docs(), &|| {
            done.fetch_add(1, Ordering::SeqCst);
        });
        assert_eq!(done.load(Ordering::SeqCst), 3);
        let plain = p.process_batch(docs());
        let json = |d: &[Document]| serde_json::to_string(d).unwrap();
        assert_eq!(json(&seen), json(&plain));
    }
}
