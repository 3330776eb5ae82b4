#!/usr/bin/env python3
"""Rebuild an fp32 PyTorch checkpoint of the shipped int8 model from its ONNX file.

    python -m training.dequantize --onnx models/vi-ner-e5s/model.onnx --out DIR [--check TEXTS.jsonl]

The shipped `model.onnx` (export -> dynamic int8 -> strip_nan_guard -> const_reshapes ->
static_scales -> fuse_int8) keeps every weight as int8 with a per-column scale and zero point,
and every bias and LayerNorm parameter in fp32. This script reads them back: each int8 weight
becomes `(q - zero_point) * scale`, the fused `QAttention` weight [Q | K | V] is split into the
three projections, and the result is written as a Hugging Face `BertForTokenClassification`
checkpoint (config.json, model.safetensors, tokenizer.json). It is the same function as the
ONNX model up to activation quantization (the int8 graph rounds each matmul's input to uint8;
the checkpoint computes in fp32), so it is the shipped model's fp32 twin: the transformers peer
of `bench/peer` runs it, and `training/distill.py` starts its student from it. No training, no
download: the only input is the ONNX file (and its tokenizer.json beside it).

`--check FILE` (JSONL with "text") runs both on the texts' first 128-token windows and prints the
token-label agreement; the script refuses to write below 97 %.

What it does not do: it reads this export's graph (node and initializer names of
`export_onnx.py` + `fuse_int8.py`), not arbitrary ONNX BERTs.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper

MIN_AGREEMENT = 0.97


def _dequant(q: np.ndarray, scale: np.ndarray, zero_point: np.ndarray) -> np.ndarray:
    return (q.astype(np.float32) - zero_point.astype(np.float32)) * scale.astype(np.float32)


def read_weights(path: str) -> tuple[dict[str, np.ndarray], dict]:
    """State dict (HF BertForTokenClassification names, torch layouts) and the config it implies."""
    model = onnx.load(path)
    g = model.graph
    init = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    sd: dict[str, np.ndarray] = {}
    for name, arr in init.items():  # biases and LayerNorm parameters are stored as they are
        if name.startswith("m.") and not any(name.endswith(s) for s in ("_quantized", "_scale", "_zero_point")):
            sd[name[2:]] = arr.astype(np.float32)
    for emb in ("word", "position", "token_type"):
        base = f"m.bert.embeddings.{emb}_embeddings.weight"
        sd[f"bert.embeddings.{emb}_embeddings.weight"] = _dequant(
            init[base + "_quantized"], init[base + "_scale"], init[base + "_zero_point"])
    eps = None
    layers = 0
    hidden = sd["bert.embeddings.LayerNorm.weight"].shape[0]
    heads = None
    for n in g.node:
        if n.op_type == "LayerNormalization" and eps is None:
            eps = next((a.f for a in n.attribute if a.name == "epsilon"), 1e-5)
        if n.op_type == "QAttention":
            prefix = n.name.split("/attention/QAttention")[0].removeprefix("/m/")
            dotted = prefix.replace("/", ".")
            w = _dequant(init[n.input[1]], init[n.input[4]], init[n.input[7]])  # [in, 3 * hidden]
            b = init[n.input[2]].astype(np.float32)
            for k, role in enumerate(("query", "key", "value")):
                cols = slice(k * hidden, (k + 1) * hidden)
                sd[f"{dotted}.attention.self.{role}.weight"] = np.ascontiguousarray(w[:, cols].T)
                sd[f"{dotted}.attention.self.{role}.bias"] = b[cols]
            layers += 1
            heads = next(a.i for a in n.attribute if a.name == "num_heads")
        if n.op_type == "MatMulIntegerToFloat":
            module = n.name.removeprefix("/m/").rsplit("/MatMul", 1)[0].replace("/", ".")
            w = _dequant(init[n.input[1]], init[n.input[3]], init[n.input[5]])  # [in, out]
            sd[f"{module}.weight"] = np.ascontiguousarray(w.T)
            if len(n.input) > 6 and n.input[6]:
                sd[f"{module}.bias"] = init[n.input[6]].astype(np.float32)
    if not layers or heads is None:
        raise SystemExit(f"{path}: no QAttention nodes: not a fused nerlink export (run fuse_int8 first)")
    word = sd["bert.embeddings.word_embeddings.weight"]
    config = {
        "architectures": ["BertForTokenClassification"],
        "model_type": "bert",
        "vocab_size": int(word.shape[0]),
        "hidden_size": int(hidden),
        "num_hidden_layers": layers,
        "num_attention_heads": int(heads),
        "intermediate_size": int(sd["bert.encoder.layer.0.intermediate.dense.weight"].shape[0]),
        "max_position_embeddings": int(sd["bert.embeddings.position_embeddings.weight"].shape[0]),
        "type_vocab_size": int(sd["bert.embeddings.token_type_embeddings.weight"].shape[0]),
        "layer_norm_eps": float(f"{eps:.6g}"),  # the graph stores it as float32
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "pad_token_id": 1,
        "num_labels": int(sd["classifier.weight"].shape[0]),
    }
    return sd, config


def window_ids(tokenizer, texts: list[str], max_len: int = 128) -> list[list[int]]:
    cls_id, sep_id = tokenizer.token_to_id("<s>"), tokenizer.token_to_id("</s>")
    out = []
    for t in texts:
        ids = tokenizer.encode(t, add_special_tokens=False).ids[: max_len - 2]
        if ids:
            out.append([cls_id, *ids, sep_id])
    return out


def agreement(onnx_path: str, model, windows: list[list[int]]) -> float:
    """Share of tokens whose argmax label is the same in the ONNX model and the torch model."""
    import onnxruntime as ort
    import torch

    sess = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
    same = total = 0
    model.eval()
    with torch.no_grad():
        for ids in windows:
            x = np.array([ids], dtype=np.int64)
            a = sess.run(None, {"input_ids": x, "attention_mask": np.ones_like(x)})[0][0].argmax(-1)
            t = torch.tensor(x)
            b = model(input_ids=t, attention_mask=torch.ones_like(t)).logits[0].argmax(-1).numpy()
            same += int((a == b).sum())
            total += len(ids)
    return same / max(1, total)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--onnx", required=True, help="fused int8 model.onnx (tokenizer.json and config.json beside it)")
    ap.add_argument("--out", required=True, help="output checkpoint directory")
    ap.add_argument("--check", help="JSONL with \"text\": compare labels on these texts before writing")
    ap.add_argument("--check-max", type=int, default=300, help="texts of --check to use")
    a = ap.parse_args()

    import torch
    from safetensors.torch import save_file
    from tokenizers import Tokenizer
    from transformers import BertConfig, BertForTokenClassification

    src = Path(a.onnx).parent
    sd, config = read_weights(a.onnx)
    shipped = json.loads((src / "config.json").read_text(encoding="utf-8"))
    for k in ("bos_token_id", "eos_token_id", "pad_token_id", "position_embedding_type"):
        if k in shipped:
            config[k] = shipped[k]
    id2label = shipped.get("id2label") or {str(i): f"LABEL_{i}" for i in range(config["num_labels"])}
    config["id2label"] = {str(k): v for k, v in id2label.items()}
    config["label2id"] = {v: int(k) for k, v in id2label.items()}
    cfg = BertConfig(**config)
    model = BertForTokenClassification(cfg)
    tensors = {k: torch.from_numpy(v) for k, v in sd.items()}
    missing, unexpected = model.load_state_dict(tensors, strict=False)
    missing = [m for m in missing if not m.endswith("position_ids")]
    if missing or unexpected:
        raise SystemExit(f"weights do not match BertForTokenClassification: missing {missing}, unexpected {unexpected}")
    if a.check:
        tok = Tokenizer.from_file(str(src / "tokenizer.json"))
        with open(a.check, encoding="utf-8") as fh:
            texts = [json.loads(line).get("text", "") for line, _ in zip(fh, range(a.check_max))]
        share = agreement(a.onnx, model, window_ids(tok, texts))
        print(f"check: token-label agreement with {a.onnx}: {share:.4f}", file=sys.stderr)
        if share < MIN_AGREEMENT:
            raise SystemExit(f"agreement below {MIN_AGREEMENT:.0%}: not written")
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    cfg.save_pretrained(out)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(out / "model.safetensors"))
    shutil.copyfile(src / "tokenizer.json", out / "tokenizer.json")
    print(f"wrote {out} ({config['num_hidden_layers']} layers, vocabulary {config['vocab_size']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
