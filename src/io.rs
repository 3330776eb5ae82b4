//! Input discovery and decoding: files, directories, JSONL and stdin → `Document`s.
//!
//! `Inputs` walks the command-line inputs lazily, in a stable order (arguments in order,
//! directory entries sorted by path, JSONL lines in file order), so memory does not grow with
//! the corpus beyond a few bytes per file and id (`crate::walk`: every real file once, symlink
//! loops and unlistable directories become error records, repeated ids a warning); a Parquet
//! file is read one record batch at a time (`crate::parquet`). Each item
//! is turned into a `Document` by `InputItem::load`, which never fails:
//! unreadable files, invalid UTF-8, binary data, oversize files and bad JSONL lines become a
//! document with an error record. It does not analyze text.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::document::{DocError, Document};
use crate::text::html::html_to_text;
use crate::walk::{DirWalk, DuplicateIds, SeenFiles, Walked, MAX_DUPLICATE_WARNINGS};

/// Default limit on one document's size (bytes): 8 MiB. Measured (`benches/big_document.rs`,
/// 1 thread): the rules-only pipeline is linear, ~13 s for 8 MB of dense news text; the model
/// adds ~1 s per 23 k chars on 2 threads, so one document at the limit holds an ordered batch
/// for minutes, not hours. News articles are under 100 kB; longer legal texts fit.
pub const DEFAULT_MAX_BYTES: u64 = 8 * 1024 * 1024;

/// Input file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Jsonl,
    Parquet,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "parquet" | "pq" => Some(Format::Parquet),
            _ => None,
        }
    }
}

/// One unit of work: a file to read, or a JSONL line / stdin text already read.
#[derive(Debug, Clone)]
pub enum InputItem {
    File {
        path: PathBuf,
        format: Format,
    },
    Inline {
        id: String,
        source: String,
        result: Result<(String, Map<String, Value>), DocError>,
    },
}

impl InputItem {
    /// The document id this item will get (known before reading, used by `--resume`).
    pub fn id(&self) -> String {
        match self {
            InputItem::File { path, .. } => file_id(path),
            InputItem::Inline { id, .. } => id.clone(),
        }
    }

    /// Bytes of text this item will bring, known before reading: the text of a JSONL line, the
    /// size of a file on disk (0 when it cannot be read; `load` reports that). Used to size
    /// batches of documents, not to enforce `--max-bytes`.
    pub fn size_hint(&self) -> u64 {
        match self {
            InputItem::File { path, .. } => std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
            InputItem::Inline { result, .. } => result.as_ref().map_or(0, |(t, _)| t.len() as u64),
        }
    }

    /// Read and decode into a document. Never fails: problems become error records.
    pub fn load(self, max_bytes: u64) -> Document {
        match self {
            InputItem::File { path, format } => {
                let id = file_id(&path);
                let source = path.display().to_string();
                match read_limited(&path, max_bytes) {
                    Err(e) => Document::failed(id, source, e),
                    Ok(bytes) => match decode(&bytes) {
                        Err(e) => Document::failed(id, source, e),
                        Ok(text) => {
                            let text = if format == Format::Html {
                                html_to_text(&text)
                            } else {
                                text
                            };
                            Document::new(id, source, text)
                        }
                    },
                }
            }
            InputItem::Inline { id, source, result } => match result {
                Err(e) => Document::failed(id, source, e),
                Ok((text, extra)) => {
                    let mut doc = Document::new(id, source, text);
                    take_meta(&mut doc, extra);
                    doc
                }
            },
        }
    }
}

/// Known meta fields of a JSONL line go to their place; the rest is kept in `meta.extra`.
fn take_meta(doc: &mut Document, mut extra: Map<String, Value>) {
    let mut take = |k: &str| match extra.remove(k) {
        Some(Value::String(s)) => Some(s),
        Some(other) => {
            extra.insert(k.to_string(), other);
            None
        }
        None => None,
    };
    doc.meta.title = take("title");
    doc.meta.published = take("published").or_else(|| take("date"));
    doc.meta.byline = take("byline");
    doc.meta.extra = extra;
}

