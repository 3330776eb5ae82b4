//! JSONL output: incremental, flushed per document, resumable.
//!
//! `JsonlWriter` writes one line per document and flushes it, so a killed run loses at most
//! the line being written. `ResumeState::scan` reads an existing output, truncates a torn last
//! line and returns the documents already done, keyed by (id, source), so `--resume` neither
//! duplicates nor drops one. It does not decide what goes into a document.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::Path;

use anyhow::{Context, Result};

use crate::document::Document;

/// Serialize a document as one JSON line (no trailing newline).
pub fn to_json_line(doc: &Document) -> Result<String> {
    serde_json::to_string(doc).with_context(|| format!("serializing document {}", doc.id))
}

/// One document as flat columns (the Parquet output and the Python binding's Arrow output):
/// nested parts are the same JSON text the JSONL line holds for them.
#[derive(Debug, Clone, PartialEq)]
pub struct DocColumns {
    pub id: String,
    pub source: String,
    /// The document has text and no error.
    pub ok: bool,
    /// JSON array, as `entities` in the JSONL line.
    pub entities: String,
    /// JSON array, as `relations` in the JSONL line.
    pub relations: String,
    /// JSON array of `{"kind", "message"}`.
    pub errors: String,
    /// JSON object, as `meta` in the JSONL line.
    pub meta: String,
}

impl DocColumns {
    pub fn of(doc: &Document) -> Result<DocColumns> {
        let json = |v: Result<String, serde_json::Error>| {
            v.with_context(|| format!("serializing document {}", doc.id))
        };
        Ok(DocColumns {
            id: doc.id.clone(),
            source: doc.source.clone(),
            ok: doc.text.is_some() && doc.errors.is_empty(),
            entities: json(serde_json::to_string(&doc.entities))?,
            relations: json(serde_json::to_string(&doc.relations))?,
            errors: json(serde_json::to_string(&doc.errors))?,
            meta: json(serde_json::to_string(&doc.meta))?,
        })
    }
}

/// Where extract writes: stdout or a file.
pub struct JsonlWriter {
    out: Box<dyn Write + Send>,
}

impl JsonlWriter {
    pub fn stdout() -> JsonlWriter {
        JsonlWriter {
            out: Box::new(BufWriter::new(std::io::stdout())),
        }
    }

    /// Open `path` for writing; `append` keeps what is there (for `--resume`).
    pub fn file(path: &Path, append: bool) -> Result<JsonlWriter> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let f = OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .open(path)
            .with_context(|| format!("opening output {}", path.display()))?;
        Ok(JsonlWriter {
            out: Box::new(BufWriter::new(f)),
        })
    }

    /// Write one document line and flush it.
    pub fn write(&mut self, doc: &Document) -> Result<()> {
        let line = to_json_line(doc)?;
        self.out
            .write_all(line.as_bytes())
            .context("writing output")?;
        self.out.write_all(b"\n").context("writing output")?;
        self.out.flush().context("flushing output")?;
        Ok(())
    }
}

/// Documents already present in an output file.
#[derive(Debug, Default)]
pub struct ResumeState {
    pub done: HashSet<(String, String)>,
    /// Bytes of a torn last line that were cut off.
    pub truncated_bytes: u64,
}

impl ResumeState {
    /// Read `path` (if it exists), drop a torn or unparsable last line, and collect the
    /// (id, source) of every complete document line.
    pub fn scan(path: &Path) -> Result<ResumeState> {
        let mut state = ResumeState::default();
        let Ok(file) = File::open(path) else {
            return Ok(state);
        };
        let mut reader = BufReader::new(file);
        let mut good_end: u64 = 0;
        let mut pos: u64 = 0;
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let n = reader
                .read_until(b'\n', &mut buf)
                .with_context(|| format!("reading {}", path.display()))?;
            if n == 0 {
                break;
            }
            pos += n as u64;
            let complete = buf.last() == Some(&b'\n');
            let parsed = if complete {
                serde_json::from_slice::<serde_json::Value>(&buf).ok()
            } else {
                None
            };
            match parsed {
                Some(v) => {
                    let id = v
                        .get("id")
                        .and_then(|x| x.as_str())
                        .unwrap_or_default()
                        .to_string();
                    let source = v
                        .get("source")
                        .and_then(|x| x.as_str())
                        .unwrap_or_default()
                        .to_string();
                    state.done.insert((id, source));
                    good_end = pos;
                }
                None => break,
            }
        }
        let len = std::fs::metadata(path)?.len();
        if len > good_end {
            state.truncated_bytes = len - good_end;
            let f = OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(|| format!("opening {} to cut its torn last line", path.display()))?;
            f.set_len(good_end)?;
            let mut f = f;
            f.seek(SeekFrom::End(0))?;
        }
        Ok(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resume_cuts_torn_last_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.jsonl");
        std::fs::write(
            &p,
            "{\"id\":\"a\",\"source\":\"a.txt\"}\n{\"id\":\"b\",\"source\":\"b.txt\"}\n{\"id\":\"c\",\"sou",
        )
        .unwrap();
        let st = ResumeState::scan(&p).unwrap();
        assert_eq!(st.done.len(), 2);
        assert!(st.done.contains(&("b".to_string(), "b.txt".to_string())));
        assert_eq!(st.truncated_bytes, 14);
        assert!(std::fs::read_to_string(&p).unwrap().ends_with("b.txt\"}\n"));
    }
}
