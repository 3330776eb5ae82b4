//! Reading extract output: a JSONL file (or `-` for stdin) of `Document` lines.
//!
//! `DocLines` yields one parsed `Document` per non-empty line, with the line number, and turns
//! an unreadable or unparsable line into an error naming the file and line. It does not decide
//! what to do with documents that have no text (callers skip or count them).

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::document::Document;

/// Streaming reader of a JSONL file of documents.
pub struct DocLines {
    path: PathBuf,
    reader: Box<dyn BufRead>,
    line_no: usize,
    buf: String,
}

impl DocLines {
    /// Open `path`; `-` reads standard input.
    pub fn open(path: &Path) -> Result<DocLines> {
        let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
            Box::new(BufReader::new(std::io::stdin()))
        } else {
            let f = File::open(path).with_context(|| format!("opening {}", path.display()))?;
            Box::new(BufReader::with_capacity(1 << 16, f))
        };
        Ok(DocLines {
            path: path.to_path_buf(),
            reader,
            line_no: 0,
            buf: String::new(),
        })
    }
}

impl Iterator for DocLines {
    /// (1-based line number, document)
    type Item = Result<(usize, Document)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.buf.clear();
            self.line_no += 1;
            match self.reader.read_line(&mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    return Some(Err(anyhow::Error::new(e).context(format!(
                        "reading {} line {}",
                        self.path.display(),
                        self.line_no
                    ))))
                }
            }
            let line = self.buf.trim();
            if line.is_empty() {
                continue;
            }
            let parsed = serde_json::from_str::<Document>(line).with_context(|| {
                format!(
                    "{} line {}: not a nerlink document line",
                    self.path.display(),
                    self.line_no
                )
            });
            return Some(parsed.map(|d| (self.line_no, d)));
        }
    }
}
