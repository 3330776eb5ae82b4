#!/usr/bin/env python3
"""Measure CPU training throughput (seconds per 1000 windows) for planning a train.py run.

Runs --steps optimizer steps (after 2 warm-up steps) of BertForTokenClassification on random
token ids of a fixed length, exactly as train.py does (AdamW, grad clipping, all-ones mask),
for each setting: full fine-tuning, --freeze-word-embeddings, --freeze-layers N. Prints
seconds per step and per 1000 windows, the load average and a 512x512 fp32 matmul probe
(GFLOPS): other processes on the 2 cores slow everything down, and the probe shows by how
much (about 60 GFLOPS on an idle machine here).

What it does not do: no real data, no evaluation, no saving.
"""
import argparse
import os
import time


def matmul_gflops(torch, n=512, reps=60):
    """fp32 matmul speed right now: a probe for how much CPU other processes leave us."""
    x = torch.randn(n, n)
    for _ in range(5):
        x @ x
    t0 = time.time()
    for _ in range(reps):
        x @ x
    return reps * 2 * n ** 3 / (time.time() - t0) / 1e9


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=".cache/base/e5-small-vi")
    ap.add_argument("--seq", type=int, nargs="+", default=[32, 64])
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--steps", type=int, default=6)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--freeze-layers", type=int, default=6)
    args = ap.parse_args()

    import torch
    from transformers import BertForTokenClassification, logging
    logging.set_verbosity_error()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    settings = [("full fine-tune", {}), ("freeze word embeddings", {"words": True}),
                (f"freeze embeddings + {args.freeze_layers} layers", {"layers": args.freeze_layers})]
    print(f"load average before: {os.getloadavg()[0]:.2f}; threads {args.threads}; batch {args.batch_size}; "
          f"matmul probe {matmul_gflops(torch):.1f} GFLOPS")
    for seq in args.seq:
        for name, s in settings:
            model = BertForTokenClassification.from_pretrained(args.model, num_labels=7)
            model.train()
            if s.get("words"):
                model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
            if s.get("layers"):
                for p in model.bert.embeddings.parameters():
                    p.requires_grad_(False)
                for layer in model.bert.encoder.layer[: s["layers"]]:
                    for p in layer.parameters():
                        p.requires_grad_(False)
            opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-5)
            V = model.config.vocab_size
            times = []
            for i in range(args.steps + 2):
                ids = torch.randint(5, V, (args.batch_size, seq))
                labels = torch.randint(0, 7, (args.batch_size, seq))
                t0 = time.time()
                out = model(input_ids=ids, attention_mask=torch.ones_like(ids),
                            token_type_ids=torch.zeros_like(ids), labels=labels)
                out.loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                opt.zero_grad(set_to_none=True)
                if i >= 2:
                    times.append(time.time() - t0)
            st = sorted(times)[len(times) // 2]
            print(f"seq {seq:>3} {name:<32} {st:.3f} s/step  {1000 * st / args.batch_size:6.1f} s/1000 windows"
                  f"  (load {os.getloadavg()[0]:.2f}, probe {matmul_gflops(torch):.1f} GFLOPS)", flush=True)


if __name__ == "__main__":
    main()
