//! `nerlink eval`: entity and relation scores of predictions against gold annotations.
//!
//! Entities (`spans`, `scheme`): gold and predictions as JSONL spans or CoNLL, paired by
//! document id, or aligned by characters when one side is CoNLL; scored per label and
//! micro/macro in the four SemEval-2013 schemes (strict, exact, partial, type) with
//! COR/INC/PAR/MIS/SPU/POS/ACT counts. Relations (`relations`): gold facts in the format of
//! `seeds.gold.jsonl` (one or several files) against the `relations` of extract output, P/R/F1
//! per type with the same keys, normalization and counts as `relations-dev/score.py`, and its
//! summary line. `render` prints the table, the JSON and the error listing. It does not run the
//! pipeline.
//!
//! A gold file given to the wrong flag is an error, not a silent zero: a JSONL whose lines carry
//! relation gold (`officials` / `index_results` / `documents` / `excluded_roles`) and no entities,
//! given as `--gold`, and an entity file (CoNLL, or JSONL with `entities` / `spans` / `label` and
//! neither relation gold nor `relations`) given as `--gold-relations`.

pub(crate) mod relations;
pub mod render;
pub mod scheme;
pub mod spans;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::Serialize;
use serde_json::Value;

use crate::export::tokens::sentence_around;
use crate::text::NormText;
use relations::{Fact, MismatchKind, RelDoc, RelationScores};
use scheme::{EntityScores, Outcome};
use spans::{Span, SpanDoc};

/// What to evaluate.
#[derive(Debug, Clone, Default)]
pub struct EvalOptions {
    /// Gold entities (JSONL spans or CoNLL).
    pub gold: Option<PathBuf>,
    /// Predictions: extract JSONL (or CoNLL for entities only).
    pub pred: PathBuf,
    /// Gold relations (seeds.gold.jsonl format); a later file's document replaces an earlier
    /// one with the same key.
    pub gold_relations: Vec<PathBuf>,
    /// Only these entity labels.
    pub labels: Option<Vec<String>>,
    /// Collect every miss and false positive with its sentence.
    pub collect_errors: bool,
}

/// One miss or false positive, for `--errors`.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorItem {
    pub doc: String,
    /// missed, spurious, wrong_label, wrong_span, wrong_span_and_label (entities); missed,
    /// wrong_values (right key, wrong score/rank), false_positive (relations)
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gold: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pred: Option<Value>,
    /// The sentence around it ("" when unknown).
    pub sentence: String,
}

/// Entity results.
#[derive(Debug, Clone, Serialize)]
pub struct EntityEval {
    /// Documents scored.
    pub documents: usize,
    pub labels: Vec<String>,
    #[serde(flatten)]
    pub scores: EntityScores,
    #[serde(skip)]
    pub errors: Vec<ErrorItem>,
}

/// Relation results.
#[derive(Debug, Clone, Serialize)]
pub struct RelationEval {
    /// Gold documents (after later files replaced earlier ones with the same key).
    pub documents: usize,
    /// Gold documents with no prediction (all their facts count as missed).
    pub missing_docs: Vec<String>,
    #[serde(flatten)]
    pub scores: RelationScores,
    /// score.py's summary line.
    pub summary: String,
    #[serde(skip)]
    pub errors: Vec<ErrorItem>,
}

/// Everything `eval` found.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entities: Option<EntityEval>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relations: Option<RelationEval>,
    /// Things the user should know (unpaired documents, dropped spans).
    pub notes: Vec<String>,
}

impl EvalReport {
    /// The F1 `--min-f1` is checked against: strict micro F1 of the entities, or the relations
    /// F1 (officials + index results, as score.py's summary) when only relations were evaluated.
    pub fn gate_f1(&self) -> Option<f64> {
        if let Some(e) = &self.entities {
            return Some(e.scores.micro["strict"].prf.f1);
        }
        self.relations.as_ref().map(|r| r.scores.all.prf.f1)
    }
}

/// Run the evaluation.
pub fn evaluate(opts: &EvalOptions) -> Result<EvalReport> {
    if opts.gold.is_none() && opts.gold_relations.is_empty() {
        bail!("nothing to evaluate: give --gold (entities) and/or --gold-relations");
    }
    let mut report = EvalReport {
        entities: None,
        relations: None,
        notes: Vec::new(),
    };
    if let Some(g) = &opts.gold {
        check_entity_gold(g)?;
        report.entities = Some(
            eval_entities(g, &opts.pred, opts, &mut report.notes).context("evaluating entities")?,
        );
    }
    if !opts.gold_relations.is_empty() {
        for g in &opts.gold_relations {
            check_relation_gold(g)?;
        }
        report.relations = Some(
            eval_relations(
                &opts.gold_relations,
                &opts.pred,
                opts.collect_errors,
                &mut report.notes,
            )
            .context("evaluating relations")?,
        );
    }
    Ok(report)
}

