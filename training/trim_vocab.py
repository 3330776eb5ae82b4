#!/usr/bin/env python3
"""Trim the 250k XLM-R Unigram vocabulary of a HF BERT checkpoint to the pieces a corpus uses.

Kept pieces (original order and original scores, so ids stay sorted and specials stay first):
  * special tokens (<s>, <pad>, </s>, <unk>, <mask>, every added token),
  * single-character pieces, "c" and "▁c":  --chars all   (every one, ~15.4k; default)
                                            --chars basic (ASCII, Latin incl. Vietnamese,
                                             combining marks, general punctuation, currency)
  * the piece with the lowest score (so the Unigram <unk> penalty, min_score - 10, is unchanged),
  * every piece produced when tokenizing the given corpus files (plain text: one text per
    line; .jsonl: the --field of each object) and, with --builtin N, N generated sentences
    from sentences.py; pieces seen fewer than --min-count times are dropped.

Writes OUT/tokenizer.json (same normalizer / pre-tokenizer / post-processor / decoder; the
Unigram vocab remapped), OUT/model.safetensors (word-embedding rows gathered in the new order,
other tensors copied), OUT/config.json (vocab_size updated) and OUT/vocab_map.json (new id ->
old id).

Why trimming cannot change tokenization of covered text: HF's Unigram tokenizes each
whitespace-delimited word independently with Viterbi over piece scores. Removing pieces only
removes candidate paths; if the original best path uses kept pieces only, it is still the best
path. So any word seen in the selection corpus tokenizes to exactly the same token strings.
A word never seen may lose its best piece and then splits into smaller kept pieces (down to
single characters); it only becomes <unk> where a character has no single-char piece (which
--chars all makes identical to the original tokenizer's <unk> behaviour).

The check (--check-*) re-tokenizes text with both tokenizers and compares token strings:
covered text must give 0 mismatches (exit 1 otherwise); held-out lines of the corpus (never
used for selection, --holdout-every) are reported as the "unseen text" behaviour.

What it does not do: no re-scoring of pieces, no merging of new pieces, no change to the
encoder layers. It does not copy corpus text anywhere.
"""
import argparse
import json
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

META = "\u2581"


def read_texts(paths, field):
    """Yield texts: one per non-empty line of plain files, `field` of each JSON line of .jsonl."""
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise SystemExit(f"trim_vocab: corpus file not found: {p}")
        jsonl = path.suffix in (".jsonl", ".json")
        with open(path, encoding="utf-8") as fh:
            for ln, line in enumerate(fh, 1):
                line = line.rstrip("\n")
                if not line.strip():
                    continue
                if jsonl:
                    try:
                        obj = json.loads(line)
                    except json.JSONDecodeError as e:
                        raise SystemExit(f"trim_vocab: {p}:{ln}: bad JSON: {e}")
                    text = obj.get(field)
                    if not isinstance(text, str):
                        raise SystemExit(f"trim_vocab: {p}:{ln}: no string field {field!r}")
                    for part in text.split("\n"):
                        if part.strip():
                            yield part
                else:
                    yield line


def basic_char(ch: str) -> bool:
    cp = ord(ch)
    if cp < 0x80:
        return True
    if 0x00A0 <= cp <= 0x024F or 0x1E00 <= cp <= 0x1EFF or 0x0300 <= cp <= 0x036F:
        return True  # Latin-1, Latin Ext-A/B, Latin Ext Additional (Vietnamese), combining marks
    if 0x2000 <= cp <= 0x206F or 0x20A0 <= cp <= 0x20CF or cp in (META, "\u2116"):
        return True  # general punctuation, currency
    cat = unicodedata.category(ch)
    return cat.startswith("P") and cp < 0x3000


def single_char(piece: str):
    body = piece[1:] if piece.startswith(META) and len(piece) > 1 else piece
    return body if len(body) == 1 else None


def tokens_of(tok, texts, batch=2048):
    out = []
    for i in range(0, len(texts), batch):
        out.extend(e.tokens for e in tok.encode_batch(texts[i:i + batch], add_special_tokens=False))
    return out


