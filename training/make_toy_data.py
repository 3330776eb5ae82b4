#!/usr/bin/env python3
"""Write the toy NER data set used to prove the training pipeline end to end.

Generates template Vietnamese sentences with PER/ORG/LOC spans (sentences.py; written for
nerlink, no corpus text) and writes them in both accepted input formats:
  OUT/train.conll  (CoNLL IOB2, token<TAB>tag)        --train-n sentences, seed --seed
  OUT/dev.jsonl    ({"text", "spans"}, char offsets)  --dev-n sentences, seed --seed + 1

What it does not do: it is not training data for the shipped model (a few templates, so
dev F1 on it is meaningless beyond "the pipeline learns"); deterministic for a given seed.
"""
import argparse
import json
from pathlib import Path

from .sentences import generate, to_conll


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="training/toy")
    ap.add_argument("--train-n", type=int, default=400)
    ap.add_argument("--dev-n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "train.conll", "w", encoding="utf-8") as fh:
        for text, spans in generate(args.train_n, seed=args.seed):
            for tok, tag in to_conll(text, spans):
                fh.write(f"{tok}\t{tag}\n")
            fh.write("\n")
    with open(out / "dev.jsonl", "w", encoding="utf-8") as fh:
        for text, spans in generate(args.dev_n, seed=args.seed + 1):
            fh.write(json.dumps({"text": text, "spans": spans}, ensure_ascii=False) + "\n")
    for p in ("train.conll", "dev.jsonl"):
        print(f"wrote {out / p} ({(out / p).stat().st_size / 1e3:.0f} KB)")


if __name__ == "__main__":
    main()
