//! Offset checks shared by the exporters, and code-point ↔ byte / UTF-16 conversion.
//!
//! `CharIndex` slices a text by code-point offsets in O(1). `validate` checks that every entity
//! of a document has `start <= end <= len` and `text == text[start..end]`, that entity ids are
//! unique, that relation args name existing entities and that evidence lies inside the text.
//! A failure is an error naming the document: exporters never write a file from a document
//! whose offsets do not hold. It does not repair anything.

use std::collections::HashSet;

use anyhow::{bail, Result};

use crate::document::Document;

/// Byte and UTF-16 positions of every code point of a text.
pub struct CharIndex<'a> {
    text: &'a str,
    /// Byte offset of each char, plus `text.len()`.
    bytes: Vec<usize>,
    /// UTF-16 offset of each char, plus the UTF-16 length.
    utf16: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> CharIndex<'a> {
        let mut bytes = Vec::with_capacity(text.len() + 1);
        let mut utf16 = Vec::with_capacity(text.len() + 1);
        let mut u = 0usize;
        for (b, c) in text.char_indices() {
            bytes.push(b);
            utf16.push(u);
            u += c.len_utf16();
        }
        bytes.push(text.len());
        utf16.push(u);
        CharIndex { text, bytes, utf16 }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Number of code points.
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code-point slice `[start, end)`, or `None` when it is out of range or reversed.
    pub fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        if start > end || end > self.len() {
            return None;
        }
        Some(&self.text[self.bytes[start]..self.bytes[end]])
    }

    /// Byte offset of a code-point offset (clamped to the end).
    pub fn byte(&self, pos: usize) -> usize {
        self.bytes[pos.min(self.len())]
    }

    /// UTF-16 code-unit offset of a code-point offset (clamped to the end).
    pub fn utf16(&self, pos: usize) -> usize {
        self.utf16[pos.min(self.len())]
    }

    /// Whether the text has characters outside the Basic Multilingual Plane (where UTF-16 and
    /// code-point offsets differ).
    pub fn has_astral(&self) -> bool {
        self.utf16[self.len()] != self.len()
    }
}

/// Slice a string by UTF-16 code-unit offsets (used to re-check UTF-16 exports).
pub fn slice_utf16(text: &str, start: usize, end: usize) -> Option<String> {
    let units: Vec<u16> = text.encode_utf16().collect();
    if start > end || end > units.len() {
        return None;
    }
    String::from_utf16(&units[start..end]).ok()
}

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
