//! `nerlink eval`: entity and relation scores of predictions against gold annotations.
//!
//! Entities (`spans`, `scheme`): gold and predictions as JSONL spans or CoNLL, paired by
//! document id, or aligned by characters when one side is CoNLL; scored per label and
//! micro/macro in the four SemEval-2013 schemes (strict, exact, partial, type) with
//! COR/INC/PAR/MIS/SPU/POS/ACT counts. Relations (`relations`): gold facts in the format of
//! `seeds.gold.jsonl` against the `relations` of extract output, P/R/F1 per type. `render`
//! prints the table, the JSON and the error listing. It does not run the pipeline.

pub mod relations;
pub mod render;
pub mod scheme;
pub mod spans;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::Serialize;
use serde_json::Value;

use crate::document::RelationType;
use crate::export::tokens::sentence_around;
use crate::text::NormText;
use relations::{Fact, RelationScores};
use scheme::{EntityScores, Outcome};
use spans::{Span, SpanDoc};

/// What to evaluate.
#[derive(Debug, Clone, Default)]
pub struct EvalOptions {
    /// Gold entities (JSONL spans or CoNLL).
    pub gold: Option<PathBuf>,
    /// Predictions: extract JSONL (or CoNLL for entities only).
    pub pred: PathBuf,
    /// Gold relations (seeds.gold.jsonl format).
    pub gold_relations: Option<PathBuf>,
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
    pub documents: usize,
    #[serde(flatten)]
    pub scores: RelationScores,
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
    /// The F1 `--min-f1` is checked against: strict micro F1 of the entities, or the relation
    /// micro F1 when only relations were evaluated.
    pub fn gate_f1(&self) -> Option<f64> {
        if let Some(e) = &self.entities {
            return Some(e.scores.micro["strict"].prf.f1);
        }
        self.relations.as_ref().map(|r| r.scores.micro.prf.f1)
    }
}

/// Run the evaluation.
pub fn evaluate(opts: &EvalOptions) -> Result<EvalReport> {
    if opts.gold.is_none() && opts.gold_relations.is_none() {
        bail!("nothing to evaluate: give --gold (entities) and/or --gold-relations");
    }
    let mut report = EvalReport {
        entities: None,
        relations: None,
        notes: Vec::new(),
    };
    if let Some(g) = &opts.gold {
        report.entities = Some(
            eval_entities(g, &opts.pred, opts, &mut report.notes).context("evaluating entities")?,
        );
    }
    if let Some(g) = &opts.gold_relations {
        report.relations = Some(
            eval_relations(g, &opts.pred, opts.collect_errors, &mut report.notes)
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

/// A document of a relations file: keys, facts and text.
struct RelDoc {
    name: String,
    keys: Vec<String>,
    facts: Vec<Fact>,
    text: Option<String>,
}

fn read_rel_docs(path: &Path) -> Result<Vec<RelDoc>> {
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
        let id = spans::id_of(&v);
        let source = v.get("source").and_then(|s| s.as_str());
        out.push(RelDoc {
            name: id.clone().unwrap_or_else(|| format!("line {}", i + 1)),
            keys: spans::doc_keys(id.as_deref(), source),
            facts: relations::facts_of_line(&v),
            text: v.get("text").and_then(|t| t.as_str()).map(String::from),
        });
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

fn eval_relations(
    gold_path: &Path,
    pred_path: &Path,
    collect_errors: bool,
    notes: &mut Vec<String>,
) -> Result<RelationEval> {
    let gold = read_rel_docs(gold_path)?;
    let pred = read_rel_docs(pred_path)?;
    let mut idx = std::collections::HashMap::new();
    for (i, p) in pred.iter().enumerate() {
        for k in &p.keys {
            idx.entry(k.clone()).or_insert(i);
        }
    }
    let mut used = vec![false; pred.len()];
    let mut per_doc = Vec::new();
    let mut errors = Vec::new();
    let mut unpaired = Vec::new();
    let empty: Vec<Fact> = Vec::new();
    for g in &gold {
        let pi = spans::lookup(&idx, &g.keys);
        if let Some(i) = pi {
            used[i] = true;
        } else {
            unpaired.push(g.name.clone());
        }
        let p = pi.map(|i| &pred[i]);
        let (counts, mism) = relations::score_doc(&g.facts, p.map(|p| &p.facts).unwrap_or(&empty));
        per_doc.push(counts);
        if collect_errors {
            let text = p.and_then(|p| p.text.as_deref()).or(g.text.as_deref());
            let chars: Option<Vec<char>> = text.map(|t| t.chars().collect());
            for m in mism {
                let sentence = match (&chars, m.fact.evidence, text) {
                    (Some(c), Some((a, b)), _) if !m.missed => sentence_text(c, a, b),
                    (Some(c), _, Some(t)) => {
                        let ev = m.near.as_ref().and_then(|n| n.evidence);
                        match ev {
                            Some((a, b)) => sentence_text(c, a, b),
                            None => find_sentence(t, c, &m.fact.anchor),
                        }
                    }
                    _ => String::new(),
                };
                let (gold_v, pred_v) = if m.missed {
                    (
                        Some(Value::String(m.fact.display.clone())),
                        m.near.as_ref().map(|n| Value::String(n.display.clone())),
                    )
                } else {
                    (None, Some(Value::String(m.fact.display.clone())))
                };
                errors.push(ErrorItem {
                    doc: g.name.clone(),
                    kind: if m.missed {
                        if m.near.is_some() {
                            "wrong_values"
                        } else {
                            "missed"
                        }
                    } else {
                        "false_positive"
                    }
                    .into(),
                    gold: gold_v,
                    pred: pred_v,
                    sentence,
                });
            }
        }
    }
    if !unpaired.is_empty() {
        notes.push(format!(
            "{} gold document(s) have no prediction; their relations count as missed: {}",
            unpaired.len(),
            unpaired.join(", ")
        ));
    }
    let extra = used.iter().filter(|u| !**u).count();
    if extra > 0 {
        notes.push(format!(
            "{extra} predicted document(s) have no gold relations; not scored"
        ));
    }
    let types: BTreeSet<RelationType> = [
        RelationType::Official,
        RelationType::IndexResult,
        RelationType::Document,
    ]
    .into_iter()
    .collect();
    Ok(RelationEval {
        documents: gold.len(),
        scores: relations::summarize(&per_doc, &types),
        errors,
    })
}
