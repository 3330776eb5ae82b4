//! Achieved GFLOP/s of the NER model's forward pass beside the machine's measured fp32
//! matrix-multiply peak (`make bench-gflops`, or `cargo bench --bench gflops`).
//!
//! Forward pass: `NerEngine::logits` (ONNX Runtime, as `nerlink extract` runs it) on batches
//! of full-length windows of real Vietnamese tokens (no padding), timed for at least
//! `NERLINK_GFLOPS_SECS` seconds per configuration, for each model variant (the int8 model
//! and, when found, an fp32 ONNX of the same model), window length and threads/workers split.
//!
//! FLOPs per token at window length s, from config.json (h = hidden_size, i =
//! intermediate_size, L = num_hidden_layers, C = labels): 2 x the encoder's matmul
//! parameters, L * (4h^2 + 2hi) multiply-adds, plus attention scores and weighted values
//! (Q.K^T and A.V: s*h multiply-adds each per token per layer) plus the classifier:
//!     flops(s) = L * (8h^2 + 4hi + 4sh) + 2hC
//! (embeddings, layer norms, softmax and GELU are not counted). For the int8 model this is
//! the same arithmetic done in int8: "model GFLOP/s" is work per second, not fp32 FLOPs.
//!
//! Peaks: a 1024x1024x1024 fp32 matrix multiply with `matrixmultiply` (ndarray's backend, the
//! best of repeated runs) on 1 and 2 threads (2 threads split the rows of A), and external
//! peaks from `NERLINK_GFLOPS_PEAKS=fp32@1=X,fp32@2=Y,int8@1=Z,int8@2=W` (GFLOP/s, GOP/s):
//! `make bench-gflops` passes those of `bench/peer/matmul_peaks.py --env` (onnxruntime's own
//! MLAS MatMul and MatMulInteger u8 x s8, and torch; 1024^3). matrixmultiply has no AVX-512
//! kernel, so on AVX-512 machines the external fp32 peak is the one that counts: each row is
//! compared with the best fp32 peak measured on at most its thread count, int8 rows also with
//! the int8 GEMM peak.
//!
//! Environment:
//! - `NERLINK_GFLOPS_MODEL`: model dir; default models/vi-ner-e5s, else the newest
//!   .cache/train/onnx* export, else the toy model of `make model-toy`, else .cache/toy-run;
//! - `NERLINK_GFLOPS_FP32`: fp32 .onnx file or dir; default MODEL/model.fp32.onnx, else the
//!   model.fp32.onnx of an export dir whose model.onnx is byte-identical to MODEL's, else the
//!   newest export `make bench-peer` made under .cache/bench-peer/ (always run with MODEL's
//!   tokenizer and config files, so with the same window);
//! - `NERLINK_GFLOPS_SEQ`: window lengths (default 128 and the model's window);
//! - `NERLINK_GFLOPS_BATCH` (windows per batch, default 8), `NERLINK_GFLOPS_SECS` (default 2);
//! - `NERLINK_GFLOPS_PEAKS` (above);
//! - `NERLINK_GFLOPS_REQUIRE=1`: no model is an error (`make bench-gflops` sets it).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ndarray::{linalg::general_mat_mul, s, Array2};
use nerlink::ner::{NerEngine, NerOptions};

// Invented text (names, bodies and numbers are made up): only its token ids matter.
const SENTENCES: &[&str] = &[
    "Theo ông Lục Văn Khải, Phó Giám đốc Sở Nội vụ tỉnh Lâm Đồng, năm qua Chỉ số cải cách hành chính của tỉnh đạt 79,12 điểm, xếp hạng 24/63.",
    "Chủ tịch UBND huyện Tân Phước Hà Minh Trí đã ký Quyết định số 2871/QĐ-UBND ngày 9/10/2023 ban hành kế hoạch chuyển đổi số.",
    "Đoàn công tác của Bộ Giáo dục và Đào tạo do bà Vi Thị Hạnh dẫn đầu đã làm việc với Sở Giáo dục tỉnh Phú Yên về tuyển sinh.",
    "Các sở, ban, ngành và UBND các huyện, thị xã của tỉnh Kon Tum đã hoàn thành 88% kế hoạch đề ra trong quý.",
    "Ông Đàm Quốc Bảo, Bí thư Đảng ủy xã Ea Tul, phát biểu tại hội nghị tổng kết ở thành phố Buôn Ma Thuột.",
    "Chỉ số hài lòng của người dân đối với dịch vụ công của thị xã Sơn Tây đạt 82,4%, tăng 5 bậc so với năm trước.",
];

