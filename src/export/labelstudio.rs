//! Label Studio: a JSON task list with the entities and relations as pre-annotations
//! (`predictions`), plus the matching labelling config written beside it.
//!
//! Each task is `{"data": {"text", "id"}, "predictions": [{"model_version": "nerlink-<version>",
//! "result": [...]}]}`; a `labels` region per entity (region id = entity id, `value` = `start`,
//! `end`, `text`, `labels`, plus its `score`) and a `relation` item per binary link (`links`).
//! The config, `<stem>.config.xml` beside `OUT`, is
//! `<View><Labels name="label" toName="text"><Label value=".." background=".."/>…</Labels>
//! <Relations><Relation value=".."/>…</Relations><Text name="text" value="$text"/></View>` with
//! every label and link type nerlink can give (`document::ENTITY_LABELS`, `<type>-<role>` for
//! every `RelationType::arg_roles`), plus any other seen (a `--model` with its own labels), so
//! the tasks of later batches can be imported into the same project. Offsets are code points
//! (Label Studio stores code points since its emoji fix); `--offset-unit utf16` is there for
//! older versions.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use quick_xml::Writer;
use serde_json::{json, Value};

use super::links::binary_links;
use super::staging::Staged;
use super::{offset, recheck, ExportSummary, OffsetUnit, Sink};
use crate::document::{Document, RelationType};
use nerlink_text::chars::CharIndex;

/// `model_version` of the predictions.
pub fn model_version() -> String {
    format!("nerlink-{}", env!("CARGO_PKG_VERSION"))
}

/// Where the labelling config of `output` goes: `<stem>.config.xml` beside it.
pub fn config_path(output: &Path) -> PathBuf {
    let stem = output
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "tasks".into());
    output.with_file_name(format!("{stem}.config.xml"))
}

/// The Label Studio task of one document; adds its labels and link types to the sets.
pub fn doc_to_task(
    doc: &Document,
    ci: &CharIndex<'_>,
    unit: OffsetUnit,
    labels: &mut BTreeSet<String>,
    rel_labels: &mut BTreeSet<String>,
    sum: &mut ExportSummary,
) -> Result<Value> {
    let mut result = Vec::with_capacity(doc.entities.len() + doc.relations.len() * 2);
    for e in &doc.entities {
        let (s, t) = (offset(ci, e.start, unit), offset(ci, e.end, unit));
        recheck(doc, ci, s, t, unit, &e.text)?;
        labels.insert(e.label.to_string());
        result.push(json!({
            "id": e.id,
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": s, "end": t, "text": e.text, "labels": [e.label]},
            "score": e.score,
        }));
    }
    for r in &doc.relations {
        let links = binary_links(r);
        if links.is_empty() {
            sum.warnings.push(format!(
                "{}: relation {} has fewer than two arguments; Label Studio relations are binary, left out",
                doc.id, r.id
            ));
        }
        for l in links {
            rel_labels.insert(l.label.clone());
            result.push(json!({
                "type": "relation",
                "from_id": l.from,
                "to_id": l.to,
                "direction": "right",
                "labels": [l.label],
            }));
        }
    }
    Ok(json!({
        "data": {"text": ci.text(), "id": doc.id},
        "predictions": [{"model_version": model_version(), "result": result}],
    }))
}

/// Every label and relation label nerlink can give, plus the ones in `seen`, in a stable
/// order: the project's labels first, then the others by name.
fn all_labels(known: impl IntoIterator<Item = String>, seen: &BTreeSet<String>) -> Vec<String> {
    let mut out: Vec<String> = known.into_iter().collect();
    for l in seen {
        if !out.contains(l) {
            out.push(l.clone());
        }
    }
    out
}

