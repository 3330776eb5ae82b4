//! Finding the shipped model directory, the ONNX Runtime library and a model's files.
//!
//! Only looks at the file system and `ORT_DYLIB_PATH`; it loads nothing (see `runtime`).

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

/// Name of the shipped model folder under `models/`.
pub const SHIPPED_MODEL: &str = "vi-ner-e5s";

/// Name of the shipped fast model folder under `models/` (a 6-layer student distilled from
/// [`SHIPPED_MODEL`], same tokenizer and labels; `extract --fast`).
pub const SHIPPED_FAST_MODEL: &str = "vi-ner-e5s-fast";

/// Which of the models shipped in `models/` to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShippedModel {
    /// The 12-layer default model ([`SHIPPED_MODEL`]).
    #[default]
    Default,
    /// The distilled 6-layer model ([`SHIPPED_FAST_MODEL`]): about twice the throughput.
    Fast,
}

impl ShippedModel {
    /// Its folder name under `models/`.
    pub fn folder(self) -> &'static str {
        match self {
            ShippedModel::Default => SHIPPED_MODEL,
            ShippedModel::Fast => SHIPPED_FAST_MODEL,
        }
    }
}

/// Where `make ort` puts the ONNX Runtime library, relative to the repo root.
pub const ORT_CACHE_LIB: &str = ".cache/ort/libonnxruntime.so";

/// Model file names looked for in a model directory, in order of preference.
pub const MODEL_FILES: &[&str] = &[
    "model.onnx",
    "model_quantized.onnx",
    "onnx/model.onnx",
    "onnx/model_quantized.onnx",
];

/// Candidate roots: the current directory and its ancestors, the executable's ancestors
/// (target/release/..), then the source tree this crate was built from.
fn roots() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    let push_ancestors = |start: Option<PathBuf>, out: &mut Vec<PathBuf>| {
        let mut p = start;
        while let Some(dir) = p {
            if !out.contains(&dir) {
                out.push(dir.clone());
            }
            p = dir.parent().map(|p| p.to_path_buf());
        }
    };
    push_ancestors(std::env::current_dir().ok(), &mut out);
    push_ancestors(
        std::env::current_exe()
            .ok()
            .and_then(|e| e.parent().map(|p| p.to_path_buf())),
        &mut out,
    );
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if !out.contains(&manifest) {
        out.push(manifest);
    }
    out
}

/// The shipped model directory, if it can be found next to the repo or executable.
pub fn default_model_dir() -> Option<PathBuf> {
    shipped_model_dir(ShippedModel::Default)
}

/// The directory of one of the shipped models, if it can be found next to the repo or
/// executable.
pub fn shipped_model_dir(which: ShippedModel) -> Option<PathBuf> {
    roots()
        .into_iter()
        .map(|r| r.join("models").join(which.folder()))
        .find(|p| p.join("config.json").is_file())
}

/// Where the ONNX Runtime library was found, and why that one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrtLib {
    pub path: PathBuf,
    /// `--ort-lib`, `ORT_DYLIB_PATH` or `cache`.
    pub found_by: &'static str,
}

/// Find `libonnxruntime.so`: `explicit` (from `--ort-lib`), else `ORT_DYLIB_PATH`, else
/// `.cache/ort/libonnxruntime.so` under the current directory, the executable's ancestors or
/// the source tree. An explicit path or variable that names a missing file is an error (it is
/// not silently replaced by another library).
pub fn find_ort_lib(explicit: Option<&Path>) -> Result<OrtLib> {
    if let Some(p) = explicit {
        if !p.is_file() {
            bail!("--ort-lib {}: no such file", p.display());
        }
        return Ok(OrtLib {
            path: p.to_path_buf(),
            found_by: "--ort-lib",
        });
    }
    if let Some(v) = std::env::var_os("ORT_DYLIB_PATH").filter(|v| !v.is_empty()) {
        let p = PathBuf::from(v);
        if !p.is_file() {
            bail!("ORT_DYLIB_PATH={}: no such file", p.display());
        }
        return Ok(OrtLib {
            path: p,
            found_by: "ORT_DYLIB_PATH",
        });
    }
    if let Some(p) = roots()
        .into_iter()
        .map(|r| r.join(ORT_CACHE_LIB))
        .find(|p| p.is_file())
    {
        return Ok(OrtLib {
            path: p,
            found_by: "cache",
        });
    }
    bail!(
        "ONNX Runtime library not found: run `make ort` (puts {ORT_CACHE_LIB} in the repo), \
         or pass --ort-lib PATH, or set ORT_DYLIB_PATH"
    )
}

/// The ONNX graph file of a model directory (`model.onnx`, else `model_quantized.onnx`, also
/// under `onnx/`).
pub fn model_file(model_dir: &Path) -> Result<PathBuf> {
    if !model_dir.is_dir() {
        bail!("model directory {} does not exist", model_dir.display());
    }
    match MODEL_FILES
        .iter()
        .map(|f| model_dir.join(f))
        .find(|p| p.is_file())
    {
        Some(p) => Ok(p),
        None => bail!(
            "no model.onnx or model_quantized.onnx in {}",
            model_dir.display()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_missing_lib_is_an_error() {
        let e = find_ort_lib(Some(Path::new("/nonexistent/libonnxruntime.so"))).unwrap_err();
        assert!(e.to_string().contains("--ort-lib"), "{e}");
    }

    #[test]
    fn missing_model_dir_is_an_error() {
        let e = model_file(Path::new("/nonexistent/model")).unwrap_err();
        assert!(e.to_string().contains("does not exist"), "{e}");
    }
}
