//! doccano JSONL: `{"id", "text", "label": [[start, end, "TAG"], ...]}` for sequence labelling
//! projects, or with `--doccano-relations` the relation-extraction layout
//! `{"id", "text", "entities": [{"id", "start_offset", "end_offset", "label"}],
//! "relations": [{"id", "from_id", "to_id", "type"}]}` with integer ids (entities 1.., relations
//! 1..) and relations made binary by `links`.
//!
//! doccano's editor counts offsets in UTF-16 code units (JavaScript string indices), so the
//! default unit here is UTF-16; it equals code points unless the text has emoji or other
//! characters outside the BMP. The `id` field is kept by doccano as metadata.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::{json, Value};

use super::links::binary_links;
use super::staging::Staged;
use super::{offset, recheck, ExportSummary, OffsetUnit, Sink};
use crate::document::Document;
use nerlink_text::chars::CharIndex;

/// The doccano JSON object of one document.
pub fn doc_to_json(
    doc: &Document,
    ci: &CharIndex<'_>,
    relations: bool,
    unit: OffsetUnit,
    sum: &mut ExportSummary,
) -> Result<Value> {
    let mut spans = Vec::with_capacity(doc.entities.len());
    for e in &doc.entities {
        let (s, t) = (offset(ci, e.start, unit), offset(ci, e.end, unit));
        recheck(doc, ci, s, t, unit, &e.text)?;
        spans.push((s, t, e.label.as_str(), e.id.as_str()));
    }
    if !relations {
        let label: Vec<Value> = spans.iter().map(|(s, t, l, _)| json!([s, t, l])).collect();
        return Ok(json!({"id": doc.id, "text": ci.text(), "label": label}));
    }
    let mut num: HashMap<&str, usize> = HashMap::new();
    let entities: Vec<Value> = spans
        .iter()
        .enumerate()
        .map(|(i, (s, t, l, id))| {
            num.insert(id, i + 1);
            json!({"id": i + 1, "start_offset": s, "end_offset": t, "label": l})
        })
        .collect();
    let mut rels = Vec::new();
    for r in &doc.relations {
        let links = binary_links(r);
        if links.is_empty() {
            sum.warnings.push(format!(
                "{}: relation {} has fewer than two arguments; doccano relations are binary, left out",
                doc.id, r.id
            ));
        }
        for l in links {
            rels.push(json!({
                "id": rels.len() + 1,
                "from_id": num[l.from],
                "to_id": num[l.to],
                "type": l.label,
            }));
        }
    }
    Ok(json!({"id": doc.id, "text": ci.text(), "entities": entities, "relations": rels}))
}

pub struct DoccanoSink {
    staged: Staged,
    out: BufWriter<File>,
    relations: bool,
    unit: OffsetUnit,
}

impl DoccanoSink {
    pub fn create(output: &Path, relations: bool, unit: OffsetUnit) -> Result<DoccanoSink> {
        let staged = Staged::file(output)?;
        let f = File::create(staged.path())
            .with_context(|| format!("creating {}", staged.path().display()))?;
        Ok(DoccanoSink {
            staged,
            out: BufWriter::new(f),
            relations,
            unit,
        })
    }
}

impl Sink for DoccanoSink {
    fn write(&mut self, doc: &Document, ci: &CharIndex<'_>, sum: &mut ExportSummary) -> Result<()> {
        let v = doc_to_json(doc, ci, self.relations, self.unit, sum)?;
        serde_json::to_writer(&mut self.out, &v)?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    fn finish(mut self: Box<Self>, _: &mut ExportSummary) -> Result<()> {
        self.out.flush().context("writing doccano output")?;
        let DoccanoSink { staged, out, .. } = *self;
        drop(out);
        staged.commit()
    }
}
