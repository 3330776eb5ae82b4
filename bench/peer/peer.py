#!/usr/bin/env python3
"""nerlink vs the Hugging Face transformers pipeline on the same fine-tuned model (`make bench-peer-transformers`).

Run from the repo root with the training venv (torch + transformers + onnxruntime, see
training/requirements.txt):

    .venv-training/bin/python bench/peer/peer.py [--onnx DIR --ckpt DIR] [--articles 500]

What it does, in this order (one heavy process at a time):

1. Corpus: `nerlink synth` sentences joined into articles of 15-30 sentences (paragraphs of
   2-5 synth examples, blank line between paragraphs; `synth` has no article mode), written
   to WORK/corpus.jsonl, plus the seed articles `../shared/seeds/*.txt`, read in place (given
   to nerlink as files, read by the peer from the same paths; never copied). Tokens = the
   model tokenizer's count over every document (no special tokens).
2. Models: the same fine-tuned model on both sides - the HF checkpoint (`--ckpt`) for
   PyTorch, its ONNX export (`--onnx`, int8) for nerlink, and an fp32 ONNX of the same
   checkpoint (`--fp32`; else OUT/model.fp32.onnx of the export; else the model.fp32.onnx of
   an export dir under .cache/ whose model.onnx is byte-identical; else exported here once
   with training/export_onnx.py --no-quantize into WORK/, cached). Default pair (MODEL_PAIRS),
   the first export with a checkpoint it came from (same labels, shapes, tokenizer and
   classifier bias): models/vi-ner-e5s + .cache/train/ckpt* (make model), the newest
   .cache/train/onnx* + .cache/train/ckpt*, .cache/toy-model/{onnx,ckpt} (make model-toy),
   .cache/toy-run/{onnx-MatMul,Gather--per-channel,ckpt}.
3. Runs, each in its own subprocess, so peak RSS and CPU time (os.wait4 rusage) are its own (it
   is forked from a small helper, not from this process: see RUSAGE_HELPER):
   - nerlink extract --no-model --threads 2 (rules only: the reference line);
   - nerlink extract --model INT8 --threads 2, and --model FP32 --threads 2;
   - the peer: transformers pipeline("token-classification", aggregation_strategy="simple")
     on CPU, torch.set_num_threads(2), batch_size 8. Long articles: by default each whole
     article is one input and the pipeline's own `stride` support splits it into windows of
     the model's window overlapping by a quarter window (nerlink's default overlap for
     over-long sentences), merging the chunks' entities (--peer-mode lines: one input per
     non-empty line instead, still with stride). The window is the one nerlink reads from the
     --onnx dir (tokenizer_config.json model_max_length, else max_position_embeddings: 128
     for the shipped model), given to both sides (nerlink --max-tokens, pipeline
     model_max_length);
   - nerlink int8 --threads 1, --threads 2 (1 worker x 2 intra-op threads) and --threads 2
     --workers 2 (2 x 1) on the first --speedup-articles articles: the 1 -> 2 speed-up.
   docs/s and tokens/s are steady-state: the nerlink process wall time minus the wall time
   of the same command on an empty input (library + model load), and for the peer the time
   of the pipeline call alone (after imports, model load and a one-document warm-up). The
   end-to-end wall times (load included) are printed too.
4. Agreement (agreement.py): `nerlink eval` with the peer's output as gold and nerlink's model
   entities (source "model" or "model+rule"; PER/ORG/LOC) as predictions: strict P/R/F1 (same
   span and label) and the type-scheme F1 (same label, any overlap), per label and overall, for
   int8 and fp32 (the peer's entities are trimmed of whitespace: the SentencePiece offsets
   include the space before a word); and where the peer's unmatched entities went in nerlink's
   output.

The last line is exactly: `peer ratio: nerlink/peer docs/s = X.XX (int8), Y.YY (fp32)`.
Results also go to WORK/results.json (WORK: .cache/bench-peer).

Files by job: this one times (models, corpus, measured runs, the table); `hf_peer.py` is the
peer itself (run in its own process with the training venv); `agreement.py` compares outputs
through `nerlink eval`; `procs.py` runs a measured process; `matmul_peaks.py` (not used here)
measures the matrix-multiply peaks for `make bench-gflops`.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

# run as a script: its own folder is on sys.path, so the sibling module imports directly
import agreement as agree
from hf_peer import load_docs, model_max_len
from procs import BenchError, child_env, measure

REPO = Path(__file__).resolve().parents[2]
MODEL_PAIRS = [
    # (name, ONNX export dir glob, HF checkpoint dir globs, make target). Globs: newest first; the
    # first export with a checkpoint it was exported from (check_same_model) is used.
    ("trained model", "models/vi-ner-e5s", (".cache/train/ckpt", ".cache/train/ckpt*"), "make model"),
    ("trained model (export in .cache/train)", ".cache/train/onnx*", (".cache/train/ckpt*",), "make model"),
    ("toy model (make model-toy)", ".cache/toy-model/onnx", (".cache/toy-model/ckpt",), "make model-toy"),
    ("toy run", ".cache/toy-run/onnx-MatMul,Gather--per-channel", (".cache/toy-run/ckpt",), "make model-toy"),
]
ONNX_FILES = ("model.onnx", "model_quantized.onnx")  # what nerlink's locate::model_file takes


def log(msg: str = "") -> None:
    print(msg, flush=True)


# ---------------------------------------------------------------------------------------------
# models


def onnx_dir_problem(d: Path) -> str | None:
    if not d.is_dir():
        return f"{d} does not exist"
    if not any((d / f).is_file() for f in ONNX_FILES):
        return f"no model.onnx in {d}"
    for f in ("tokenizer.json", "config.json"):
        if not (d / f).is_file():
            return f"no {f} in {d}"
    return None


def ckpt_dir_problem(d: Path) -> str | None:
    if not d.is_dir():
        return f"{d} does not exist"
    if not any((d / f).is_file() for f in ("model.safetensors", "pytorch_model.bin")):
        return f"no model.safetensors in {d}"
    for f in ("tokenizer.json", "config.json"):
        if not (d / f).is_file():
            return f"no {f} in {d}"
    return None


def sha256(p: Path) -> str:
    h = hashlib.sha256()
    with open(p, "rb") as f:
        for b in iter(lambda: f.read(1 << 20), b""):
            h.update(b)
    return h.hexdigest()


def onnx_file(d: Path) -> Path:
    return next(d / f for f in ONNX_FILES if (d / f).is_file())


def same_weights(onnx: Path, ckpt: Path) -> bool | None:
    """Whether the export holds the checkpoint's classifier bias (kept fp32 by int8 quantization):
    a cheap fingerprint of "exported from this checkpoint". None when it cannot be checked."""
    try:
        import numpy as np
        import onnx as onnx_lib
        from onnx import numpy_helper
        from safetensors.numpy import load_file
    except ImportError:
        return None
    st = ckpt / "model.safetensors"
    if not st.is_file():
        return None
    try:
        bias = load_file(str(st)).get("classifier.bias")
        if bias is None:
            return None
        graph = onnx_lib.load(str(onnx_file(onnx)), load_external_data=False).graph
    except Exception:  # noqa: BLE001 - a fingerprint, not a validator
        return None
    for init in graph.initializer:
        if list(init.dims) == [len(bias)] and init.data_type == onnx_lib.TensorProto.FLOAT:
            if np.allclose(numpy_helper.to_array(init), bias, atol=1e-5):
                return True
    return False


def check_same_model(onnx: Path, ckpt: Path) -> None:
    """The ONNX export must come from the checkpoint: same labels, shapes, tokenizer and
    classifier bias."""
    a = json.loads((onnx / "config.json").read_text())
    b = json.loads((ckpt / "config.json").read_text())
    for k in ("id2label", "num_hidden_layers", "hidden_size", "intermediate_size", "vocab_size"):
        ka, kb = a.get(k), b.get(k)
        if k == "id2label" and ka and kb:
            ka, kb = {str(x): y for x, y in ka.items()}, {str(x): y for x, y in kb.items()}
        if ka != kb:
            raise BenchError(f"{onnx} and {ckpt} are not the same model: config.json {k} differs "
                             f"({ka!r} vs {kb!r}); pass the export of that checkpoint")
    if sha256(onnx / "tokenizer.json") != sha256(ckpt / "tokenizer.json"):
        raise BenchError(f"{onnx}/tokenizer.json differs from {ckpt}/tokenizer.json: not the same model")
    if same_weights(onnx, ckpt) is False:
        raise BenchError(f"{onnx_file(onnx)} does not hold {ckpt}'s classifier weights: it was not exported "
                         f"from that checkpoint (pass the matching --ckpt, or re-export: `make model`)")
    st = next(ckpt / f for f in ("model.safetensors", "pytorch_model.bin") if (ckpt / f).is_file())
    if st.stat().st_mtime > onnx_file(onnx).stat().st_mtime + 1:
        log(f"warning: {st} is newer than {onnx_file(onnx)}: the export may be stale "
            f"(re-export: make model / training/export_onnx.py)")


def resolve_models(args) -> tuple[str, Path, Path]:
    if args.onnx or args.ckpt:
        if not (args.onnx and args.ckpt):
            raise BenchError("pass both --onnx DIR (nerlink's export) and --ckpt DIR (the HF checkpoint "
                             "it was exported from), or neither for the defaults")
        onnx, ckpt = Path(args.onnx), Path(args.ckpt)
        for p, why in ((onnx, onnx_dir_problem(onnx)), (ckpt, ckpt_dir_problem(ckpt))):
            if why:
                raise BenchError(f"{why} (the model pair is built by `make model`: export into "
                                 f"models/vi-ner-e5s, checkpoint in .cache/train/ckpt)")
        return f"given ({onnx})", onnx, ckpt
    def newest(pattern: str) -> list[Path]:
        return sorted(REPO.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)

    notes = []
    for name, o, globs, target in MODEL_PAIRS:
        cands = []
        for g in globs:
            cands += [c for c in newest(g) if c.is_dir() and c not in cands]
        exports = [d for d in newest(o) if d.is_dir()] or [REPO / o]
        for onnx in exports:
            po = onnx_dir_problem(onnx)
            if po is not None:
                if cands:
                    notes.append(f"{name} skipped: {po} (built by `{target}`)")
                continue
            why = f"no HF checkpoint at {globs[0]}"
            for ckpt in cands:
                pc = ckpt_dir_problem(ckpt)
                if pc is None:
                    try:
                        check_same_model(onnx, ckpt)
                    except BenchError as e:
                        pc = str(e)
                if pc is None:
                    for n in notes:
                        log(f"note: {n}")
                    return name, onnx, ckpt
                why = pc
            notes.append(f"{name} {rel(onnx)} skipped: {why} (pass --ckpt DIR; `{target}` builds both)")
    for n in notes:
        log(f"note: {n}")
    raise BenchError("no model pair found: " + "; ".join(
        f"{o} + {c[0]} (`{t}`)" for _, o, c, t in MODEL_PAIRS) +
        ". Build the real one with `make model` (or a toy with `make model-toy`), or pass "
        "--onnx DIR --ckpt DIR")


SIDE_FILES = ("tokenizer.json", "config.json", "tokenizer_config.json", "special_tokens_map.json")


def shim_dir(work: Path, name: str, model: Path, other: Path) -> Path:
    """A model dir for nerlink whose model.onnx is `model` and whose tokenizer/config files are
    `other`'s (symlinks; no copy)."""
    d = work / name
    d.mkdir(parents=True, exist_ok=True)
    for f in ("model.onnx", *SIDE_FILES):
        (d / f).unlink(missing_ok=True)
    (d / "model.onnx").symlink_to(model.resolve())
    for f in SIDE_FILES:
        if (other / f).is_file():
            (d / f).symlink_to((other / f).resolve())
    return d