/// One document to score: its name, the text errors are shown in, gold and predicted spans.
struct Unit {
    name: String,
    text: Option<String>,
    gold: Vec<Span>,
    pred: Vec<Span>,
}

fn name_of(d: &SpanDoc, i: usize) -> String {
    d.id.clone().unwrap_or_else(|| format!("#{}", i + 1))
}

fn pair_units(
    gold: Vec<SpanDoc>,
    pred: Vec<SpanDoc>,
    notes: &mut Vec<String>,
) -> Result<Vec<Unit>> {
    let gold_conll = gold.iter().any(|d| d.id.is_none());
    let pred_conll = pred.iter().any(|d| d.id.is_none());
    let mut units = Vec::new();
    if !gold_conll && !pred_conll {
        let idx = spans::key_index(pred.iter().map(|d| (d.id.as_deref(), d.source.as_deref())));
        let mut used = vec![false; pred.len()];
        let mut unpaired = Vec::new();
        for g in gold {
            let keys = spans::doc_keys(g.id.as_deref(), g.source.as_deref());
            let name = g.id.clone().unwrap_or_default();
            match spans::lookup(&idx, &keys) {
                Some(pi) => {
                    used[pi] = true;
                    let p = &pred[pi];
                    units.push(Unit {
                        name,
                        text: p.text.clone().or(g.text),
                        gold: g.spans,
                        pred: p.spans.clone(),
                    });
                }
                None => {
                    unpaired.push(name.clone());
                    units.push(Unit {
                        name,
                        text: g.text,
                        gold: g.spans,
                        pred: Vec::new(),
                    });
                }
            }
        }
        if !unpaired.is_empty() {
            notes.push(format!(
                "{} gold document(s) have no prediction; their entities count as missed: {}",
                unpaired.len(),
                unpaired.join(", ")
            ));
        }
        let extra = used.iter().filter(|u| !**u).count();
        if extra > 0 {
            notes.push(format!(
                "{extra} predicted document(s) have no gold; not scored"
            ));
        }
        return Ok(units);
    }
    // one side is CoNLL: align it onto the other side's texts
    let (aligned_side, target_side, gold_is_aligned) = if gold_conll {
        (gold, pred, true)
    } else {
        (pred, gold, false)
    };
    if !gold_is_aligned && target_side.iter().any(|d| d.text.is_none()) {
        bail!(
            "predictions are CoNLL but the gold JSONL has no \"text\": cannot align them; \
             give the predictions as extract JSONL"
        );
    }
    let texts: Vec<Option<&str>> = target_side.iter().map(|d| d.text.as_deref()).collect();
    let names: Vec<String> = target_side
        .iter()
        .enumerate()
        .map(|(i, d)| name_of(d, i))
        .collect();
    let al = spans::align(&aligned_side, &texts, &names)?;
    if al.dropped > 0 {
        notes.push(format!(
            "{} CoNLL span(s) could not be placed on the texts (they cross a document boundary)",
            al.dropped
        ));
    }
    let mut uncovered = 0;
    for (i, (d, placed)) in target_side.iter().zip(al.spans).enumerate() {
        if gold_is_aligned && !al.covered[i] {
            uncovered += 1;
            continue;
        }
        let (g, p) = if gold_is_aligned {
            (placed, d.spans.clone())
        } else {
            (d.spans.clone(), placed)
        };
        units.push(Unit {
            name: names[i].clone(),
            text: d.text.clone(),
            gold: g,
            pred: p,
        });
    }
    if uncovered > 0 {
        notes.push(format!(
            "{uncovered} predicted document(s) are not in the gold CoNLL; not scored"
        ));
    }
    Ok(units)
}

fn span_json(s: &Span, chars: Option<&[char]>) -> Value {
    let text: Option<String> = chars.and_then(|c| {
        (s.end <= c.len() && s.start <= s.end).then(|| c[s.start..s.end].iter().collect())
    });
    serde_json::json!({"start": s.start, "end": s.end, "label": s.label, "text": text})
}

fn sentence_text(chars: &[char], a: usize, b: usize) -> String {
    let s: String = chars[a.min(chars.len())..b.min(chars.len())]
        .iter()
        .collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 400 {
        let cut: String = s.chars().take(400).collect();
        format!("{cut}…")
    } else {
        s
    }
}

