#!/usr/bin/env python3
"""Distil the shipped NER model into a shallower student (same tokenizer, same labels).

    python -m training.distill --teacher models/vi-ner-e5s/model.onnx --init .cache/fp32 \
        --keep-layers 0,2,4,7,9,11 --train FILE ... --unlabelled CORPUS.jsonl --out DIR

Teacher: the shipped int8 ONNX model itself, run by onnxruntime (its activation scales are fixed,
so a window's logits do not depend on its batch); its logits on every training window are
computed once, before training. Student: the fp32 twin of the same model
(`training/dequantize.py`) with only `--keep-layers` of its encoder layers, so it starts close to
the teacher's function and keeps its embeddings and classifier.

Data: `--train` files are labelled (train.py's formats: CoNLL or JSONL with spans; the same
files the teacher was trained on); `--unlabelled` is JSONL with "text" (corpus articles, cut into
windows of `--max-len` tokens), of which `--max-unlabelled` windows are used, skipping the
articles named in `--exclude-docs` (the annotated dev set's). Loss per token: `--alpha` x KL
(teacher || student) at temperature `--temperature` (x T^2) + (1 - alpha) x cross-entropy on the
gold label where the window has one.

Training: AdamW, linear warm-up/decay, length-bucketed batches (train.py's), `--time-budget`
minutes; the student is evaluated on `--dev` files (strict span F1, model only, fp32) at the end
and saved as a HF checkpoint that `export_onnx.py` turns into the int8 model (then
strip_nan_guard, const_reshapes, static_scales, fuse_int8: `make model-fast`).

What it does not do: no hidden-state or attention distillation, no vocabulary change, no search
over which layers to keep.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import signal
import sys
import time
from pathlib import Path

import numpy as np

from .nerdata import LABELS, align_example, read_any
from .train import evaluate, make_batches, optimizer


def unlabelled_windows(path, exclude, tokenizer, max_len, cls_id, sep_id, limit, rng):
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                if rec.get("id") not in exclude and rec.get("text"):
                    docs.append(rec["text"])
    rng.shuffle(docs)
    out = []
    for text in docs:
        for ids, _, _ in align_example({"text": text, "spans": []}, tokenizer, max_len, cls_id, sep_id):
            if len(ids) > 8:
                out.append((ids, [-100] * len(ids)))
        if len(out) >= limit:
            break
    return out[:limit]


def teacher_logits(onnx_path, windows, threads, batch=16):
    """Logits of the ONNX teacher for each window (list of float16 arrays [len, labels])."""
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    sess = ort.InferenceSession(onnx_path, so, providers=["CPUExecutionProvider"])
    order = sorted(range(len(windows)), key=lambda k: len(windows[k][0]))
    out = [None] * len(windows)
    t0 = time.time()
    for i in range(0, len(order), batch):
        b = order[i:i + batch]
        n = max(len(windows[k][0]) for k in b)
        ids = np.full((len(b), n), 1, dtype=np.int64)
        mask = np.zeros((len(b), n), dtype=np.int64)
        for r, k in enumerate(b):
            ids[r, :len(windows[k][0])] = windows[k][0]
            mask[r, :len(windows[k][0])] = 1
        logits = sess.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        for r, k in enumerate(b):
            out[k] = logits[r, :len(windows[k][0])].astype(np.float16)
        if (i // batch) % 200 == 0:
            print(f"teacher {i}/{len(order)} windows, {time.time() - t0:.0f}s", flush=True)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--teacher", required=True, help="teacher model.onnx (int8, fixed activation scales)")
    ap.add_argument("--init", required=True, help="fp32 checkpoint of the teacher (dequantize.py)")
    ap.add_argument("--keep-layers", required=True, help="comma-separated teacher layer indices for the student")
    ap.add_argument("--train", action="append", default=[], help="labelled data (repeatable)")
    ap.add_argument("--unlabelled", help="JSONL with \"text\" (and \"id\") for teacher-only windows")
    ap.add_argument("--max-unlabelled", type=int, default=10000)
    ap.add_argument("--exclude-docs", action="append", default=[], help="JSONL with \"doc\" ids to leave out")
    ap.add_argument("--dev", action="append", default=[])
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=float, default=1)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--head-lr", type=float, default=0)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--alpha", type=float, default=0.7, help="weight of the teacher term")
    ap.add_argument("--temperature", type=float, default=2.0)
    ap.add_argument("--warmup", type=float, default=0.06)
    ap.add_argument("--time-budget", type=float, default=0, help="minutes of training (teacher pass excluded)")
    ap.add_argument("--freeze-word-embeddings", action="store_true")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--log-every", type=int, default=100)
    args = ap.parse_args()

    import torch
    import torch.nn.functional as F
    from tokenizers import Tokenizer
    from transformers import BertConfig, BertForTokenClassification

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    init = Path(args.init)
    tokenizer = Tokenizer.from_file(str(init / "tokenizer.json"))
    cls_id, sep_id, pad_id = (tokenizer.token_to_id(t) for t in ("<s>", "</s>", "<pad>"))

    windows = []  # (ids, gold labels or -100)
    for f in args.train:
        exs = read_any(f)
        before = len(windows)
        windows += [(w[0], w[1]) for ex in exs for w in align_example(ex, tokenizer, args.max_len, cls_id, sep_id)]
        print(f"labelled {f}: {len(exs)} examples -> {len(windows) - before} windows")
    if args.unlabelled:
        exclude = set()
        for p in args.exclude_docs:
            with open(p, encoding="utf-8") as fh:
                exclude |= {json.loads(line)["doc"] for line in fh if line.strip()}
        un = unlabelled_windows(args.unlabelled, exclude, tokenizer, args.max_len, cls_id, sep_id,
                                args.max_unlabelled, rng)
        print(f"unlabelled {args.unlabelled}: {len(un)} windows ({len(exclude)} documents excluded)")
        windows += un
    t0 = time.time()
    soft = teacher_logits(args.teacher, windows, args.threads)
    print(f"teacher logits for {len(windows)} windows in {time.time() - t0:.0f}s", flush=True)

    cfg = BertConfig.from_pretrained(init)
    keep = [int(x) for x in args.keep_layers.split(",")]
    model = BertForTokenClassification.from_pretrained(init, config=cfg)
    model.bert.encoder.layer = torch.nn.ModuleList([model.bert.encoder.layer[i] for i in keep])
    model.config.num_hidden_layers = len(keep)
    if args.freeze_word_embeddings:
        model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    steps = max(1, int(math.ceil(len(windows) / args.batch_size) * args.epochs))
    opt, sched = optimizer(model, args.lr, args.head_lr or args.lr, 0.01, steps, args.warmup)
    stop = {"reason": None}
    signal.signal(signal.SIGINT, lambda *_: stop.update(reason="interrupted"))
    signal.signal(signal.SIGTERM, lambda *_: stop.update(reason="terminated"))
    deadline = time.time() + args.time_budget * 60 if args.time_budget else None
    T, alpha = args.temperature, args.alpha

    model.train()
    step, t_train, total_loss = 0, time.time(), 0.0
    epochs = math.ceil(args.epochs)
    for epoch in range(epochs):
        # make_batches reads windows[k][0] (the ids) only
        batches = make_batches(windows, args.batch_size, rng)
        if epoch == epochs - 1 and args.epochs < epochs:
            batches = batches[: max(1, int(len(batches) * (args.epochs - epoch)))]
        for b in batches:
            n = max(len(windows[k][0]) for k in b)
            ids = torch.full((len(b), n), pad_id, dtype=torch.long)
            gold = torch.full((len(b), n), -100, dtype=torch.long)
            mask = torch.zeros((len(b), n), dtype=torch.long)
            teach = torch.zeros((len(b), n, len(LABELS)))
            for r, k in enumerate(b):
                m = len(windows[k][0])
                ids[r, :m] = torch.tensor(windows[k][0])
                gold[r, :m] = torch.tensor(windows[k][1])
                mask[r, :m] = 1
                teach[r, :m] = torch.from_numpy(soft[k].astype(np.float32))
            logits = model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).logits
            real = mask.bool()
            real[:, 0] = False  # <s>
            kl = F.kl_div(F.log_softmax(logits[real] / T, -1), F.softmax(teach[real] / T, -1),
                          reduction="batchmean") * T * T
            has_gold = gold != -100
            ce = F.cross_entropy(logits[has_gold], gold[has_gold]) if has_gold.any() else logits.sum() * 0
            loss = alpha * kl + (1 - alpha) * ce
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            total_loss += loss.item()
            if step % args.log_every == 0:
                el = time.time() - t_train
                print(f"step {step}/{steps} loss {total_loss / step:.4f} ({el / step:.2f} s/step)", flush=True)
            if deadline and time.time() > deadline:
                stop["reason"] = f"time budget {args.time_budget} min"
            if stop["reason"]:
                break
        if stop["reason"]:
            print(f"stopped early: {stop['reason']} at step {step}/{steps}")
            break

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out, safe_serialization=True)
    shutil.copyfile(init / "tokenizer.json", out / "tokenizer.json")
    metrics = None
    dev = [ex for f in args.dev for ex in read_any(f)]
    if dev:
        metrics = evaluate(model, dev, tokenizer, args.max_len, cls_id, sep_id, pad_id)
        print(f"dev (fp32 student): F1 {metrics['f1']:.4f} P {metrics['precision']:.4f} R {metrics['recall']:.4f}")
    (out / "distill_args.json").write_text(json.dumps(
        {"args": vars(args), "windows": len(windows), "steps_done": step, "steps": steps,
         "train_s": round(time.time() - t_train, 1), "stopped": stop["reason"], "dev": metrics},
        indent=2, ensure_ascii=False) + "\n")
    print(f"saved {out} ({len(keep)} layers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