fn env_usize(name: &str) -> Option<usize> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

fn env_f64(name: &str) -> Option<f64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn is_model_dir(d: &Path) -> bool {
    d.join("config.json").is_file()
        && d.join("tokenizer.json").is_file()
        && (d.join("model.onnx").is_file() || d.join("model_quantized.onnx").is_file())
}

/// The int8 (or any) model dir, and where it was found.
fn find_model() -> Result<PathBuf, String> {
    if let Some(d) = std::env::var_os("NERLINK_GFLOPS_MODEL").filter(|d| !d.is_empty()) {
        let d = PathBuf::from(d);
        return if is_model_dir(&d) {
            Ok(d)
        } else {
            Err(format!(
                "NERLINK_GFLOPS_MODEL={}: not a model dir (model.onnx, tokenizer.json, config.json)",
                d.display()
            ))
        };
    }
    // the shipped model, the newest export in .cache/train (onnx*), the toy models
    let mut candidates = vec![root().join("models/vi-ner-e5s")];
    let mut exports: Vec<PathBuf> = std::fs::read_dir(root().join(".cache/train"))
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("onnx"))
                })
                .collect()
        })
        .unwrap_or_default();
    exports.sort_by_key(|p| {
        std::cmp::Reverse(
            std::fs::metadata(p.join("model.onnx"))
                .and_then(|m| m.modified())
                .ok(),
        )
    });
    candidates.extend(exports);
    candidates.push(root().join(".cache/toy-model/onnx"));
    candidates.push(root().join(".cache/toy-run/onnx-MatMul,Gather--per-channel"));
    candidates
        .into_iter()
        .find(|d| is_model_dir(d))
        .ok_or_else(|| {
            "no model: models/vi-ner-e5s is built by `make model` (a toy one by `make model-toy`); \
         or set NERLINK_GFLOPS_MODEL=DIR"
                .to_string()
        })
}

/// Model dirs `.cache/*/onnx*` and `.cache/*/*/onnx*` (export dirs of training/export_onnx.py).
fn export_dirs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut level: Vec<PathBuf> = vec![root().join(".cache")];
    for _ in 0..2 {
        let mut next = Vec::new();
        for d in &level {
            for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
                let p = e.path();
                if !p.is_dir() {
                    continue;
                }
                if p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("onnx"))
                {
                    out.push(p.clone());
                }
                next.push(p);
            }
        }
        level = next;
    }
    out.sort();
    out
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) if x.len() == y.len() => {
            matches!((std::fs::read(a), std::fs::read(b)), (Ok(x), Ok(y)) if x == y)
        }
        _ => false,
    }
}

/// An fp32 ONNX of the model (as a model dir that uses the model's own tokenizer and config
/// files, so the window is the same), and where it came from: `NERLINK_GFLOPS_FP32`, else
/// MODEL/model.fp32.onnx, else the model.fp32.onnx of an export dir whose model.onnx is
/// byte-identical to MODEL's, else the newest fp32 export `make bench-peer` made.
fn find_fp32(model: &Path, tmp: &Path) -> Option<(PathBuf, String)> {
    let shim = |onnx: &Path| -> Option<PathBuf> {
        let d = tmp.join("fp32");
        std::fs::create_dir_all(&d).ok()?;
        let _ = std::fs::remove_file(d.join("model.onnx"));
        std::os::unix::fs::symlink(std::fs::canonicalize(onnx).ok()?, d.join("model.onnx")).ok()?;
        for f in [
            "tokenizer.json",
            "config.json",
            "tokenizer_config.json",
            "special_tokens_map.json",
        ] {
            let _ = std::fs::remove_file(d.join(f));
            if let Ok(src) = std::fs::canonicalize(model.join(f)) {
                std::os::unix::fs::symlink(src, d.join(f)).ok()?;
            }
        }
        Some(d)
    };
    let model_onnx = ["model.onnx", "model_quantized.onnx"]
        .iter()
        .map(|f| model.join(f))
        .find(|p| p.is_file())?;
    if let Some(v) = std::env::var_os("NERLINK_GFLOPS_FP32").filter(|d| !d.is_empty()) {
        let p = PathBuf::from(v);
        let file = if p.is_dir() {
            p.join("model.onnx")
        } else {
            p.clone()
        };
        if file.is_file() {
            return shim(&file).map(|d| (d, format!("{} (NERLINK_GFLOPS_FP32)", file.display())));
        }
        eprintln!(
            "gflops: NERLINK_GFLOPS_FP32={}: no .onnx there; fp32 skipped",
            p.display()
        );
        return None;
    }
    let own = model.join("model.fp32.onnx");
    if own.is_file() {
        return shim(&own).map(|d| (d, own.display().to_string()));
    }
    for d in export_dirs() {
        let fp32 = d.join("model.fp32.onnx");
        if fp32.is_file() && same_file(&d.join("model.onnx"), &model_onnx) {
            return shim(&fp32).map(|s| {
                (
                    s,
                    format!(
                        "{} (exported with a model.onnx identical to {})",
                        fp32.display(),
                        model_onnx.display()
                    ),
                )
            });
        }
    }
    // the newest fp32 export `make bench-peer` made (bench/peer/peer.py writes SOURCE)
    let newest = std::fs::read_dir(root().join(".cache/bench-peer"))
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("fp32-") && !n.ends_with(".tmp"))
                && p.join("SOURCE").is_file()
                && p.join("model.onnx").is_file()
        })
        .max_by_key(|p| {
            std::fs::metadata(p.join("model.onnx"))
                .and_then(|m| m.modified())
                .ok()
        })?;
    let source = std::fs::read_to_string(newest.join("SOURCE")).unwrap_or_default();
    shim(&newest.join("model.onnx")).map(|d| {
        (
            d,
            format!(
                "{} ({}; the same architecture, maybe not the same weights)",
                newest.display(),
                source.trim()
            ),
        )
    })
}

