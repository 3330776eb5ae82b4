#!/usr/bin/env python3
"""The Hugging Face transformers peer of `make bench-peer-transformers` (runs in its own process).

`peer.py` (the timing driver) starts it as

    PYTHON bench/peer/hf_peer.py --ckpt DIR --corpus CORPUS.jsonl [--seed-file F.txt ...] \
        --out OUT.jsonl --timing TIMING.json [--threads 2] [--batch-size 8] [--mode stride|lines]

with the training venv's python (torch + transformers). It builds
`pipeline("token-classification", aggregation_strategy=...)` on CPU from the checkpoint (its
fast tokenizer from the bare `tokenizer.json`, `model_max_length` = the window), runs one
warm-up, then the whole corpus in one pipeline call (`stride` for long articles, or one input
per line), and writes one JSON line per document (`{"id", "entities": [{"label", "start",
"end", "score"}]}`, code points, whitespace trimmed) and TIMING.json (import, load, warm-up and
run seconds, the run's CPU seconds, versions). It measures nothing else and scores nothing:
the driver times the process, `agreement.py` compares the outputs.

`load_docs` / `read_text_file` are shared with the driver: both sides read the same documents.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def read_text_file(p: Path) -> str:
    """As nerlink reads a .txt: UTF-8, BOM removed, nothing else changed (no newline translation)."""
    t = p.read_bytes().decode("utf-8")
    return t[1:] if t.startswith("\ufeff") else t


def load_docs(corpus: Path, seed_files: list[Path]) -> list[tuple[str, str]]:
    docs = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                docs.append((d["id"], d["text"]))
    for p in seed_files:
        docs.append((p.stem, read_text_file(p)))
    return docs



def special_tokens(tok_json: dict, config: dict) -> dict:
    """Special token strings for PreTrainedTokenizerFast from a bare tokenizer.json + config.json."""
    vocab_by_id = {a["id"]: a["content"] for a in tok_json.get("added_tokens", [])}
    specials = {}
    pp = tok_json.get("post_processor") or {}
    procs = pp.get("processors", [pp]) if pp.get("type") == "Sequence" else [pp]
    for p in procs:
        if p.get("type") == "TemplateProcessing":
            single = [x["SpecialToken"]["id"] for x in p["single"] if "SpecialToken" in x]
            if single:
                specials["cls_token"] = specials["bos_token"] = single[0]
                specials["sep_token"] = specials["eos_token"] = single[-1]
        elif p.get("type") in ("RobertaProcessing", "BertProcessing"):
            specials["sep_token"] = specials["eos_token"] = p["sep"][0]
            specials["cls_token"] = specials["bos_token"] = p["cls"][0]
    pad = config.get("pad_token_id")
    if pad is not None and pad in vocab_by_id:
        specials["pad_token"] = vocab_by_id[pad]
    names = set(vocab_by_id.values())
    for key, cands in (("unk_token", ("<unk>", "[UNK]")), ("mask_token", ("<mask>", "[MASK]")),
                       ("pad_token", ("<pad>", "[PAD]"))):
        if key not in specials:
            for c in cands:
                if c in names:
                    specials[key] = c
                    break
    return specials


def model_max_len(config: dict) -> int:
    n = int(config.get("max_position_embeddings") or 512)
    if config.get("model_type") in ("roberta", "xlm-roberta", "camembert", "xlm-roberta-xl", "phobert"):
        n -= int(config.get("pad_token_id") or 1) + 1
    return n


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(prog="hf_peer.py", description=__doc__.split("\n")[0])
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--seed-file", action="append", default=[])
    ap.add_argument("--out", required=True)
    ap.add_argument("--timing", required=True)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--mode", choices=("stride", "lines"), default="stride")
    ap.add_argument("--stride", type=int, default=None)
    ap.add_argument("--aggregation", default="simple")
    ap.add_argument("--max-len", type=int, default=0, help="window (default: from config.json)")
    a = ap.parse_args(argv)

    t0 = time.perf_counter()
    import torch
    from transformers import AutoModelForTokenClassification, PreTrainedTokenizerFast, pipeline
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    torch.set_num_threads(a.threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    t_import = time.perf_counter() - t0

    t0 = time.perf_counter()
    ckpt = Path(a.ckpt)
    config = json.loads((ckpt / "config.json").read_text())
    tok_json = json.loads((ckpt / "tokenizer.json").read_text())
    max_len = a.max_len or model_max_len(config)
    tok = PreTrainedTokenizerFast(tokenizer_file=str(ckpt / "tokenizer.json"), model_max_length=max_len,
                                  **special_tokens(tok_json, config))
    model = AutoModelForTokenClassification.from_pretrained(str(ckpt)).eval()
    pipe = pipeline("token-classification", model=model, tokenizer=tok, aggregation_strategy=a.aggregation,
                    device="cpu")
    stride = a.stride if a.stride is not None else (max_len - 2) // 4
    t_load = time.perf_counter() - t0

    docs = load_docs(Path(a.corpus), [Path(p) for p in a.seed_file])
    if a.mode == "stride":
        units = [(di, 0, text) for di, (_, text) in enumerate(docs)]
    else:
        units = []
        for di, (_, text) in enumerate(docs):
            pos = 0
            for line in text.split("\n"):
                if line.strip():
                    units.append((di, pos, line))
                pos += len(line) + 1
    texts = [u[2] for u in units]

    t0 = time.perf_counter()
    with torch.inference_mode():
        pipe(texts[0][:400], stride=min(stride, 64))
    t_warm = time.perf_counter() - t0

    t0, c0 = time.perf_counter(), time.process_time()
    with torch.inference_mode():
        outs = pipe(texts, batch_size=a.batch_size, stride=stride)
    t_run, c_run = time.perf_counter() - t0, time.process_time() - c0

    ents: list[list[dict]] = [[] for _ in docs]
    for (di, off, text), found in zip(units, outs):
        for e in found:
            s, t = trim(text, int(e["start"]), int(e["end"]))
            if s < t:
                ents[di].append({"label": e["entity_group"], "start": off + s, "end": off + t,
                                 "score": round(float(e["score"]), 4)})
    with open(a.out, "w", encoding="utf-8") as f:
        for (doc_id, _), es in zip(docs, ents):
            f.write(json.dumps({"id": doc_id, "entities": es}, ensure_ascii=False) + "\n")
    Path(a.timing).write_text(json.dumps({
        "import_s": t_import, "load_s": t_load, "warmup_s": t_warm, "run_s": t_run, "run_cpu_s": c_run,
        "inputs": len(texts),
        "max_len": max_len, "stride": stride, "batch_size": a.batch_size, "mode": a.mode,
        "aggregation": a.aggregation,
        "torch": torch.__version__, "torch_threads": torch.get_num_threads(),
        "transformers": __import__("transformers").__version__}))


if __name__ == "__main__":
    main(sys.argv[1:])
