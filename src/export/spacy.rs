//! spaCy / Prodigy-style JSONL: one line per document,
//! `{"text", "spans": [{"start", "end", "label"}], "meta": {"id", "source"}}`.
//!
//! With `--with-relations` each line also gets `"relations"`: the n-ary relations as they are,
//! `{"id", "type", "args": {role: {"start", "end", "label"}}, "values", "evidence": {"start",
//! "end"}, "rule", "score"}` (JSON can hold them whole, so nothing is decomposed). Offsets are
//! code points (Python `str` indices, what `Doc.char_span` takes) unless told otherwise. Spans
//! are written as they are, overlapping ones included (`doc.spans` holds overlaps; `doc.ents`
//! does not, which is the reader's choice).

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::{json, Map, Value};

use super::staging::Staged;
use super::{offset, recheck, ExportSummary, OffsetUnit, Sink};
use crate::document::Document;
use nerlink_text::chars::CharIndex;

/// The spaCy JSON object of one document.
pub fn doc_to_json(
    doc: &Document,
    ci: &CharIndex<'_>,
    with_relations: bool,
    unit: OffsetUnit,
) -> Result<Value> {
    let mut spans = Vec::with_capacity(doc.entities.len());
    let mut by_id: HashMap<&str, Value> = HashMap::new();
    for e in &doc.entities {
        let (s, t) = (offset(ci, e.start, unit), offset(ci, e.end, unit));
        recheck(doc, ci, s, t, unit, &e.text)?;
        let span = json!({"start": s, "end": t, "label": e.label});
        by_id.insert(e.id.as_str(), span.clone());
        spans.push(span);
    }
    let mut obj = Map::new();
    obj.insert("text".into(), Value::String(ci.text().to_string()));
    obj.insert("spans".into(), Value::Array(spans));
    if with_relations {
        let rels: Vec<Value> = doc
            .relations
            .iter()
            .map(|r| {
                let args: Map<String, Value> = r
                    .args
                    .iter()
                    .map(|(role, id)| {
                        (
                            role.clone(),
                            by_id.get(id.as_str()).cloned().unwrap_or(Value::Null),
                        )
                    })
                    .collect();
                json!({
                    "id": r.id,
                    "type": r.kind().as_str(),
                    "args": args,
                    "values": r.values,
                    "evidence": {
                        "start": offset(ci, r.evidence.start, unit),
                        "end": offset(ci, r.evidence.end, unit),
                    },
                    "rule": r.rule,
                    "score": r.score,
                })
            })
            .collect();
        obj.insert("relations".into(), Value::Array(rels));
    }
    obj.insert("meta".into(), json!({"id": doc.id, "source": doc.source}));
    Ok(Value::Object(obj))
}

pub struct SpacySink {
    staged: Staged,
    out: BufWriter<File>,
    with_relations: bool,
    unit: OffsetUnit,
}

impl SpacySink {
    pub fn create(output: &Path, with_relations: bool, unit: OffsetUnit) -> Result<SpacySink> {
        let staged = Staged::file(output)?;
        let f = File::create(staged.path())
            .with_context(|| format!("creating {}", staged.path().display()))?;
        Ok(SpacySink {
            staged,
            out: BufWriter::new(f),
            with_relations,
            unit,
        })
    }
}

impl Sink for SpacySink {
    fn write(&mut self, doc: &Document, ci: &CharIndex<'_>, _: &mut ExportSummary) -> Result<()> {
        let v = doc_to_json(doc, ci, self.with_relations, self.unit)?;
        serde_json::to_writer(&mut self.out, &v)?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    fn finish(mut self: Box<Self>, _: &mut ExportSummary) -> Result<()> {
        self.out.flush().context("writing spaCy output")?;
        let SpacySink { staged, out, .. } = *self;
        drop(out);
        staged.commit()
    }
}
