//! Parquet input and output for `extract`: rows with `id`/`text` columns in, one row per
//! document out.
//!
//! `ParquetRows` reads a file lazily, one record batch at a time (a batch never spans more than
//! one row group), so memory stays flat whatever the file size. Each row becomes an
//! `InputItem::Inline` exactly as a JSONL line does: `id` (string or integer; else
//! `<stem>:<row>`), `text` (string or binary; binary is decoded as a file is), and every other
//! column kept as a meta field. `ParquetWriter` writes the `output::DocColumns` of each
//! document (JSON-string columns) in row groups of `ROWS_PER_GROUP`. This module does not run
//! the pipeline.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrayRef, BooleanArray, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use serde_json::{Map, Number, Value};

use crate::document::{DocError, Document};
use crate::io::{check_text, decode, file_id, InputItem};
use crate::output::DocColumns;

/// Rows decoded per read (bounded by the row group: a batch never spans two).
pub const READ_BATCH_ROWS: usize = 256;

/// Rows per row group of the output file.
pub const ROWS_PER_GROUP: usize = 1024;

/// Lazy reader of one Parquet file's rows as input items.
pub struct ParquetRows {
    path: PathBuf,
    reader: Option<ParquetRecordBatchReader>,
    batch: Option<RecordBatch>,
    /// Index of the next row in `batch`.
    next_in_batch: usize,
    /// Rows of the file handed out so far.
    row: usize,
    max_bytes: u64,
}

/// Rows in a Parquet file, from its footer (nothing else is read).
pub fn row_count(path: &Path) -> Result<u64> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file)
        .with_context(|| format!("reading the footer of {}", path.display()))?;
    Ok(builder.metadata().file_metadata().num_rows().max(0) as u64)
}

impl ParquetRows {
    /// Open `path` and read its footer; the rows are read on demand.
    pub fn open(path: &Path, max_bytes: u64) -> Result<ParquetRows> {
        let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let builder = ParquetRecordBatchReaderBuilder::try_new(file)
            .with_context(|| format!("{} is not a readable Parquet file", path.display()))?;
        if builder.schema().field_with_name("text").is_err() {
            anyhow::bail!("{} has no \"text\" column", path.display());
        }
        let reader = builder
            .with_batch_size(READ_BATCH_ROWS)
            .build()
            .with_context(|| format!("reading {}", path.display()))?;
        Ok(ParquetRows {
            path: path.to_path_buf(),
            reader: Some(reader),
            batch: None,
            next_in_batch: 0,
            row: 0,
            max_bytes,
        })
    }

    fn item(&self, batch: &RecordBatch, i: usize) -> InputItem {
        let row_no = self.row + 1;
        let fallback = format!("{}:{row_no}", file_id(&self.path));
        let source = format!("{}:{row_no}", self.path.display());
        let schema = batch.schema();
        let id = batch
            .column_by_name("id")
            .and_then(|c| id_of(c.as_ref(), i))
            .unwrap_or(fallback);
        let text = match batch.column_by_name("text") {
            Some(c) => text_of(c.as_ref(), i, self.max_bytes),
            None => Err(DocError::new("bad_parquet", "no \"text\" column")),
        };
        let result = text.map(|text| {
            let mut extra = Map::new();
            for (field, col) in schema.fields().iter().zip(batch.columns()) {
                let name = field.name();
                if name != "id" && name != "text" {
                    extra.insert(name.clone(), cell_to_json(col.as_ref(), i));
                }
            }
            (text, extra)
        });
        InputItem::Inline { id, source, result }
    }
}

impl Iterator for ParquetRows {
    type Item = InputItem;

    fn next(&mut self) -> Option<InputItem> {
        loop {
            if let Some(batch) = &self.batch {
                if self.next_in_batch < batch.num_rows() {
                    let item = self.item(batch, self.next_in_batch);
                    self.next_in_batch += 1;
                    self.row += 1;
                    return Some(item);
                }
                self.batch = None;
            }
            match self.reader.as_mut()?.next() {
                None => {
                    self.reader = None;
                    return None;
                }
                Some(Ok(batch)) => {
                    self.batch = Some(batch);
                    self.next_in_batch = 0;
                }
                Some(Err(e)) => {
                    // a corrupt row group: report it once and stop reading this file
                    self.reader = None;
                    let row_no = self.row + 1;
                    return Some(InputItem::Inline {
                        id: format!("{}:{row_no}", file_id(&self.path)),
                        source: format!("{}:{row_no}", self.path.display()),
                        result: Err(DocError::new(
                            "bad_parquet",
                            format!("cannot read rows from {row_no} on: {e}"),
                        )),
                    });
                }
            }
        }
    }
}

