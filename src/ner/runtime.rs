//! ONNX Runtime: loading the shared library once per process, building sessions, and running
//! one padded batch of token ids through a token-classification graph.
//!
//! The library is loaded with `ort::init_from` the first time a runtime is asked for and the
//! environment is kept for the life of the process (ONNX Runtime allows one per process); later
//! calls that resolve to the same library get the same runtime. This module knows nothing about
//! tokenizers, windows or labels.

use std::path::Path;
use std::sync::{Arc, Mutex};

use anyhow::{anyhow, bail, Context, Result};
use ort::environment::Environment;
use ort::session::builder::{GraphOptimizationLevel, SessionBuilder};
use ort::session::{Session, SessionInputValue};
use ort::value::{Tensor, TensorElementType};

use super::locate::{find_ort_lib, OrtLib};

/// The loaded ONNX Runtime library and its process-wide environment.
pub struct OrtRuntime {
    /// The library that was loaded.
    pub lib: OrtLib,
    /// ONNX Runtime version, e.g. `1.31.1` (from its build info).
    pub version: String,
    env: Environment,
}

impl std::fmt::Debug for OrtRuntime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OrtRuntime")
            .field("lib", &self.lib)
            .field("version", &self.version)
            .finish()
    }
}

static RUNTIME: Mutex<Option<Arc<OrtRuntime>>> = Mutex::new(None);

/// The process's ONNX Runtime, loading it on first use (see `locate::find_ort_lib` for where
/// the library is looked for). A failed load is not remembered, so it can be retried; asking
/// for a different library once one is loaded is an error (one per process).
pub fn ort_runtime(explicit: Option<&Path>) -> Result<Arc<OrtRuntime>> {
    let mut lib = find_ort_lib(explicit)?;
    if let Ok(abs) = std::fs::canonicalize(&lib.path) {
        lib.path = abs;
    }
    let mut slot = RUNTIME.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(rt) = slot.as_ref() {
        if rt.lib.path != lib.path {
            bail!(
                "ONNX Runtime is already loaded from {} in this process; cannot also load {} \
                 (via {})",
                rt.lib.path.display(),
                lib.path.display(),
                lib.found_by
            );
        }
        return Ok(rt.clone());
    }
    let builder = ort::init_from(&lib.path)
        .map_err(|e| anyhow!("loading ONNX Runtime ({}): {e}", lib.found_by))?;
    let env = builder
        .with_name("nerlink")
        .with_telemetry(false)
        .build()
        .with_context(|| {
            format!(
                "creating the ONNX Runtime environment from {}",
                lib.path.display()
            )
        })?;
    let version = library_version(&lib.path)
        .or_else(|| version_from_info(ort::info()))
        .unwrap_or_else(|| "unknown".into());
    let rt = Arc::new(OrtRuntime { lib, version, env });
    *slot = Some(rt.clone());
    Ok(rt)
}

/// The version string the library reports (`OrtGetApiBase()->GetVersionString()`); `ort`
/// checks it when loading but does not expose it.
fn library_version(path: &Path) -> Option<String> {
    type GetApiBase = unsafe extern "system" fn() -> *const ort::sys::OrtApiBase;
    // SAFETY: `path` is the ONNX Runtime library `ort::init_from` has just loaded, so opening it
    // again only takes another reference (no initializers run); `OrtGetApiBase` has this
    // signature in every ONNX Runtime release, and `GetVersionString` returns a pointer to a
    // static NUL-terminated string, copied before the handle is dropped.
    unsafe {
        let lib = libloading::Library::new(path).ok()?;
        let get: libloading::Symbol<GetApiBase> = lib.get(b"OrtGetApiBase").ok()?;
        let base = get();
        if base.is_null() {
            return None;
        }
        let s = ((*base).GetVersionString)();
        if s.is_null() {
            return None;
        }
        let v = std::ffi::CStr::from_ptr(s).to_str().ok()?.to_string();
        Some(v)
    }
}

/// `1.31.1` from a build-info string like `ORT Build Info: git-branch=rel-1.31.1, ...`.
fn version_from_info(info: &str) -> Option<String> {
    let branch = info.split("git-branch=").nth(1)?;
    let branch = branch.split([',', ' ']).next()?;
    let v = branch.trim_start_matches("rel-").trim_start_matches('v');
    (!v.is_empty()).then(|| v.to_string())
}

fn built(r: ort::session::builder::BuilderResult) -> Result<SessionBuilder> {
    r.map_err(|e| anyhow!(ort::Error::<()>::from(e)))
}

/// Which model input a graph input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Ids,
    Mask,
    TypeIds,
}

/// The graph's inputs (name, kind, 64- or 32-bit ints) and its logits output.
#[derive(Debug, Clone)]
pub struct GraphSpec {
    pub inputs: Vec<(String, InputKind, bool)>,
    pub output: String,
    /// Number of labels in the logits, when the graph fixes it.
    pub num_labels: Option<usize>,
    /// The model declares fixed activation scales (custom metadata
    /// `nerlink.activation_scales = static`, written by `training/static_scales.py`): a
    /// window's output does not depend on the other windows of its batch.
    pub batch_independent: bool,
}

/// Custom metadata key (and value) by which a model declares fixed activation scales.
pub const ACTIVATION_SCALES_KEY: &str = "nerlink.activation_scales";

