//! Training-data exports of extract output: CoNLL (IOB2), spaCy JSONL, Label Studio tasks,
//! doccano JSONL, brat standoff and CSV tables of the relations.
//!
//! `export_file` reads a JSONL of documents, skips error records (no text) with a count,
//! checks every document's offsets (`check::validate`) and hands it to the writer of the
//! format, which re-checks the offsets it writes. Output is staged and moved into place only
//! when every document passed (`staging`), so a bad document gives an error naming it and no
//! file. It does not run the pipeline and does not change entities, except that CoNLL widens a
//! span that cuts a token (reported in `ExportSummary::warnings`).
//!
//! Offsets are Unicode code points everywhere (as in the document contract; brat, spaCy and
//! Label Studio count the same way), except doccano, whose editor counts UTF-16 code units:
//! its offsets default to UTF-16 (`OffsetUnit`), which only differs for texts with characters
//! outside the BMP (emoji).

pub(crate) mod brat;
pub(crate) mod check;
pub(crate) mod conll;
pub(crate) mod doccano;
pub(crate) mod input;
pub mod labelstudio;
pub(crate) mod links;
pub(crate) mod spacy;
pub(crate) mod staging;
pub(crate) mod table;
pub(crate) mod tokens;

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use anyhow::{Context, Result};

use crate::document::Document;
use nerlink_text::chars::CharIndex;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Conll,
    Spacy,
    LabelStudio,
    Doccano,
    Brat,
    Csv,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Conll,
        Format::Spacy,
        Format::LabelStudio,
        Format::Doccano,
        Format::Brat,
        Format::Csv,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Conll => "conll",
            Format::Spacy => "spacy",
            Format::LabelStudio => "labelstudio",
            Format::Doccano => "doccano",
            Format::Brat => "brat",
            Format::Csv => "csv",
        }
    }

    /// Whether the output is a directory (brat, csv) rather than one file.
    pub fn is_dir(self) -> bool {
        matches!(self, Format::Brat | Format::Csv)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s.to_ascii_lowercase())
            .ok_or_else(|| {
                format!(
                    "unknown format {s:?} (one of: {})",
                    Format::ALL.map(|f| f.name()).join(", ")
                )
            })
    }
}

/// How offsets are counted in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffsetUnit {
    /// Unicode code points (Python `str` indices).
    CodePoint,
    /// UTF-16 code units (JavaScript string indices).
    Utf16,
}

impl FromStr for OffsetUnit {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "codepoint" | "char" | "chars" => Ok(OffsetUnit::CodePoint),
            "utf16" | "utf-16" => Ok(OffsetUnit::Utf16),
            _ => Err(format!("unknown offset unit {s:?} (codepoint or utf16)")),
        }
    }
}

/// What to export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub format: Format,
    /// spaCy: add the relations to each line.
    pub with_relations: bool,
    /// doccano: the entities + relations variant instead of `label` triples.
    pub doccano_relations: bool,
    /// Offset unit for spaCy / Label Studio / doccano (default: code points, doccano UTF-16).
    pub offset_unit: Option<OffsetUnit>,
    /// CSV: start each file with a UTF-8 byte-order mark, which Excel needs to read UTF-8.
    pub excel: bool,
}

impl ExportOptions {
    pub fn new(format: Format) -> ExportOptions {
        ExportOptions {
            format,
            with_relations: false,
            doccano_relations: false,
            offset_unit: None,
            excel: false,
        }
    }

    /// The offset unit in force for this format.
    pub fn unit(&self) -> OffsetUnit {
        self.offset_unit.unwrap_or(match self.format {
            Format::Doccano => OffsetUnit::Utf16,
            _ => OffsetUnit::CodePoint,
        })
    }
}

/// What an export did.
#[derive(Debug, Default, Clone)]
pub struct ExportSummary {
    /// Documents exported.
    pub documents: usize,
    /// Input lines without text (error records), skipped.
    pub skipped_no_text: usize,
    pub entities: usize,
    pub relations: usize,
    /// Things changed or left out on the way (widened spans, nested spans CoNLL cannot hold,
    /// relations a binary format cannot hold), one line each.
    pub warnings: Vec<String>,
}

/// A format writer: gets each checked document, then `finish`.
pub(crate) trait Sink {
    fn write(&mut self, doc: &Document, ci: &CharIndex<'_>, sum: &mut ExportSummary) -> Result<()>;
    fn finish(self: Box<Self>, sum: &mut ExportSummary) -> Result<()>;
}

/// Offset of code point `pos` in `unit`.
pub(crate) fn offset(ci: &CharIndex<'_>, pos: usize, unit: OffsetUnit) -> usize {
    match unit {
        OffsetUnit::CodePoint => pos,
        OffsetUnit::Utf16 => ci.utf16(pos),
    }
}

/// Re-check an exported span: `[start, end)` in `unit` must read `expected` in the text.
pub(crate) fn recheck(
    doc: &Document,
    ci: &CharIndex<'_>,
    start: usize,
    end: usize,
    unit: OffsetUnit,
    expected: &str,
) -> Result<()> {
    let got = match unit {
        OffsetUnit::CodePoint => ci.slice(start, end).map(str::to_string),
        OffsetUnit::Utf16 => {
            if ci.has_astral() {
                nerlink_text::chars::slice_utf16(ci.text(), start, end)
            } else {
                ci.slice(start, end).map(str::to_string)
            }
        }
    };
    if got.as_deref() != Some(expected) {
        anyhow::bail!(
            "document {}: exported span [{start}, {end}) reads {:?}, not {:?}",
            doc.id,
            got,
            expected
        );
    }
    Ok(())
}

/// Export the documents of `input` (JSONL, `-` for stdin) to `output` (a file, or a directory
/// for brat / csv).
pub fn export_file(input: &Path, output: &Path, opts: &ExportOptions) -> Result<ExportSummary> {
    let docs = input::DocLines::open(input)?;
    export_docs(docs.map(|r| r.map(|(_, d)| d)), output, opts)
}

/// Export documents from any source (see `export_file`).
pub fn export_docs(
    docs: impl Iterator<Item = Result<Document>>,
    output: &Path,
    opts: &ExportOptions,
) -> Result<ExportSummary> {
    let mut sink: Box<dyn Sink> = match opts.format {
        Format::Conll => Box::new(conll::ConllSink::create(output)?),
        Format::Spacy => Box::new(spacy::SpacySink::create(
            output,
            opts.with_relations,
            opts.unit(),
        )?),
        Format::LabelStudio => Box::new(labelstudio::LabelStudioSink::create(output, opts.unit())?),
        Format::Doccano => Box::new(doccano::DoccanoSink::create(
            output,
            opts.doccano_relations,
            opts.unit(),
        )?),
        Format::Brat => Box::new(brat::BratSink::create(output)?),
        Format::Csv => Box::new(table::CsvSink::create(output, opts.excel)?),
    };
    let mut sum = ExportSummary::default();
    for doc in docs {
        let doc = doc?;
        let Some(text) = doc.text.as_deref() else {
            sum.skipped_no_text += 1;
            continue;
        };
        let ci = CharIndex::new(text);
        check::validate(&doc, &ci)?;
        sink.write(&doc, &ci, &mut sum)
            .with_context(|| format!("exporting document {}", doc.id))?;
        sum.documents += 1;
        sum.entities += doc.entities.len();
        sum.relations += doc.relations.len();
    }
    sink.finish(&mut sum)?;
    Ok(sum)
}
