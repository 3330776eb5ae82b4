//! Offset checks shared by the exporters (code-point ↔ byte / UTF-16 conversion is
//! `nerlink_text::chars`).
//!
//! `validate` checks that every entity
//! of a document has `start <= end <= len` and `text == text[start..end]`, that entity ids are
//! unique, that relation args name existing entities and that evidence lies inside the text.
//! A failure is an error naming the document: exporters never write a file from a document
//! whose offsets do not hold. It does not repair anything.

use std::collections::HashSet;

use anyhow::{bail, Result};

use crate::document::Document;
use nerlink_text::chars::CharIndex;

/// Check a document's offsets against its text (see the module doc). The document must have
/// text.
pub fn validate(doc: &Document, ci: &CharIndex<'_>) -> Result<()> {
    let mut ids = HashSet::new();
    for e in &doc.entities {
        if !ids.insert(e.id.as_str()) {
            bail!("document {}: entity id {} is used twice", doc.id, e.id);
        }
        match ci.slice(e.start, e.end) {
            None => bail!(
                "document {}: entity {} {} [{}, {}) is outside the text ({} code points)",
                doc.id,
                e.id,
                e.label,
                e.start,
                e.end,
                ci.len()
            ),
            Some(s) if s != e.text => bail!(
                "document {}: entity {} {} [{}, {}) reads {:?} in the text, not {:?}",
                doc.id,
                e.id,
                e.label,
                e.start,
                e.end,
                s,
                e.text
            ),
            Some(_) => {}
        }
    }
    for r in &doc.relations {
        for (role, id) in &r.args {
            if !ids.contains(id.as_str()) {
                bail!(
                    "document {}: relation {} arg {role} points to {id}, which is no entity",
                    doc.id,
                    r.id
                );
            }
        }
        if ci.slice(r.evidence.start, r.evidence.end).is_none() {
            bail!(
                "document {}: relation {} evidence [{}, {}) is outside the text ({} code points)",
                doc.id,
                r.id,
                r.evidence.start,
                r.evidence.end,
                ci.len()
            );
        }
    }
    Ok(())
}
