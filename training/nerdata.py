"""Shared NER data helpers: readers, subword label alignment, BIO decoding, strict span F1.

Data model: every example is {"text": str, "spans": [{"start", "end", "label"}]} with
character (code point) offsets, end exclusive. Readers:
  * CoNLL IOB2: `token<TAB>tag` per line (whitespace also accepted), blank line between
    sentences, `-DOCSTART-` lines ignored; tokens are joined with single spaces into text.
    IOB1-style I- without a preceding B- starts a new entity.
  * JSONL: {"text", "spans": [...]} (extra keys ignored; "entities" accepted as an alias, so
    `nerlink extract` output reads as is; its records without text are skipped).
A file is read as JSONL if its name ends in .jsonl/.json, else as CoNLL.

Labels: O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC (LABELS). Spans with other labels
(ROLE, DATE, ...) are dropped, not turned into O errors elsewhere.

Alignment (align_example): the text is tokenized once with the HF tokenizer (offsets), then
cut into windows of at most max_len tokens including <s> and </s>. A token's character
range is its offsets with leading whitespace removed (Metaspace "▁x" tokens include the
preceding space). A token gets B-X if it is the first token whose range starts inside span X,
I-X for the following tokens starting inside X, else O; i.e. every subword is labelled (not
-100), so inference can decode BIO directly over tokens. <s>, </s> and padding get -100.

Decoding (decode_spans): BIO over tokens; an I-X that does not continue an X entity starts a
new one (conlleval behaviour); the entity's character span runs from its first token's start
to its last token's end.

F1 (span_prf): strict entity match on (start, end, label), micro-averaged, like seqeval's
default entity-level scores when tokens are words.
"""
import json
from pathlib import Path

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]
LABEL2ID = {l: i for i, l in enumerate(LABELS)}
ENTITY_TYPES = ["PER", "ORG", "LOC"]


def read_conll(path):
    examples, toks, tags = [], [], []

    def flush():
        if toks:
            examples.append(conll_to_example(toks, tags))
        toks.clear()
        tags.clear()

    with open(path, encoding="utf-8") as fh:
        for ln, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                flush()
                continue
            if line.startswith("-DOCSTART-"):
                flush()
                continue
            parts = line.split("\t") if "\t" in line else line.split()
            if len(parts) < 2:
                raise SystemExit(f"{path}:{ln}: expected 'token<TAB>tag', got {line!r}")
            tok, tag = parts[0], parts[-1].strip()
            if tag != "O" and not (tag[:2] in ("B-", "I-") and len(tag) > 2):
                raise SystemExit(f"{path}:{ln}: bad IOB2 tag {tag!r}")
            toks.append(tok)
            tags.append(tag)
    flush()
    return examples


def conll_to_example(toks, tags):
    text, spans, cur = "", [], None
    for tok, tag in zip(toks, tags):
        if text:
            text += " "
        s = len(text)
        text += tok
        e = len(text)
        if tag == "O":
            cur = None
            continue
        bi, lab = tag[:1], tag[2:]
        if bi == "I" and cur is not None and cur["label"] == lab:
            cur["end"] = e
        else:
            cur = {"start": s, "end": e, "label": lab}
            spans.append(cur)
    return {"text": text, "spans": spans}


def read_jsonl(path):
    out = []
    with open(path, encoding="utf-8") as fh:
        for ln, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise SystemExit(f"{path}:{ln}: bad JSON: {e}")
            text = obj.get("text")
            spans = obj.get("spans", obj.get("entities", []))
            if text is None and "errors" in obj:
                continue  # `nerlink extract` record of a document that failed to decode
            if not isinstance(text, str):
                raise SystemExit(f"{path}:{ln}: missing string 'text'")
            clean = []
            for sp in spans:
                try:
                    s, e, lab = int(sp["start"]), int(sp["end"]), str(sp["label"])
                except (KeyError, TypeError, ValueError):
                    raise SystemExit(f"{path}:{ln}: span needs start/end/label: {sp!r}")
                if not (0 <= s < e <= len(text)):
                    raise SystemExit(f"{path}:{ln}: span {s}-{e} outside text of length {len(text)}")
                clean.append({"start": s, "end": e, "label": lab})
            out.append({"text": text, "spans": clean})
    return out