/// The window the engine uses for `dir` (as `ner::model::ModelConfig` computes it):
/// max_position_embeddings (less the RoBERTa offset), capped by tokenizer_config.json's
/// model_max_length.
fn model_window(dir: &Path) -> usize {
    let read = |f: &str| -> Option<serde_json::Value> {
        serde_json::from_str(&std::fs::read_to_string(dir.join(f)).ok()?).ok()
    };
    let cfg = read("config.json").unwrap_or_default();
    let mut w = cfg
        .get("max_position_embeddings")
        .and_then(|v| v.as_u64())
        .unwrap_or(512) as usize;
    let roberta = matches!(
        cfg.get("model_type").and_then(|v| v.as_str()),
        Some("roberta" | "xlm-roberta" | "camembert" | "xlm-roberta-xl" | "phobert")
    );
    if roberta {
        w = w.saturating_sub(
            cfg.get("pad_token_id")
                .and_then(|v| v.as_u64())
                .unwrap_or(1) as usize
                + 1,
        );
    }
    if let Some(n) = read("tokenizer_config.json")
        .and_then(|t| t.get("model_max_length").and_then(|v| v.as_u64()))
        .filter(|&n| n > 0 && n < 1_000_000)
    {
        w = w.min(n as usize);
    }
    w
}

/// Model shape from config.json.
struct Shape {
    layers: f64,
    hidden: f64,
    inter: f64,
    labels: f64,
}

impl Shape {
    fn load(dir: &Path) -> Result<Shape, String> {
        let p = dir.join("config.json");
        let v: serde_json::Value = std::fs::read_to_string(&p)
            .map_err(|e| format!("{}: {e}", p.display()))
            .and_then(|t| serde_json::from_str(&t).map_err(|e| format!("{}: {e}", p.display())))?;
        let get = |k: &str| -> Result<f64, String> {
            v.get(k)
                .and_then(|x| x.as_f64())
                .ok_or_else(|| format!("{}: no {k}", p.display()))
        };
        let labels = v
            .get("id2label")
            .and_then(|x| x.as_object())
            .map_or(1, |m| m.len()) as f64;
        Ok(Shape {
            layers: get("num_hidden_layers")?,
            hidden: get("hidden_size")?,
            inter: get("intermediate_size")?,
            labels,
        })
    }

    /// FLOPs per token at window length `s` (see the module docs).
    fn flops_per_token(&self, s: usize) -> f64 {
        let (h, i, l) = (self.hidden, self.inter, self.layers);
        l * (8.0 * h * h + 4.0 * h * i + 4.0 * s as f64 * h) + 2.0 * h * self.labels
    }
}

