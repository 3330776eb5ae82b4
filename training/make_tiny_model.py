#!/usr/bin/env python3
"""Regenerate tests/fixtures/tiny-ner: a tiny random-weight BERT NER model for Rust tests.

Builds, reproducibly (fixed seed, deterministic generator):
  * tokenizer.json  - the multilingual-e5-small (XLM-R Unigram) tokenizer trimmed to: special
                      tokens, single-character pieces for ASCII/Latin/Vietnamese/punctuation,
                      and the pieces of ~300 generated Vietnamese sentences (sentences.py,
                      written for nerlink; no corpus text)
  * model.onnx      - BertForTokenClassification, 2 layers, hidden 32, 2 heads, intermediate 64,
                      max_position_embeddings 128 (so window splitting gets exercised), random
                      weights; fp32 ONNX, inputs input_ids + attention_mask, output logits
                      [batch, seq, 7] (same contract as the real model, see export_onnx.py)
  * config.json     - HF config with id2label/label2id (O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC)
  * expected.json   - for 5 short sentences: tokens, ids, offsets (code-point and UTF-8 byte),
                      onnxruntime logits and argmax label ids, single and as one padded batch.

The model predicts nonsense (random weights); it only pins tokenizer + ONNX plumbing.
Needs the base tokenizer from fetch_base.py (.cache/base/tokenizer.json).
"""
import argparse
import json
from pathlib import Path

import numpy as np


