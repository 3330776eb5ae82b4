//! Output of `nerlink eval`: a readable table, the JSON for machines, and the error listing.
//!
//! The table shows, for entities, the four schemes with their counts and micro P/R/F1, then per
//! label the strict counts and P/R/F1 plus the F1 of the other schemes, then micro and macro
//! rows; for relations, TP/FP/FN and P/R/F1 per type, "relations" (officials + index results,
//! score.py's `all`) and micro (all three), matched officials with the right org, index key hits
//! and the documents missing from the predictions. Notes (unpaired documents and the like) come
//! after. `summary` is score.py's last line, which `nerlink eval` prints last (after the error
//! listing). The JSON is the `EvalReport` serialized, with `errors` added when asked.

use std::fmt::Write as _;

use serde_json::{json, Value};

use super::scheme::Scheme;
use super::{ErrorItem, EvalReport};
use crate::document::RelationType;

fn f(x: f64) -> String {
    format!("{x:.4}")
}

/// The human-readable tables.
pub fn table(r: &EvalReport) -> String {
    let mut s = String::new();
    if let Some(e) = &r.entities {
        let _ = writeln!(
            s,
            "Entities: {} document(s), labels: {}\n",
            e.documents,
            if e.labels.is_empty() {
                "(none)".to_string()
            } else {
                e.labels.join(" ")
            }
        );
        let _ = writeln!(
            s,
            "{:<9}{:>6}{:>6}{:>6}{:>6}{:>6}{:>6}{:>6} {:>10}{:>8}{:>8}",
            "scheme", "COR", "INC", "PAR", "MIS", "SPU", "POS", "ACT", "precision", "recall", "f1"
        );
        for sc in Scheme::ALL {
            let x = &e.scores.micro[sc.name()];
            let c = &x.counts;
            let _ = writeln!(
                s,
                "{:<9}{:>6}{:>6}{:>6}{:>6}{:>6}{:>6}{:>6} {:>10}{:>8}{:>8}",
                sc.name(),
                c.cor,
                c.inc,
                c.par,
                c.mis,
                c.spu,
                x.possible,
                x.actual,
                f(x.prf.precision),
                f(x.prf.recall),
                f(x.prf.f1)
            );
        }
        let _ = writeln!(
            s,
            "\n{:<10}{:>6}{:>6}{:>6}{:>6}{:>6}{:>6}{:>6} {:>10}{:>8}{:>8} {:>8}{:>8}{:>8}",
            "strict",
            "COR",
            "INC",
            "PAR",
            "MIS",
            "SPU",
            "POS",
            "ACT",
            "precision",
            "recall",
            "f1",
            "exact",
            "partial",
            "type"
        );
        let row =
            |s: &mut String,
             name: &str,
             res: &std::collections::BTreeMap<&str, super::scheme::SchemeResult>| {
                let x = &res["strict"];
                let c = &x.counts;
                let _ = writeln!(
                    s,
                    "{:<10}{:>6}{:>6}{:>6}{:>6}{:>6}{:>6}{:>6} {:>10}{:>8}{:>8} {:>8}{:>8}{:>8}",
                    name,
                    c.cor,
                    c.inc,
                    c.par,
                    c.mis,
                    c.spu,
                    x.possible,
                    x.actual,
                    f(x.prf.precision),
                    f(x.prf.recall),
                    f(x.prf.f1),
                    f(res["exact"].prf.f1),
                    f(res["partial"].prf.f1),
                    f(res["type"].prf.f1)
                );
            };
        for (label, res) in &e.scores.per_label {
            row(&mut s, label, res);
        }
        row(&mut s, "micro", &e.scores.micro);
        let m = &e.scores.macro_avg;
        let _ = writeln!(
            s,
            "{:<10}{:>42} {:>10}{:>8}{:>8} {:>8}{:>8}{:>8}",
            "macro",
            "",
            f(m["strict"].precision),
            f(m["strict"].recall),
            f(m["strict"].f1),
            f(m["exact"].f1),
            f(m["partial"].f1),
            f(m["type"].f1)
        );
        s.push('\n');
    }
    if let Some(rel) = &r.relations {
        let _ = writeln!(s, "Relations: {} gold document(s)\n", rel.documents);
        let _ = writeln!(
            s,
            "{:<14}{:>6}{:>6}{:>6} {:>10}{:>8}{:>8}",
            "type", "TP", "FP", "FN", "precision", "recall", "f1"
        );
        let rows = rel
            .scores
            .per_type
            .iter()
            .map(|(t, x)| (t.as_str(), x))
            .chain([("relations", &rel.scores.all), ("micro", &rel.scores.micro)]);
        for (t, x) in rows {
            let _ = writeln!(
                s,
                "{:<14}{:>6}{:>6}{:>6} {:>10}{:>8}{:>8}",
                t,
                x.counts.tp,
                x.counts.fp,
                x.counts.fn_,
                f(x.prf.precision),
                f(x.prf.recall),
                f(x.prf.f1)
            );
        }
        let per = &rel.scores.per_type;
        let _ = writeln!(
            s,
            "\nrelations = official + index_result (documents apart); micro = all three\n\
             officials matched with the right org: {} of {}; index results on a gold key: {}",
            per.get(&RelationType::Official)
                .and_then(|x| x.org_correct_of_matched)
                .unwrap_or(0),
            per.get(&RelationType::Official).map_or(0, |x| x.counts.tp),
            per.get(&RelationType::IndexResult)
                .and_then(|x| x.key_hits)
                .unwrap_or(0),
        );
        if !rel.missing_docs.is_empty() {
            let _ = writeln!(
                s,
                "missing from the predictions ({}): {}",
                rel.missing_docs.len(),
                rel.missing_docs.join(", ")
            );
        }
        s.push('\n');
    }
    for n in &r.notes {
        let _ = writeln!(s, "note: {n}");
    }
    s
}

