//! `nerlink extract` on Parquet: rows in (streamed by row group), JSONL or Parquet out, the
//! same documents as the JSONL path, bad rows as error records. Rules only (no model needed).

use std::fs::File;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::file::properties::WriterProperties;
use serde_json::Value;

fn nerlink() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nerlink"))
}

fn text(i: usize) -> String {
    match i {
        7 => String::new(),
        8 => "\u{0}\u{1}\u{2} nhị phân \u{0}".to_string(),
        _ => format!(
            "Ngày {d}/3, UBND tỉnh Lào Cai tổ chức hội nghị số {i}. Chủ tịch UBND tỉnh Lào Cai \
             Trịnh Xuân Trường chủ trì. Chỉ số PAR INDEX năm 2022 của tỉnh đạt 8{d},5 điểm.",
            d = 1 + i % 9
        ),
    }
}

fn write_inputs(dir: &Path, n: usize) {
    let ids: Vec<String> = (0..n).map(|i| format!("doc{i}")).collect();
    let texts: Vec<String> = (0..n).map(text).collect();
    let titles: Vec<String> = (0..n).map(|i| format!("Tin {i}")).collect();
    let schema = Arc::new(Schema::new(vec![
        Field::new("id", DataType::Utf8, false),
        Field::new("text", DataType::Utf8, false),
        Field::new("title", DataType::Utf8, false),
    ]));
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![
            Arc::new(StringArray::from(ids.clone())),
            Arc::new(StringArray::from(texts.clone())),
            Arc::new(StringArray::from(titles.clone())),
        ],
    )
    .unwrap();
    let props = WriterProperties::builder()
        .set_max_row_group_row_count(Some(40))
        .build();
    let f = File::create(dir.join("in.parquet")).unwrap();
    let mut w = ArrowWriter::try_new(f, schema, Some(props)).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    let mut jsonl = String::new();
    for i in 0..n {
        let line = serde_json::json!({"id": ids[i], "text": texts[i], "title": titles[i]});
        jsonl.push_str(&line.to_string());
        jsonl.push('\n');
    }
    std::fs::write(dir.join("in.jsonl"), jsonl).unwrap();
}

fn extract(input: &Path, output: &Path) {
    let st = nerlink()
        .args(["extract", "--no-model", "--quiet"])
        .arg(input)
        .arg("-o")
        .arg(output)
        .status()
        .unwrap();
    assert!(st.success());
}

/// (id, entities, relations, errors) per document, nested parts as JSON text.
fn from_jsonl(path: &Path) -> Vec<(String, String, String, String)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["id"].as_str().unwrap().to_string(),
                v["entities"].to_string(),
                v["relations"].to_string(),
                v["errors"].to_string(),
            )
        })
        .collect()
}

#[test]
fn parquet_rows_give_the_same_documents_as_jsonl_lines() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_inputs(d, 130);
    extract(&d.join("in.jsonl"), &d.join("a.jsonl"));
    extract(&d.join("in.parquet"), &d.join("b.jsonl"));
    extract(&d.join("in.parquet"), &d.join("c.parquet"));
    let a = from_jsonl(&d.join("a.jsonl"));
    let b = from_jsonl(&d.join("b.jsonl"));
    assert_eq!(a.len(), 130);
    assert_eq!(a, b);
    assert!(a[7].3.contains("\"empty\""), "{}", a[7].3);
    assert!(a[8].3.contains("\"binary\""), "{}", a[8].3);
    let first: Value = serde_json::from_str(
        std::fs::read_to_string(d.join("b.jsonl"))
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(first["meta"]["title"], "Tin 0");

    let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(d.join("c.parquet")).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let mut c = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        let col = |name: &str| {
            batch
                .column_by_name(name)
                .unwrap()
                .as_string::<i32>()
                .clone()
        };
        let (id, ents, rels, errs) = (col("id"), col("entities"), col("relations"), col("errors"));
        for i in 0..batch.num_rows() {
            c.push((
                id.value(i).to_string(),
                ents.value(i).to_string(),
                rels.value(i).to_string(),
                errs.value(i).to_string(),
            ));
        }
    }
    assert_eq!(a, c);
}

#[test]
fn unreadable_parquet_is_an_error_record_and_resume_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("broken.parquet"), b"not parquet at all").unwrap();
    std::fs::write(d.join("ok.txt"), "UBND tỉnh Lào Cai họp.").unwrap();
    let out = nerlink()
        .args(["extract", "--no-model", "--quiet"])
        .arg(d.join("broken.parquet"))
        .arg(d.join("ok.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["errors"][0]["kind"], "bad_parquet");
    assert!(lines[1]["errors"].as_array().unwrap().is_empty());
    let st = nerlink()
        .args(["extract", "--no-model", "--resume", "-o"])
        .arg(d.join("x.parquet"))
        .arg(d.join("ok.txt"))
        .output()
        .unwrap();
    assert!(!st.status.success());
}