/// Time `f` repeatedly for at least `secs` and 2 calls (after one warm-up call); returns the
/// median seconds per call and the number of calls.
fn time_it(secs: f64, mut f: impl FnMut()) -> (f64, usize) {
    f();
    let mut times = Vec::new();
    let end = Instant::now() + Duration::from_secs_f64(secs);
    while Instant::now() < end || times.len() < 2 {
        let t = Instant::now();
        f();
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(|a, b| a.total_cmp(b));
    (times[times.len() / 2], times.len())
}

/// Best GFLOP/s of an n x n x n fp32 matrix multiply with matrixmultiply on `threads`.
fn sgemm_peak(n: usize, threads: usize, secs: f64) -> f64 {
    let a = Array2::from_shape_fn((n, n), |(i, j)| ((i * 7 + j * 13) % 17) as f32 / 17.0 - 0.5);
    let b = Array2::from_shape_fn((n, n), |(i, j)| ((i * 5 + j * 11) % 19) as f32 / 19.0 - 0.5);
    let mut c = Array2::<f32>::zeros((n, n));
    let rows = n.div_ceil(threads);
    let mut run = || {
        std::thread::scope(|sc| {
            let mut rest = c.view_mut();
            let mut lo = 0;
            while lo < n {
                let hi = (lo + rows).min(n);
                let (mut part, tail) = rest.split_at(ndarray::Axis(0), hi - lo);
                rest = tail;
                let a_part = a.slice(s![lo..hi, ..]);
                let b = &b;
                sc.spawn(move || general_mat_mul(1.0, &a_part, b, 0.0, &mut part));
                lo = hi;
            }
        });
    };
    run();
    let mut best = f64::INFINITY;
    let end = Instant::now() + Duration::from_secs_f64(secs);
    while Instant::now() < end {
        let t = Instant::now();
        run();
        best = best.min(t.elapsed().as_secs_f64());
    }
    2.0 * (n as f64).powi(3) / best / 1e9
}

/// `count` windows of exactly `len` tokens (special tokens included) of real text.
fn windows(engine: &NerEngine, len: usize, count: usize) -> Result<Vec<Vec<u32>>, String> {
    let (pre, suf) = engine.special_tokens();
    let text_len = len
        .checked_sub(pre.len() + suf.len())
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("window {len} is too short"))?;
    let mut text = String::new();
    let mut ids: Vec<u32> = Vec::new();
    let mut k = 0;
    while ids.len() < text_len + count * 7 {
        text.push_str(SENTENCES[k % SENTENCES.len()]);
        text.push(' ');
        k += 1;
        if k % SENTENCES.len() == 0 {
            ids = engine
                .tokenizer()
                .encode(text.as_str(), false)
                .map_err(|e| format!("tokenizing: {e}"))?
                .get_ids()
                .to_vec();
        }
    }
    Ok((0..count)
        .map(|w| {
            let off = (w * 7) % (ids.len() - text_len);
            let mut v = Vec::with_capacity(len);
            v.extend_from_slice(pre);
            v.extend_from_slice(&ids[off..off + text_len]);
            v.extend_from_slice(suf);
            v
        })
        .collect())
}