def window_of(d: Path) -> int:
    """The window nerlink uses for model dir `d` (ner::model::ModelConfig): max_position_embeddings
    (less the RoBERTa offset), capped by tokenizer_config.json's model_max_length."""
    cfg = json.loads((d / "config.json").read_text())
    w = model_max_len(cfg)
    tc = d / "tokenizer_config.json"
    if tc.is_file():
        try:
            n = int(json.loads(tc.read_text()).get("model_max_length") or 0)
        except (ValueError, TypeError):
            n = 0
        if 0 < n < 1_000_000:
            w = min(w, n)
    return w


def resolve_fp32(args, onnx: Path, ckpt: Path, work: Path, python: str) -> Path | None:
    if args.no_fp32:
        return None
    if args.fp32:
        d = Path(args.fp32)
        if d.is_file():  # an .onnx file: pair it with the int8 dir's tokenizer/config
            return shim_dir(work, "fp32-shim", d, onnx)
        why = onnx_dir_problem(d)
        if why:
            raise BenchError(f"--fp32: {why}")
        return d
    if (onnx / "model.fp32.onnx").is_file():
        return shim_dir(work, "fp32-shim", onnx / "model.fp32.onnx", onnx)
    # an export dir (e.g. .cache/train/onnx-rN) whose model.onnx is this very file, with its fp32
    mine = onnx_file(onnx)
    for d in sorted((REPO / ".cache").glob("*/onnx*")) + sorted((REPO / ".cache").glob("*/*/onnx*")):
        m, f = d / "model.onnx", d / "model.fp32.onnx"
        if f.is_file() and m.is_file() and m.stat().st_size == mine.stat().st_size and sha256(m) == sha256(mine):
            log(f"fp32: {rel(f)} (exported with {rel(m)}, byte-identical to {rel(mine)})")
            return shim_dir(work, "fp32-shim", f, onnx)
    # export once from the checkpoint (the same exporter `make model` uses), cached by checkpoint
    st = next(ckpt / f for f in ("model.safetensors", "pytorch_model.bin") if (ckpt / f).is_file())
    key = hashlib.sha1(f"{ckpt.resolve()}|{st.stat().st_size}|{st.stat().st_mtime_ns}".encode()).hexdigest()[:10]
    out = work / f"fp32-{key}"
    if onnx_dir_problem(out) is None:
        return out
    exporter = REPO / "training" / "export_onnx.py"
    if not exporter.is_file():
        log(f"note: no fp32 ONNX and no {exporter}: fp32 run skipped")
        return None
    log(f"exporting an fp32 ONNX of {ckpt} into {out} (once; training/export_onnx.py --no-quantize)")
    tmp = work / f"fp32-{key}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    r = subprocess.run([python, "-m", "training.export_onnx", "--model", str(ckpt), "--out", str(tmp), "--no-quantize"],
                       cwd=REPO, env=child_env(args.threads), capture_output=True, text=True)
    if r.returncode != 0:
        raise BenchError(f"fp32 export failed ({r.returncode}):\n{r.stdout[-2000:]}{r.stderr[-2000:]}\n"
                         f"pass --fp32 DIR or --no-fp32")
    (tmp / "model.fp32.onnx").unlink(missing_ok=True)  # --no-quantize leaves a copy of model.onnx
    (tmp / "SOURCE").write_text(f"fp32 ONNX export of {ckpt.resolve()} ({st.name}, {st.stat().st_size} bytes)\n")
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    return out


