#!/usr/bin/env python3
"""The Python onnxruntime peer: what a data engineer writes in an afternoon (issue 15).

PER/ORG/LOC entities from the same ONNX model nerlink runs (`models/vi-ner-e5s/model.onnx`),
with `onnxruntime` + `tokenizers` + `numpy` only (no torch, no transformers):

    .venv-peer/bin/python bench/peer/ort_peer.py INPUT.jsonl -o OUT.jsonl [--model DIR]

- reads JSONL documents (`id`, `text`), in chunks of `--chunk-docs` documents;
- tokenizes each whole text with the model's `tokenizer.json` (`encode_batch`, no special
  tokens) and cuts the token ids into windows of at most `--window` tokens (128, the model's
  `model_max_length`) with `<s>` … `</s>` around them: no overlap, nothing truncated;
- sorts the chunk's windows by length (`--no-sort`: document order), runs them in batches of
  `--batch` (16) padded to the longest window of the batch (`attention_mask` 0 on padding), on
  one `InferenceSession` with `--threads` (2) intra-op threads and all graph optimizations;
- labels every word with the argmax of its first sub-word (the tokenizer's `word_ids`) and
  groups words into entities by IOB2 (`B-X` starts, `I-X` continues the same type, a stray
  `I-X` starts one); spans are the words' character offsets, trimmed of whitespace;
- writes one JSON line per document: `{"id", "entities": [{"label","start","end","text"}]}`
  (start/end in code points, as nerlink).

It does not split sentences, skip boilerplate, aggregate sub-word probabilities, decode with
Viterbi or run any rules: it is the fast baseline, not a quality reference. Windows of
different documents share a batch, so with the int8 model's dynamic quantization a
document's output depends on its neighbours (nerlink avoids that on purpose, see the model
card). The last line on stderr is `peer: N docs, T tokens, W windows, S s (load L s)`.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def main() -> int:
    t_start = time.perf_counter()
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", type=Path, help="JSONL with id and text")
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--model", type=Path, default=Path("models/vi-ner-e5s"))
    ap.add_argument("--window", type=int, default=0, help="tokens per window incl. specials (0: model_max_length)")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--threads", type=int, default=2, help="intra-op threads")
    ap.add_argument("--chunk-docs", type=int, default=256, help="documents tokenized and batched together")
    ap.add_argument("--no-sort", action="store_true", help="batch windows in document order")
    a = ap.parse_args()

    import numpy as np
    import onnxruntime as ort
    from tokenizers import Tokenizer

    config = json.loads((a.model / "config.json").read_text())
    labels = [config["id2label"][str(i)] for i in range(len(config["id2label"]))]
    kinds = [(None, None) if l == "O" else (l[0], l[2:]) for l in labels]
    window = a.window
    if window <= 0:
        tc = a.model / "tokenizer_config.json"
        window = json.loads(tc.read_text()).get("model_max_length", 0) if tc.exists() else 0
        window = window or config["max_position_embeddings"]
    tok = Tokenizer.from_file(str(a.model / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    cls_id, sep_id = tok.token_to_id("<s>"), tok.token_to_id("</s>")
    pad_id = config.get("pad_token_id", 1)
    room = window - 2

    so = ort.SessionOptions()
    so.intra_op_num_threads = a.threads
    so.inter_op_num_threads = 1
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    sess = ort.InferenceSession(str(a.model / "model.onnx"), so, providers=["CPUExecutionProvider"])
    feeds_wanted = {i.name for i in sess.get_inputs()}
    t_loaded = time.perf_counter()

    n_docs = n_tokens = n_windows = 0

    def process(docs: list[dict], out) -> None:
        nonlocal n_tokens, n_windows
        texts = [d.get("text") or "" for d in docs]
        encs = tok.encode_batch(texts, add_special_tokens=False)
        # windows: (doc index, first token, ids with specials)
        wins = []
        for di, e in enumerate(encs):
            ids = e.ids
            n_tokens += len(ids)
            for s in range(0, len(ids), room):
                wins.append((di, s, [cls_id, *ids[s:s + room], sep_id]))
        n_windows += len(wins)
        order = list(range(len(wins)))
        if not a.no_sort:
            order.sort(key=lambda i: len(wins[i][2]))
        token_labels = [np.zeros(len(e.ids), dtype=np.int64) for e in encs]
        for b in range(0, len(order), a.batch):
            batch = [wins[i] for i in order[b:b + a.batch]]
            t = max(len(w[2]) for w in batch)
            ids = np.full((len(batch), t), pad_id, dtype=np.int64)
            mask = np.zeros((len(batch), t), dtype=np.int64)
            for r, (_, _, w) in enumerate(batch):
                ids[r, :len(w)] = w
                mask[r, :len(w)] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in feeds_wanted:
                feeds["token_type_ids"] = np.zeros_like(ids)
            logits = sess.run(None, {k: v for k, v in feeds.items() if k in feeds_wanted})[0]
            best = logits.argmax(-1)
            for r, (di, s, w) in enumerate(batch):
                token_labels[di][s:s + len(w) - 2] = best[r, 1:len(w) - 1]
        for d, text, e, tl in zip(docs, texts, encs, token_labels):
            out.write(json.dumps({"id": d.get("id"), "entities": entities(text, e, tl)},
                                 ensure_ascii=False) + "\n")

    def entities(text: str, e, tl) -> list[dict]:
        # word -> (label of its first sub-word, char start, char end); offsets are byte-free
        # char offsets in Python's tokenizers (code points)
        words: list[list] = []
        last = None
        for ti, (w, (s, t)) in enumerate(zip(e.word_ids, e.offsets)):
            if w is None:
                continue
            if w != last:
                words.append([int(tl[ti]), s, t])
                last = w
            else:
                words[-1][2] = t
        ents, cur = [], None
        for lab, s, t in words:
            tag, kind = kinds[lab]
            if tag == "I" and cur is not None and cur[0] == kind:
                cur[2] = t
                continue
            if cur is not None:
                ents.append(cur)
                cur = None
            if tag is not None:
                cur = [kind, s, t]
        if cur is not None:
            ents.append(cur)
        res = []
        for kind, s, t in ents:
            while s < t and text[s].isspace():
                s += 1
            while t > s and text[t - 1].isspace():
                t -= 1
            if s < t:
                res.append({"label": kind, "start": s, "end": t, "text": text[s:t]})
        return res

    with open(a.input, encoding="utf-8") as f, open(a.output, "w", encoding="utf-8") as out:
        chunk: list[dict] = []
        for line in f:
            if not line.strip():
                continue
            chunk.append(json.loads(line))
            if len(chunk) >= a.chunk_docs:
                process(chunk, out)
                n_docs += len(chunk)
                chunk = []
        if chunk:
            process(chunk, out)
            n_docs += len(chunk)
    t_end = time.perf_counter()
    print(f"peer: {n_docs} docs, {n_tokens} tokens, {n_windows} windows, {t_end - t_loaded:.2f} s "
          f"(load {t_loaded - t_start:.2f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