def select_pieces(tj: dict, tok, texts, chars: str = "all", min_count: int = 1):
    """Return (sorted kept old ids, info dict) for tokenizer JSON `tj` given selection texts."""
    vocab = tj["model"]["vocab"]
    counts = Counter()
    for toks in tokens_of(tok, list(texts)):
        counts.update(toks)
    piece_id = {p: i for i, (p, _) in enumerate(vocab)}
    keep = {a["id"] for a in tj.get("added_tokens", [])}
    keep.add(tj["model"].get("unk_id", 3))
    n_special = len(keep)
    n_seen = 0
    for p, c in counts.items():
        if c >= min_count and p in piece_id:
            keep.add(piece_id[p])
            n_seen += 1
    n_char = 0
    if chars != "none":
        for i, (p, _) in enumerate(vocab):
            ch = single_char(p)
            if ch is not None and (chars == "all" or basic_char(ch)):
                if i not in keep:
                    n_char += 1
                keep.add(i)
    min_i = min(range(len(vocab)), key=lambda i: vocab[i][1])
    keep.add(min_i)
    return sorted(keep), {"special": n_special, "seen": n_seen, "chars": n_char, "min_piece": vocab[min_i][0]}


def remap_tokenizer(tj: dict, kept):
    """Return (new tokenizer JSON with vocab = kept pieces in order, old->new id dict)."""
    vocab = tj["model"]["vocab"]
    old2new = {o: n for n, o in enumerate(kept)}
    new_tj = json.loads(json.dumps(tj))
    new_tj["model"]["vocab"] = [vocab[o] for o in kept]
    new_tj["model"]["unk_id"] = old2new[tj["model"].get("unk_id", 3)]
    for a in new_tj.get("added_tokens", []):
        a["id"] = old2new[a["id"]]
    pp = new_tj.get("post_processor") or {}
    for sp in (pp.get("special_tokens") or {}).values():
        sp["ids"] = [old2new[i] for i in sp["ids"]]
    if new_tj.get("padding") and "pad_id" in new_tj["padding"]:
        new_tj["padding"]["pad_id"] = old2new[new_tj["padding"]["pad_id"]]
    return new_tj, old2new