fn describe(v: &Option<Value>) -> String {
    match v {
        None => "-".into(),
        Some(Value::String(s)) => s.clone(),
        Some(o) => format!(
            "{} {:?} [{}, {})",
            o["label"].as_str().unwrap_or(""),
            o["text"].as_str().unwrap_or(""),
            o["start"],
            o["end"]
        ),
    }
}

/// score.py's summary line, when relations were evaluated.
pub fn summary(r: &EvalReport) -> Option<&str> {
    r.relations.as_ref().map(|x| x.summary.as_str())
}

/// The error listing: one block per miss / false positive.
pub fn errors(r: &EvalReport) -> String {
    let mut s = String::new();
    let groups: [(&str, &[ErrorItem]); 2] = [
        (
            "entities",
            r.entities
                .as_ref()
                .map(|e| e.errors.as_slice())
                .unwrap_or(&[]),
        ),
        (
            "relations",
            r.relations
                .as_ref()
                .map(|e| e.errors.as_slice())
                .unwrap_or(&[]),
        ),
    ];
    for (what, items) in groups {
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(s, "Errors ({what}): {}", items.len());
        for e in items {
            let _ = writeln!(
                s,
                "  {}  {:<20} gold: {}  pred: {}",
                e.doc,
                e.kind,
                describe(&e.gold),
                describe(&e.pred)
            );
            if !e.sentence.is_empty() {
                let _ = writeln!(s, "      | {}", e.sentence);
            }
        }
        s.push('\n');
    }
    s
}

/// The report as JSON (`errors` included when `with_errors`).
pub fn json(r: &EvalReport, with_errors: bool) -> Value {
    let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
    if with_errors {
        if let (Some(e), Some(obj)) = (&r.entities, v.get_mut("entities")) {
            obj["errors"] = json!(e.errors);
        }
        if let (Some(e), Some(obj)) = (&r.relations, v.get_mut("relations")) {
            obj["errors"] = json!(e.errors);
        }
    }
    v
}
