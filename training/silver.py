"""Silver NER training sentences from real text labelled by nerlink's rule layer.

Reads the JSONL written by `nerlink extract --no-model` (or with a model, for self-training)
over unlabelled articles, splits each article into sentences, and keeps only the sentences the
rules *fully explain*: every capitalized word that is not sentence-initial lies inside some
entity (PER/ORG/LOC, or a domain entity such as ROLE/INDEX/DATE that is O for NER). Partially
labelled sentences would teach the model that the missed names are O, so they are dropped.
A share of sentences with no entity at all is kept as negatives.

Output: JSONL `{"text", "spans": [{"start", "end", "label"}], "kind": "silver", "doc"}` with
code-point offsets into the sentence. The article text stays out of the repository: run this at
training time into an ignored folder.

It does not label anything itself; the labels are the rule layer's.
"""

import argparse
import json
import random
import re
import sys
import unicodedata

NER = {"PER", "ORG", "LOC"}
SENT_END = re.compile(r"(?<=[.!?…])[\"”')\]]*\s+(?=[\"“(\[]?[A-ZÀ-ỸĐ0-9])")


def sentences(text):
    """Yield (start, end) code-point ranges of sentences, line by line."""
    pos = 0
    for line in text.split("\n"):
        start = pos
        last = 0
        for m in SENT_END.finditer(line):
            yield start + last, start + m.start()
            last = m.end()
        yield start + last, start + len(line)
        pos += len(line) + 1


def is_cap(word):
    return word[:1].isupper()


def explained(text, s, e, ents):
    """Every capitalized, non-initial word of text[s:e] is inside an entity."""
    covered = [False] * (e - s)
    for x in ents:
        for i in range(max(x["start"], s), min(x["end"], e)):
            covered[i - s] = True
    first = True
    for m in re.finditer(r"\S+", text[s:e]):
        w = m.group().strip("\"“”'()[],.;:!?…-–")
        if not w:
            continue
        if first:
            first = False
            continue
        if is_cap(w) and not covered[m.start() + (len(m.group()) - len(m.group().lstrip("\"“”'(["))) ]:
            return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("extract_jsonl", nargs="+", help="output of `nerlink extract`")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--min-words", type=int, default=6)
    ap.add_argument("--max-words", type=int, default=70)
    ap.add_argument("--negative-share", type=float, default=0.15,
                    help="fraction of kept sentences that may have no NER entity")
    ap.add_argument("--max-sentences", type=int, default=0)
    ap.add_argument("--min-score", type=float, default=0.0,
                    help="drop entities below this score (for self-training on model output)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--exclude-docs", action="append", default=[],
                    help="stand-off annotation file (training/annotations/dev.jsonl): no sentence of "
                         "its articles is used, so a dev set stays unseen (repeatable)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    excluded = set()
    for path in args.exclude_docs:
        with open(path, encoding="utf-8") as f:
            excluded.update(json.loads(line)["doc"] for line in f if line.strip())
    kept, negatives, seen = [], [], 0
    for path in args.extract_jsonl:
        with open(path, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                text = d.get("text")
                if not text or d.get("errors") or d.get("id") in excluded:
                    continue
                ents = [e for e in d["entities"] if e.get("score", 1.0) >= args.min_score]
                for s, e in sentences(text):
                    seen += 1
                    words = text[s:e].split()
                    if not (args.min_words <= len(words) <= args.max_words):
                        continue
                    inside = [x for x in ents if x["start"] >= s and x["end"] <= e]
                    crossing = [x for x in ents if x["start"] < e and x["end"] > s and x not in inside]
                    if crossing or not explained(text, s, e, inside):
                        continue
                    spans = [{"start": x["start"] - s, "end": x["end"] - s, "label": x["label"]}
                             for x in inside if x["label"] in NER]
                    sent = unicodedata.normalize("NFC", text[s:e])
                    if len(sent) != e - s:
                        continue  # keep offsets exact: skip sentences that NFC would change
                    ex = {"text": sent, "spans": spans, "kind": "silver", "doc": d.get("id")}
                    (kept if spans else negatives).append(ex)
    rng.shuffle(negatives)
    n_neg = int(len(kept) * args.negative_share / max(1e-9, 1 - args.negative_share))
    out = kept + negatives[:n_neg]
    rng.shuffle(out)
    if args.max_sentences:
        out = out[: args.max_sentences]
    with open(args.output, "w", encoding="utf-8") as f:
        for ex in out:
            f.write(json.dumps(ex, ensure_ascii=False) + "\n")
    print(f"silver: {seen} sentences read, {len(kept)} labelled + {min(n_neg, len(negatives))} negative kept "
          f"-> {len(out)} written to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
