#!/usr/bin/env python3
"""Where the model's time goes, by operator type (onnxruntime's own profiler).

    .venv-peer/bin/python bench/peer/ort_profile.py [--model models/vi-ner-e5s/model.onnx]
        [--seq 40,128] [--batch 1] [--threads 1] [--runs 60]

Runs one window of random in-vocabulary token ids (no padding, as nerlink runs it: one window
per session run) `--runs` times per sequence length on a session like nerlink's (all graph
optimizations, `--threads` intra-op threads, no spinning), with profiling on, and prints the
share of kernel time per operator type (after ORT's graph fusions, so e.g.
`DynamicQuantizeMatMul` is the fused quantize + MatMulInteger) and the mean time per run.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import tempfile
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default="models/vi-ner-e5s/model.onnx")
    ap.add_argument("--seq", default="40,128")
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--runs", type=int, default=60)
    ap.add_argument("--top", type=int, default=14)
    a = ap.parse_args()

    import numpy as np
    import onnxruntime as ort

    rng = np.random.default_rng(0)
    for seq in (int(s) for s in a.seq.split(",")):
        so = ort.SessionOptions()
        so.intra_op_num_threads = a.threads
        so.inter_op_num_threads = 1
        so.add_session_config_entry("session.intra_op.allow_spinning", "0")
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        tmp = tempfile.mkdtemp(prefix="ort-profile-")
        so.enable_profiling = True
        so.profile_file_prefix = os.path.join(tmp, "p")
        sess = ort.InferenceSession(a.model, so, providers=["CPUExecutionProvider"])
        ids = rng.integers(5, 20000, (a.batch, seq), dtype=np.int64)
        ids[:, 0], ids[:, -1] = 0, 2
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        for _ in range(3):
            sess.run(None, feeds)
        t = time.perf_counter()
        for _ in range(a.runs):
            sess.run(None, feeds)
        per_run = (time.perf_counter() - t) / a.runs
        path = sess.end_profiling()
        events = json.load(open(path))
        by_op: collections.Counter = collections.Counter()
        for e in events:
            if e.get("cat") == "Node" and e["name"].endswith("_kernel_time"):
                by_op[e["args"]["op_name"]] += e["dur"]
        total = sum(by_op.values())
        print(f"seq {seq} x batch {a.batch}, {a.threads} thread(s): {per_run * 1e3:.2f} ms/run "
              f"({a.batch * seq / per_run:.0f} tokens/s, profiled)")
        for op, d in by_op.most_common(a.top):
            print(f"  {op:<28} {100 * d / total:5.1f} %")


if __name__ == "__main__":
    main()
