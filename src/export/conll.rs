//! CoNLL export: IOB2 tags on syllable tokens, `token<TAB>tag`, one sentence per block.
//!
//! Each document starts with a `-DOCSTART-\tO` line and a blank line (the CoNLL-2003
//! convention every reader skips); sentences are separated by a blank line. Tokens and
//! sentences come from `tokens` (every non-empty line of the text is exported, nothing is
//! skipped). IOB2 is flat: when entities overlap, the outermost (then earliest) wins and the
//! others are reported. An entity that starts or ends inside a token is widened to whole tokens
//! and reported; sentences are merged when an entity crosses a sentence break. The tags written
//! are decoded again and compared with the spans meant, so a tagging bug is an error.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};

use super::staging::Staged;
use super::tokens::{sentence_ranges, tokenize, Token};
use super::{ExportSummary, Sink};
use crate::document::Document;
use nerlink_text::chars::CharIndex;

/// One exported sentence: (token, tag) pairs.
pub type Sentence = Vec<(String, String)>;

/// The CoNLL sentences of a document, and what had to be changed on the way.
pub struct ConllDoc {
    pub sentences: Vec<Sentence>,
    pub warnings: Vec<String>,
}

/// Tag one document (see the module doc).
pub fn doc_to_conll(doc: &Document, ci: &CharIndex<'_>) -> Result<ConllDoc> {
    let chars: Vec<char> = ci.text().chars().collect();
    let tokens = tokenize(&chars);
    let mut warnings = Vec::new();

    // flat entities in token indices: outermost first, then by position
    let mut order: Vec<usize> = (0..doc.entities.len()).collect();
    order.sort_by(|&a, &b| {
        let (ea, eb) = (&doc.entities[a], &doc.entities[b]);
        ea.start.cmp(&eb.start).then(eb.end.cmp(&ea.end))
    });
    let mut spans: Vec<(usize, usize, &str)> = Vec::new(); // token range [first, last], label
    let mut last_char_end = 0usize;
    for i in order {
        let e = &doc.entities[i];
        if !spans.is_empty() && e.start < last_char_end {
            warnings.push(format!(
                "{}: entity {} {} {:?} [{}, {}) overlaps an earlier entity; left out (IOB2 is flat)",
                doc.id, e.id, e.label, e.text, e.start, e.end
            ));
            continue;
        }
        let first = tokens.partition_point(|t| t.end <= e.start);
        let last_excl = tokens.partition_point(|t| t.start < e.end);
        if first >= last_excl {
            warnings.push(format!(
                "{}: entity {} {} {:?} [{}, {}) covers no token; left out",
                doc.id, e.id, e.label, e.text, e.start, e.end
            ));
            continue;
        }
        let (ws, we) = (tokens[first].start, tokens[last_excl - 1].end);
        if let Some(&(_, prev_last, _)) = spans.last() {
            if first <= prev_last {
                warnings.push(format!(
                    "{}: entity {} {} {:?} [{}, {}) shares a token with the entity before it; left out",
                    doc.id, e.id, e.label, e.text, e.start, e.end
                ));
                continue;
            }
        }
        if ws < e.start || we > e.end {
            warnings.push(format!(
                "{}: entity {} {} {:?} [{}, {}) cuts a token; widened to {:?} [{ws}, {we})",
                doc.id,
                e.id,
                e.label,
                e.text,
                e.start,
                e.end,
                ci.slice(ws, we).unwrap_or_default()
            ));
        }
        spans.push((first, last_excl - 1, e.label.as_str()));
        last_char_end = e.end.max(we);
    }

    let mut tags: Vec<String> = vec!["O".to_string(); tokens.len()];
    for &(first, last, label) in &spans {
        tags[first] = format!("B-{label}");
        for t in tags.iter_mut().take(last + 1).skip(first + 1) {
            *t = format!("I-{label}");
        }
    }

    // sentences in token indices, merged where an entity crosses a break
    let mut sents: Vec<(usize, usize)> = Vec::new(); // token range [first, last_excl)
    for (s, e) in sentence_ranges(&chars) {
        let a = tokens.partition_point(|t| t.start < s);
        let b = tokens.partition_point(|t| t.start < e);
        if a < b {
            sents.push((a, b));
        }
    }
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(sents.len());
    for (a, b) in sents {
        if let Some(prev) = merged.last_mut() {
            if tags.get(a).is_some_and(|t| t.starts_with("I-")) {
                prev.1 = b;
                continue;
            }
        }
        merged.push((a, b));
    }
    let covered: usize = merged.iter().map(|(a, b)| b - a).sum();
    if covered != tokens.len() {
        bail!(
            "document {}: sentences cover {covered} of {} tokens",
            doc.id,
            tokens.len()
        );
    }

    // decode the tags again and compare with the spans meant
    let decoded = decode_iob(&tags);
    let meant: Vec<(usize, usize, String)> = spans
        .iter()
        .map(|&(a, b, l)| (a, b + 1, l.to_string()))
        .collect();
    if decoded != meant {
        bail!(
            "document {}: CoNLL tags do not decode to the entities",
            doc.id
        );
    }

    let text_of = |t: &Token| -> String { chars[t.start..t.end].iter().collect() };
    let sentences = merged
        .into_iter()
        .map(|(a, b)| {
            (a..b)
                .map(|i| (text_of(&tokens[i]), std::mem::take(&mut tags[i])))
                .collect()
        })
        .collect();
    Ok(ConllDoc {
        sentences,
        warnings,
    })
}

/// Decode IOB2 / IOB1 / IOBES tags into labelled token spans (the shared decoder).
pub use nerlink_text::iob::decode_iob;

/// Writes `-DOCSTART-` blocks of tagged sentences into one file.
pub struct ConllSink {
    staged: Staged,
    out: BufWriter<File>,
}

impl ConllSink {
    pub fn create(output: &Path) -> Result<ConllSink> {
        let staged = Staged::file(output)?;
        let f = File::create(staged.path())
            .with_context(|| format!("creating {}", staged.path().display()))?;
        Ok(ConllSink {
            staged,
            out: BufWriter::new(f),
        })
    }
}

impl Sink for ConllSink {
    fn write(&mut self, doc: &Document, ci: &CharIndex<'_>, sum: &mut ExportSummary) -> Result<()> {
        let c = doc_to_conll(doc, ci)?;
        sum.warnings.extend(c.warnings);
        let out = &mut self.out;
        out.write_all(b"-DOCSTART-\tO\n\n")?;
        for s in &c.sentences {
            for (tok, tag) in s {
                out.write_all(tok.as_bytes())?;
                out.write_all(b"\t")?;
                out.write_all(tag.as_bytes())?;
                out.write_all(b"\n")?;
            }
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, _sum: &mut ExportSummary) -> Result<()> {
        self.out.flush().context("writing CoNLL output")?;
        let ConllSink { staged, out } = *self;
        drop(out);
        staged.commit()
    }
}