/// The id of row `i`: a string, or an integer written in decimal; `None` when null or of
/// another type.
fn id_of(col: &dyn Array, i: usize) -> Option<String> {
    if col.is_null(i) {
        return None;
    }
    match cell_to_json(col, i) {
        Value::String(s) => Some(s),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        _ => None,
    }
}

/// The text of row `i`, checked as the other inputs are (empty, binary, size).
fn text_of(col: &dyn Array, i: usize, max_bytes: u64) -> Result<String, DocError> {
    if col.is_null(i) {
        return Err(DocError::new("empty", "the document has no text (null)"));
    }
    let too_large = |n: usize| {
        if n as u64 > max_bytes {
            Err(DocError::new(
                "too_large",
                format!("the text is {n} bytes, over the --max-bytes limit of {max_bytes}"),
            ))
        } else {
            Ok(())
        }
    };
    let text: &str = match col.data_type() {
        DataType::Utf8 => col.as_string::<i32>().value(i),
        DataType::LargeUtf8 => col.as_string::<i64>().value(i),
        DataType::Utf8View => col.as_string_view().value(i),
        DataType::Binary => {
            let b = col.as_binary::<i32>().value(i);
            too_large(b.len())?;
            return decode(b);
        }
        DataType::LargeBinary => {
            let b = col.as_binary::<i64>().value(i);
            too_large(b.len())?;
            return decode(b);
        }
        DataType::BinaryView => {
            let b = col.as_binary_view().value(i);
            too_large(b.len())?;
            return decode(b);
        }
        other => {
            return Err(DocError::new(
                "bad_parquet",
                format!("the \"text\" column is {other}, not a string or binary column"),
            ))
        }
    };
    too_large(text.len())?;
    check_text(text)?;
    Ok(text.to_string())
}

/// One cell as a JSON value: strings, integers, floats, booleans, dates (ISO) and timestamps
/// (ISO, UTC) as themselves; null, and types without a plain JSON form (lists, structs,
/// binary…), as `null`.
pub fn cell_to_json(col: &dyn Array, i: usize) -> Value {
    if col.is_null(i) {
        return Value::Null;
    }
    let int = |v: i64| Value::Number(v.into());
    let uint = |v: u64| Value::Number(v.into());
    let float = |v: f64| {
        Number::from_f64(v)
            .map(Value::Number)
            .unwrap_or(Value::Null)
    };
    match col.data_type() {
        DataType::Utf8 => Value::String(col.as_string::<i32>().value(i).to_string()),
        DataType::LargeUtf8 => Value::String(col.as_string::<i64>().value(i).to_string()),
        DataType::Utf8View => Value::String(col.as_string_view().value(i).to_string()),
        DataType::Boolean => Value::Bool(col.as_boolean().value(i)),
        DataType::Int8 => int(col.as_primitive::<Int8Type>().value(i).into()),
        DataType::Int16 => int(col.as_primitive::<Int16Type>().value(i).into()),
        DataType::Int32 => int(col.as_primitive::<Int32Type>().value(i).into()),
        DataType::Int64 => int(col.as_primitive::<Int64Type>().value(i)),
        DataType::UInt8 => uint(col.as_primitive::<UInt8Type>().value(i).into()),
        DataType::UInt16 => uint(col.as_primitive::<UInt16Type>().value(i).into()),
        DataType::UInt32 => uint(col.as_primitive::<UInt32Type>().value(i).into()),
        DataType::UInt64 => uint(col.as_primitive::<UInt64Type>().value(i)),
        DataType::Float32 => float(col.as_primitive::<Float32Type>().value(i).into()),
        DataType::Float64 => float(col.as_primitive::<Float64Type>().value(i)),
        DataType::Date32 => col
            .as_primitive::<Date32Type>()
            .value_as_date(i)
            .map(|d| Value::String(d.format("%Y-%m-%d").to_string()))
            .unwrap_or(Value::Null),
        DataType::Timestamp(unit, _) => {
            let dt = match unit {
                TimeUnit::Second => col
                    .as_primitive::<TimestampSecondType>()
                    .value_as_datetime(i),
                TimeUnit::Millisecond => col
                    .as_primitive::<TimestampMillisecondType>()
                    .value_as_datetime(i),
                TimeUnit::Microsecond => col
                    .as_primitive::<TimestampMicrosecondType>()
                    .value_as_datetime(i),
                TimeUnit::Nanosecond => col
                    .as_primitive::<TimestampNanosecondType>()
                    .value_as_datetime(i),
            };
            dt.map(|d| Value::String(d.format("%Y-%m-%dT%H:%M:%S%.f").to_string()))
                .unwrap_or(Value::Null)
        }
        _ => Value::Null,
    }
}

/// The output schema: one row per document, nested data as JSON text (see README "Parquet").
pub fn output_schema() -> SchemaRef {
    let s = |name: &str| Field::new(name, DataType::Utf8, false);
    Arc::new(Schema::new(vec![
        s("id"),
        s("source"),
        Field::new("ok", DataType::Boolean, false),
        s("entities"),
        s("relations"),
        s("errors"),
        s("meta"),
    ]))
}