def quant_desc(d: Path) -> str:
    try:
        q = json.loads((d / "config.json").read_text()).get("onnx", {}).get("quantization")
    except (OSError, ValueError):
        q = None
    if not q:
        return "fp32"
    pc = "per-channel" if q.get("per_channel") else "per-tensor"
    return f"int8 ({q.get('op_types')}, {pc})"


# ---------------------------------------------------------------------------------------------
# corpus

SENT_END = re.compile(r"[.!?…](?=\s|$)")


def build_corpus(nerlink: Path, work: Path, n_articles: int, seed: int) -> Path:
    prefix = work / "synth"
    n_examples = n_articles * 30 + 100  # every example is >= 1 sentence
    r = subprocess.run([str(nerlink), "synth", "--sentences", str(n_examples), "--seed", str(seed),
                        "--format", "jsonl", "-o", str(prefix), "-q"], capture_output=True, text=True)
    if r.returncode != 0:
        raise BenchError(f"`{nerlink} synth` failed ({r.returncode}): {r.stderr.strip()}")
    examples = [json.loads(line)["text"] for line in open(f"{prefix}.jsonl", encoding="utf-8") if line.strip()]
    rng = random.Random(seed)
    out = work / "corpus.jsonl"
    it = iter(examples)
    with open(out, "w", encoding="utf-8") as f:
        for a in range(n_articles):
            target = rng.randint(15, 30)
            paras, para, n_sent, para_len = [], [], 0, rng.randint(2, 5)
            while n_sent < target:
                t = next(it)
                para.append(t)
                n_sent += max(1, len(SENT_END.findall(t)))
                if len(para) >= para_len:
                    paras.append(" ".join(para))
                    para, para_len = [], rng.randint(2, 5)
            if para:
                paras.append(" ".join(para))
            f.write(json.dumps({"id": f"synth-{a:04d}", "text": "\n\n".join(paras)}, ensure_ascii=False) + "\n")
    return out


