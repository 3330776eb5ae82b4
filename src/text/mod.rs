//! The text stage: normalized views, page lines with boilerplate flags, sentences and metadata.
//!
//! `analyze` returns a document's `Analysis` and fills `Document::meta` (title, published,
//! byline); the pipeline hands the analysis to the later stages beside the document
//! (`stage::InFlight`), it is not stored on the document. All
//! positions inside `Analysis` are *normalized char indices* (indices into `norm.norm`); use
//! `NormText::to_orig` to get original code-point offsets. Decoding and HTML stripping happen
//! in `io` before this stage; entity finding happens after it.

pub(crate) mod boilerplate;
pub(crate) mod html;
pub(crate) mod meta;
pub(crate) mod normalize;
pub mod sentences;
/// Whitespace words with punctuation split off (shared with synth: `nerlink_text::words`).
pub use nerlink_text::words;

pub use normalize::{fold, match_key, NormText};

use crate::document::Document;

/// One line of the page (normalized char range, without the line break).
#[derive(Debug, Clone)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub boilerplate: Option<boilerplate::Boilerplate>,
}

/// One sentence of a content line (normalized char range).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub line: usize,
}

/// Everything the text stage derives from a document's text.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub norm: NormText,
    pub lines: Vec<Line>,
    /// Sentences of content lines only, in text order.
    pub sentences: Vec<Sentence>,
    /// Line index of the title, if found.
    pub title_line: Option<usize>,
    /// Line index of the date stamp, if found.
    pub date_line: Option<usize>,
}

impl Analysis {
    pub fn new(text: &str) -> Analysis {
        let norm = NormText::new(text);
        let mut lines = Vec::new();
        {
            let chars: Vec<char> = norm.norm.text.chars().collect();
            let mut start = 0;
            for (i, &c) in chars.iter().enumerate() {
                if c == '\n' {
                    let end = if i > start && chars[i - 1] == '\r' {
                        i - 1
                    } else {
                        i
                    };
                    lines.push((start, end));
                    start = i + 1;
                }
            }
            if start < chars.len() {
                lines.push((start, chars.len()));
            }
        }
        let flags = boilerplate::classify_lines(lines.iter().map(|&(s, e)| norm.norm.slice(s, e)));
        let lines: Vec<Line> = lines
            .into_iter()
            .zip(flags)
            .map(|((start, end), boilerplate)| Line {
                start,
                end,
                boilerplate,
            })
            .collect();
        let mut sentences = Vec::new();
        for (li, line) in lines.iter().enumerate() {
            if line.boilerplate.is_some() {
                continue;
            }
            for (s, e) in sentences::split_sentences(norm.norm.slice(line.start, line.end)) {
                sentences.push(Sentence {
                    start: line.start + s,
                    end: line.start + e,
                    line: li,
                });
            }
        }
        Analysis {
            norm,
            lines,
            sentences,
            title_line: None,
            date_line: None,
        }
    }

    /// The normalized text of a line.
    pub fn line_text(&self, i: usize) -> &str {
        let l = &self.lines[i];
        self.norm.norm.slice(l.start, l.end)
    }

    /// The sentence containing normalized char `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<&Sentence> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        self.sentences.get(i).filter(|s| s.start <= pos)
    }

    /// Whether a normalized char position is inside a boilerplate line.
    pub fn in_boilerplate(&self, pos: usize) -> bool {
        let i = self.lines.partition_point(|l| l.end < pos);
        self.lines
            .get(i)
            .map(|l| l.start <= pos && l.boilerplate.is_some())
            .unwrap_or(false)
    }
}

/// Run the text stage on a document: build its analysis and fill title / published / byline
/// where the input did not already give them. `None` for a document without text.
pub fn analyze(doc: &mut Document) -> Option<Analysis> {
    let text = doc.text.as_deref()?;
    let mut analysis = Analysis::new(text);
    let page: Vec<meta::PageLine> = (0..analysis.lines.len())
        .map(|i| meta::PageLine {
            text: analysis.line_text(i),
            boilerplate: analysis.lines[i].boilerplate.is_some(),
        })
        .collect();
    let found = meta::find_meta(&page);
    analysis.title_line = found.title;
    analysis.date_line = found.date_line;
    if doc.meta.title.is_none() {
        doc.meta.title = found.title.map(|i| {
            let l = &analysis.lines[i];
            let (s, e) = analysis.norm.to_orig(l.start, l.end);
            doc.slice_chars(s, e).trim().to_string()
        });
    }
    if doc.meta.published.is_none() {
        doc.meta.published = found.published;
    }
    if doc.meta.byline.is_none() {
        doc.meta.byline = found.byline;
    }
    Some(analysis)
}