/// The labelling config: every label and relation label nerlink can give, and any other
/// label or relation label seen.
pub fn label_config(labels: &BTreeSet<String>, rel_labels: &BTreeSet<String>) -> Result<String> {
    let labels = all_labels(
        crate::document::Label::KNOWN.iter().map(|l| l.to_string()),
        labels,
    );
    let rel_labels = all_labels(
        RelationType::ALL.iter().flat_map(|k| {
            k.arg_roles()
                .iter()
                .map(move |role| super::links::link_label(*k, role))
        }),
        rel_labels,
    );
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.create_element("View").write_inner_content(|w| {
        w.create_element("Labels")
            .with_attribute(("name", "label"))
            .with_attribute(("toName", "text"))
            .write_inner_content(|w| {
                for l in &labels {
                    w.create_element("Label")
                        .with_attribute(("value", l.as_str()))
                        .with_attribute(("background", crate::report::palette::colour(l)))
                        .write_empty()?;
                }
                Ok(())
            })?;
        w.create_element("Relations").write_inner_content(|w| {
            for l in &rel_labels {
                w.create_element("Relation")
                    .with_attribute(("value", l.as_str()))
                    .write_empty()?;
            }
            Ok(())
        })?;
        w.create_element("Text")
            .with_attribute(("name", "text"))
            .with_attribute(("value", "$text"))
            .write_empty()?;
        Ok(())
    })?;
    let mut s = String::from_utf8(w.into_inner()).context("labelling config is not UTF-8")?;
    s.push('\n');
    Ok(s)
}

pub struct LabelStudioSink {
    staged: Staged,
    config: Staged,
    out: BufWriter<File>,
    unit: OffsetUnit,
    first: bool,
    labels: BTreeSet<String>,
    rel_labels: BTreeSet<String>,
}

impl LabelStudioSink {
    pub fn create(output: &Path, unit: OffsetUnit) -> Result<LabelStudioSink> {
        let staged = Staged::file(output)?;
        let config = Staged::file(&config_path(output))?;
        let f = File::create(staged.path())
            .with_context(|| format!("creating {}", staged.path().display()))?;
        let mut out = BufWriter::new(f);
        out.write_all(b"[")?;
        Ok(LabelStudioSink {
            staged,
            config,
            out,
            unit,
            first: true,
            labels: BTreeSet::new(),
            rel_labels: BTreeSet::new(),
        })
    }
}

impl Sink for LabelStudioSink {
    fn write(&mut self, doc: &Document, ci: &CharIndex<'_>, sum: &mut ExportSummary) -> Result<()> {
        let task = doc_to_task(
            doc,
            ci,
            self.unit,
            &mut self.labels,
            &mut self.rel_labels,
            sum,
        )?;
        self.out
            .write_all(if self.first { b"\n" } else { b",\n" })?;
        self.first = false;
        serde_json::to_writer(&mut self.out, &task)?;
        Ok(())
    }

    fn finish(mut self: Box<Self>, _: &mut ExportSummary) -> Result<()> {
        self.out.write_all(b"\n]\n")?;
        self.out.flush().context("writing Label Studio tasks")?;
        let xml = label_config(&self.labels, &self.rel_labels)?;
        std::fs::write(self.config.path(), xml)
            .with_context(|| format!("writing {}", self.config.path().display()))?;
        let LabelStudioSink {
            staged,
            config,
            out,
            ..
        } = *self;
        drop(out);
        staged.commit()?;
        config.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_declares_every_label_and_relation_type() {
        // an export that saw only one PER and no relation, plus a label of another model
        let seen: BTreeSet<String> = ["PER", "MISC"].iter().map(|s| s.to_string()).collect();
        let xml = label_config(&seen, &BTreeSet::new()).unwrap();
        let known = crate::document::Label::KNOWN.map(|l| l.to_string());
        for l in known.iter().map(String::as_str).chain(["MISC"]) {
            assert!(xml.contains(&format!("<Label value=\"{l}\"")), "{l}: {xml}");
        }
        for rel in [
            "official-person",
            "official-role",
            "official-org",
            "index_result-index",
            "index_result-score",
            "index_result-rank",
            "document-doc",
            "document-date",
            "document-signer",
        ] {
            assert!(xml.contains(&format!("<Relation value=\"{rel}\"")), "{rel}");
        }
        // the same config whatever a batch saw
        let other: BTreeSet<String> = ["DOC".to_string()].into();
        let rels: BTreeSet<String> = ["document-date".to_string()].into();
        let again = label_config(&other, &rels).unwrap();
        assert!(!again.contains("MISC"));
        assert_eq!(again.matches("<Label ").count(), 9);
        assert_eq!(again.matches("<Relation ").count(), 9);
    }
}
