//! Relation scoring against gold facts in the format of `seeds.gold.jsonl`.
//!
//! Gold lines are `{"doc", "officials": [...], "index_results": [...], "documents": [...]}`.
//! Predicted lines are extract output (`relations` with `type` and `values`), or gold-format
//! lines. Documents are paired by id / file stem (`spans::doc_keys`). Within a document, facts
//! are sets: duplicates are counted once. A fact is identified by its key:
//! - `official`: (person, role, province);
//! - `index_result`: (index, province, year), and it is correct only when `score` and `rank`
//!   agree with the gold where the gold states them (scores within 1e-6, ranks equal);
//! - `document`: (ref).
//!
//! Normalization of key strings: NFC, tone-mark placement and lower case (`text::match_key`),
//! whitespace runs collapsed to one space and trimmed; provinces lose a leading "tỉnh",
//! "thành phố", "tp." or "tp"; index names and document refs also drop spaces and hyphens
//! ("PAR INDEX" = "Par Index" = "Parindex", "1275/KH-UBND" = "1275/KH - UBND"); a missing value and
//! `null` are the same empty key part; years may be numbers or strings. Numbers may be written
//! with "," decimals ("81,47"). Predicted facts that match no gold fact are false positives;
//! gold facts without a correct prediction are misses (a prediction with the right key and a
//! wrong score or rank is both).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{Map, Value};

use super::scheme::Prf;
use crate::document::RelationType;
use crate::text::match_key;

/// One fact, normalized for matching.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub kind: RelationType,
    pub key: Vec<String>,
    pub score: Option<f64>,
    pub rank: Option<i64>,
    /// Readable form for error listings.
    pub display: String,
    /// Evidence span (code points), for predicted facts.
    pub evidence: Option<(usize, usize)>,
    /// The name to look for in the text when showing a missed fact.
    pub anchor: String,
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Key form of a name (person, role, org): match key, whitespace collapsed.
pub fn norm_name(s: &str) -> String {
    collapse(&match_key(s))
}

/// Key form of a province: `norm_name` without a leading "tỉnh" / "thành phố" / "tp." / "tp".
pub fn norm_province(s: &str) -> String {
    let n = norm_name(s);
    for prefix in ["tỉnh ", "thành phố ", "tp. ", "tp.", "tp "] {
        if let Some(rest) = n.strip_prefix(prefix) {
            return rest.trim().to_string();
        }
    }
    n
}

