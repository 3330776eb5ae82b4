//! CSV tables of the relations: OUT is a directory with `officials.csv`,
//! `index_results.csv` and `documents.csv` (one per relation type, written even when empty).
//!
//! Files and columns come from the relation-kind registry (`relation_kinds`). Columns:
//! `doc_id`, `relation_id`, then every `values` field (the known fields of the type
//! first, in the gold order, then any other field seen, by name), then `evidence`,
//! `evidence_start`, `evidence_end` (code points), `rule` and `relation_score` (the relation's
//! confidence; `score` is the index score of `index_result` values). A values field whose name
//! is one of these columns gets a `value_` prefix. Strings are written as they
//! are, numbers as JSON numbers, `null` as an empty cell, lists and objects as JSON. Rows are
//! kept in memory until the end (one row per relation, small), because the header needs every
//! field seen. Files are UTF-8 without a byte-order mark, which most tools expect; with
//! `excel` (`nerlink export --excel`) each starts with one, without which Excel reads UTF-8 as
//! a legacy code page and garbles Vietnamese.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value;

use super::staging::Staged;
use super::{recheck, ExportSummary, OffsetUnit, Sink};
use crate::document::Document;
use crate::relation_kinds::RELATION_KINDS;
use nerlink_text::chars::CharIndex;

/// A JSON value as one CSV cell.
pub fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

struct Row {
    doc_id: String,
    rel_id: String,
    values: serde_json::Map<String, Value>,
    evidence: String,
    ev_start: usize,
    ev_end: usize,
    rule: String,
    score: f32,
}

#[derive(Default)]
struct Table {
    rows: Vec<Row>,
    extra: BTreeSet<String>,
}

pub struct CsvSink {
    staged: Staged,
    tables: [Table; RELATION_KINDS.len()],
    excel: bool,
}

/// Columns that are not `values` fields.
const META_COLUMNS: [&str; 7] = [
    "doc_id",
    "relation_id",
    "evidence",
    "evidence_start",
    "evidence_end",
    "rule",
    "relation_score",
];

impl CsvSink {
    /// `excel`: start each file with a UTF-8 byte-order mark.
    pub fn create(output: &Path, excel: bool) -> Result<CsvSink> {
        Ok(CsvSink {
            staged: Staged::dir(output)?,
            tables: Default::default(),
            excel,
        })
    }
}

impl Sink for CsvSink {
    fn write(&mut self, doc: &Document, ci: &CharIndex<'_>, _: &mut ExportSummary) -> Result<()> {
        for r in &doc.relations {
            let ti = r.kind().slot();
            let evidence = ci
                .slice(r.evidence.start, r.evidence.end)
                .unwrap_or_default()
                .to_string();
            recheck(
                doc,
                ci,
                r.evidence.start,
                r.evidence.end,
                OffsetUnit::CodePoint,
                &evidence,
            )?;
            let table = &mut self.tables[ti];
            let known = r.kind().spec().value_fields;
            let values = r.values.to_map();
            for k in values.keys() {
                if !known.contains(&k.as_str()) {
                    table.extra.insert(k.clone());
                }
            }
            table.rows.push(Row {
                doc_id: doc.id.clone(),
                rel_id: r.id.clone(),
                values,
                evidence,
                ev_start: r.evidence.start,
                ev_end: r.evidence.end,
                rule: r.rule.clone(),
                score: r.score,
            });
        }
        Ok(())
    }

    fn finish(self: Box<Self>, _: &mut ExportSummary) -> Result<()> {
        for (kind, table) in RELATION_KINDS.iter().zip(&self.tables) {
            let path = self.staged.path().join(kind.csv_file);
            let mut file = std::fs::File::create(&path)
                .with_context(|| format!("creating {}", path.display()))?;
            if self.excel {
                file.write_all(b"\xEF\xBB\xBF")
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            let mut w = csv::Writer::from_writer(std::io::BufWriter::new(file));
            let fields: Vec<&str> = kind
                .value_fields
                .iter()
                .copied()
                .chain(table.extra.iter().map(String::as_str))
                .collect();
            let mut header: Vec<String> = vec!["doc_id".into(), "relation_id".into()];
            header.extend(fields.iter().map(|f| {
                if META_COLUMNS.contains(f) {
                    format!("value_{f}")
                } else {
                    f.to_string()
                }
            }));
            header.extend(META_COLUMNS[2..].iter().map(|s| s.to_string()));
            w.write_record(&header)?;
            for row in &table.rows {
                let mut rec: Vec<String> = vec![row.doc_id.clone(), row.rel_id.clone()];
                rec.extend(fields.iter().map(|f| cell(row.values.get(*f))));
                rec.push(row.evidence.clone());
                rec.push(row.ev_start.to_string());
                rec.push(row.ev_end.to_string());
                rec.push(row.rule.clone());
                rec.push(row.score.to_string());
                w.write_record(&rec)?;
            }
            w.flush()
                .with_context(|| format!("writing {}", path.display()))?;
        }
        self.staged.commit()
    }
}
