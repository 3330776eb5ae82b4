"""Fix the activation scales of a dynamically quantized int8 ONNX model (static int8).

`export_onnx.py` quantizes with onnxruntime's `quantize_dynamic`: every activation that feeds an
int8 MatMul goes through a `DynamicQuantizeLinear`, whose scale and zero point are computed over
the whole input tensor at run time. With several windows in one batch, a window's scale depends on
the other windows, so a document's entities change with the documents beside it.

This script runs the model on calibration windows, records the range of every
`DynamicQuantizeLinear` input, and rewrites each such node as a `QuantizeLinear` with that fixed
scale and zero point (uint8, the range widened to include 0, exactly as the dynamic op computes
it), and marks the model with the metadata `nerlink.activation_scales = static`. The int8 weights, the graph and the outputs' shapes are unchanged; only where the activation
scales come from changes. A window's output then depends only on that window, whatever the batch.

Run as `python -m training.static_scales` (make model-static). It does not re-quantize weights, does not fuse or clean the graph, and needs no fp32 checkpoint:
onnx, onnxruntime, numpy and tokenizers only (`training/requirements.txt`).

Calibration text: articles of the unlabelled news corpus that no annotated dev sentence comes from
(`--exclude-docs`), plus optional government-news JSONL files (`--extra`, `{"text"}` per line);
each text is cut into windows of at most `--max-len` tokens (special tokens included).
Ranges are the minimum and maximum over all calibration windows (`--percentile 100`) or the given
percentile of the per-window extremes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper
from tokenizers import Tokenizer


def calibration_windows(args: argparse.Namespace, tokenizer: Tokenizer) -> list[list[int]]:
    """Token-id windows (<s> … </s>) from the corpus sample and the extra files."""
    excluded: set[str] = set()
    for path in args.exclude_docs:
        with open(path, encoding="utf-8") as f:
            excluded.update(json.loads(line)["doc"] for line in f if line.strip())
    corpus: list[str] = []
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            record = json.loads(line)
            if record.get("id") not in excluded:
                corpus.append(record["text"])
    random.Random(args.seed).shuffle(corpus)
    texts = [(t, args.windows_per_article) for t in corpus[: args.articles]]
    for path in args.extra:
        with open(path, encoding="utf-8") as f:
            texts += [(json.loads(l)["text"], args.windows_per_extra) for l in f if l.strip()]

    bos = tokenizer.token_to_id("<s>")
    eos = tokenizer.token_to_id("</s>")
    if bos is None or eos is None:
        sys.exit("static_scales: the tokenizer has no <s>/</s> tokens")
    body = args.max_len - 2
    windows = []
    for text, most in texts:
        ids = tokenizer.encode(text, add_special_tokens=False).ids
        for k in range(0, min(len(ids), most * body), body):
            windows.append([bos, *ids[k : k + body], eos])
    return windows


def activation_ranges(model: onnx.ModelProto, windows: list[list[int]], threads: int):
    """(names, per-window minima, per-window maxima) of every DynamicQuantizeLinear input."""
    names = [n.input[0] for n in model.graph.node if n.op_type == "DynamicQuantizeLinear"]
    if not names:
        sys.exit("static_scales: the model has no DynamicQuantizeLinear node (already static?)")
    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    for name in names:
        probe.graph.output.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, None))
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    session = ort.InferenceSession(probe.SerializeToString(), options, providers=["CPUExecutionProvider"])
    lows = np.empty((len(names), len(windows)), dtype=np.float64)
    highs = np.empty_like(lows)
    for j, window in enumerate(windows):
        ids = np.array([window], dtype=np.int64)
        outputs = session.run(names, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
        for i, value in enumerate(outputs):
            lows[i, j] = value.min()
            highs[i, j] = value.max()
    return names, lows, highs


def make_static(model: onnx.ModelProto, names, lows, highs, percentile: float) -> onnx.ModelProto:
    """Replace each DynamicQuantizeLinear by QuantizeLinear with a constant scale/zero point."""
    if percentile >= 100:
        low, high = lows.min(axis=1), highs.max(axis=1)
    else:
        low = np.percentile(lows, 100 - percentile, axis=1)
        high = np.percentile(highs, percentile, axis=1)
    index = {name: i for i, name in enumerate(names)}
    graph = model.graph
    # declares the fixed scales to nerlink, which then batches short windows by default
    # (src/ner/runtime.rs ACTIVATION_SCALES_KEY)
    del model.metadata_props[:]
    onnx.helper.set_model_props(model, {"nerlink.activation_scales": "static"})
    nodes = []
    for node in graph.node:
        if node.op_type != "DynamicQuantizeLinear":
            nodes.append(node)
            continue
        i = index[node.input[0]]
        lo, hi = min(0.0, float(low[i])), max(0.0, float(high[i]))
        scale = np.float32((hi - lo) / 255.0) if hi > lo else np.float32(1.0)
        zero_point = np.uint8(np.clip(round(-lo / float(scale)), 0, 255))
        graph.initializer.append(numpy_helper.from_array(np.array(scale, dtype=np.float32), node.output[1]))
        graph.initializer.append(numpy_helper.from_array(np.array(zero_point, dtype=np.uint8), node.output[2]))
        nodes.append(
            helper.make_node(
                "QuantizeLinear",
                [node.input[0], node.output[1], node.output[2]],
                [node.output[0]],
                name=node.name + "_static",
            )
        )
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    return model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True, type=Path, help="model dir with model.onnx + tokenizer.json")
    parser.add_argument("--out", type=Path, help="output model.onnx (default: overwrite the model's)")
    parser.add_argument("--corpus", required=True, help="unlabelled news JSONL {id, text}")
    parser.add_argument("--exclude-docs", action="append", default=[], help="JSONL with 'doc' ids to leave out")
    parser.add_argument("--extra", action="append", default=[], help="more JSONL {text} calibration files")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--windows-per-article", type=int, default=2)
    parser.add_argument("--windows-per-extra", type=int, default=3)
    parser.add_argument("--max-len", type=int, default=128)
    parser.add_argument("--percentile", type=float, default=100.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    source = args.model / "model.onnx"
    tokenizer = Tokenizer.from_file(str(args.model / "tokenizer.json"))
    model = onnx.load(str(source))
    windows = calibration_windows(args, tokenizer)
    print(f"static_scales: {len(windows)} calibration windows", file=sys.stderr)
    names, lows, highs = activation_ranges(model, windows, args.threads)
    static = make_static(model, names, lows, highs, args.percentile)
    out = args.out or source
    onnx.save(static, str(out))
    print(f"static_scales: {len(names)} activation scales fixed -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
