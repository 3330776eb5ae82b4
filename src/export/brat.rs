//! brat standoff: OUT is a directory with `<id>.txt` (the text as is, UTF-8) and `<id>.ann` per
//! document, plus `annotation.conf`.
//!
//! brat offsets are code points of the `.txt` (brat reads it as UTF-8 into Python strings), so
//! they are the contract's offsets unchanged. Entities are `T<n>\t<LABEL> <start> <end>\t<text>`,
//! numbered in document order; an entity that spans a line break is written as brat's
//! discontinuous fragments (`0 5;6 10`) around the break, since the `.ann` line cannot hold one.
//! brat relations are binary: an n-ary relation becomes one `R<n>\t<type>-<role> Arg1:T.. Arg2:T..`
//! per non-anchor argument (`links`), which keeps facts that share a person or an index apart.
//! `annotation.conf` lists the labels, and each link type with the labels seen in its two
//! arguments, and allows overlapping spans. File names are the document ids with characters
//! other than letters, digits, `.`, `_` and `-` replaced by `_` (a numeric suffix keeps them
//! unique).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{bail, Context, Result};

use super::links::binary_links;
use super::staging::Staged;
use super::{ExportSummary, Sink};
use crate::document::Document;
use nerlink_text::chars::CharIndex;

/// A safe, unique file stem for a document id.
pub fn file_stem(id: &str, used: &mut HashSet<String>) -> String {
    let mut base: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    base = base.trim_start_matches('.').to_string();
    if base.is_empty() {
        base = "doc".into();
    }
    let mut stem = base.clone();
    let mut n = 2;
    while !used.insert(stem.clone()) {
        stem = format!("{base}-{n}");
        n += 1;
    }
    stem
}

/// The fragments of `[start, end)` between line breaks (code points), without empty ones.
fn fragments(ci: &CharIndex<'_>, start: usize, end: usize) -> Vec<(usize, usize)> {
    let Some(s) = ci.slice(start, end) else {
        return vec![(start, end)];
    };
    let mut out = Vec::new();
    let mut frag_start = start;
    for (i, c) in s.chars().enumerate() {
        if c == '\n' || c == '\r' {
            if start + i > frag_start {
                out.push((frag_start, start + i));
            }
            frag_start = start + i + 1;
        }
    }
    if end > frag_start {
        out.push((frag_start, end));
    }
    if out.is_empty() {
        out.push((start, end));
    }
    out
}

/// The `.ann` text of one document; records labels and link argument labels for the config.
pub fn doc_to_ann(
    doc: &Document,
    ci: &CharIndex<'_>,
    conf: &mut Conf,
    sum: &mut ExportSummary,
) -> Result<String> {
    let mut ann = String::new();
    let mut tid: HashMap<&str, String> = HashMap::new();
    let mut label_of: HashMap<&str, &str> = HashMap::new();
    for (i, e) in doc.entities.iter().enumerate() {
        let t = format!("T{}", i + 1);
        let frags = fragments(ci, e.start, e.end);
        let mut pieces = Vec::new();
        for &(a, b) in &frags {
            let piece = ci.slice(a, b).unwrap_or_default();
            if piece.contains(['\n', '\r']) {
                bail!(
                    "document {}: entity {} fragment holds a line break",
                    doc.id,
                    e.id
                );
            }
            pieces.push(piece);
        }
        // re-check: the fragments lie in the entity, in order, and what they leave out of it
        // is line breaks only
        let mut pos = e.start;
        for &(a, b) in &frags {
            let gap = ci.slice(pos, a).unwrap_or("x");
            if a < pos || b > e.end || gap.chars().any(|c| c != '\n' && c != '\r') {
                bail!(
                    "document {}: brat fragments of entity {} do not match its text",
                    doc.id,
                    e.id
                );
            }
            pos = b;
        }
        if ci
            .slice(pos, e.end)
            .is_none_or(|g| g.chars().any(|c| c != '\n' && c != '\r'))
        {
            bail!(
                "document {}: brat fragments of entity {} do not match its text",
                doc.id,
                e.id
            );
        }
        let offs: Vec<String> = frags.iter().map(|(a, b)| format!("{a} {b}")).collect();
        let _ = writeln!(
            ann,
            "{t}\t{} {}\t{}",
            e.label,
            offs.join(";"),
            pieces.join(" ")
        );
        conf.entities.insert(e.label.to_string());
        tid.insert(e.id.as_str(), t);
        label_of.insert(e.id.as_str(), e.label.as_str());
    }
    let mut n = 0;
    for r in &doc.relations {
        let links = binary_links(r);
        if links.is_empty() {
            sum.warnings.push(format!(
                "{}: relation {} has fewer than two arguments; brat relations are binary, left out",
                doc.id, r.id
            ));
        }
        for l in links {
            n += 1;
            let _ = writeln!(
                ann,
                "R{n}\t{} Arg1:{} Arg2:{}",
                l.label, tid[l.from], tid[l.to]
            );
            let slot = conf.relations.entry(l.label.clone()).or_default();
            slot.0.insert(label_of[l.from].to_string());
            slot.1.insert(label_of[l.to].to_string());
        }
    }
    Ok(ann)
}

/// What `annotation.conf` declares.
#[derive(Debug, Default)]
pub struct Conf {
    pub entities: BTreeSet<String>,
    /// link type → (Arg1 labels, Arg2 labels)
    pub relations: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>,
}

impl Conf {
    pub fn render(&self) -> String {
        let mut s = String::from("[entities]\n");
        for e in &self.entities {
            let _ = writeln!(s, "{e}");
        }
        s.push_str("\n[relations]\n");
        s.push_str("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
        for (name, (a1, a2)) in &self.relations {
            let a1: Vec<&str> = a1.iter().map(String::as_str).collect();
            let a2: Vec<&str> = a2.iter().map(String::as_str).collect();
            let _ = writeln!(s, "{name}\tArg1:{}, Arg2:{}", a1.join("|"), a2.join("|"));
        }
        s.push_str("\n[events]\n\n[attributes]\n");
        s
    }
}

pub struct BratSink {
    staged: Staged,
    used: HashSet<String>,
    conf: Conf,
}

impl BratSink {
    pub fn create(output: &Path) -> Result<BratSink> {
        Ok(BratSink {
            staged: Staged::dir(output)?,
            used: HashSet::from(["annotation".to_string()]),
            conf: Conf::default(),
        })
    }
}

impl Sink for BratSink {
    fn write(&mut self, doc: &Document, ci: &CharIndex<'_>, sum: &mut ExportSummary) -> Result<()> {
        let ann = doc_to_ann(doc, ci, &mut self.conf, sum)?;
        let stem = file_stem(&doc.id, &mut self.used);
        let dir = self.staged.path();
        let txt = dir.join(format!("{stem}.txt"));
        std::fs::write(&txt, ci.text()).with_context(|| format!("writing {}", txt.display()))?;
        let annp = dir.join(format!("{stem}.ann"));
        std::fs::write(&annp, ann).with_context(|| format!("writing {}", annp.display()))?;
        Ok(())
    }

    fn finish(self: Box<Self>, _: &mut ExportSummary) -> Result<()> {
        let conf = self.staged.path().join("annotation.conf");
        std::fs::write(&conf, self.conf.render())
            .with_context(|| format!("writing {}", conf.display()))?;
        self.staged.commit()
    }
}
