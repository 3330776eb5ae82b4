//! Entity scoring in the SemEval-2013 task 9.1 sense, as computed by nervaluate.
//!
//! Each predicted entity is compared with the gold entities of its document, in order:
//! 1. same span and label: COR in every scheme;
//! 2. otherwise the first gold entity with the same span but another label: strict INC,
//!    type INC, exact COR, partial COR;
//! 3. otherwise the first gold entity it overlaps that no earlier prediction overlapped: strict
//!    INC, exact INC, partial PAR, and type COR if the labels agree, else INC;
//! 4. otherwise SPU in every scheme.
//!
//! Gold entities that no prediction touched are MIS in every scheme. Per-label counts go to the
//! gold label in cases 1–3 and MIS, to the predicted label for SPU. POS = COR + INC + PAR + MIS
//! (the gold count), ACT = COR + INC + PAR + SPU (the predicted count). Strict and exact:
//! P = COR / ACT, R = COR / POS; partial and type: P = (COR + ½·PAR) / ACT, R = (COR + ½·PAR) /
//! POS (type never has PAR). F1 = 2PR / (P + R). A ratio with a zero denominator is 0. Strict is
//! seqeval's exact span + type measure. Spans are code points, end exclusive; two spans
//! overlap when they share at least one code point.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::spans::Span;

/// Counts of one scheme.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub cor: usize,
    pub inc: usize,
    pub par: usize,
    pub mis: usize,
    pub spu: usize,
}

/// Precision, recall and F1.
#[derive(Debug, Default, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        a / b
    }
}

impl Prf {
    pub fn new(precision: f64, recall: f64) -> Prf {
        Prf {
            precision,
            recall,
            f1: ratio(2.0 * precision * recall, precision + recall),
        }
    }
}

impl Counts {
    pub fn pos(&self) -> usize {
        self.cor + self.inc + self.par + self.mis
    }

    pub fn act(&self) -> usize {
        self.cor + self.inc + self.par + self.spu
    }

    /// P/R/F1; `half_credit` for the partial and type schemes.
    pub fn prf(&self, half_credit: bool) -> Prf {
        let hit = self.cor as f64
            + if half_credit {
                0.5 * self.par as f64
            } else {
                0.0
            };
        Prf::new(ratio(hit, self.act() as f64), ratio(hit, self.pos() as f64))
    }

    fn add(&mut self, o: &Counts) {
        self.cor += o.cor;
        self.inc += o.inc;
        self.par += o.par;
        self.mis += o.mis;
        self.spu += o.spu;
    }
}

/// The four schemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    Strict,
    Exact,
    Partial,
    Type,
}

impl Scheme {
    pub const ALL: [Scheme; 4] = [Scheme::Strict, Scheme::Exact, Scheme::Partial, Scheme::Type];

    pub fn name(self) -> &'static str {
        match self {
            Scheme::Strict => "strict",
            Scheme::Exact => "exact",
            Scheme::Partial => "partial",
            Scheme::Type => "type",
        }
    }

    pub fn half_credit(self) -> bool {
        matches!(self, Scheme::Partial | Scheme::Type)
    }
}

/// Counts of all four schemes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Schemes {
    pub strict: Counts,
    pub exact: Counts,
    pub partial: Counts,
    pub ent_type: Counts,
}

impl Schemes {
    pub fn get(&self, s: Scheme) -> &Counts {
        match s {
            Scheme::Strict => &self.strict,
            Scheme::Exact => &self.exact,
            Scheme::Partial => &self.partial,
            Scheme::Type => &self.ent_type,
        }
    }

    pub fn add(&mut self, o: &Schemes) {
        self.strict.add(&o.strict);
        self.exact.add(&o.exact);
        self.partial.add(&o.partial);
        self.ent_type.add(&o.ent_type);
    }
}

/// What happened to one entity that was not exactly right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Gold entity nothing predicted touches.
    Missed,
    /// Prediction touching no gold entity.
    Spurious,
    /// Same span, other label.
    WrongLabel,
    /// Overlapping span, same label.
    WrongSpan,
    /// Overlapping span, other label.
    WrongSpanAndLabel,
}

/// One non-exact case, for `--errors`.
#[derive(Debug, Clone, Serialize)]
pub struct Mismatch {
    pub outcome: Outcome,
    pub gold: Option<Span>,
    pub pred: Option<Span>,
}

/// Scores of one document: overall, per label, and the mismatches.
#[derive(Debug, Default, Clone)]
pub struct DocScore {
    pub overall: Schemes,
    pub per_label: BTreeMap<String, Schemes>,
    pub mismatches: Vec<Mismatch>,
}

#[derive(Clone, Copy)]
enum Case {
    Cor,
    /// (strict, exact, partial, type)
    Mixed(u8, u8, u8, u8),
    Spu,
    Mis,
}

fn bump(c: &mut Counts, code: u8) {
    match code {
        0 => c.cor += 1,
        1 => c.inc += 1,
        2 => c.par += 1,
        _ => {}
    }
}