def subset(corpus: Path, n: int, out: Path) -> Path:
    with open(corpus, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as g:
        for i, line in enumerate(f):
            if i >= n:
                break
            g.write(line)
    return out


# ---------------------------------------------------------------------------------------------
# measured subprocesses


class Nerlink:
    def __init__(self, exe: Path, work: Path, empty: Path, window: int):
        self.exe, self.work, self.empty, self.window = exe, work, empty, window
        self.startup: dict[tuple, dict] = {}

    def cmd(self, inputs: list[Path], out: Path, model: Path | None, threads: int, workers: int | None) -> list[str]:
        c = [str(self.exe), "extract", *map(str, inputs), "-o", str(out), "--threads", str(threads), "-q"]
        c += ["--no-model"] if model is None else ["--model", str(model), "--max-tokens", str(self.window)]
        if workers:
            c += ["--workers", str(workers)]
        return c

    def run(self, tag: str, inputs: list[Path], model: Path | None, threads: int, workers: int | None = None) -> dict:
        key = (str(model), threads, workers)
        if key not in self.startup:  # the same command on an empty input: library + model load
            runs = [measure(self.cmd([self.empty], self.work / "empty.out.jsonl", model, threads, workers),
                            self.work / "empty.out.jsonl", self.work / "empty.err", child_env(threads))
                    for _ in range(2)]
            self.startup[key] = min(runs, key=lambda r: r["wall_s"])
        out = self.work / f"{tag}.jsonl"
        m = measure(self.cmd(inputs, out, model, threads, workers), out.with_suffix(".stdout"),
                    self.work / f"{tag}.err", child_env(threads))
        m["load_s"] = self.startup[key]["wall_s"]
        m["run_s"] = max(m["wall_s"] - m["load_s"], 1e-9)
        m["run_cpu_s"] = max(m["cpu_s"] - self.startup[key]["cpu_s"], 1e-9)
        m["out"] = str(out)
        return m


def run_peer(python: str, args, ckpt: Path, corpus: Path, seed_files: list[Path], work: Path, window: int) -> dict:
    out, timing = work / "peer.jsonl", work / "peer.timing.json"
    cmd = [python, str(Path(__file__).resolve().with_name("hf_peer.py")), "--ckpt", str(ckpt), "--corpus", str(corpus),
           "--out", str(out), "--timing", str(timing), "--threads", str(args.threads),
           "--batch-size", str(args.batch_size), "--mode", args.peer_mode,
           "--aggregation", args.peer_aggregation, "--max-len", str(window)]
    if args.peer_stride is not None:
        cmd += ["--stride", str(args.peer_stride)]
    for p in seed_files:
        cmd += ["--seed-file", str(p)]
    m = measure(cmd, work / "peer.stdout", work / "peer.err", child_env(args.threads))
    t = json.loads(timing.read_text())
    m["peer"] = t
    m["batch_size"] = t["batch_size"]
    m["run_s"] = t["run_s"]
    m["run_cpu_s"] = t["run_cpu_s"]
    m["load_s"] = t["import_s"] + t["load_s"] + t["warmup_s"]
    m["out"] = str(out)
    return m


# ---------------------------------------------------------------------------------------------
# main


def fmt_row(name: str, docs: int, tokens: int, m: dict) -> str:
    return (f"{name:<36} {m['wall_s']:7.1f} {m['load_s']:6.1f} {m['run_s']:7.1f} {docs / m['run_s']:8.2f} "
            f"{tokens / m['run_s']:9.0f} {docs / m['run_cpu_s']:9.3f} {m['rss_mb']:7.0f} {m['cpu_util']:5.2f} "
            f"{m['loadavg_before']:5.2f}")


HEADER = (f"{'run':<36} {'wall s':>7} {'load s':>6} {'run s':>7} {'docs/s':>8} {'tokens/s':>9} {'docs/CPUs':>9} "
          f"{'RSS MB':>7} {'cores':>5} {'load':>5}")
LEGEND = ("(wall s: whole process; load s: library + model load (nerlink: the same command on an empty "
          "input; peer: imports, model load, warm-up); run s = the rest; docs/s and tokens/s over run s; "
          "docs/CPUs: documents per CPU-second of the run; RSS: peak of the process; cores: CPU-s / wall-s "
          "of the process; load: 1-min load average before the run)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--onnx", help="nerlink model dir (int8 export: model.onnx, tokenizer.json, config.json)")
    ap.add_argument("--ckpt", help="the HF checkpoint it was exported from (for the transformers pipeline)")
    ap.add_argument("--fp32", help="fp32 ONNX model dir or .onnx file (default: OUT/model.fp32.onnx, else exported)")
    ap.add_argument("--no-fp32", action="store_true", help="skip the fp32 ONNX run")
    ap.add_argument("--articles", type=int, default=500, help="synthetic articles (default 500)")
    ap.add_argument("--seed", type=int, default=1, help="synth seed")
    ap.add_argument("--seeds", default=str(REPO.parent / "shared" / "seeds"),
                    help="dir of seed articles (*.txt), read in place; '' for none")
    ap.add_argument("--nerlink", default=str(REPO / "target" / "release" / "nerlink"))
    ap.add_argument("--python", default=sys.executable, help="python for the peer and the fp32 export")
    ap.add_argument("--work", default=str(REPO / ".cache" / "bench-peer"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--window", type=int, default=0,
                    help="tokens per model window on both sides (default: the one nerlink reads from the "
                         "--onnx dir: tokenizer_config.json model_max_length, else max_position_embeddings)")
    ap.add_argument("--batch-size", type=int, default=8, help="peer pipeline batch size (default 8)")
    ap.add_argument("--peer-mode", choices=("stride", "lines"), default="stride",
                    help="peer input: whole articles with pipeline stride (default) or one line each")
    ap.add_argument("--peer-stride", type=int, default=None, help="pipeline stride tokens (default: window/4)")
    ap.add_argument("--peer-aggregation", default="simple", choices=("simple", "first", "average", "max"),
                    help="pipeline aggregation_strategy (default simple; 'first' is word-level like nerlink's)")
    ap.add_argument("--speedup-articles", type=int, default=100,
                    help="articles for the 1 vs 2 threads runs (default 100; 0 skips)")
    ap.add_argument("--skip-peer", action="store_true", help="nerlink runs only (no ratio)")
    args = ap.parse_args()

    nerlink = Path(args.nerlink)
    if not os.access(nerlink, os.X_OK):
        raise BenchError(f"{nerlink} not found: build it with `make build` (cargo build --release)")
    seeds_dir = Path(args.seeds) if args.seeds else None
    seed_files = []
    if seeds_dir is not None:
        if not seeds_dir.is_dir():
            raise BenchError(f"seed dir {seeds_dir} not found: pass --seeds DIR, or --seeds '' to run without")
        seed_files = sorted(seeds_dir.glob("*.txt"))
    name, onnx, ckpt = resolve_models(args)
    check_same_model(onnx, ckpt)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    # a snapshot of the binary: a rebuild during the run must not mix two versions
    snap = work / "nerlink.bin"
    shutil.copy2(nerlink, snap)
    nerlink = snap
    fp32 = resolve_fp32(args, onnx, ckpt, work, args.python)
    window = args.window or window_of(onnx)

    log(f"machine: {os.cpu_count()} cores ({cpu_name()}), threads {args.threads}; load average now "
        f"{os.getloadavg()[0]:.2f}")
    log(f"model: {name}: HF checkpoint {rel(ckpt)} (PyTorch fp32) | nerlink int8 {rel(onnx_file(onnx))} "
        f"[{quant_desc(onnx)}] | nerlink fp32 {rel(onnx_file(fp32)) if fp32 else 'n/a'}")
    log(f"window: {window} tokens on both sides (nerlink --max-tokens {window}; pipeline model_max_length "
        f"{window}, stride {args.peer_stride if args.peer_stride is not None else (window - 2) // 4})")
    if "toy" in name:
        log("note: a toy model (a pipeline check): speed numbers are real, the agreement is that of a toy")

    corpus = build_corpus(nerlink, work, args.articles, args.seed)
    docs = load_docs(corpus, seed_files)
    from tokenizers import Tokenizer

    tk = Tokenizer.from_file(str(ckpt / "tokenizer.json"))
    tokens = sum(len(e.ids) for e in tk.encode_batch([t for _, t in docs], add_special_tokens=False))
    chars = sum(len(t) for _, t in docs)
    n_docs = len(docs)
    log(f"corpus: {n_docs} documents ({args.articles} synth articles of 15-30 sentences, seed {args.seed}; "
        f"{len(seed_files)} seeds from {seeds_dir}), {chars:,} chars, {tokens:,} tokens "
        f"({tokens / n_docs:.0f}/doc, model tokenizer, no special tokens)")
    inputs = [corpus, *seed_files]
    empty = work / "empty.jsonl"
    empty.write_text("")
    nl = Nerlink(nerlink, work, empty, window)
    th = args.threads
    res: dict = {"model": name, "onnx": str(onnx), "ckpt": str(ckpt), "fp32": str(fp32) if fp32 else None,
                 "window": window,
                 "docs": n_docs, "tokens": tokens, "chars": chars, "threads": th, "runs": {}}
    runs = res["runs"]

    log("\n" + HEADER)
    runs["rules"] = nl.run("nerlink-rules", inputs, None, th)
    log(fmt_row(f"nerlink --no-model --threads {th}", n_docs, tokens, runs["rules"]))
    runs["int8"] = nl.run("nerlink-int8", inputs, onnx, th)
    log(fmt_row(f"nerlink int8 --threads {th}", n_docs, tokens, runs["int8"]))
    if fp32:
        runs["fp32"] = nl.run("nerlink-fp32", inputs, fp32, th)
        log(fmt_row(f"nerlink fp32 --threads {th}", n_docs, tokens, runs["fp32"]))
    if not args.skip_peer:
        runs["peer"] = run_peer(args.python, args, ckpt, corpus, seed_files, work, window)
        p = runs["peer"]
        log(fmt_row(f"HF pipeline torch fp32 (bs {p['batch_size']})", n_docs, tokens, p))
        log(f"  (peer: {p['peer']['inputs']} inputs, {p['peer']['mode']} mode, window {p['peer']['max_len']}, "
            f"stride {p['peer']['stride']}, aggregation {p['peer']['aggregation']}; import "
            f"{p['peer']['import_s']:.1f} s, model load {p['peer']['load_s']:.1f} s, warm-up {p['peer']['warmup_s']:.1f} s)")
    log(LEGEND)

    if args.speedup_articles > 0:
        k = min(args.speedup_articles, args.articles)
        sub = subset(corpus, k, work / "speedup.jsonl")
        sub_tokens = sum(len(e.ids) for e in tk.encode_batch([t for _, t in docs[:k]], add_special_tokens=False))
        log(f"\nthreads speed-up, nerlink int8, first {k} articles ({sub_tokens:,} tokens):")
        log(HEADER)
        sp = res["speedup"] = {"articles": k, "tokens": sub_tokens}
        for key, t, w, label in (("t1", 1, None, "--threads 1"), ("t2", 2, None, "--threads 2 (1 worker x 2)"),
                                 ("t2w2", 2, 2, "--threads 2 --workers 2")):
            sp[key] = nl.run(f"speedup-{key}", [sub], onnx, t, w)
            log(fmt_row(f"nerlink int8 {label}", k, sub_tokens, sp[key]))
        s1 = sp["t1"]["run_s"]
        sp["speedup_t2"] = s1 / sp["t2"]["run_s"]
        sp["speedup_t2w2"] = s1 / sp["t2w2"]["run_s"]
        log(f"speed-up 1 -> 2 threads: {sp['speedup_t2']:.2f}x (1 worker x 2 intra-op), "
            f"{sp['speedup_t2w2']:.2f}x (2 workers x 1)")

    ratios = {}
    if "peer" in runs:
        # scored by `nerlink eval` with the peer as gold (agreement.py)
        res["agreement"] = {}
        peer_out = Path(runs["peer"]["out"])
        for v in ("int8", "fp32"):
            if v in runs:
                res["agreement"][v] = agree.agreement(nerlink, Path(runs[v]["out"]), peer_out, work, v)
        log("\nentity agreement with the peer (nerlink model entities vs transformers pipeline, `nerlink "
            "eval` with the peer as gold: strict P/R/F1; type-scheme (overlap) F1 in the last column):")
        for line in agree.table({f"nerlink {v}": ag for v, ag in res["agreement"].items()}):
            log(line)
        for v, ag in res["agreement"].items():
            bd = ag["peer_only"]
            log(f"peer entities without an equal nerlink {v} model entity: {sum(bd.values())}; they "
                + ", ".join(f"{n} {k}" for k, n in bd.items()))
        if "int8" in runs and "fp32" in runs:
            ag = agree.agreement(nerlink, Path(runs["int8"]["out"]), Path(runs["fp32"]["out"]), work,
                                 "int8-fp32", ref_is_nerlink=True, breakdown=False)
            res["agreement"]["int8_vs_fp32"] = ag
            log(f"nerlink int8 vs nerlink fp32: F1 {ag['all']['f1']:.3f} (PER {ag['PER']['f1']:.3f}, "
                f"ORG {ag['ORG']['f1']:.3f}, LOC {ag['LOC']['f1']:.3f})")
        peer_dps = n_docs / runs["peer"]["run_s"]
        for v in ("int8", "fp32"):
            if v in runs:
                ratios[v] = (n_docs / runs[v]["run_s"]) / peer_dps
        e2e = {v: runs["peer"]["wall_s"] / runs[v]["wall_s"] for v in ("int8", "fp32") if v in runs}
        cpu = {v: runs["peer"]["run_cpu_s"] / runs[v]["run_cpu_s"] for v in ("int8", "fp32") if v in runs}
        res["ratio"], res["ratio_end_to_end"], res["ratio_cpu"] = ratios, e2e, cpu
        log("\nend to end (process wall time, load included): nerlink/peer = "
            + ", ".join(f"{x:.2f} ({v})" for v, x in e2e.items()))
        log("per CPU-second (less sensitive to other processes): nerlink/peer = "
            + ", ".join(f"{x:.2f} ({v})" for v, x in cpu.items()))
        log(f"peak RSS: nerlink int8 {runs['int8']['rss_mb']:.0f} MB"
            + (f", fp32 {runs['fp32']['rss_mb']:.0f} MB" if "fp32" in runs else "")
            + f", peer {runs['peer']['rss_mb']:.0f} MB")
    (work / "results.json").write_text(json.dumps(res, indent=1, default=str))
    log(f"results: {rel(work / 'results.json')}")

    def r(v):
        return f"{ratios[v]:.2f}" if v in ratios else "n/a"

    log(f"peer ratio: nerlink/peer docs/s = {r('int8')} (int8), {r('fp32')} (fp32)")
    return 0


def rel(p: Path) -> str:
    try:
        return str(Path(p).resolve().relative_to(REPO))
    except ValueError:
        return str(p)


def cpu_name() -> str:
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print(f"bench-peer: error: {e}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("bench-peer: interrupted", file=sys.stderr)
        sys.exit(130)