fn eval_entities(
    gold_path: &Path,
    pred_path: &Path,
    opts: &EvalOptions,
    notes: &mut Vec<String>,
) -> Result<EntityEval> {
    let gold = spans::load(gold_path)?;
    let pred = spans::load(pred_path)?;
    let mut units = pair_units(gold, pred, notes)?;
    let filter: Option<BTreeSet<String>> = opts.labels.as_ref().map(|l| {
        l.iter()
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect()
    });
    let mut labels = BTreeSet::new();
    let mut outside = 0;
    for u in &mut units {
        if let Some(f) = &filter {
            u.gold.retain(|s| f.contains(&s.label));
            u.pred.retain(|s| f.contains(&s.label));
        }
        for s in u.gold.iter().chain(&u.pred) {
            labels.insert(s.label.clone());
        }
        if let Some(t) = &u.text {
            let n = t.chars().count();
            outside += u.gold.iter().filter(|s| s.end > n).count();
        }
    }
    if outside > 0 {
        notes.push(format!(
            "{outside} gold span(s) end past the predicted text: are gold and predictions on the same texts?"
        ));
    }
    if let Some(f) = &filter {
        labels = f.clone();
    }
    let mut docs = Vec::with_capacity(units.len());
    let mut errors = Vec::new();
    for u in &units {
        let ds = scheme::score_doc(&u.gold, &u.pred);
        if opts.collect_errors && !ds.mismatches.is_empty() {
            let chars: Option<Vec<char>> = u.text.as_ref().map(|t| t.chars().collect());
            for m in &ds.mismatches {
                let pos = m
                    .gold
                    .as_ref()
                    .or(m.pred.as_ref())
                    .map(|s| s.start)
                    .unwrap_or(0);
                let sentence = chars
                    .as_deref()
                    .map(|c| {
                        let (a, b) = sentence_around(c, pos);
                        sentence_text(c, a, b)
                    })
                    .unwrap_or_default();
                let kind = match m.outcome {
                    Outcome::Missed => "missed",
                    Outcome::Spurious => "spurious",
                    Outcome::WrongLabel => "wrong_label",
                    Outcome::WrongSpan => "wrong_span",
                    Outcome::WrongSpanAndLabel => "wrong_span_and_label",
                };
                errors.push(ErrorItem {
                    doc: u.name.clone(),
                    kind: kind.into(),
                    gold: m.gold.as_ref().map(|s| span_json(s, chars.as_deref())),
                    pred: m.pred.as_ref().map(|s| span_json(s, chars.as_deref())),
                    sentence,
                });
            }
        }
        docs.push(ds);
    }
    let scores = scheme::summarize(&docs, &labels);
    Ok(EntityEval {
        documents: units.len(),
        labels: labels.into_iter().collect(),
        scores,
        errors,
    })
}

/// What the lines of a JSONL file carry, for telling gold files apart.
#[derive(Debug, Default)]
struct Shape {
    jsonl: bool,
    /// Lines with `entities` / `spans` / `label`.
    entity_lines: usize,
    /// Lines with `officials` / `index_results` / `documents` / `excluded_roles`.
    relation_gold_lines: usize,
    /// Lines with extract `relations`.
    extract_lines: usize,
}

fn shape(path: &Path) -> Result<Shape> {
    let content =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut s = Shape {
        jsonl: spans::is_jsonl(&content),
        ..Shape::default()
    };
    if !s.jsonl {
        return Ok(s);
    }
    for line in content.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let has = |fields: &[&str]| fields.iter().any(|f| v.get(f).is_some());
        s.entity_lines += usize::from(has(&["entities", "spans", "label"]));
        s.relation_gold_lines += usize::from(
            relations::gold_fields()
                .chain(relations::excluded_fields())
                .any(|f| v.get(f).is_some()),
        );
        s.extract_lines += usize::from(has(&["relations"]));
    }
    Ok(s)
}

