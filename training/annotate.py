"""Hand annotation of corpus sentences, kept as stand-off offsets (no corpus text in the repo).

The unlabelled news corpus (../shared/corpus/vi-news-unc.jsonl) may not be copied into the
repository, but labels *about* it may: a record names the article id, the sentence's code-point
range in the article's "text", a short hash of the sentence (to detect a changed corpus), and the
entity offsets relative to the sentence. Text is only ever read from the corpus at run time.

Subcommands:
  sample       pick sentences for annotators: writes batch files `ID<TAB>sentence` outside the
               repo (.cache/annot). ID = `doc@start-end`. Articles are split into a dev part
               (stable hash of the id, --dev-percent) and a train part, so dev sentences never
               come from an article that training sentences come from.
  import       read an annotator's file (`ID<TAB>sentence with <PER>..</PER> <ORG>..</ORG>
               <LOC>..</LOC> tags`), check that removing the tags gives back the sentence exactly,
               and append stand-off records to a JSONL file (training/annotations/*.jsonl).
               Lines that do not match are reported and skipped, never guessed.
  materialize  join stand-off records with the corpus into {"text","spans"} JSONL (what
               train.py and `nerlink eval --gold` read). Hash mismatches are reported and skipped.

What it does not do: decide labels. The labels come from the people (or assistants) who annotate,
following training/ANNOTATION.md.
"""
import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

LABELS = ("PER", "ORG", "LOC")
TAG_RE = re.compile(r"<(/?)(PER|ORG|LOC)>")
# sentence end: . ! ? … followed by space(s) and an upper-case letter, a quote or a digit
SENT_END_RE = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[A-ZÀ-ỸĐ0-9])")
UPPER_RE = re.compile(r"[A-ZÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠ-Ỹ]")