fn record(sc: &mut Schemes, case: Case) {
    match case {
        Case::Cor => {
            sc.strict.cor += 1;
            sc.exact.cor += 1;
            sc.partial.cor += 1;
            sc.ent_type.cor += 1;
        }
        Case::Mixed(s, e, p, t) => {
            bump(&mut sc.strict, s);
            bump(&mut sc.exact, e);
            bump(&mut sc.partial, p);
            bump(&mut sc.ent_type, t);
        }
        Case::Spu => {
            sc.strict.spu += 1;
            sc.exact.spu += 1;
            sc.partial.spu += 1;
            sc.ent_type.spu += 1;
        }
        Case::Mis => {
            sc.strict.mis += 1;
            sc.exact.mis += 1;
            sc.partial.mis += 1;
            sc.ent_type.mis += 1;
        }
    }
}

fn overlaps(a: &Span, b: &Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Score one document's predictions against its gold entities (see the module doc).
pub fn score_doc(gold: &[Span], pred: &[Span]) -> DocScore {
    let mut out = DocScore::default();
    let mut touched = vec![false; gold.len()];
    let put = |out: &mut DocScore, label: &str, case: Case| {
        record(&mut out.overall, case);
        record(out.per_label.entry(label.to_string()).or_default(), case);
    };
    for p in pred {
        if let Some(gi) = gold.iter().position(|g| g == p) {
            touched[gi] = true;
            put(&mut out, &p.label, Case::Cor);
            continue;
        }
        let mut found = false;
        for (gi, g) in gold.iter().enumerate() {
            if g.start == p.start && g.end == p.end && g.label != p.label {
                touched[gi] = true;
                put(&mut out, &g.label, Case::Mixed(1, 0, 0, 1));
                out.mismatches.push(Mismatch {
                    outcome: Outcome::WrongLabel,
                    gold: Some(g.clone()),
                    pred: Some(p.clone()),
                });
                found = true;
                break;
            } else if overlaps(g, p) && !touched[gi] {
                touched[gi] = true;
                let same = g.label == p.label;
                put(
                    &mut out,
                    &g.label,
                    Case::Mixed(1, 1, 2, if same { 0 } else { 1 }),
                );
                out.mismatches.push(Mismatch {
                    outcome: if same {
                        Outcome::WrongSpan
                    } else {
                        Outcome::WrongSpanAndLabel
                    },
                    gold: Some(g.clone()),
                    pred: Some(p.clone()),
                });
                found = true;
                break;
            }
        }
        if !found {
            put(&mut out, &p.label, Case::Spu);
            out.mismatches.push(Mismatch {
                outcome: Outcome::Spurious,
                gold: None,
                pred: Some(p.clone()),
            });
        }
    }
    for (gi, g) in gold.iter().enumerate() {
        if !touched[gi] {
            put(&mut out, &g.label, Case::Mis);
            out.mismatches.push(Mismatch {
                outcome: Outcome::Missed,
                gold: Some(g.clone()),
                pred: None,
            });
        }
    }
    out
}

/// P/R/F1 of one scheme.
#[derive(Debug, Clone, Serialize)]
pub struct SchemeResult {
    #[serde(flatten)]
    pub counts: Counts,
    pub possible: usize,
    pub actual: usize,
    #[serde(flatten)]
    pub prf: Prf,
}

impl SchemeResult {
    pub fn new(c: &Counts, s: Scheme) -> SchemeResult {
        SchemeResult {
            counts: *c,
            possible: c.pos(),
            actual: c.act(),
            prf: c.prf(s.half_credit()),
        }
    }
}

/// All results of one label set (micro over everything, per label, macro over labels).
#[derive(Debug, Clone, Serialize)]
pub struct EntityScores {
    /// scheme → micro result
    pub micro: BTreeMap<&'static str, SchemeResult>,
    /// scheme → mean of the per-label P, R and F1 (labels present in gold or predictions)
    pub macro_avg: BTreeMap<&'static str, Prf>,
    /// label → scheme → result
    pub per_label: BTreeMap<String, BTreeMap<&'static str, SchemeResult>>,
}

/// Sum document scores into micro / per-label / macro results over `labels`.
pub fn summarize(docs: &[DocScore], labels: &BTreeSet<String>) -> EntityScores {
    let mut overall = Schemes::default();
    let mut per: BTreeMap<String, Schemes> = labels
        .iter()
        .map(|l| (l.clone(), Schemes::default()))
        .collect();
    for d in docs {
        overall.add(&d.overall);
        for (l, s) in &d.per_label {
            per.entry(l.clone()).or_default().add(s);
        }
    }
    let micro = Scheme::ALL
        .iter()
        .map(|&s| (s.name(), SchemeResult::new(overall.get(s), s)))
        .collect();
    let per_label: BTreeMap<String, BTreeMap<&'static str, SchemeResult>> = per
        .iter()
        .map(|(l, sc)| {
            (
                l.clone(),
                Scheme::ALL
                    .iter()
                    .map(|&s| (s.name(), SchemeResult::new(sc.get(s), s)))
                    .collect(),
            )
        })
        .collect();
    let macro_avg = Scheme::ALL
        .iter()
        .map(|&s| {
            // labels that occur on either side
            let present: Vec<_> = per_label
                .values()
                .filter(|res| res["strict"].possible + res["strict"].actual > 0)
                .collect();
            let n = present.len().max(1) as f64;
            let (mut p, mut r, mut f) = (0.0, 0.0, 0.0);
            for res in present {
                let x = &res[s.name()].prf;
                p += x.precision;
                r += x.recall;
                f += x.f1;
            }
            (
                s.name(),
                Prf {
                    precision: p / n,
                    recall: r / n,
                    f1: f / n,
                },
            )
        })
        .collect();
    EntityScores {
        micro,
        macro_avg,
        per_label,
    }
}