def char_to_byte_offsets(text, offsets):
    cum = [0]
    for ch in text:
        cum.append(cum[-1] + len(ch.encode("utf-8")))
    return [[cum[s], cum[e]] for s, e in offsets]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base-tokenizer", default=".cache/base/tokenizer.json")
    ap.add_argument("--out", default="tests/fixtures/tiny-ner")
    ap.add_argument("--sentences", type=int, default=300, help="generated sentences for the vocabulary")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--init-range", type=float, default=1.0,
                    help="weight init std; large so logits are well separated (stable argmax)")
    args = ap.parse_args()

    import torch
    from tokenizers import Tokenizer
    from transformers import BertConfig, BertForTokenClassification

    from . import sentences
    from .export_onnx import ONNX_INPUTS, OPSET, export_fp32, ort_logits, ort_session, write_config
    from .nerdata import LABELS
    from .trim_vocab import remap_tokenizer, select_pieces

    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    base_path = Path(args.base_tokenizer)
    if not base_path.exists():
        raise SystemExit(f"make_tiny_model: {base_path} missing; run training/fetch_base.py first")
    tj = json.loads(base_path.read_text(encoding="utf-8"))
    base_tok = Tokenizer.from_str(json.dumps(tj))
    texts = [t for t, _ in sentences.generate(args.sentences, seed=args.seed)]
    texts += sentences.EXPECTED_SENTENCES + sentences.VERIFY_SENTENCES
    kept, info = select_pieces(tj, base_tok, texts, chars="basic")
    new_tj, old2new = remap_tokenizer(tj, kept)
    tok = Tokenizer.from_str(json.dumps(new_tj))
    # trimming must not change token strings of the texts it was built from
    bad = sum(base_tok.encode(t).tokens != tok.encode(t).tokens for t in texts)
    if bad:
        raise SystemExit(f"make_tiny_model: {bad} selection texts tokenize differently after trimming")
    print(f"vocab: {len(kept)} pieces ({info['seen']} seen in {len(texts)} sentences, "
          f"+{info['chars']} single-char); 0 token mismatches on those sentences")

    cfg = BertConfig(
        vocab_size=len(kept), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=64, hidden_act="gelu", max_position_embeddings=128, type_vocab_size=2,
        layer_norm_eps=1e-12, initializer_range=args.init_range,
        pad_token_id=old2new[1], bos_token_id=old2new[0], eos_token_id=old2new[2],
        num_labels=len(LABELS), id2label={i: l for i, l in enumerate(LABELS)},
        label2id={l: i for i, l in enumerate(LABELS)})
    model = BertForTokenClassification(cfg).eval()
    # HF init zeroes biases and sets LayerNorm to identity; randomize them too so the graph's
    # every parameter matters, with the same seed.
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("bias") or "LayerNorm" in name:
                p.copy_(torch.randn_like(p) * 0.1 + (1.0 if "LayerNorm.weight" in name else 0.0))

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    onnx_path = out / "model.onnx"
    export_fp32(model, onnx_path, OPSET)
    (out / "tokenizer.json").write_text(json.dumps(new_tj, ensure_ascii=False), encoding="utf-8")
    write_config(cfg.to_dict(), out, {"note": "tiny random-weight test fixture (make_tiny_model.py); "
                                              "predictions are meaningless"})

    sess = ort_session(onnx_path, threads=1)
    pad_id = cfg.pad_token_id
    encs = [tok.encode(s) for s in sentences.EXPECTED_SENTENCES]
    single = [ort_logits(sess, [e.ids], pad_id)[0] for e in encs]
    batch = ort_logits(sess, [e.ids for e in encs], pad_id)
    with torch.no_grad():  # torch agrees with onnxruntime?
        tmax = max(float(np.abs(model(input_ids=torch.tensor([e.ids])).logits[0].numpy() - lg).max())
                   for e, lg in zip(encs, single))
    items, min_margin, bmax = [], 1e9, 0.0
    for s, e, lg, bl in zip(sentences.EXPECTED_SENTENCES, encs, single, batch):
        srt = np.sort(lg, axis=-1)
        min_margin = min(min_margin, float((srt[:, -1] - srt[:, -2]).min()))
        bmax = max(bmax, float(np.abs(lg - bl).max()))
        if not (lg.argmax(-1) == bl.argmax(-1)).all():
            raise SystemExit("make_tiny_model: padded batch changes argmax; check attention_mask")
        items.append({
            "text": s,
            "tokens": e.tokens,
            "ids": e.ids,
            "offsets_char": [list(o) for o in e.offsets],
            "offsets_byte": char_to_byte_offsets(s, e.offsets),
            "labels": lg.argmax(-1).tolist(),
            "label_names": [LABELS[i] for i in lg.argmax(-1)],
            "logits": np.round(lg, 5).tolist(),
        })
    expected = {
        "about": "tiny-ner fixture check values, computed with onnxruntime (Python) by "
                 "training/make_tiny_model.py. ids include <s> and </s> (add_special_tokens=true). "
                 "offsets_char are Unicode code-point offsets (Python tokenizers), offsets_byte UTF-8 "
                 "byte offsets (Rust tokenizers' default); specials have [0,0]. A '▁x' token's offsets "
                 "include the preceding space. labels = argmax of logits; running the 5 sentences as one "
                 "batch padded with pad_id and attention_mask 0 gives the same labels "
                 "(max |logit diff| in 'batch_max_abs_diff').",
        "onnx_inputs": ONNX_INPUTS,
        "pad_id": pad_id,
        "id2label": {str(i): l for i, l in enumerate(LABELS)},
        "min_top2_margin": round(min_margin, 5),
        "batch_max_abs_diff": float(f"{bmax:.3g}"),
        "torch_vs_onnx_max_abs_diff": float(f"{tmax:.3g}"),
        "sentences": items,
    }
    (out / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                       encoding="utf-8")
    total = sum(p.stat().st_size for p in out.iterdir())
    print(f"logits: min top-2 margin {min_margin:.4f}, padded-batch max diff {bmax:.2g}, "
          f"torch vs onnx max diff {tmax:.2g}")
    print(f"wrote {out}/: " + ", ".join(f"{p.name} {p.stat().st_size / 1e3:.0f} KB" for p in sorted(out.iterdir()))
          + f"; total {total / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
