//! Relation linking: entities → `official`, `index_result` and `document` facts, one finder
//! module per kind, run in registry order (`relation_kinds::FINDERS`).
//!
//! Runs after the entities are merged and numbered. Works sentence by sentence on the entity
//! sequence and the words between entities; every relation gets its evidence (the sentence
//! span), the rule that fired and a score. Values are normalized (canonical provinces, "."
//! decimals, integer ranks, the year an index measures). The article's province (for facts
//! that do not name one) is decided here too and written to `meta.province`.
//! Relations are read on the normalized text (NFC, tone marks placed as `text::normalize` does):
//! a text that normalization changes is linked on a normalized copy whose evidence spans are
//! mapped back to the original, so NFD input gives the same values as NFC input.
//! It does not create entities.

// the kinds' finders, run through `relation_kinds::FINDERS`
pub(crate) mod document;
pub(crate) mod index_result;
pub(crate) mod official;
pub mod province;

use crate::document::{Document, Entity, Evidence, Relation, RelationValues};
use crate::relation_kinds::FINDERS;
use crate::rules::RuleLayer;
use crate::text::Analysis;

/// The entities of one sentence and helpers to read the text between them.
pub struct SentenceView<'a> {
    pub doc_text: &'a str,
    /// Byte offset of each original char (+ end).
    pub char_bytes: &'a [usize],
    /// Original char range of the sentence.
    pub start: usize,
    pub end: usize,
    /// Indices into `doc.entities`, in text order.
    pub ents: Vec<usize>,
}

impl SentenceView<'_> {
    /// Original text of a char range.
    pub fn slice(&self, s: usize, e: usize) -> &str {
        let last = self.char_bytes.len() - 1;
        let (s, e) = (s.min(last), e.min(last).max(s.min(last)));
        &self.doc_text[self.char_bytes[s]..self.char_bytes[e]]
    }

    pub fn evidence(&self) -> Evidence {
        Evidence {
            start: self.start,
            end: self.end,
        }
    }
}

/// Context for the relation builders of one document.
pub struct Ctx<'a> {
    pub rules: &'a RuleLayer,
    pub entities: &'a [Entity],
    pub analysis: &'a Analysis,
    pub article_province: Option<String>,
    /// Where `article_province` came from.
    pub article_province_source: province::ProvinceSource,
    pub published_year: Option<u32>,
    /// Published on or after 1 July 2025 (the 34-province map applies).
    pub after_merger: bool,
}

/// Build all relations of a document, given its analysis (entities must have their final ids).
pub fn link(doc: &mut Document, a: &Analysis, rules: &RuleLayer) {
    if doc.text.as_deref().is_some_and(|t| t != a.norm.norm.text) {
        link_normalized(doc, a, rules);
    } else {
        link_text(doc, a, rules);
    }
}

/// `link` for a text that normalization changes (NFD, "Hoà"-style tone marks): the relations
/// of a normalized copy (same entity ids, spans and texts mapped to the normalized text), with
/// their evidence mapped back to the original code points. Values come out normalized.
fn link_normalized(doc: &mut Document, a: &Analysis, rules: &RuleLayer) {
    let norm = &a.norm;
    let norm_text = norm.norm.text.clone();
    let entities = doc
        .entities
        .iter()
        .map(|e| {
            let (start, end) = (norm.from_orig(e.start), norm.from_orig(e.end));
            Entity {
                start,
                end,
                text: norm.norm.slice(start, end).to_string(),
                ..e.clone()
            }
        })
        .collect();
    let mut copy = Document {
        id: doc.id.clone(),
        source: doc.source.clone(),
        meta: doc.meta.clone(),
        entities,
        text: Some(norm_text),
        ..Document::default()
    };
    let copy_analysis = Analysis::new(copy.text());
    link_text(&mut copy, &copy_analysis, rules);
    doc.relations = copy
        .relations
        .into_iter()
        .map(|mut r| {
            let (start, end) = norm.to_orig(r.evidence.start, r.evidence.end);
            r.evidence = Evidence { start, end };
            r
        })
        .collect();
    doc.meta.province = copy.meta.province;
}

/// `link` on a text that is its own normalized form.
fn link_text(doc: &mut Document, a: &Analysis, rules: &RuleLayer) {
    let text = doc.text.as_deref().unwrap_or("");
    let mut char_bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    char_bytes.push(text.len());

    let article = province::article_province(doc, a, rules);
    let published_year = doc
        .meta
        .published
        .as_deref()
        .and_then(|p| p.get(..4))
        .and_then(|y| y.parse().ok());
    let ctx = Ctx {
        rules,
        entities: &doc.entities,
        analysis: a,
        article_province: article.as_ref().map(|a| a.name.clone()),
        article_province_source: article
            .as_ref()
            .map(|a| a.source)
            .unwrap_or(province::ProvinceSource::Unknown),
        published_year,
        after_merger: province::published_after_merger(doc.meta.published.as_deref()),
    };
    let mut sentences = Vec::new();
    // entities come sorted by start from the pipeline: each sentence takes its run by binary
    // search (linear in the document, not sentences × entities)
    let sorted = doc.entities.windows(2).all(|w| w[0].start <= w[1].start);
    for s in &a.sentences {
        let (os, oe) = a.norm.to_orig(s.start, s.end);
        let inside = |i: &usize| doc.entities[*i].start >= os && doc.entities[*i].end <= oe;
        let ents: Vec<usize> = if sorted {
            let first = doc.entities.partition_point(|e| e.start < os);
            (first..doc.entities.len())
                .take_while(|&i| doc.entities[i].start < oe)
                .filter(inside)
                .collect()
        } else {
            (0..doc.entities.len()).filter(inside).collect()
        };
        crate::work_meter::add(ents.len() + 1);
        sentences.push(SentenceView {
            doc_text: text,
            char_bytes: &char_bytes,
            start: os,
            end: oe,
            ents,
        });
    }
    let mut relations: Vec<Relation> = FINDERS
        .iter()
        .flat_map(|(_, find)| find(&ctx, &sentences))
        .collect();
    relations.sort_by_key(|r| (r.evidence.start, r.kind()));
    if doc.meta.province.is_none() {
        doc.meta.province = article.map(|a| a.name);
    }
    doc.relations = relations;
}

/// A relation under construction.
pub(crate) fn relation(
    args: Vec<(&str, &Entity)>,
    values: RelationValues,
    evidence: Evidence,
    rule: &str,
    score: f32,
) -> Relation {
    Relation {
        id: String::new(),
        args: args
            .into_iter()
            .map(|(k, e)| (k.to_string(), e.id.clone()))
            .collect(),
        values,
        evidence,
        rule: rule.to_string(),
        score,
    }
}
