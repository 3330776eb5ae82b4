//! The pipeline: a list of stages (`stage::Stage`) that documents go through in order —
//! text → ner → rules → merge → relate by default.
//!
//! `Pipeline::builder()…build()?` loads the gazetteers and (optionally) the NER model once, or
//! takes another `EntityRecognizer`; `process` / `process_batch` run the stages. Every stage
//! runs inside the pipeline's thread pool (`--threads N` means N threads for all of them);
//! batches come back in input order. Reading inputs and writing output is the caller's
//! business (see `io` and `output`).

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::document::{DocError, Document};
use crate::ner::{NerEngine, NerOptions};
use crate::rules::RuleLayer;
use crate::stage::{
    check_order, EntityRecognizer, InFlight, MergeStage, NerStage, Product, RelateStage,
    RulesStage, Stage, TextStage,
};

/// Options for building a `Pipeline`.
#[derive(Clone)]
pub struct PipelineBuilder {
    ner: Option<NerOptions>,
    recognizer: Option<Arc<dyn EntityRecognizer>>,
    threads: usize,
    rules: bool,
}

impl std::fmt::Debug for PipelineBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PipelineBuilder")
            .field("ner", &self.ner)
            .field("recognizer", &self.recognizer.as_ref().map(|_| "…"))
            .field("threads", &self.threads)
            .field("rules", &self.rules)
            .finish()
    }
}

impl Default for PipelineBuilder {
    fn default() -> Self {
        PipelineBuilder {
            ner: None,
            recognizer: None,
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

    /// Run this recognizer as the `ner` stage instead of loading the ONNX model (it wins over
    /// `ner`).
    pub fn recognizer(mut self, recognizer: Arc<dyn EntityRecognizer>) -> Self {
        self.recognizer = Some(recognizer);
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
        let load_rules = |warm: bool| -> Result<Arc<RuleLayer>> {
            let rules = Arc::new(RuleLayer::load().context("loading the rule layer's gazetteers")?);
            if warm {
                warm_up(&rules);
            }
            Ok(rules)
        };
        let mut ner = None;
        let (rules, recognizer): (Arc<RuleLayer>, Option<Arc<dyn EntityRecognizer>>) =
            match (self.recognizer, self.ner) {
                (Some(r), _) => (load_rules(false)?, Some(r)),
                (None, Some(mut opts)) => {
                    opts.threads = self.threads;
                    let warm = self.rules;
                    let (rules, engine) = std::thread::scope(|s| -> Result<_> {
                        let rules = s.spawn(|| load_rules(warm));
                        let engine = NerEngine::load(&opts).context("loading the NER model");
                        let rules = rules
                            .join()
                            .map_err(|_| anyhow::anyhow!("loading the rule layer panicked"))??;
                        Ok((rules, Arc::new(engine?)))
                    })?;
                    ner = Some(engine.clone());
                    (rules, Some(engine as Arc<dyn EntityRecognizer>))
                }
                (None, None) => (load_rules(false)?, None),
            };
        let mut stages: Vec<Box<dyn Stage>> = vec![Box::new(TextStage)];
        if let Some(recognizer) = recognizer {
            stages.push(Box::new(NerStage { recognizer }));
        }
        if self.rules {
            stages.push(Box::new(RulesStage {
                rules: rules.clone(),
            }));
        }
        stages.push(Box::new(MergeStage {
            rules: self.rules.then(|| rules.clone()),
        }));
        stages.push(Box::new(RelateStage {
            rules: rules.clone(),
        }));
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .build()
            .context("starting worker threads")?;
        Pipeline::with_stages(stages, rules, ner, pool)
    }
}

/// The loaded stages. Cheap to share across threads (`&Pipeline`).
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
    rules: Arc<RuleLayer>,
    ner: Option<Arc<NerEngine>>,
    pool: rayon::ThreadPool,
}

impl Pipeline {
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// A pipeline of these stages, in this order (checked: each stage's needs are given by
    /// the stages before it).
    fn with_stages(
        stages: Vec<Box<dyn Stage>>,
        rules: Arc<RuleLayer>,
        ner: Option<Arc<NerEngine>>,
        pool: rayon::ThreadPool,
    ) -> Result<Pipeline> {
        check_order(&stages).map_err(anyhow::Error::msg)?;
        Ok(Pipeline {
            stages,
            rules,
            ner,
            pool,
        })
    }

    pub fn rules(&self) -> &RuleLayer {
        &self.rules
    }

    /// The ONNX engine, when the pipeline loaded one.
    pub fn ner(&self) -> Option<&NerEngine> {
        self.ner.as_deref()
    }

    /// The stage names, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
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
        docs: Vec<Document>,
        on_done: &(dyn Fn() + Sync),
    ) -> Vec<Document> {
        let mut batch: Vec<InFlight> = docs.into_iter().map(InFlight::new).collect();
        self.pool.install(|| self.run_stages(&mut batch, on_done));
        batch.into_iter().map(|d| d.doc).collect()
    }

    /// The stages in order; consecutive per-document stages run in one parallel pass, and
    /// `on_done` is called per document at the end of the last pass.
    fn run_stages(&self, batch: &mut [InFlight], on_done: &(dyn Fn() + Sync)) {
        let mut i = 0;
        while i < self.stages.len() {
            let mut j = i + 1;
            if self.stages[i].per_document() {
                while j < self.stages.len() && self.stages[j].per_document() {
                    j += 1;
                }
                let group = &self.stages[i..j];
                let last = j == self.stages.len();
                batch.par_iter_mut().for_each(|d| {
                    for s in group {
                        if d.analysis.is_some() || !s.needs().contains(&Product::Analysis) {
                            s.process_one(d);
                        }
                    }
                    if last {
                        on_done();
                    }
                });
                if last {
                    return;
                }
            } else {
                let s = &self.stages[i];
                if let Err(e) = s.process(batch) {
                    for d in batch.iter_mut().filter(|d| d.analysis.is_some()) {
                        d.doc.errors.push(DocError::new(s.name(), format!("{e:#}")));
                    }
                }
            }
            i = j;
        }
        batch.iter().for_each(|_| on_done());
    }
}

