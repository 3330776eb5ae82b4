//! Merging entity candidates from the model and the rules into one flat list.
//!
//! Policy (flat spans, outermost wins): identical spans with the same label become one entity
//! with source `model+rule`; domain labels (ROLE, INDEX, SCORE, RANK, DATE, DOC) come from the
//! rules and win over any overlapping model span; for PER/LOC/ORG the model's span wins unless
//! an overlapping rule (gazetteer) span is longer; otherwise the longer, then higher-scoring
//! span wins. A model span whose boundary falls inside a rule span (they cross: "Sở Nội vụ
//! Đoàn" against the rules' "Sở Nội vụ" + "Đoàn Văn Minh") is dropped, since the rules'
//! boundaries come from exact patterns. It does not find entities itself.

use std::collections::BTreeMap;

use crate::document::{Document, Entity, EntitySource};

/// Priority key of an entity in an overlap (higher wins): rule-made domain entities first,
/// then the longer span, then the model's span on ties, then the score.
fn priority(e: &Entity) -> (bool, usize, bool, i64) {
    let rule = e.source != EntitySource::Model;
    (
        rule && e.label.is_domain(),
        e.end - e.start,
        !rule,
        (e.score * 1e6) as i64,
    )
}

/// Resolve overlaps in `doc.entities` in place.
pub fn merge_entities(doc: &mut Document) {
    let mut cands = std::mem::take(&mut doc.entities);
    cands.retain(|e| e.end > e.start);
    // model spans that cross a rule span (overlap without either containing the other)
    // (rule spans sorted by start; the ones that can overlap `e` start in
    // [e.start - longest rule span, e.end))
    let mut rule_spans: Vec<(usize, usize)> = cands
        .iter()
        .filter(|e| e.source != EntitySource::Model)
        .map(|e| (e.start, e.end))
        .collect();
    rule_spans.sort_unstable();
    let longest = rule_spans.iter().map(|&(s, t)| t - s).max().unwrap_or(0);
    cands.retain(|e| {
        if e.source != EntitySource::Model {
            return true;
        }
        let from = rule_spans.partition_point(|&(s, _)| s < e.start.saturating_sub(longest));
        let to = rule_spans.partition_point(|&(s, _)| s < e.end);
        crate::work_meter::add(to - from + 1);
        !rule_spans[from..to].iter().any(|&(s, t)| {
            let overlap = s < e.end && e.start < t;
            let contains = (e.start <= s && t <= e.end) || (s <= e.start && e.end <= t);
            overlap && !contains
        })
    });
    // exact duplicates: merge sources
    cands.sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
    let mut dedup: Vec<Entity> = Vec::with_capacity(cands.len());
    for e in cands {
        if let Some(last) = dedup.last_mut() {
            if last.start == e.start && last.end == e.end && last.label == e.label {
                if last.source != e.source {
                    last.source = EntitySource::ModelRule;
                }
                last.score = last.score.max(e.score);
                if last.norm.is_none() {
                    last.norm = e.norm;
                }
                continue;
            }
        }
        dedup.push(e);
    }
    // greedy: strongest first, keep if it does not overlap a kept one
    let mut order: Vec<usize> = (0..dedup.len()).collect();
    order.sort_by(|&i, &j| {
        priority(&dedup[j])
            .cmp(&priority(&dedup[i]))
            .then(dedup[i].start.cmp(&dedup[j].start))
    });
    let mut kept: Vec<Entity> = Vec::new();
    // kept spans never overlap: by start → index in `kept`, an overlap query walks back from
    // the last span starting before `e.end` while spans still reach past `e.start`
    let mut kept_at: BTreeMap<usize, usize> = BTreeMap::new();
    for i in order {
        let e = &dedup[i];
        let first_overlap = kept_at
            .range(..e.end)
            .rev()
            .take_while(|(_, &k)| kept[k].end > e.start)
            .map(|(_, &k)| k)
            .inspect(|_| crate::work_meter::add(1))
            .min();
        match first_overlap.map(|k| &mut kept[k]) {
            None => {
                kept_at.insert(e.start, kept.len());
                kept.push(e.clone());
            }
            Some(k) => {
                // same label, the model and the rules agree on the thing: mark both sources
                if k.label == e.label && k.source != e.source {
                    k.source = EntitySource::ModelRule;
                }
            }
        }
    }
    kept.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    doc.entities = kept;
}
