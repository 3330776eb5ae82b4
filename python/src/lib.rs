//! `nerlink._nerlink`: the Python extension module behind the `nerlink` package.
//!
//! A thin layer over the library: `Engine` owns one `nerlink::Pipeline` (model loaded once) and
//! runs batches with the GIL released. Inputs become documents through the same
//! `io::InputItem` path as JSONL lines, and outputs are the CLI's serializations
//! (`output::to_json_line`, `output::DocColumns`), so results are byte-identical to
//! `nerlink extract`. The Python-facing API (defaults, model and ONNX Runtime discovery, Arrow)
//! lives in `nerlink/__init__.py`; this module does no file discovery of its own.

use std::path::PathBuf;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use serde_json::{Map, Value};

use nerlink::io::{check_text, decode, InputItem, DEFAULT_MAX_BYTES};
use nerlink::ner::NerOptions;
use nerlink::output::{to_json_line, DocColumns};
use nerlink::{DocError, Document, Pipeline};

/// One loaded pipeline (gazetteers, and the ONNX model unless `model` is None).
#[pyclass(frozen, module = "nerlink._nerlink")]
struct Engine {
    pipeline: Pipeline,
    model: Option<PathBuf>,
    threads: usize,
}

/// One input as Python hands it over: (id, source, text, meta as a JSON object or None).
type RawItem<'py> = (String, String, Bound<'py, PyAny>, Option<String>);

/// Turn a Python text into a checked Rust string, or the error record the CLI would give.
fn text_of(text: &Bound<'_, PyAny>) -> Result<String, DocError> {
    if let Ok(s) = text.cast::<PyString>() {
        let s = s.to_cow().map_err(|e| {
            DocError::new(
                "invalid_utf8",
                format!("the text is not valid Unicode (lone surrogate?): {e}"),
            )
        })?;
        if s.len() as u64 > DEFAULT_MAX_BYTES {
            return Err(DocError::new(
                "too_large",
                format!(
                    "the text is {} bytes, over the limit of {DEFAULT_MAX_BYTES}",
                    s.len()
                ),
            ));
        }
        check_text(&s)?;
        return Ok(s.into_owned());
    }
    if let Ok(b) = text.cast::<PyBytes>() {
        return decode(b.as_bytes());
    }
    if text.is_none() {
        return Err(DocError::new("empty", "the document has no text (None)"));
    }
    let kind = text
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into());
    Err(DocError::new(
        "bad_input",
        format!("the text is a {kind}, not str or bytes"),
    ))
}

fn meta_of(meta: Option<&str>) -> Result<Map<String, Value>, DocError> {
    match meta {
        None => Ok(Map::new()),
        Some(m) => match serde_json::from_str::<Value>(m) {
            Ok(Value::Object(obj)) => Ok(obj),
            Ok(_) => Err(DocError::new(
                "bad_input",
                "the record's meta is not an object",
            )),
            Err(e) => Err(DocError::new(
                "bad_input",
                format!("the record's other fields are not JSON: {e}"),
            )),
        },
    }
}

fn documents(items: Vec<RawItem<'_>>) -> Vec<Document> {
    items
        .into_iter()
        .map(|(id, source, text, meta)| {
            let result = text_of(&text).and_then(|t| Ok((t, meta_of(meta.as_deref())?)));
            InputItem::Inline { id, source, result }.load(DEFAULT_MAX_BYTES)
        })
        .collect()
}

#[pymethods]
impl Engine {
    /// Load a pipeline. `model`: a model directory, or None for rules only. `ort_lib`: path of
    /// libonnxruntime (else ORT_DYLIB_PATH, else the repo's .cache). `threads`: total threads
    /// (None: all cores). `rules`: run the rule layer's entity finders.
    #[new]
    #[pyo3(signature = (model=None, ort_lib=None, threads=None, rules=true))]
    fn new(
        py: Python<'_>,
        model: Option<PathBuf>,
        ort_lib: Option<PathBuf>,
        threads: Option<usize>,
        rules: bool,
    ) -> PyResult<Engine> {
        let ner = model.clone().map(|model_dir| NerOptions {
            model_dir,
            ort_lib,
            ..Default::default()
        });
        let mut builder = Pipeline::builder().ner(ner).rules(rules);
        if let Some(n) = threads {
            if n == 0 {
                return Err(PyValueError::new_err("threads must be at least 1"));
            }
            builder = builder.threads(n);
        }
        let threads = threads.unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        });
        let pipeline = py
            .detach(|| builder.build())
            .map_err(|e| PyRuntimeError::new_err(format!("{e:#}")))?;
        Ok(Engine {
            pipeline,
            model,
            threads,
        })
    }

    /// The model directory in use (None: rules only).
    #[getter]
    fn model(&self) -> Option<PathBuf> {
        self.model.clone()
    }

    #[getter]
    fn threads(&self) -> usize {
        self.threads
    }

    /// Process `items` ([(id, source, text, meta_json)]) and return one JSON line per
    /// document, as `nerlink extract` writes it. Never raises for a bad document.
    fn extract_json(&self, py: Python<'_>, items: Vec<RawItem<'_>>) -> PyResult<Vec<String>> {
        let docs = documents(items);
        py.detach(|| {
            self.pipeline
                .process_batch(docs)
                .iter()
                .map(to_json_line)
                .collect::<anyhow::Result<Vec<_>>>()
        })
        .map_err(|e| PyRuntimeError::new_err(format!("{e:#}")))
    }

    /// Process `items` and return the output columns (id, source, ok, entities, relations,
    /// errors, meta), each a list with one value per document; nested parts are JSON text.
    #[allow(clippy::type_complexity)]
    fn extract_columns(
        &self,
        py: Python<'_>,
        items: Vec<RawItem<'_>>,
    ) -> PyResult<(
        Vec<String>,
        Vec<String>,
        Vec<bool>,
        Vec<String>,
        Vec<String>,
        Vec<String>,
        Vec<String>,
    )> {
        let docs = documents(items);
        let rows = py
            .detach(|| {
                self.pipeline
                    .process_batch(docs)
                    .iter()
                    .map(DocColumns::of)
                    .collect::<anyhow::Result<Vec<_>>>()
            })
            .map_err(|e| PyRuntimeError::new_err(format!("{e:#}")))?;
        let mut out = (
            Vec::with_capacity(rows.len()),
            Vec::with_capacity(rows.len()),
            Vec::with_capacity(rows.len()),
            Vec::with_capacity(rows.len()),
            Vec::with_capacity(rows.len()),
            Vec::with_capacity(rows.len()),
            Vec::with_capacity(rows.len()),
        );
        for r in rows {
            out.0.push(r.id);
            out.1.push(r.source);
            out.2.push(r.ok);
            out.3.push(r.entities);
            out.4.push(r.relations);
            out.5.push(r.errors);
            out.6.push(r.meta);
        }
        Ok(out)
    }
}

/// The shipped model directory as the library finds it from the current directory (a source
/// checkout), if any.
#[pyfunction]
fn repo_model_dir() -> Option<PathBuf> {
    nerlink::pipeline::default_model_dir()
}

#[pymodule]
fn _nerlink(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Engine>()?;
    m.add_function(wrap_pyfunction!(repo_model_dir, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