/// The document id of a file: its stem.
pub fn file_id(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn read_limited(path: &Path, max_bytes: u64) -> Result<Vec<u8>, DocError> {
    let file = File::open(path)
        .map_err(|e| DocError::new("io", format!("cannot open {}: {e}", path.display())))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > max_bytes {
        return Err(DocError::new(
            "too_large",
            format!(
                "{} is {len} bytes, over the --max-bytes limit of {max_bytes}",
                path.display()
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| DocError::new("io", format!("cannot read {}: {e}", path.display())))?;
    if bytes.len() as u64 > max_bytes {
        return Err(DocError::new(
            "too_large",
            format!(
                "{} is over the --max-bytes limit of {max_bytes}",
                path.display()
            ),
        ));
    }
    Ok(bytes)
}

/// Decode UTF-8 (BOM stripped), or UTF-16 with a byte-order mark (`crate::encoding`).
/// Invalid UTF-8 (with a hint when it looks like legacy Vietnamese: kind `legacy_encoding`),
/// binary data and empty input are errors.
pub fn decode(bytes: &[u8]) -> Result<String, DocError> {
    for (bom, big_endian) in [(b"\xFF\xFE", false), (b"\xFE\xFF", true)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let text = crate::encoding::decode_utf16(rest, big_endian).ok_or_else(|| {
                DocError::new(
                    "invalid_utf16",
                    "starts with a UTF-16 byte-order mark but is not valid UTF-16",
                )
            })?;
            check_text(&text)?;
            return Ok(text);
        }
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // NUL bytes never occur in text: this is a binary file (checked before UTF-8, which
    // binary data usually also fails)
    if bytes.contains(&0) {
        return Err(DocError::new(
            "binary",
            "the document looks like binary data (NUL bytes)",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        match crate::encoding::legacy_vietnamese(bytes) {
            Some(enc) => DocError::new(
                "legacy_encoding",
                format!(
                    "not valid UTF-8 at byte {at}: this looks like Vietnamese in the legacy {} \
                     encoding; convert it to UTF-8 first, e.g. `iconv -f {} -t UTF-8 FILE`",
                    enc.name(),
                    enc.iconv_name()
                ),
            ),
            None => DocError::new("invalid_utf8", format!("not valid UTF-8 at byte {at}")),
        }
    })?;
    check_text(text)?;
    Ok(text.to_string())
}

/// The checks every text gets whatever it came from (a file, a JSONL or Parquet field, the
/// Python API): empty (or only white space) and binary (NUL or many control characters) are
/// errors.
pub fn check_text(text: &str) -> Result<(), DocError> {
    if text.trim().is_empty() {
        return Err(DocError::new("empty", "the document has no text"));
    }
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if controls * 20 > text.chars().count().max(1) || text.contains('\0') {
        return Err(DocError::new(
            "binary",
            "the document looks like binary data (control characters)",
        ));
    }
    Ok(())
}

/// Parse one JSONL input line into (id, text, other fields).
/// A JSONL line's text and other fields, or why it cannot be used.
type ParsedLine = Result<(String, Map<String, Value>), DocError>;

fn parse_jsonl_line(line: &str, fallback_id: &str) -> (String, ParsedLine) {
    let value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => {
            return (
                fallback_id.to_string(),
                Err(DocError::new("bad_jsonl", format!("not JSON: {e}"))),
            )
        }
    };
    let Value::Object(mut obj) = value else {
        return (
            fallback_id.to_string(),
            Err(DocError::new("bad_jsonl", "the line is not a JSON object")),
        );
    };
    let id = match obj.remove("id") {
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        _ => fallback_id.to_string(),
    };
    match obj.remove("text") {
        Some(Value::String(text)) => match check_text(&text) {
            Ok(()) => (id, Ok((text, obj))),
            Err(e) => (id, Err(e)),
        },
        _ => (
            id,
            Err(DocError::new("bad_jsonl", "no \"text\" string field")),
        ),
    }
}

/// Lazy, ordered walk over all inputs.
pub struct Inputs {
    pending: std::collections::VecDeque<PathBuf>,
    current_walk: Option<DirWalk>,
    current_jsonl: Option<JsonlReader>,
    current_parquet: Option<crate::parquet::ParquetRows>,
    max_bytes: u64,
    seen_files: SeenFiles,
    ids: DuplicateIds,
    /// Problems with the inputs themselves (a missing path, a file reached twice, a repeated
    /// id): reported, not fatal. Missing paths, loops and unreadable directories also get an
    /// error record.
    pub warnings: Vec<String>,
}

struct JsonlReader {
    path: PathBuf,
    lines: std::io::Lines<BufReader<Box<dyn Read + Send>>>,
    line_no: usize,
}

impl Inputs {
    pub fn new(args: &[PathBuf], max_bytes: u64) -> Inputs {
        Inputs {
            pending: args.iter().cloned().collect(),
            current_walk: None,
            current_jsonl: None,
            current_parquet: None,
            max_bytes,
            seen_files: SeenFiles::default(),
            ids: DuplicateIds::default(),
            warnings: Vec::new(),
        }
    }

    /// Documents whose id an earlier document already had (the first
    /// `walk::MAX_DUPLICATE_WARNINGS` are also in `warnings`).
    pub fn repeated_ids(&self) -> usize {
        self.ids.count
    }

    fn next_from_jsonl(&mut self) -> Option<InputItem> {
        let reader = self.current_jsonl.as_mut()?;
        loop {
            let line = reader.lines.next();
            reader.line_no += 1;
            let source = format!("{}:{}", reader.path.display(), reader.line_no);
            match line {
                None => {
                    self.current_jsonl = None;
                    return None;
                }
                Some(Err(e)) => {
                    let id = format!("{}:{}", file_id(&reader.path), reader.line_no);
                    let kind = if e.kind() == std::io::ErrorKind::InvalidData {
                        "invalid_utf8"
                    } else {
                        "io"
                    };
                    // an I/O error mid-file would repeat forever: stop reading this file
                    if kind == "io" {
                        self.current_jsonl = None;
                    }
                    return Some(InputItem::Inline {
                        id,
                        source,
                        result: Err(DocError::new(kind, format!("cannot read line: {e}"))),
                    });
                }
                Some(Ok(line)) => {
                    if line.trim().is_empty() {
                        continue;
                    }
                    let fallback = format!("{}:{}", file_id(&reader.path), reader.line_no);
                    if line.len() as u64 > self.max_bytes {
                        return Some(InputItem::Inline {
                            id: fallback,
                            source,
                            result: Err(DocError::new(
                                "too_large",
                                "JSONL line over the --max-bytes limit",
                            )),
                        });
                    }
                    let (id, result) =
                        parse_jsonl_line(line.trim_start_matches('\u{feff}'), &fallback);
                    return Some(InputItem::Inline { id, source, result });
                }
            }
        }
    }

    /// Start reading one input file: a document, or the first of a JSONL / Parquet file's
    /// (`None`: the file's documents come from `current_jsonl` / `current_parquet`, or it was
    /// already read under another path).
    fn open_file(&mut self, path: PathBuf) -> Option<InputItem> {
        if !self.seen_files.first_time(&path) {
            self.warnings.push(format!(
                "skipped {}: the same file was already read under another path (symbolic or hard link)",
                path.display()
            ));
            return None;
        }
        match Format::of(&path).unwrap_or(Format::Text) {
            Format::Jsonl => match File::open(&path) {
                Ok(f) => {
                    let boxed: Box<dyn Read + Send> = Box::new(f);
                    self.current_jsonl = Some(JsonlReader {
                        path,
                        lines: BufReader::new(boxed).lines(),
                        line_no: 0,
                    });
                    None
                }
                Err(e) => Some(failed_item(
                    &path,
                    DocError::new("io", format!("cannot open {}: {e}", path.display())),
                )),
            },
            Format::Parquet => match crate::parquet::ParquetRows::open(&path, self.max_bytes) {
                Ok(rows) => {
                    self.current_parquet = Some(rows);
                    None
                }
                Err(e) => Some(failed_item(
                    &path,
                    DocError::new("bad_parquet", format!("{e:#}")),
                )),
            },
            format => Some(InputItem::File { path, format }),
        }
    }

    /// The next item, before the duplicate-id check.
    fn next_item(&mut self) -> Option<InputItem> {
        loop {
            if self.current_jsonl.is_some() {
                if let Some(item) = self.next_from_jsonl() {
                    return Some(item);
                }
                continue;
            }
            if let Some(rows) = self.current_parquet.as_mut() {
                match rows.next() {
                    Some(item) => return Some(item),
                    None => {
                        self.current_parquet = None;
                        continue;
                    }
                }
            }
            if let Some(walk) = self.current_walk.as_mut() {
                match walk.next() {
                    Some(Walked::File(path)) => {
                        if let Some(item) = self.open_file(path) {
                            return Some(item);
                        }
                    }
                    Some(Walked::Problem {
                        path,
                        kind,
                        message,
                    }) => {
                        self.warnings.push(message.clone());
                        return Some(failed_item(&path, DocError::new(kind, message)));
                    }
                    Some(Walked::Skipped { message, .. }) => self.warnings.push(message),
                    None => self.current_walk = None,
                }
                continue;
            }
            let path = self.pending.pop_front()?;
            if path.as_os_str() == "-" {
                let mut bytes = Vec::new();
                let result = std::io::stdin()
                    .take(self.max_bytes + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| DocError::new("io", format!("cannot read stdin: {e}")))
                    .and_then(|_| {
                        if bytes.len() as u64 > self.max_bytes {
                            Err(DocError::new(
                                "too_large",
                                "stdin is over the --max-bytes limit",
                            ))
                        } else {
                            decode(&bytes)
                        }
                    })
                    .map(|t| (t, Map::new()));
                return Some(InputItem::Inline {
                    id: "stdin".into(),
                    source: "-".into(),
                    result,
                });
            }
            if path.is_dir() {
                self.current_walk = Some(DirWalk::new(&path));
                continue;
            }
            if !path.exists() {
                self.warnings
                    .push(format!("no such input: {}", path.display()));
                return Some(failed_item(
                    &path,
                    DocError::new("io", format!("no such file: {}", path.display())),
                ));
            }
            if let Some(item) = self.open_file(path) {
                return Some(item);
            }
        }
    }
}

/// The error record of an input path.
fn failed_item(path: &Path, error: DocError) -> InputItem {
    InputItem::Inline {
        id: file_id(path),
        source: path.display().to_string(),
        result: Err(error),
    }
}

impl Iterator for Inputs {
    type Item = InputItem;

    fn next(&mut self) -> Option<InputItem> {
        let item = self.next_item()?;
        let id = item.id();
        if self.ids.repeated(&id) && self.ids.count <= MAX_DUPLICATE_WARNINGS {
            self.warnings.push(format!(
                "id {id:?} of {} was already given to an earlier document; \
                 tell them apart by \"source\"",
                item_source(&item)
            ));
        }
        Some(item)
    }
}

/// How many documents `Inputs::new(args, ..)` will give, counted without decoding anything:
/// a file is one, a JSONL file its non-blank lines, a Parquet file its rows (from the footer),
/// a loop or unlistable directory its error record, stdin one. For a progress bar's total; an
/// unreadable file counts as one (its error record).
pub fn count_documents(args: &[PathBuf]) -> u64 {
    let mut seen = SeenFiles::default();
    let mut n = 0;
    for arg in args {
        if arg.as_os_str() == "-" || !arg.exists() {
            n += 1;
        } else if arg.is_dir() {
            for w in DirWalk::new(arg) {
                match w {
                    Walked::File(p) => {
                        if seen.first_time(&p) {
                            n += documents_in_file(&p)
                        }
                    }
                    Walked::Problem { .. } => n += 1,
                    Walked::Skipped { .. } => {}
                }
            }
        } else if seen.first_time(arg) {
            n += documents_in_file(arg);
        }
    }
    n
}

/// Documents in one input file (see `count_documents`).
fn documents_in_file(path: &Path) -> u64 {
    match Format::of(path) {
        Some(Format::Jsonl) => {
            let Ok(f) = File::open(path) else { return 1 };
            BufReader::new(f)
                .split(b'\n')
                .map_while(|l| l.ok())
                .filter(|l| l.iter().any(|b| !b.is_ascii_whitespace()))
                .count() as u64
        }
        Some(Format::Parquet) => crate::parquet::row_count(path).unwrap_or(1),
        _ => 1,
    }
}

/// Where an item comes from: the `source` its document gets.
pub fn item_source(item: &InputItem) -> String {
    match item {
        InputItem::File { path, .. } => path.display().to_string(),
        InputItem::Inline { source, .. } => source.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_counted_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::write(d.join("a.txt"), "Hà Nội").unwrap();
        std::fs::write(d.join("sub/b.html"), "<p>Huế</p>").unwrap();
        std::fs::write(d.join("sub/c.jsonl"), "{\"text\": \"x\"}\n\n  \nnot json\n").unwrap();
        std::fs::write(d.join("sub/ignored.bin"), "x").unwrap();
        let args = vec![d.to_path_buf(), d.join("missing.txt")];
        let counted = count_documents(&args);
        assert_eq!(counted, 5);
        assert_eq!(
            counted,
            Inputs::new(&args, DEFAULT_MAX_BYTES).count() as u64
        );
    }

    #[test]
    fn decode_reads_utf16_with_a_bom() {
        let text = "Ủy ban nhân dân xã";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&le).unwrap(), text);
        assert_eq!(decode(&be).unwrap(), text);
        assert_eq!(decode(&le[..5]).unwrap_err().kind, "invalid_utf16");
        assert_eq!(decode(b"\xff\xfe \x00").unwrap_err().kind, "empty");
    }

    #[test]
    fn legacy_vietnamese_gets_a_hint() {
        // "Phó Chủ tịch tỉnh dự họp và phát biểu chỉ đạo hội nghị." in TCVN3
        let tcvn = b"Ph\xe3 Ch\xf1 t\xdech t\xd8nh d\xf9 h\xe4p v\xb5 ph\xb8t bi\xd3u ch\xd8 \xae\xb9o h\xe9i ngh\xde.";
        let e = decode(tcvn).unwrap_err();
        assert_eq!(e.kind, "legacy_encoding");
        assert!(e.message.contains("TCVN3") && e.message.contains("iconv -f TCVN"));
    }

    #[test]
    fn decode_strips_bom_and_rejects_bad_input() {
        assert_eq!(decode(b"\xEF\xBB\xBFxin ch\xC3\xA0o").unwrap(), "xin chào");
        assert_eq!(decode(b"ab\xffcd").unwrap_err().kind, "invalid_utf8");
        assert_eq!(decode(b"  \n").unwrap_err().kind, "empty");
        assert_eq!(decode(b"ab\0\x01\x02\x03cd").unwrap_err().kind, "binary");
    }

    #[test]
    fn jsonl_text_gets_the_same_checks_as_files() {
        let (_, r) = parse_jsonl_line(r#"{"id": "b", "text": "a\u0000\u0001b"}"#, "f:1");
        assert_eq!(r.unwrap_err().kind, "binary");
        let (_, r) = parse_jsonl_line(r#"{"id": "e", "text": " \n"}"#, "f:2");
        assert_eq!(r.unwrap_err().kind, "empty");
    }

    #[test]
    fn jsonl_line_keeps_other_fields() {
        let (id, r) =
            parse_jsonl_line(r#"{"id": 7, "text": "Nội dung", "url": "http://x"}"#, "f:1");
        assert_eq!(id, "7");
        let (text, extra) = r.unwrap();
        assert_eq!(text, "Nội dung");
        assert_eq!(extra["url"], "http://x");
        let (id, r) = parse_jsonl_line("{not json", "f:2");
        assert_eq!(id, "f:2");
        assert_eq!(r.unwrap_err().kind, "bad_jsonl");
    }
}