fn main() {
    let require = env_usize("NERLINK_GFLOPS_REQUIRE").unwrap_or(0) == 1;
    let secs = env_f64("NERLINK_GFLOPS_SECS").unwrap_or(2.0).max(0.1);
    let batch = env_usize("NERLINK_GFLOPS_BATCH").unwrap_or(8).max(1);
    // window lengths: NERLINK_GFLOPS_SEQ, else 128 and the model's window
    let seq_env: Option<Vec<usize>> = std::env::var("NERLINK_GFLOPS_SEQ")
        .ok()
        .map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // external peaks: (kind, threads, G(FL)OP/s)
    let external: Vec<(String, usize, f64)> = std::env::var("NERLINK_GFLOPS_PEAKS")
        .unwrap_or_default()
        .split(',')
        .filter_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            let (kind, t) = k.split_once('@')?;
            Some((kind.to_string(), t.parse().ok()?, v.parse().ok()?))
        })
        .collect();
    // the best peak of `kind` measured on at most `threads` threads (a peak cannot drop with
    // more threads; a run disturbed by another process can)
    let ext = |kind: &str, threads: usize| -> Option<f64> {
        external
            .iter()
            .filter(|(k, t, _)| k == kind && *t <= threads)
            .map(|e| e.2)
            .reduce(f64::max)
    };

    println!("gflops: {cores} cores; fp32 sgemm 1024^3 (matrixmultiply, best of {secs} s):");
    let mut mm_peaks = Vec::new();
    for t in [1, 2] {
        let g = sgemm_peak(1024, t, secs);
        println!("  {t} thread(s): {g:8.1} GFLOP/s");
        mm_peaks.push((t, g));
    }
    if external.is_empty() {
        println!(
            "  (no NERLINK_GFLOPS_PEAKS: % below are of matrixmultiply, not of the hardware; \
             `make bench-gflops` adds onnxruntime's own matmul peaks)"
        );
    } else {
        println!(
            "  external (NERLINK_GFLOPS_PEAKS): {}",
            external
                .iter()
                .map(|(k, t, v)| format!("{k} {t} thread(s) {v:.1}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    // the best fp32 peak measured on at most `threads` threads
    let fp32_peak = |threads: usize| -> f64 {
        let mm = mm_peaks
            .iter()
            .filter(|(t, _)| *t <= threads)
            .map(|p| p.1)
            .fold(0.0, f64::max);
        ext("fp32", threads).map_or(mm, |e| e.max(mm))
    };

    let model = match find_model() {
        Ok(m) => m,
        Err(e) => {
            eprintln!("gflops: {e}");
            if require {
                std::process::exit(2);
            }
            eprintln!("gflops: no model, forward pass not measured");
            return;
        }
    };
    let shape = match Shape::load(&model) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gflops: {e}");
            std::process::exit(2);
        }
    };
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut variants: Vec<(String, PathBuf)> = vec![(model_kind(&model), model.clone())];
    match find_fp32(&model, tmp.path()) {
        Some((d, src)) => {
            println!("fp32 ONNX: {src}");
            variants.push(("fp32".into(), d));
        }
        None => println!(
            "fp32 ONNX: none found (make bench-peer exports one; or NERLINK_GFLOPS_FP32=DIR)"
        ),
    }
    let window = model_window(&model);
    let seq_lens: Vec<usize> = seq_env.unwrap_or_else(|| {
        let mut v = vec![128.min(window), window];
        v.dedup();
        v
    });
    println!(
        "model: {} (L={} h={} i={} labels={}; window {window}); MFLOP/token: {}",
        model.display(),
        shape.layers,
        shape.hidden,
        shape.inter,
        shape.labels,
        seq_lens
            .iter()
            .map(|&s| format!("{:.1} at s={s}", shape.flops_per_token(s) / 1e6))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "\n{:<8} {:>7} {:>7} {:>5} {:>6} {:>10} {:>9} {:>9} {:>11} {:>11}",
        "model",
        "threads",
        "workers",
        "seq",
        "batch",
        "tokens/s",
        "ms/batch",
        "GFLOP/s",
        "%fp32 peak",
        "%int8 peak"
    );
    for (kind, dir) in &variants {
        for (threads, workers) in [(1usize, 1usize), (2, 1), (2, 2)] {
            let engine = match NerEngine::load(&NerOptions {
                model_dir: dir.clone(),
                threads,
                workers,
                batch_size: batch,
                ..Default::default()
            }) {
                Ok(e) => e,
                Err(e) => {
                    eprintln!("gflops: cannot load {}: {e:#}", dir.display());
                    std::process::exit(2);
                }
            };
            for &len in &seq_lens {
                if len > engine.window_tokens() {
                    eprintln!(
                        "gflops: window {len} > the model's {}; skipped",
                        engine.window_tokens()
                    );
                    continue;
                }
                // one whole batch per worker
                let count = batch * workers;
                let seqs = match windows(&engine, len, count) {
                    Ok(s) => s,
                    Err(e) => {
                        eprintln!("gflops: {e}");
                        std::process::exit(2);
                    }
                };
                let (t, _) = time_it(secs, || {
                    engine.logits(&seqs).expect("forward pass");
                });
                let tokens = (count * len) as f64;
                let gflops = tokens * shape.flops_per_token(len) / t / 1e9;
                let int8 = match ext("int8", threads) {
                    Some(p) if kind == "int8" => format!("{:>10.0}%", 100.0 * gflops / p),
                    _ => format!("{:>11}", "-"),
                };
                println!(
                    "{kind:<8} {threads:>7} {workers:>7} {len:>5} {batch:>6} {:>10.0} {:>9.1} {gflops:>9.1} {:>10.0}% {int8}",
                    tokens / t,
                    1000.0 * t,
                    100.0 * gflops / fp32_peak(threads),
                );
            }
        }
    }
    println!(
        "\n(%fp32 peak: of the best fp32 matmul peak measured on the same number of threads; \
         %int8 peak: of onnxruntime's u8 x s8 GEMM peak; int8 rows count the model's FLOPs \
         done in int8. ms/batch: one batch per worker, run side by side)"
    );
}

fn model_kind(dir: &Path) -> String {
    let q = std::fs::read_to_string(dir.join("config.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v.get("onnx")?.get("quantization").cloned());
    match q {
        Some(v) if !v.is_null() => "int8".into(),
        _ => "model".into(),
    }
}
