//! Helpers shared by the CLI tests: run the built `nerlink` binary, rules only, read its JSONL
//! output, and find the repository root (inputs, models, `../shared`). Nothing here asserts on
//! behaviour.
#![allow(dead_code)] // each test binary uses a part

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The repository root: this crate is `crates/nerlink-cli`; `data/examples`, `models/` and the
/// shared inputs (`../shared`) are found from the root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/nerlink-cli lies two levels below the repository root")
        .to_path_buf()
}

/// The `nerlink` binary this test run built.
pub fn nerlink() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nerlink"))
}

/// `nerlink extract --no-model --threads 1 ARGS…`, output captured.
pub fn extract(args: &[&Path]) -> Output {
    nerlink()
        .args(["extract", "--no-model", "--threads", "1"])
        .args(args)
        .output()
        .expect("run nerlink")
}

/// The JSON records of a run's stdout.
pub fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}