/// Run the rule and relation stages once on a built-in text of the kinds they look for (dates,
/// a decision with its reference and signer, an index score and rank, an appointment), so
/// their lazily compiled regexes are ready. Only compiled patterns are cached: the output of
/// later documents does not change.
fn warm_up(rules: &Arc<RuleLayer>) {
    const TEXT: &str = "Ngày 12/3/2024, Chủ tịch UBND tỉnh Quảng Trị Hoàng Quốc Bảo đã ký Quyết \
        định số 123/QĐ-UBND về việc bổ nhiệm ông Lê Minh Tuấn giữ chức Giám đốc Sở Nội vụ.\n\n\
        Năm 2023, Chỉ số cải cách hành chính (PAR INDEX) của tỉnh đạt 85,5 điểm, xếp thứ 10/63 \
        tỉnh, thành phố; Chỉ số SIPAS đạt 82,1%. Sáng 5/4, Thứ trưởng Bộ Nội vụ làm việc tại \
        Hà Nội theo Kế hoạch số 45/KH-BNV ngày 1 tháng 2 năm 2024.";
    let mut item = InFlight::analyzed(Document::new("warm-up", "", TEXT));
    let stages: [Box<dyn Stage>; 3] = [
        Box::new(RulesStage {
            rules: rules.clone(),
        }),
        Box::new(MergeStage {
            rules: Some(rules.clone()),
        }),
        Box::new(RelateStage {
            rules: rules.clone(),
        }),
    ];
    if item.analysis.is_some() {
        stages.iter().for_each(|s| s.process_one(&mut item));
    }
}

/// Where the shipped model lives, relative to the repo or the executable.
pub fn default_model_dir() -> Option<PathBuf> {
    crate::ner::locate::default_model_dir()
}

/// Where one of the shipped models lives, relative to the repo or the executable.
pub fn shipped_model_dir(which: crate::ner::locate::ShippedModel) -> Option<PathBuf> {
    crate::ner::locate::shipped_model_dir(which)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Label;
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

    /// A recognizer that records the pool it runs in, and the threads of a parallel job
    /// started inside it (as the ONNX engine's tokenizing and decoding are).
    #[derive(Default)]
    struct Probe {
        pools: std::sync::Mutex<Vec<usize>>,
        threads: std::sync::Mutex<std::collections::HashSet<std::thread::ThreadId>>,
    }

    impl EntityRecognizer for Probe {
        fn recognize(&self, batch: &mut [InFlight]) -> Result<()> {
            self.pools
                .lock()
                .unwrap()
                .push(rayon::current_num_threads());
            (0..256).into_par_iter().for_each(|_| {
                std::thread::sleep(std::time::Duration::from_micros(50));
                self.threads
                    .lock()
                    .unwrap()
                    .insert(std::thread::current().id());
            });
            for d in batch.iter_mut().filter(|d| d.analysis.is_some()) {
                d.doc.entities.push(crate::document::Entity {
                    id: String::new(),
                    label: Label::Per,
                    start: 0,
                    end: 1,
                    text: d.doc.slice_chars(0, 1),
                    score: 0.5,
                    source: crate::document::EntitySource::Model,
                    norm: None,
                });
            }
            Ok(())
        }
        fn entity_types(&self) -> Vec<String> {
            vec!["PER".into()]
        }
    }

    #[test]
    fn every_stage_runs_on_the_configured_threads() {
        for n in [1, 2] {
            let probe = Arc::new(Probe::default());
            let p = Pipeline::builder()
                .threads(n)
                .recognizer(probe.clone())
                .build()
                .unwrap();
            assert_eq!(p.stage_names(), ["text", "ner", "rules", "merge", "relate"]);
            let docs: Vec<Document> = (0..8)
                .map(|i| Document::new(format!("d{i}"), "t.txt", "Ông Lê Văn Tâm dự họp."))
                .collect();
            // called from outside any pool: the stages must not fall back to rayon's global one
            let out = p.process_batch(docs);
            assert_eq!(out.len(), 8);
            assert!(out.iter().all(|d| d.errors.is_empty()));
            assert_eq!(*probe.pools.lock().unwrap(), [n]);
            let used = probe.threads.lock().unwrap().len();
            assert!(used <= n, "{used} threads used with --threads {n}");
        }
    }

    #[test]
    fn a_failing_recognizer_marks_the_batch() {
        struct Broken;
        impl EntityRecognizer for Broken {
            fn recognize(&self, _: &mut [InFlight]) -> Result<()> {
                anyhow::bail!("backend down")
            }
            fn entity_types(&self) -> Vec<String> {
                Vec::new()
            }
        }
        let p = Pipeline::builder()
            .threads(1)
            .recognizer(Arc::new(Broken))
            .build()
            .unwrap();
        let d = p.process(Document::new("a", "a.txt", "Sở Y tế tỉnh Cà Mau họp báo."));
        assert_eq!(d.errors, [DocError::new("ner", "backend down")]);
        // the other stages still ran
        assert!(
            d.entities.iter().any(|e| e.label == Label::Org),
            "{:?}",
            d.entities
        );
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
