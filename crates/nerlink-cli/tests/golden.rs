//! Golden output: `nerlink extract` on the seeds (`../shared/seeds`), `data/examples` and the
//! relation dev set (`../shared/relations-dev/input.jsonl`), rules only (`--no-model`) and with
//! the shipped model, must write the same JSONL bytes as when the hashes in
//! `tests/golden/extract.sha256` were recorded. Only SHA-256 hashes are stored: no article text
//! from `../shared` enters the repository.
//!
//! A refactoring must leave every hash alone. After a *deliberate* change of the output (a rule
//! fixed, a relation finder improved), refresh the hashes and commit the file with the change:
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test --profile iter --test golden
//! ```
//!
//! Runs are from the repository root with relative input paths (the `source` field is part of
//! the output) and `--threads 2` (the output does not depend on it; `tests/cli_batch.rs` checks
//! that). With the model, scores are hashed rounded to 3 decimals, so that another CPU's last
//! float bits do not count; spans, labels and relations are exact. Inputs under `../shared` that are absent are skipped.

use std::collections::BTreeMap;
use std::path::PathBuf;

mod common;
use common::repo_root;
use std::process::Command;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

fn root() -> PathBuf {
    repo_root()
}

const HASHES: &str = "crates/nerlink-cli/tests/golden/extract.sha256";
const REFRESH: &str = "UPDATE_GOLDEN=1 cargo test --profile iter --test golden";

/// The inputs, relative to the repository root.
const INPUTS: [(&str, &str); 3] = [
    ("seeds", "../shared/seeds"),
    ("examples", "data/examples"),
    ("relations-dev", "../shared/relations-dev/input.jsonl"),
];

/// Serializes reading and rewriting the hash file between the tests of this binary.
static FILE: Mutex<()> = Mutex::new(());

/// `name<TAB>sha256` lines, `#` comments.
fn read_hashes() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(root().join(HASHES)).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

fn write_hashes(h: &BTreeMap<String, String>) {
    let mut text = format!(
        "# SHA-256 of `nerlink extract` output (tests/golden.rs). Refresh after a deliberate\n\
         # output change with: {REFRESH}\n"
    );
    for (k, v) in h {
        text.push_str(&format!("{k}\t{v}\n"));
    }
    let path = root().join(HASHES);
    std::fs::create_dir_all(path.parent().expect("hash file has a folder")).expect("mkdir");
    std::fs::write(&path, text).expect("writing the golden hashes");
}

/// The hash of `nerlink extract ARGS INPUT` output.
fn extract_hash(model: bool, input: &str) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nerlink"));
    cmd.current_dir(root())
        .args(["extract", "--quiet", "--threads", "2"]);
    if !model {
        cmd.arg("--no-model");
    }
    let out = cmd.arg(input).output().expect("running nerlink extract");
    assert!(
        out.status.success(),
        "nerlink extract {input} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.stdout.is_empty(), "nerlink extract {input}: no output");
    if !model {
        return format!("{:x}", Sha256::digest(&out.stdout));
    }
    // with the model, entity scores are compared to 3 decimals: their last float bits may
    // change with the CPU's vector instructions; spans, labels and relations stay exact
    let text = String::from_utf8(out.stdout).expect("UTF-8 output");
    let mut hasher = Sha256::new();
    for line in text.lines() {
        let mut value: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        round_scores(&mut value);
        hasher.update(value.to_string().as_bytes());
        hasher.update(b"\n");
    }
    format!("{:x}", hasher.finalize())
}

/// Every `"score"` number in `value`, rounded to 3 decimals.
fn round_scores(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v.as_f64() {
                    Some(x) if key == "score" => {
                        *v = serde_json::json!((x * 1000.0).round() / 1000.0);
                    }
                    _ => round_scores(v),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(round_scores),
        _ => {}
    }
}

fn check(mode: &str, model: bool) {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let mut differ = Vec::new();
    let mut got = BTreeMap::new();
    for (name, input) in INPUTS {
        if !root().join(input).exists() {
            eprintln!("skipped {mode}/{name}: {input} is absent");
            continue;
        }
        got.insert(format!("{mode}/{name}"), extract_hash(model, input));
    }
    let _guard = FILE.lock().unwrap_or_else(|e| e.into_inner());
    let mut stored = read_hashes();
    let flags = if model { "" } else { " --no-model" };
    for (key, hash) in &got {
        let name = key.split_once('/').map_or("", |(_, n)| n);
        let input = INPUTS
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, i)| *i);
        let what = format!("{key} (nerlink extract{flags} {input})");
        match stored.get(key) {
            Some(h) if h == hash => {}
            Some(h) => differ.push(format!("{what}: stored {h}, now {hash}")),
            None => differ.push(format!("{what}: no stored hash, now {hash}")),
        }
    }
    if update {
        if !differ.is_empty() {
            stored.extend(got);
            write_hashes(&stored);
            eprintln!("updated {HASHES}:\n  {}", differ.join("\n  "));
        }
        return;
    }
    assert!(
        differ.is_empty(),
        "the output of `nerlink extract` changed ({mode}):\n  {}\n\
         If the change is deliberate, refresh {HASHES} with\n  {REFRESH}\n\
         and commit it with the change, listing what changed and why. Otherwise diff the output \
         of `target/iter/nerlink extract` on that input between main and this tree.",
        differ.join("\n  ")
    );
}

#[test]
fn rules_only_output_is_unchanged() {
    check("rules", false);
}

#[test]
fn model_output_is_unchanged() {
    if !root().join("models/vi-ner-e5s/model.onnx").exists() {
        eprintln!("skipped: the shipped model is absent");
        return;
    }
    check("model", true);
}

#[test]
fn hash_file_names_only_known_runs() {
    let _guard = FILE.lock().unwrap_or_else(|e| e.into_inner());
    for key in read_hashes().keys() {
        let (mode, name) = key.split_once('/').unwrap_or((key, ""));
        assert!(
            ["rules", "model"].contains(&mode) && INPUTS.iter().any(|(n, _)| *n == name),
            "{HASHES}: unknown entry {key}"
        );
    }
}