impl GraphSpec {
    /// Read what the session wants. Unknown inputs and non-f32 logits are errors.
    pub fn of(session: &Session) -> Result<GraphSpec> {
        let mut inputs = Vec::new();
        for i in session.inputs() {
            let kind = match i.name() {
                "input_ids" => InputKind::Ids,
                "attention_mask" => InputKind::Mask,
                "token_type_ids" => InputKind::TypeIds,
                other => bail!(
                    "the model wants an input {other:?}; only input_ids, attention_mask and \
                     token_type_ids are supported"
                ),
            };
            let wide = match i.dtype().tensor_type() {
                Some(TensorElementType::Int64) => true,
                Some(TensorElementType::Int32) => false,
                other => bail!(
                    "model input {:?} has type {other:?}, not int64/int32",
                    i.name()
                ),
            };
            inputs.push((i.name().to_string(), kind, wide));
        }
        if !inputs.iter().any(|(_, k, _)| *k == InputKind::Ids) {
            bail!("the model has no input_ids input");
        }
        let outputs = session.outputs();
        let out = outputs
            .iter()
            .find(|o| o.name() == "logits")
            .or_else(|| outputs.first())
            .context("the model has no outputs")?;
        if out.dtype().tensor_type() != Some(TensorElementType::Float32) {
            bail!(
                "model output {:?} is {}, expected float32 logits",
                out.name(),
                out.dtype()
            );
        }
        let num_labels = out
            .dtype()
            .tensor_shape()
            .and_then(|s| s.last().copied())
            .filter(|&n| n > 0)
            .map(|n| n as usize);
        let batch_independent = session
            .metadata()
            .ok()
            .and_then(|m| m.custom(ACTIVATION_SCALES_KEY))
            .is_some_and(|v| v == "static");
        Ok(GraphSpec {
            inputs,
            output: out.name().to_string(),
            num_labels,
            batch_independent,
        })
    }
}

/// Build a session for `model` with `intra_threads` intra-op threads.
pub fn build_session(rt: &OrtRuntime, model: &Path, intra_threads: usize) -> Result<Session> {
    let b = Session::builder(&rt.env).context("creating session options")?;
    let b = built(b.with_optimization_level(GraphOptimizationLevel::Level3))?;
    let b = built(b.with_intra_threads(intra_threads.max(1)))?;
    let b = built(b.with_inter_threads(1))?;
    let mut b = built(b.with_intra_op_spinning(false))?;
    b.commit_from_file(model)
        .with_context(|| format!("loading {}", model.display()))
}

fn int_tensor(
    wide: bool,
    shape: [usize; 2],
    data: impl Iterator<Item = i64>,
) -> Result<SessionInputValue<'static>> {
    Ok(if wide {
        Tensor::from_array((shape, data.collect::<Vec<i64>>()))?.into()
    } else {
        Tensor::from_array((shape, data.map(|x| x as i32).collect::<Vec<i32>>()))?.into()
    })
}

/// Run sequences of token ids (special tokens included) as one batch padded with `pad_id`.
/// Returns, for each sequence, its logits (`len × num_labels`, row-major) and `num_labels`.
pub fn run_batch(
    session: &mut Session,
    spec: &GraphSpec,
    seqs: &[&[u32]],
    pad_id: u32,
) -> Result<(Vec<Vec<f32>>, usize)> {
    let b = seqs.len();
    let t = seqs.iter().map(|s| s.len()).max().unwrap_or(0);
    if b == 0 || t == 0 {
        return Ok((vec![Vec::new(); b], spec.num_labels.unwrap_or(0)));
    }
    let mut inputs: Vec<(std::borrow::Cow<'static, str>, SessionInputValue<'static>)> =
        Vec::with_capacity(spec.inputs.len());
    for (name, kind, wide) in &spec.inputs {
        let value = match kind {
            InputKind::Ids => int_tensor(
                *wide,
                [b, t],
                seqs.iter().flat_map(|s| {
                    s.iter()
                        .map(|&x| x as i64)
                        .chain(std::iter::repeat_n(pad_id as i64, t - s.len()))
                }),
            )?,
            InputKind::Mask => int_tensor(
                *wide,
                [b, t],
                seqs.iter().flat_map(|s| {
                    std::iter::repeat_n(1i64, s.len()).chain(std::iter::repeat_n(0, t - s.len()))
                }),
            )?,
            InputKind::TypeIds => int_tensor(*wide, [b, t], std::iter::repeat_n(0i64, b * t))?,
        };
        inputs.push((name.clone().into(), value));
    }
    let outputs = session.run(inputs).context("running the model")?;
    let logits = outputs
        .get(&spec.output)
        .with_context(|| format!("the model returned no {:?} output", spec.output))?;
    let (shape, data) = logits
        .try_extract_tensor::<f32>()
        .context("reading the logits")?;
    if shape.len() != 3 || shape[0] as usize != b || shape[1] as usize != t {
        bail!("logits have shape {shape}, expected [{b}, {t}, labels]");
    }
    let nl = shape[2] as usize;
    let out = seqs
        .iter()
        .enumerate()
        .map(|(i, s)| data[i * t * nl..(i * t + s.len()) * nl].to_vec())
        .collect();
    Ok((out, nl))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_parsing() {
        assert_eq!(
            version_from_info(
                "ORT Build Info: git-branch=rel-1.31.1, git-commit-id=abc, build type=Release"
            )
            .as_deref(),
            Some("1.31.1")
        );
        assert_eq!(version_from_info("nothing"), None);
    }
}