def compare(old_tok, new_tok, texts, label):
    a = tokens_of(old_tok, texts)
    b = tokens_of(new_tok, texts)
    mism = [i for i in range(len(texts)) if a[i] != b[i]]
    unk_old = sum(t.count("<unk>") for t in a)
    unk_new = sum(t.count("<unk>") for t in b)
    ntok_a, ntok_b = sum(map(len, a)), sum(map(len, b))
    print(f"check {label}: {len(texts)} texts, token-string mismatches {len(mism)} "
          f"({100.0 * len(mism) / max(1, len(texts)):.2f}%), tokens {ntok_a} -> {ntok_b}, "
          f"<unk> {unk_old} -> {unk_new}")
    return mism, a, b


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=".cache/base/e5-small-hf", help="HF checkpoint dir with tokenizer.json")
    ap.add_argument("--tokenizer", help="tokenizer.json (default: MODEL/tokenizer.json)")
    ap.add_argument("--out", required=True, help="output dir")
    ap.add_argument("corpus", nargs="*", help="text / JSONL files whose pieces to keep")
    ap.add_argument("--field", default="text", help="JSONL field holding the text (default: text)")
    ap.add_argument("--chars", choices=["all", "basic", "none"], default="all",
                    help="which single-character pieces to keep (default: all)")
    ap.add_argument("--builtin", type=int, default=0, help="also use N generated sentences (sentences.py)")
    ap.add_argument("--builtin-seed", type=int, default=0)
    ap.add_argument("--min-count", type=int, default=1, help="drop pieces seen fewer times (default 1)")
    ap.add_argument("--holdout-every", type=int, default=20,
                    help="every k-th corpus text is held out of selection and used as unseen text (0 = none)")
    ap.add_argument("--check-max", type=int, default=200000, help="max covered texts to re-check")
    ap.add_argument("--no-weights", action="store_true", help="write only the tokenizer (no model)")
    args = ap.parse_args()

    from tokenizers import Tokenizer
    from . import sentences

    t0 = time.time()
    tok_path = Path(args.tokenizer or Path(args.model) / "tokenizer.json")
    tj = json.loads(tok_path.read_text(encoding="utf-8"))
    if tj["model"].get("type") != "Unigram":
        raise SystemExit(f"trim_vocab: {tok_path}: only Unigram tokenizers are supported")
    vocab = tj["model"]["vocab"]
    old_tok = Tokenizer.from_str(json.dumps(tj))

    texts = list(read_texts(args.corpus, args.field))
    if args.holdout_every and args.holdout_every > 1:
        held = texts[args.holdout_every - 1::args.holdout_every]
        sel = [t for i, t in enumerate(texts) if (i + 1) % args.holdout_every]
    else:
        held, sel = [], texts
    gen = [t for t, _ in sentences.generate(args.builtin, seed=args.builtin_seed)] if args.builtin else []
    sel_all = sel + gen
    print(f"corpus: {len(texts)} texts from {len(args.corpus)} file(s) ({len(sel)} for selection, "
          f"{len(held)} held out), {len(gen)} generated")

    kept, info = select_pieces(tj, old_tok, sel_all, args.chars, args.min_count)
    print(f"kept {len(kept)} of {len(vocab)} pieces: {info['special']} special, {info['seen']} seen in text "
          f"(min count {args.min_count}), +{info['chars']} more single-char ({args.chars}), "
          f"min-score piece {info['min_piece']!r}")
    new_tj, old2new = remap_tokenizer(tj, kept)
    new_tok = Tokenizer.from_str(json.dumps(new_tj))

    # ---- checks: token strings must be identical on covered text
    rc = 0
    covered = sel_all[: args.check_max]
    mism, a, b = compare(old_tok, new_tok, covered, "covered text (selection corpus + generated)")
    if mism:
        i = mism[0]
        print(f"  first mismatch: {a[i][:20]} vs {b[i][:20]}", file=sys.stderr)
        rc = 1
    extra = sentences.VERIFY_SENTENCES + sentences.EXPECTED_SENTENCES
    compare(old_tok, new_tok, extra, "hand-written sentences (may be unseen)")
    if held:
        mism_h, a, b = compare(old_tok, new_tok, held[: args.check_max], "held-out corpus text (unseen)")
        if mism_h:
            i = mism_h[0]
            j = next(k for k in range(min(len(a[i]), len(b[i]))) if a[i][k] != b[i][k])
            print(f"  e.g. unseen: {a[i][j:j + 3]} -> {b[i][j:j + 5]} (still tokenizes, smaller pieces)")

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "tokenizer.json").write_text(json.dumps(new_tj, ensure_ascii=False), encoding="utf-8")
    (out / "vocab_map.json").write_text(json.dumps({"source": str(tok_path), "new_to_old": kept}) + "\n")

    if not args.no_weights:
        from safetensors.numpy import load_file, save_file
        mdir = Path(args.model)
        cfg = json.loads((mdir / "config.json").read_text())
        sd = load_file(str(mdir / "model.safetensors"))
        keys = [k for k in sd if k.endswith("word_embeddings.weight")]
        if len(keys) != 1:
            raise SystemExit(f"trim_vocab: expected one word_embeddings tensor in {mdir}, found {keys}")
        emb = sd[keys[0]]
        if emb.shape[0] < len(vocab):
            raise SystemExit(f"trim_vocab: embedding has {emb.shape[0]} rows < vocab {len(vocab)}")
        sd[keys[0]] = emb[kept].copy()
        cfg["vocab_size"] = len(kept)
        cfg["nerlink_trimmed_from"] = f"{emb.shape[0]} rows -> {len(kept)} (trim_vocab.py)"
        if cfg.get("pad_token_id") is not None:
            cfg["pad_token_id"] = old2new[cfg["pad_token_id"]]
        for k in ("bos_token_id", "eos_token_id"):
            if cfg.get(k) is not None:
                cfg[k] = old2new[cfg[k]]
        save_file(sd, str(out / "model.safetensors"), metadata={"format": "pt"})
        (out / "config.json").write_text(json.dumps(cfg, indent=2, ensure_ascii=False) + "\n")
        print(f"embedding {emb.shape} -> {sd[keys[0]].shape}; model.safetensors "
              f"{(out / 'model.safetensors').stat().st_size / 1e6:.1f} MB")
    print(f"wrote {out}/ in {time.time() - t0:.0f}s")
    sys.exit(rc)


if __name__ == "__main__":
    main()