def read_any(path):
    p = Path(path)
    if not p.exists():
        raise SystemExit(f"data file not found: {path}")
    exs = read_jsonl(p) if p.suffix in (".jsonl", ".json") else read_conll(p)
    for ex in exs:  # keep PER/ORG/LOC only, sorted, non-overlapping (first wins)
        kept, last_end = [], -1
        for sp in sorted(ex["spans"], key=lambda x: (x["start"], -x["end"])):
            if sp["label"] in ENTITY_TYPES and sp["start"] >= last_end:
                kept.append(sp)
                last_end = sp["end"]
        ex["spans"] = kept
    return exs


def token_ranges(text, offsets):
    """Character ranges of tokens with leading whitespace stripped; (0,0) stays empty."""
    out = []
    for s, e in offsets:
        while s < e and text[s].isspace():
            s += 1
        out.append((s, e))
    return out


def align_example(ex, tokenizer, max_len, cls_id, sep_id):
    """Tokenize one example; return windows [(ids, labels, ranges)] of <= max_len tokens."""
    enc = tokenizer.encode(ex["text"], add_special_tokens=False)
    ranges = token_ranges(ex["text"], enc.offsets)
    labels = []
    span_i, spans = 0, ex["spans"]
    started = set()
    for (s, e) in ranges:
        lab = "O"
        if e > s:
            for k, sp in enumerate(spans):
                if sp["start"] <= s < sp["end"]:
                    lab = ("I-" if k in started else "B-") + sp["label"]
                    started.add(k)
                    break
        labels.append(LABEL2ID[lab])
    ids = enc.ids
    body = max_len - 2
    windows = []
    for a in range(0, max(1, len(ids)), body):
        wi = [cls_id] + ids[a:a + body] + [sep_id]
        wl = [-100] + labels[a:a + body] + [-100]
        wr = [(0, 0)] + ranges[a:a + body] + [(0, 0)]
        windows.append((wi, wl, wr))
    return windows


def decode_spans(label_ids, ranges):
    """BIO token labels -> set of (start, end, label) character spans."""
    spans, cur = [], None
    for lid, (s, e) in zip(label_ids, ranges):
        if e <= s:  # special / empty token
            continue
        tag = LABELS[lid]
        if tag == "O":
            cur = None
            continue
        bi, lab = tag[0], tag[2:]
        if bi == "I" and cur is not None and cur[2] == lab:
            cur[1] = e
        else:
            cur = [s, e, lab]
            spans.append(cur)
    return {tuple(x) for x in spans}


def span_prf(gold_sets, pred_sets):
    """Micro P/R/F1 over lists of span sets, plus per-type F1."""
    tp = fp = fn = 0
    per = {t: [0, 0, 0] for t in ENTITY_TYPES}
    for g, p in zip(gold_sets, pred_sets):
        for x in p:
            if x in g:
                tp += 1
                per[x[2]][0] += 1
            else:
                fp += 1
                per[x[2]][1] += 1
        for x in g - p:
            fn += 1
            per[x[2]][2] += 1

    def f(t, p_, n):
        pr = t / (t + p_) if t + p_ else 0.0
        rc = t / (t + n) if t + n else 0.0
        return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)

    p_, r_, f1 = f(tp, fp, fn)
    return {"precision": p_, "recall": r_, "f1": f1, "tp": tp, "fp": fp, "fn": fn,
            "per_type_f1": {t: round(f(*v)[2], 4) for t, v in per.items()}}


def gold_set(ex):
    return {(sp["start"], sp["end"], sp["label"]) for sp in ex["spans"]}