/// `"officials", "index_results", "documents"`: the gold fields of every relation kind.
fn quoted_gold_fields() -> String {
    relations::gold_fields()
        .map(|f| format!("\"{f}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `--gold` must not be a relations gold file (it would score zero entities).
fn check_entity_gold(path: &Path) -> Result<()> {
    let s = shape(path)?;
    if s.jsonl && s.entity_lines == 0 && s.relation_gold_lines > 0 {
        bail!(
            "{} has relation gold ({}) and no entities: this looks like a relations gold file: \
             use --gold-relations",
            path.display(),
            quoted_gold_fields()
        );
    }
    Ok(())
}

/// `--gold-relations` must not be an entity gold file (it would score zero relations).
fn check_relation_gold(path: &Path) -> Result<()> {
    let s = shape(path)?;
    if !s.jsonl {
        bail!(
            "{} is not JSONL (CoNLL?): this looks like an entity gold file: use --gold",
            path.display()
        );
    }
    if s.relation_gold_lines == 0 && s.extract_lines == 0 && s.entity_lines > 0 {
        bail!(
            "{} has entities and no relation gold ({}): this looks like an entity gold file: \
             use --gold",
            path.display(),
            quoted_gold_fields()
        );
    }
    Ok(())
}

fn read_rel_docs(path: &Path, side: relations::Side) -> Result<Vec<RelDoc>> {
    let content =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    if !spans::is_jsonl(&content) {
        bail!("{} is not JSONL; relations need JSONL", path.display());
    }
    let mut out = Vec::new();
    for (i, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line)
            .with_context(|| format!("{} line {}: not JSON", path.display(), i + 1))?;
        out.push(relations::rel_doc(&v, i + 1, side));
    }
    Ok(out)
}

/// Sentence of the first occurrence of `needle` in `text` (case- and tone-insensitive).
fn find_sentence(text: &str, chars: &[char], needle: &str) -> String {
    if needle.trim().is_empty() {
        return String::new();
    }
    let norm = NormText::new(text);
    let key = crate::text::match_key(needle);
    let Some(b) = norm.lower.text.find(&key) else {
        return String::new();
    };
    let c = norm.lower.char_at_byte(b);
    let (os, _) = norm.to_orig(c, c + 1);
    let (a, e) = sentence_around(chars, os);
    sentence_text(chars, a, e)
}

fn fact_json(f: Option<&Fact>) -> Option<Value> {
    f.map(|f| Value::String(f.display.clone()))
}

fn eval_relations(
    gold_paths: &[PathBuf],
    pred_path: &Path,
    collect_errors: bool,
    notes: &mut Vec<String>,
) -> Result<RelationEval> {
    let mut gold = Vec::new();
    for g in gold_paths {
        gold.extend(read_rel_docs(g, relations::Side::Gold)?);
    }
    let gold = relations::by_key(gold);
    let pred = relations::by_key(read_rel_docs(pred_path, relations::Side::Pred)?);
    let idx: HashMap<&Option<String>, &RelDoc> = pred.iter().map(|p| (&p.key, p)).collect();
    let mut per_doc = Vec::new();
    let mut errors = Vec::new();
    let mut missing = Vec::new();
    for g in &gold {
        let p = idx.get(&g.key).copied();
        if p.is_none() {
            missing.push(g.name.clone());
        }
        let ds = relations::score_doc(g, p);
        if collect_errors {
            let text = p.and_then(|p| p.text.as_deref()).or(g.text.as_deref());
            let chars: Option<Vec<char>> = text.map(|t| t.chars().collect());
            for m in &ds.mismatches {
                let evidence = m.pred.as_ref().and_then(|f| f.evidence);
                let anchor = m
                    .gold
                    .as_ref()
                    .or(m.pred.as_ref())
                    .map(|f| f.anchor.as_str());
                let sentence = match (&chars, evidence, text, anchor) {
                    (Some(c), Some((a, b)), _, _) => sentence_text(c, a, b),
                    (Some(c), None, Some(t), Some(anchor)) => find_sentence(t, c, anchor),
                    _ => String::new(),
                };
                errors.push(ErrorItem {
                    doc: g.name.clone(),
                    kind: match m.kind {
                        MismatchKind::Missed => "missed",
                        MismatchKind::FalsePositive => "false_positive",
                        MismatchKind::WrongValues => "wrong_values",
                    }
                    .into(),
                    gold: fact_json(m.gold.as_ref()),
                    pred: fact_json(m.pred.as_ref()),
                    sentence,
                });
            }
        }
        per_doc.push(ds);
    }
    if !missing.is_empty() {
        notes.push(format!(
            "{} gold document(s) have no prediction; their relations count as missed: {}",
            missing.len(),
            missing.join(", ")
        ));
    }
    let gold_keys: BTreeSet<&Option<String>> = gold.iter().map(|g| &g.key).collect();
    let extra = pred.iter().filter(|p| !gold_keys.contains(&p.key)).count();
    if extra > 0 {
        notes.push(format!(
            "{extra} predicted document(s) have no gold relations; not scored"
        ));
    }
    let scores = relations::summarize(&per_doc);
    Ok(RelationEval {
        documents: gold.len(),
        summary: scores.summary_line(missing.len()),
        missing_docs: missing,
        scores,
        errors,
    })
}
