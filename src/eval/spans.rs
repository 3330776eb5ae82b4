//! Loading entity spans for evaluation, and putting gold and predicted spans on the same text.
//!
//! An entity file is either JSONL (first non-empty line starts with `{`) or CoNLL.
//! - JSONL: one document per line, id in `id` or `doc`, spans in `entities` or `spans` as
//!   objects (`start`/`start_offset`, `end`/`end_offset`, `label` or `labels[0]`) or doccano
//!   triples `[start, end, label]`, optional `text` and `source`. Extract output, the seeds'
//!   `*.entities.jsonl`, and the spaCy / doccano exports all read this way.
//! - CoNLL: first column token, last column tag (tab-separated columns if the line has a tab,
//!   else whitespace-separated), blank line between sentences, `-DOCSTART-` lines start a
//!   document. IOB2, IOB1 and IOBES tags are read (`nerlink_text::iob::decode_iob`). Its text is rebuilt as
//!   the tokens joined by spaces.
//!
//! JSONL documents are paired by id: an id matches with or without a `.txt`/`.html`/`.json(l)`
//! extension, and a document's `source` file stem counts as an id too. A CoNLL file has no ids:
//! its documents are aligned by characters onto the other side's texts (`align`), so its
//! tokenization does not matter.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::export::tokens::is_separator;
use crate::text::NormText;
use nerlink_text::conll::read_documents;
use nerlink_text::iob::decode_iob;

/// One labelled span, code points `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

/// One document of an entity file.
#[derive(Debug, Clone, Default)]
pub struct SpanDoc {
    /// `None` for CoNLL documents.
    pub id: Option<String>,
    pub source: Option<String>,
    pub text: Option<String>,
    pub spans: Vec<Span>,
}

/// Whether a file is JSONL (else CoNLL), from its first non-empty line.
pub fn is_jsonl(content: &str) -> bool {
    content
        .lines()
        .find(|l| !l.trim().is_empty())
        .map(|l| l.trim_start().starts_with('{'))
        .unwrap_or(true)
}

/// Read an entity file (JSONL or CoNLL, see the module doc).
pub fn load(path: &Path) -> Result<Vec<SpanDoc>> {
    let content =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    if is_jsonl(&content) {
        parse_jsonl(&content).with_context(|| format!("reading {}", path.display()))
    } else {
        Ok(parse_conll(&content))
    }
}

fn as_usize(v: Option<&Value>) -> Option<usize> {
    v.and_then(|x| x.as_u64()).map(|x| x as usize)
}

fn parse_span(v: &Value) -> Option<Span> {
    if let Some(a) = v.as_array() {
        return Some(Span {
            start: as_usize(a.first())?,
            end: as_usize(a.get(1))?,
            label: a.get(2)?.as_str()?.to_string(),
        });
    }
    let start = as_usize(v.get("start").or_else(|| v.get("start_offset")))?;
    let end = as_usize(v.get("end").or_else(|| v.get("end_offset")))?;
    let label = v
        .get("label")
        .and_then(|l| l.as_str())
        .or_else(|| v.get("labels")?.get(0)?.as_str())?;
    Some(Span {
        start,
        end,
        label: label.to_string(),
    })
}

