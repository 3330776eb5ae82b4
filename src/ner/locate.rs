//! Finding the shipped model directory and the ONNX Runtime library.

use std::path::PathBuf;

/// Name of the shipped model folder under `models/`.
pub const SHIPPED_MODEL: &str = "vi-ner-e5s";

/// Candidate roots: the current directory and the executable's ancestors (target/release/..).
fn roots() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        out.push(cwd);
    }
    if let Ok(exe) = std::env::current_exe() {
        let mut p = exe.parent().map(|p| p.to_path_buf());
        while let Some(dir) = p {
            out.push(dir.clone());
            p = dir.parent().map(|p| p.to_path_buf());
        }
    }
    out
}

/// The shipped model directory, if it can be found next to the repo or executable.
pub fn default_model_dir() -> Option<PathBuf> {
    roots()
        .into_iter()
        .map(|r| r.join("models").join(SHIPPED_MODEL))
        .find(|p| p.join("config.json").is_file())
}