/// Key form of an index name or a document ref: `norm_name` without spaces and hyphens.
pub fn norm_compact(s: &str) -> String {
    norm_name(s)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

fn text_of(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// A number from a JSON number or a string such as "81,47" / "21/63" (first number).
pub fn number(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => {
            let t: String = s
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'))
                .collect();
            t.replace(',', ".").parse().ok()
        }
        _ => None,
    }
}

fn year(v: Option<&Value>) -> String {
    number(v)
        .map(|y| (y as i64).to_string())
        .unwrap_or_default()
}

/// Build a fact from a type and its values.
pub fn fact(kind: RelationType, values: &Map<String, Value>) -> Fact {
    let g = |k: &str| values.get(k);
    let (key, display, anchor) = match kind {
        RelationType::Official => (
            vec![
                norm_name(&text_of(g("person"))),
                norm_name(&text_of(g("role"))),
                norm_province(&text_of(g("province"))),
            ],
            format!(
                "official person={:?} role={:?} province={:?}",
                text_of(g("person")),
                text_of(g("role")),
                text_of(g("province"))
            ),
            text_of(g("person")),
        ),
        RelationType::IndexResult => (
            vec![
                norm_compact(&text_of(g("index"))),
                norm_province(&text_of(g("province"))),
                year(g("year")),
            ],
            format!(
                "index_result index={:?} province={:?} year={} score={} rank={}",
                text_of(g("index")),
                text_of(g("province")),
                year(g("year")),
                text_of(g("score")),
                text_of(g("rank"))
            ),
            text_of(g("index")),
        ),
        RelationType::Document => (
            vec![norm_compact(&text_of(g("ref")))],
            format!("document ref={:?}", text_of(g("ref"))),
            text_of(g("ref")),
        ),
    };
    let (score, rank) = if kind == RelationType::IndexResult {
        (number(g("score")), number(g("rank")).map(|r| r as i64))
    } else {
        (None, None)
    };
    Fact {
        kind,
        key,
        score,
        rank,
        display,
        evidence: None,
        anchor,
    }
}

/// The facts of one JSON line: extract output (`relations`) or gold format.
pub fn facts_of_line(v: &Value) -> Vec<Fact> {
    let mut out = Vec::new();
    if let Some(rels) = v.get("relations").and_then(|r| r.as_array()) {
        for r in rels {
            let kind = match r.get("type").and_then(|t| t.as_str()) {
                Some("official") => RelationType::Official,
                Some("index_result") => RelationType::IndexResult,
                Some("document") => RelationType::Document,
                _ => continue,
            };
            let empty = Map::new();
            let values = r
                .get("values")
                .and_then(|x| x.as_object())
                .unwrap_or(&empty);
            let mut f = fact(kind, values);
            let ev = r.get("evidence");
            if let (Some(s), Some(e)) = (
                ev.and_then(|e| e.get("start")).and_then(|x| x.as_u64()),
                ev.and_then(|e| e.get("end")).and_then(|x| x.as_u64()),
            ) {
                f.evidence = Some((s as usize, e as usize));
            }
            out.push(f);
        }
        return out;
    }
    for (field, kind) in [
        ("officials", RelationType::Official),
        ("index_results", RelationType::IndexResult),
        ("documents", RelationType::Document),
    ] {
        for item in v
            .get(field)
            .and_then(|x| x.as_array())
            .into_iter()
            .flatten()
        {
            if let Some(obj) = item.as_object() {
                out.push(fact(kind, obj));
            }
        }
    }
    out
}

/// Whether a prediction agrees with a gold fact (same key; score and rank where gold has them).
pub fn agrees(gold: &Fact, pred: &Fact) -> bool {
    gold.kind == pred.kind
        && gold.key == pred.key
        && gold
            .score
            .is_none_or(|g| pred.score.is_some_and(|p| (g - p).abs() < 1e-6))
        && gold.rank.is_none_or(|g| pred.rank == Some(g))
}

/// Counts of one relation type.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RelCounts {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl RelCounts {
    pub fn prf(&self) -> Prf {
        let p = if self.tp + self.fp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        };
        let r = if self.tp + self.fn_ == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        };
        Prf::new(p, r)
    }

    pub fn add(&mut self, o: &RelCounts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// One relation miss or false positive.
#[derive(Debug, Clone)]
pub struct RelMismatch {
    pub missed: bool,
    pub fact: Fact,
    /// For a miss: a prediction with the same key whose values disagree.
    pub near: Option<Fact>,
}

/// Score one document's predicted facts against its gold facts.
pub fn score_doc(
    gold: &[Fact],
    pred: &[Fact],
) -> (BTreeMap<RelationType, RelCounts>, Vec<RelMismatch>) {
    let mut gold_u: Vec<&Fact> = Vec::new();
    for g in gold {
        if !gold_u
            .iter()
            .any(|x| x.kind == g.kind && x.key == g.key && x.score == g.score && x.rank == g.rank)
        {
            gold_u.push(g);
        }
    }
    let mut pred_u: Vec<&Fact> = Vec::new();
    for p in pred {
        if !pred_u
            .iter()
            .any(|x| x.kind == p.kind && x.key == p.key && x.score == p.score && x.rank == p.rank)
        {
            pred_u.push(p);
        }
    }
    let mut counts: BTreeMap<RelationType, RelCounts> = BTreeMap::new();
    let mut used = vec![false; pred_u.len()];
    let mut mism = Vec::new();
    for g in gold_u {
        let c = counts.entry(g.kind).or_default();
        match (0..pred_u.len()).find(|&i| !used[i] && agrees(g, pred_u[i])) {
            Some(i) => {
                used[i] = true;
                c.tp += 1;
            }
            None => {
                c.fn_ += 1;
                let near = pred_u
                    .iter()
                    .find(|p| p.kind == g.kind && p.key == g.key)
                    .map(|p| (*p).clone());
                mism.push(RelMismatch {
                    missed: true,
                    fact: g.clone(),
                    near,
                });
            }
        }
    }
    for (i, p) in pred_u.iter().enumerate() {
        if !used[i] {
            counts.entry(p.kind).or_default().fp += 1;
            mism.push(RelMismatch {
                missed: false,
                fact: (*p).clone(),
                near: None,
            });
        }
    }
    (counts, mism)
}

/// Result of the relation evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct RelationScores {
    /// type → counts and P/R/F1
    pub per_type: BTreeMap<RelationType, RelTypeResult>,
    pub micro: RelTypeResult,
}

#[derive(Debug, Clone, Serialize)]
pub struct RelTypeResult {
    #[serde(flatten)]
    pub counts: RelCounts,
    #[serde(flatten)]
    pub prf: Prf,
}

/// Sum per-document counts.
pub fn summarize(
    docs: &[BTreeMap<RelationType, RelCounts>],
    types: &BTreeSet<RelationType>,
) -> RelationScores {
    let mut per: BTreeMap<RelationType, RelCounts> =
        types.iter().map(|t| (*t, RelCounts::default())).collect();
    for d in docs {
        for (t, c) in d {
            per.entry(*t).or_default().add(c);
        }
    }
    let mut total = RelCounts::default();
    for c in per.values() {
        total.add(c);
    }
    RelationScores {
        per_type: per
            .iter()
            .map(|(t, c)| {
                (
                    *t,
                    RelTypeResult {
                        counts: *c,
                        prf: c.prf(),
                    },
                )
            })
            .collect(),
        micro: RelTypeResult {
            counts: total,
            prf: total.prf(),
        },
    }
}