/// The string form of an id field (strings as they are, numbers printed).
pub fn id_of(v: &Value) -> Option<String> {
    let id = v.get("id").or_else(|| v.get("doc"))?;
    match id {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Parse JSONL span documents.
pub fn parse_jsonl(content: &str) -> Result<Vec<SpanDoc>> {
    let mut out = Vec::new();
    for (i, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value =
            serde_json::from_str(line).with_context(|| format!("line {}: not JSON", i + 1))?;
        let list = v
            .get("entities")
            .or_else(|| v.get("spans"))
            .or_else(|| v.get("label"))
            .and_then(|x| x.as_array());
        let mut spans = Vec::new();
        for s in list.into_iter().flatten() {
            match parse_span(s) {
                Some(sp) => spans.push(sp),
                None => bail!("line {}: entity without start/end/label: {s}", i + 1),
            }
        }
        let meta_id = v.get("meta").and_then(id_of);
        out.push(SpanDoc {
            id: id_of(&v).or(meta_id),
            source: v.get("source").and_then(|s| s.as_str()).map(String::from),
            text: v.get("text").and_then(|s| s.as_str()).map(String::from),
            spans,
        });
    }
    Ok(out)
}

/// Parse CoNLL (`nerlink_text::conll`) into documents with rebuilt texts: tokens joined by
/// spaces, each sentence followed by a newline.
pub fn parse_conll(content: &str) -> Vec<SpanDoc> {
    read_documents(content)
        .into_iter()
        .map(|sentences| {
            let mut text = String::new();
            let mut len = 0usize; // in chars
            let mut spans = Vec::new();
            for sentence in sentences {
                let mut ranges = Vec::with_capacity(sentence.len());
                for (i, row) in sentence.iter().enumerate() {
                    if i > 0 {
                        text.push(' ');
                        len += 1;
                    }
                    let start = len;
                    text.push_str(&row.token);
                    len += row.token.chars().count();
                    ranges.push((start, len));
                }
                text.push('\n');
                len += 1;
                let tags: Vec<&str> = sentence.iter().map(|r| r.tag.as_str()).collect();
                for (a, b, label) in decode_iob(&tags) {
                    spans.push(Span {
                        start: ranges[a].0,
                        end: ranges[b - 1].1,
                        label,
                    });
                }
            }
            SpanDoc {
                id: None,
                source: None,
                text: Some(text),
                spans,
            }
        })
        .collect()
}

/// Strip a known document extension from an id or file name.
fn strip_ext(s: &str) -> &str {
    for ext in [
        ".txt", ".html", ".htm", ".xhtml", ".jsonl", ".json", ".text",
    ] {
        if s.len() > ext.len() && s.to_ascii_lowercase().ends_with(ext) {
            return &s[..s.len() - ext.len()];
        }
    }
    s
}

/// The keys a document answers to: its id, the id without extension or directory, the file
/// stem of its source.
pub fn doc_keys(id: Option<&str>, source: Option<&str>) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(id) = id {
        keys.push(id.to_string());
        keys.push(strip_ext(id).to_string());
        let base = id.rsplit(['/', '\\']).next().unwrap_or(id);
        keys.push(strip_ext(base).to_string());
    }
    if let Some(src) = source {
        let path = src.rsplit_once(':').map(|(p, _)| p).unwrap_or(src);
        for p in [src, path] {
            let base = p.rsplit(['/', '\\']).next().unwrap_or(p);
            keys.push(strip_ext(base).to_string());
        }
    }
    keys.retain(|k| !k.is_empty());
    keys.dedup();
    keys
}

/// Index of documents by every key they answer to (first document wins).
pub fn key_index<'a>(
    docs: impl Iterator<Item = (Option<&'a str>, Option<&'a str>)>,
) -> HashMap<String, usize> {
    let mut idx = HashMap::new();
    for (i, (id, src)) in docs.enumerate() {
        for k in doc_keys(id, src) {
            idx.entry(k).or_insert(i);
        }
    }
    idx
}

/// Find the document of `keys` in an index (exact id first, then the other keys).
pub fn lookup(idx: &HashMap<String, usize>, keys: &[String]) -> Option<usize> {
    keys.iter().find_map(|k| idx.get(k).copied())
}

/// One visible character of the aligned stream: the char (normalized), its document and its
/// original code-point range there.
#[derive(Debug, Clone, Copy)]
struct StreamChar {
    c: char,
    doc: usize,
    start: usize,
    end: usize,
}

/// The visible (non-separator) characters of a text after NFC + tone normalization, with their
/// original ranges.
fn visible_chars(text: &str, doc: usize) -> Vec<StreamChar> {
    let norm = NormText::new(text);
    norm.norm
        .text
        .chars()
        .enumerate()
        .filter(|(_, c)| !is_separator(*c))
        .map(|(i, c)| {
            let (start, end) = norm.to_orig(i, i + 1);
            StreamChar { c, doc, start, end }
        })
        .collect()
}

/// A successful alignment try: stream index of each CoNLL character (`None` for a `_` that
/// stood for a space), and the stream position after the last one.
type Attempt = (Vec<Option<usize>>, usize);

