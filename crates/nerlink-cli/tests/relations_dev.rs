//! The relation dev set (`../shared/relations-dev`: real government articles with gold
//! relations, read from there, never copied) end to end with the shipped model: `nerlink
//! extract` on its `input.jsonl` (URLs included), scored by `nerlink eval --gold-relations`
//! and held above floors a little under what the project reaches. The reference scorer
//! `score.py` must print the same summary line. Also: the seeds' relations stay all found.
//! Not a timed test.

use std::path::{Path, PathBuf};

mod common;
use common::repo_root;
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    repo_root()
}

fn dev() -> PathBuf {
    root().join("../shared/relations-dev")
}

fn extract(input: &Path, out: &Path) {
    let st = Command::new(env!("CARGO_BIN_EXE_nerlink"))
        .args(["extract", "-q", "--threads", "2", "-o"])
        .arg(out)
        .arg(input)
        .status()
        .expect("running nerlink extract");
    assert!(st.success());
}

fn eval_relations(gold: &Path, pred: &Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_nerlink"))
        .args(["eval", "--json", "--gold-relations"])
        .arg(gold)
        .arg("--pred")
        .arg(pred)
        .output()
        .expect("running nerlink eval");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("eval --json output");
    v["relations"].clone()
}

fn f1(r: &Value, kind: &str) -> f64 {
    r["per_type"][kind]["f1"].as_f64().unwrap_or(0.0)
}

#[test]
fn relation_dev_set_stays_above_its_floors() {
    if !dev().join("input.jsonl").exists() {
        eprintln!("skipped: ../shared/relations-dev is absent");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("dev.jsonl");
    extract(&dev().join("input.jsonl"), &out);
    let r = eval_relations(&dev().join("gold.jsonl"), &out);
    let summary = r["summary"].as_str().unwrap_or("").to_string();
    eprintln!("relation dev set: {summary}");
    let all = r["all"]["f1"].as_f64().unwrap_or(0.0);
    let (off, idx, docs) = (
        f1(&r, "official"),
        f1(&r, "index_result"),
        f1(&r, "document"),
    );
    assert!(off >= 0.95, "officials F1 {off:.3} under 0.95: {summary}");
    assert!(docs >= 0.95, "documents F1 {docs:.3} under 0.95: {summary}");
    assert!(
        idx >= INDEX_FLOOR,
        "index results F1 {idx:.3} under {INDEX_FLOOR}: {summary}"
    );
    assert!(
        all >= ALL_FLOOR,
        "relations F1 {all:.3} under {ALL_FLOOR}: {summary}"
    );

    // the reference scorer agrees
    let py = Command::new("python3")
        .arg(dev().join("score.py"))
        .arg("--gold")
        .arg(dev().join("gold.jsonl"))
        .arg("--pred")
        .arg(&out)
        .output();
    match py {
        Ok(o) if o.status.success() => {
            let text = String::from_utf8_lossy(&o.stdout);
            let last = text.lines().last().unwrap_or("");
            assert_eq!(last, summary, "score.py and nerlink eval disagree");
        }
        _ => eprintln!("score.py not run (no python3): agreement not checked"),
    }
}

/// Floors a little under what the shipped rules and model reach (see README).
const INDEX_FLOOR: f64 = 0.95;
const ALL_FLOOR: f64 = 0.95;

#[test]
fn seed_relations_are_all_found() {
    let seeds = root().join("../shared/seeds");
    let gold = root().join("../shared/gold/seeds.gold.jsonl");
    if !gold.exists() {
        eprintln!("skipped: ../shared/gold is absent");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("seeds.jsonl");
    extract(&seeds, &out);
    let r = eval_relations(&gold, &out);
    let summary = r["summary"].as_str().unwrap_or("").to_string();
    eprintln!("seeds: {summary}");
    for kind in ["official", "index_result", "document"] {
        let v = &r["per_type"][kind];
        if v["tp"].as_u64().unwrap_or(0) + v["fn"].as_u64().unwrap_or(0) > 0 {
            assert_eq!(f1(&r, kind), 1.0, "{kind} on the seeds: {summary}");
        }
    }
}
