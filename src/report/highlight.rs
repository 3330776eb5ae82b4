//! Entity highlighting: a text with its entities as nested `<mark>` elements.
//!
//! Entities may nest or cross. Marks are opened outermost first; when an entity ends while
//! marks opened after it are still open, those are closed and reopened right after it, so the
//! HTML stays well formed and every entity is one or more `<mark data-e="ID">` fragments whose
//! texts, joined, are the entity's text. The last fragment of an entity has the class `end`
//! (the stylesheet shows the label after it). Entities outside the text or empty are skipped
//! and counted. Everything is HTML-escaped.

use std::collections::HashMap;
use std::fmt::Write as _;

use quick_xml::escape::escape;

use crate::document::{Document, EntitySource};
use nerlink_text::chars::CharIndex;

/// Class name of each label (`l0`, `l1`, …), assigned in order of appearance.
#[derive(Debug, Default)]
pub struct LabelClasses {
    pub order: Vec<String>,
    index: HashMap<String, usize>,
}

impl LabelClasses {
    pub fn class(&mut self, label: &str) -> usize {
        if let Some(&i) = self.index.get(label) {
            return i;
        }
        let i = self.order.len();
        self.order.push(label.to_string());
        self.index.insert(label.to_string(), i);
        i
    }
}

fn source_name(s: EntitySource) -> &'static str {
    match s {
        EntitySource::Model => "model",
        EntitySource::Rule => "rule",
        EntitySource::ModelRule => "model+rule",
    }
}

/// The highlighted text of a document; returns the HTML and the number of entities skipped.
pub fn highlight(doc: &Document, classes: &mut LabelClasses) -> (String, usize) {
    let text = doc.text();
    let ci = CharIndex::new(text);
    let mut skipped = 0;
    let mut ents: Vec<usize> = Vec::with_capacity(doc.entities.len());
    for (i, e) in doc.entities.iter().enumerate() {
        if e.start < e.end && e.end <= ci.len() {
            ents.push(i);
        } else {
            skipped += 1;
        }
    }
    ents.sort_by(|&a, &b| {
        let (x, y) = (&doc.entities[a], &doc.entities[b]);
        x.start.cmp(&y.start).then(y.end.cmp(&x.end))
    });
    let mut bounds: Vec<usize> = ents
        .iter()
        .flat_map(|&i| [doc.entities[i].start, doc.entities[i].end])
        .chain([0, ci.len()])
        .collect();
    bounds.sort_unstable();
    bounds.dedup();

    let open_tag = |out: &mut String, i: usize, classes: &mut LabelClasses, last: bool| {
        let e = &doc.entities[i];
        let title = format!(
            "{} · score {:.2} · {} · {}",
            e.label,
            e.score,
            source_name(e.source),
            e.id
        );
        let _ = write!(
            out,
            "<mark class=\"l{}{}\" data-e=\"{}\" data-l=\"{}\" title=\"{}\">",
            classes.class(e.label.as_str()),
            if last { " end" } else { "" },
            escape(e.id.as_str()),
            escape(e.label.as_str()),
            escape(title.as_str())
        );
    };

    let mut out = String::with_capacity(text.len() + ents.len() * 96);
    let mut stack: Vec<usize> = Vec::new();
    // a fragment is an entity's last one unless a mark below it on the stack ends first
    let is_last = |stack: &[usize], i: usize| {
        let end = doc.entities[i].end;
        stack.iter().all(|&j| doc.entities[j].end >= end)
    };
    let mut next = 0usize; // next entity (in `ents`) to open
    for w in 0..bounds.len() {
        let p = bounds[w];
        // close entities ending here, reopening the ones above them that go on
        if let Some(lowest) = stack.iter().position(|&i| doc.entities[i].end == p) {
            let above: Vec<usize> = stack.drain(lowest..).collect();
            for _ in &above {
                out.push_str("</mark>");
            }
            for i in above {
                if doc.entities[i].end != p {
                    let last = is_last(&stack, i);
                    open_tag(&mut out, i, classes, last);
                    stack.push(i);
                }
            }
        }
        // open entities starting here, outermost first
        while next < ents.len() && doc.entities[ents[next]].start == p {
            let i = ents[next];
            let last = is_last(&stack, i);
            open_tag(&mut out, i, classes, last);
            stack.push(i);
            next += 1;
        }
        if let Some(&q) = bounds.get(w + 1) {
            out.push_str(&escape(ci.slice(p, q).unwrap_or_default()));
        }
    }
    for _ in stack {
        out.push_str("</mark>");
    }
    (out, skipped)
}