/// Spans of CoNLL documents placed onto target texts.
pub struct Aligned {
    /// Spans per target document.
    pub spans: Vec<Vec<Span>>,
    /// Target documents the CoNLL documents covered.
    pub covered: Vec<bool>,
    /// Spans that could not be placed (they cross a document boundary).
    pub dropped: usize,
}

/// Align CoNLL documents (rebuilt texts) onto target documents' texts by characters: visible
/// characters must agree in order after NFC and tone normalization; whitespace is ignored, and
/// a `_` in a CoNLL token (word-segmentation joiner) may stand for a space. A CoNLL document may
/// start at any target document at or after where the previous one ended (targets in between
/// are taken as not annotated) and may run over several targets.
pub fn align(
    conll: &[SpanDoc],
    targets: &[Option<&str>],
    target_names: &[String],
) -> Result<Aligned> {
    let mut stream: Vec<StreamChar> = Vec::new();
    let mut doc_start: Vec<usize> = Vec::with_capacity(targets.len());
    for (d, t) in targets.iter().enumerate() {
        doc_start.push(stream.len());
        if let Some(t) = t {
            stream.extend(visible_chars(t, d));
        }
    }
    let mut out = Aligned {
        spans: vec![Vec::new(); targets.len()],
        covered: vec![false; targets.len()],
        dropped: 0,
    };
    let mut cursor = 0usize;
    for (gi, g) in conll.iter().enumerate() {
        let text = g.text.as_deref().unwrap_or("");
        let gchars: Vec<(char, usize)> = {
            let norm = NormText::new(text);
            norm.norm
                .text
                .chars()
                .enumerate()
                .filter(|(_, c)| !is_separator(*c))
                .map(|(i, c)| (c, norm.to_orig(i, i + 1).0))
                .collect()
        };
        if gchars.is_empty() {
            continue;
        }
        let try_from = |p0: usize| -> std::result::Result<Attempt, (usize, usize)> {
            let mut map = Vec::with_capacity(gchars.len());
            let mut p = p0;
            for (j, &(c, _)) in gchars.iter().enumerate() {
                if p < stream.len() && stream[p].c == c {
                    map.push(Some(p));
                    p += 1;
                } else if c == '_' {
                    map.push(None);
                } else {
                    return Err((j, p));
                }
            }
            Ok((map, p))
        };
        let mut starts = vec![cursor];
        starts.extend(doc_start.iter().copied().filter(|&s| s > cursor));
        starts.dedup();
        let mut found = None;
        let mut first_err = None;
        for s in starts {
            match try_from(s) {
                Ok(r) => {
                    found = Some(r);
                    break;
                }
                Err(e) => {
                    first_err.get_or_insert(e);
                }
            }
        }
        let Some((map, end)) = found else {
            let (j, p) = first_err.unwrap_or((0, cursor));
            let gctx: String = gchars[j..].iter().take(20).map(|x| x.0).collect();
            let (pctx, pdoc) = if p < stream.len() {
                (
                    stream[p..].iter().take(20).map(|x| x.c).collect::<String>(),
                    target_names[stream[p].doc].clone(),
                )
            } else {
                (String::new(), "(end of the texts)".into())
            };
            bail!(
                "CoNLL document {} does not match the other file's texts: at its visible \
                 character {j} it reads {gctx:?} where document {pdoc} reads {pctx:?}",
                gi + 1
            );
        };
        let first_mapped = map.iter().flatten().next().copied();
        if let Some(f) = first_mapped {
            let last = map.iter().flatten().last().copied().unwrap_or(f);
            for d in stream[f].doc..=stream[last].doc {
                out.covered[d] = true;
            }
        }
        cursor = end;
        for sp in &g.spans {
            let a = gchars.partition_point(|x| x.1 < sp.start);
            let b = gchars.partition_point(|x| x.1 < sp.end);
            let idx: Vec<usize> = map[a..b].iter().flatten().copied().collect();
            let (Some(&f), Some(&l)) = (idx.first(), idx.last()) else {
                out.dropped += 1;
                continue;
            };
            if stream[f].doc != stream[l].doc {
                out.dropped += 1;
                continue;
            }
            out.spans[stream[f].doc].push(Span {
                start: stream[f].start,
                end: stream[l].end,
                label: sp.label.clone(),
            });
        }
    }
    Ok(out)
}
