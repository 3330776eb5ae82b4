#!/usr/bin/env python3
"""Build a dev JSONL ({"text", "spans"}) from the shared gold seed annotations.

Reads GOLD (seeds.entities.jsonl: {"doc", "entities":[{"start","end","label","text"}]},
code-point offsets) and the article texts in SEEDS/<doc>, checks every span's text against
the article, keeps PER/ORG/LOC, and writes OUT (one line per article). The output holds
article text, so write it under .cache/ (git-ignored), never into the repo.

What it does not do: it does not split articles (train.py/export_onnx.py window long
texts), and the five seeds are a small dev set, not a benchmark.
"""
import argparse
import json
from pathlib import Path

KEEP = {"PER", "ORG", "LOC"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default="../shared/gold/seeds.entities.jsonl")
    ap.add_argument("--seeds", default="../shared/seeds")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    gold = Path(args.gold)
    if not gold.exists():
        raise SystemExit(f"seeds_dev: {gold} not found (shared/ is expected beside the repo)")
    rows = []
    for ln, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        obj = json.loads(line)
        path = Path(args.seeds) / obj["doc"]
        text = path.read_text(encoding="utf-8")
        spans = []
        for e in obj["entities"]:
            if text[e["start"]:e["end"]] != e["text"]:
                raise SystemExit(f"seeds_dev: {gold}:{ln}: span {e['start']}-{e['end']} is "
                                 f"{text[e['start']:e['end']]!r} in {path}, gold says {e['text']!r}")
            if e["label"] in KEEP:
                spans.append({"start": e["start"], "end": e["end"], "label": e["label"]})
        rows.append({"id": obj["doc"], "text": text, "spans": spans})
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"seeds_dev: wrote {out}: {len(rows)} articles, {sum(len(r['spans']) for r in rows)} PER/ORG/LOC spans")


if __name__ == "__main__":
    main()