def short_hash(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def is_dev_doc(doc_id, dev_percent):
    h = int(hashlib.sha1(("dev:" + doc_id).encode("utf-8")).hexdigest()[:8], 16)
    return h % 100 < dev_percent


def read_corpus(path):
    docs = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                rec = json.loads(line)
                docs[rec["id"]] = rec["text"]
    return docs


def split_sentences(text):
    """(start, end) code-point ranges of sentences: lines first, then sentence punctuation."""
    out, pos = [], 0
    for line in text.split("\n"):
        base = pos
        pos += len(line) + 1
        start = 0
        for m in SENT_END_RE.finditer(line):
            out.append((base + start, base + m.start()))
            start = m.end()
        out.append((base + start, base + len(line)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def has_inner_capital(sentence):
    words = sentence.split()
    return any(UPPER_RE.match(w.lstrip("\"“‘(")) for w in words[1:])


def cmd_sample(args):
    docs = read_corpus(args.corpus)
    rng = random.Random(args.seed)
    pools = {"dev": [], "train": []}
    dev_docs = set()
    for path in args.dev_docs_from:
        dev_docs.update(json.loads(l)["doc"] for l in Path(path).read_text(encoding="utf-8").splitlines() if l.strip())
    for doc_id in sorted(docs):
        text = docs[doc_id]
        part = "dev" if is_dev_doc(doc_id, args.dev_percent) else "train"
        if part == "dev" and dev_docs and doc_id not in dev_docs:
            continue
        for s, e in split_sentences(text):
            sent = text[s:e]
            n = len(sent.split())
            if n < args.min_words or n > args.max_words or "\t" in sent or "<" in sent:
                continue
            pools[part].append((doc_id, s, e, has_inner_capital(sent)))
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    taken = set()
    for path in args.exclude:  # batch files or stand-off files already handed out
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("{"):
                r = json.loads(line)
                taken.add((r["doc"], r["start"]))
            elif "\t" in line:
                doc, s, _ = parse_id(line.split("\t", 1)[0])
                taken.add((doc, s))
    for part, count, batches in (("dev", args.dev, 1), ("train", args.train, args.train_batches)):
        if count == 0:
            continue
        pool = [x for x in pools[part] if (x[0], x[1]) not in taken]
        rng.shuffle(pool)
        with_caps = [x for x in pool if x[3]]
        without = [x for x in pool if not x[3]]
        n_neg = int(count * args.negative_share)
        chosen = without[:n_neg] + with_caps[: count - n_neg]
        # at most --per-doc sentences per article, for variety
        per_doc, picked = {}, []
        for x in chosen + with_caps[count - n_neg:]:
            if len(picked) >= count:
                break
            if per_doc.get(x[0], 0) >= args.per_doc or (x[0], x[1]) in taken:
                continue
            per_doc[x[0]] = per_doc.get(x[0], 0) + 1
            taken.add((x[0], x[1]))
            picked.append(x)
        rng.shuffle(picked)
        size = (len(picked) + batches - 1) // max(batches, 1)
        for b in range(batches):
            chunk = picked[b * size:(b + 1) * size]
            if not chunk:
                continue
            number = args.first_batch + b
            name = out_dir / (f"{part}.txt" if batches == 1 else f"{part}-{number:02d}.txt")
            with open(name, "w", encoding="utf-8") as fh:
                for doc_id, s, e, _ in chunk:
                    fh.write(f"{doc_id}@{s}-{e}\t{docs[doc_id][s:e]}\n")
            print(f"{name}: {len(chunk)} sentences")
    print(f"pools: dev {len(pools['dev'])}, train {len(pools['train'])} candidate sentences")


def parse_tagged(tagged):
    """Strip <PER>..</PER> style tags; return (plain text, [(start, end, label)]) or raise."""
    plain, spans, open_tag, pos = [], [], None, 0
    length = 0
    for m in TAG_RE.finditer(tagged):
        chunk = tagged[pos:m.start()]
        plain.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, label = m.group(1) == "/", m.group(2)
        if not closing:
            if open_tag is not None:
                raise ValueError(f"nested <{label}> inside <{open_tag[0]}>")
            open_tag = (label, length)
        else:
            if open_tag is None or open_tag[0] != label:
                raise ValueError(f"</{label}> without matching open tag")
            start = open_tag[1]
            if start == length:
                raise ValueError(f"empty <{label}>")
            spans.append((start, length, label))
            open_tag = None
    if open_tag is not None:
        raise ValueError(f"unclosed <{open_tag[0]}>")
    plain.append(tagged[pos:])
    text = "".join(plain)
    for s, e, label in spans:
        span = text[s:e]
        if span != span.strip():
            raise ValueError(f"<{label}> span {span!r} has outer whitespace")
    return text, spans


def parse_id(raw):
    doc, rng = raw.rsplit("@", 1)
    s, e = rng.split("-")
    return doc, int(s), int(e)


def cmd_import(args):
    docs = read_corpus(args.corpus)
    existing = set()
    out = Path(args.out)
    if out.exists():
        for line in out.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                existing.add((r["doc"], r["start"]))
    ok = bad = dup = 0
    records = []
    for path in args.files:
        with open(path, encoding="utf-8") as fh:
            for ln, line in enumerate(fh, 1):
                line = line.rstrip("\n")
                if not line.strip():
                    continue
                if "\t" not in line:
                    print(f"{path}:{ln}: no TAB after the id", file=sys.stderr)
                    bad += 1
                    continue
                raw_id, tagged = line.split("\t", 1)
                try:
                    doc, s, e = parse_id(raw_id.strip())
                    text, spans = parse_tagged(tagged)
                except ValueError as err:
                    print(f"{path}:{ln}: {err}", file=sys.stderr)
                    bad += 1
                    continue
                if doc not in docs:
                    print(f"{path}:{ln}: unknown article {doc}", file=sys.stderr)
                    bad += 1
                    continue
                original = docs[doc][s:e]
                if text != original:
                    print(f"{path}:{ln}: text changed by the annotator (tags removed it must equal the sentence)",
                          file=sys.stderr)
                    bad += 1
                    continue
                if (doc, s) in existing:
                    dup += 1
                    continue
                existing.add((doc, s))
                records.append({"doc": doc, "start": s, "end": e, "sha1": short_hash(original),
                                "entities": [[a, b, lab] for a, b, lab in spans]})
                ok += 1
    with open(out, "a", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{out}: +{ok} sentences ({bad} rejected, {dup} already present)")
    return 0 if ok or not bad else 1


def cmd_materialize(args):
    docs = read_corpus(args.corpus)
    n = skipped = ents = 0
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        for path in args.files:
            for line in Path(path).read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                r = json.loads(line)
                text = docs.get(r["doc"], "")[r["start"]:r["end"]]
                if not text or short_hash(text) != r["sha1"]:
                    skipped += 1
                    continue
                spans = [{"start": a, "end": b, "label": lab, "text": text[a:b]} for a, b, lab in r["entities"]]
                out.write(json.dumps({"id": f"{r['doc']}@{r['start']}-{r['end']}", "text": text,
                                      "spans": spans, "entities": spans}, ensure_ascii=False) + "\n")
                n += 1
                ents += len(spans)
    print(f"{args.out}: {n} sentences, {ents} entities ({skipped} skipped: corpus text differs)")
    return 0 if n else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("sample")
    p.add_argument("--corpus", required=True)
    p.add_argument("--out-dir", required=True)
    p.add_argument("--dev", type=int, default=300)
    p.add_argument("--train", type=int, default=2400)
    p.add_argument("--train-batches", type=int, default=8)
    p.add_argument("--dev-percent", type=int, default=10)
    p.add_argument("--negative-share", type=float, default=0.12)
    p.add_argument("--per-doc", type=int, default=3)
    p.add_argument("--min-words", type=int, default=5)
    p.add_argument("--max-words", type=int, default=70)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--exclude", action="append", default=[],
                   help="batch or stand-off file whose sentences are not sampled again (repeatable)")
    p.add_argument("--first-batch", type=int, default=1, help="number of the first train batch file")
    p.add_argument("--dev-docs-from", action="append", default=[],
                   help="stand-off file: take dev sentences only from its articles (keeps the set of "
                        "dev articles, which silver.py --exclude-docs removes from training, unchanged)")
    p = sub.add_parser("import")
    p.add_argument("--corpus", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("files", nargs="+")
    p = sub.add_parser("materialize")
    p.add_argument("--corpus", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("files", nargs="+")
    args = ap.parse_args()
    return {"sample": cmd_sample, "import": cmd_import, "materialize": cmd_materialize}[args.cmd](args) or 0


if __name__ == "__main__":
    sys.exit(main())