/// Writes documents to a Parquet file, `ROWS_PER_GROUP` rows per row group.
pub struct ParquetWriter {
    writer: ArrowWriter<File>,
    pending: Vec<DocColumns>,
    path: PathBuf,
}

impl ParquetWriter {
    pub fn create(path: &Path) -> Result<ParquetWriter> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let file =
            File::create(path).with_context(|| format!("creating output {}", path.display()))?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROWS_PER_GROUP))
            .build();
        let writer = ArrowWriter::try_new(file, output_schema(), Some(props))
            .with_context(|| format!("starting Parquet output {}", path.display()))?;
        Ok(ParquetWriter {
            writer,
            pending: Vec::new(),
            path: path.to_path_buf(),
        })
    }

    /// Queue one document; a full row group is written out.
    pub fn write(&mut self, doc: &Document) -> Result<()> {
        self.pending.push(DocColumns::of(doc)?);
        if self.pending.len() >= ROWS_PER_GROUP {
            self.flush_rows()?;
        }
        Ok(())
    }

    fn flush_rows(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.pending);
        let batch = columns_batch(&rows)?;
        self.writer
            .write(&batch)
            .with_context(|| format!("writing {}", self.path.display()))?;
        self.writer
            .flush()
            .with_context(|| format!("writing {}", self.path.display()))?;
        Ok(())
    }

    /// Write what is queued and the file footer.
    pub fn finish(mut self) -> Result<()> {
        self.flush_rows()?;
        self.writer
            .close()
            .with_context(|| format!("closing {}", self.path.display()))?;
        Ok(())
    }
}

/// A record batch of `output_schema()` from document columns.
pub fn columns_batch(rows: &[DocColumns]) -> Result<RecordBatch> {
    let strings = |f: fn(&DocColumns) -> &str| -> ArrayRef {
        Arc::new(StringArray::from_iter_values(rows.iter().map(f)))
    };
    let ok: ArrayRef = Arc::new(BooleanArray::from_iter(rows.iter().map(|r| Some(r.ok))));
    RecordBatch::try_new(
        output_schema(),
        vec![
            strings(|r| &r.id),
            strings(|r| &r.source),
            ok,
            strings(|r| &r.entities),
            strings(|r| &r.relations),
            strings(|r| &r.errors),
            strings(|r| &r.meta),
        ],
    )
    .context("building the output record batch")
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{BinaryArray, Int64Array};

    fn write_input(path: &Path) {
        let schema = Arc::new(Schema::new(vec![
            Field::new("id", DataType::Int64, true),
            Field::new("text", DataType::Binary, true),
            Field::new("title", DataType::Utf8, true),
        ]));
        let batch = RecordBatch::try_new(
            schema.clone(),
            vec![
                Arc::new(Int64Array::from(vec![Some(7), None, Some(9)])),
                Arc::new(BinaryArray::from_opt_vec(vec![
                    Some("Sở Nội vụ tỉnh Lào Cai họp.".as_bytes()),
                    Some(b"\xff\xff bad"),
                    None,
                ])),
                Arc::new(StringArray::from(vec![Some("T"), None, Some("x")])),
            ],
        )
        .unwrap();
        let mut w = ArrowWriter::try_new(File::create(path).unwrap(), schema, None).unwrap();
        w.write(&batch).unwrap();
        w.close().unwrap();
    }

    #[test]
    fn rows_become_items_and_bad_rows_become_errors() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("in.parquet");
        write_input(&p);
        let docs: Vec<Document> = ParquetRows::open(&p, 1 << 20)
            .unwrap()
            .map(|it| it.load(1 << 20))
            .collect();
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].id, "7");
        assert_eq!(docs[0].meta.title.as_deref(), Some("T"));
        assert!(docs[0].errors.is_empty());
        assert_eq!(docs[1].id, "in:2");
        assert_eq!(docs[1].errors[0].kind, "invalid_utf8");
        assert_eq!(docs[2].errors[0].kind, "empty");
    }

    #[test]
    fn writer_round_trips_rows() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.parquet");
        let mut w = ParquetWriter::create(&p).unwrap();
        w.write(&Document::new("a", "s", "x")).unwrap();
        w.write(&Document::failed(
            "b",
            "s",
            DocError::new("empty", "no text"),
        ))
        .unwrap();
        w.finish().unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(&p).unwrap())
            .unwrap()
            .build()
            .unwrap();
        let batches: Vec<RecordBatch> = reader.map(|b| b.unwrap()).collect();
        assert_eq!(batches[0].num_rows(), 2);
        let ok = batches[0].column_by_name("ok").unwrap().as_boolean();
        assert!(ok.value(0) && !ok.value(1));
    }
}
