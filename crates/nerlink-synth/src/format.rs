//! Writing examples as CoNLL (IOB2) and JSONL. Reading CoNLL back and decoding its tags are
//! `nerlink_text::conll::read_blocks` and `nerlink_text::iob::decode_iob`.
//!
//! Tokens are whitespace-separated chunks with leading and trailing punctuation split off one
//! char per token ("(TTXVN)," → `(` `TTXVN` `)` `,`); punctuation inside a chunk stays
//! ("21/63", "TP.HCM", "Kim Jong-un"), and a chunk is also cut wherever a span starts or ends, so
//! every span is a whole number of tokens.

use std::io::{self, Write};

use serde::Serialize;

use super::{Example, LabelSet};

/// Token char ranges of `text`, cut at every span boundary (see `nerlink_text::words`).
pub fn tokenize(text: &str, spans: &[(usize, usize, String)]) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let cuts: Vec<usize> = spans.iter().flat_map(|s| [s.0, s.1]).collect();
    nerlink_text::words::split_words(&chars, &cuts)
}

/// Tokens and IOB2 tags of an example (spans filtered by `labels`).
pub fn conll_rows(ex: &Example, labels: LabelSet) -> Vec<(String, String)> {
    let spans: Vec<&(usize, usize, String)> =
        ex.spans.iter().filter(|s| labels.keeps(&s.2)).collect();
    let chars: Vec<char> = ex.text.chars().collect();
    let mut out = Vec::new();
    for (s, e) in tokenize(&ex.text, &ex.spans) {
        let tok: String = chars[s..e].iter().collect();
        let tag = match spans.iter().find(|sp| sp.0 <= s && e <= sp.1) {
            Some(sp) if sp.0 == s => format!("B-{}", sp.2),
            Some(sp) => format!("I-{}", sp.2),
            None => "O".to_string(),
        };
        out.push((tok, tag));
    }
    out
}

/// One CoNLL block: `token<TAB>tag` lines, then a blank line.
pub fn write_conll<W: Write>(w: &mut W, ex: &Example, labels: LabelSet) -> io::Result<()> {
    for (tok, tag) in conll_rows(ex, labels) {
        writeln!(w, "{tok}\t{tag}")?;
    }
    writeln!(w)
}

#[derive(Serialize)]
struct JsonSpan<'a> {
    start: usize,
    end: usize,
    label: &'a str,
}

#[derive(Serialize)]
struct JsonExample<'a> {
    text: &'a str,
    spans: Vec<JsonSpan<'a>>,
    kind: &'a str,
}

/// One JSONL line: `{"text", "spans": [{"start","end","label"}], "kind"}`.
pub fn write_jsonl<W: Write>(w: &mut W, ex: &Example, labels: LabelSet) -> io::Result<()> {
    let j = JsonExample {
        text: &ex.text,
        spans: ex
            .spans
            .iter()
            .filter(|s| labels.keeps(&s.2))
            .map(|s| JsonSpan {
                start: s.0,
                end: s.1,
                label: &s.2,
            })
            .collect(),
        kind: ex.kind,
    };
    serde_json::to_writer(&mut *w, &j)?;
    writeln!(w)
}
