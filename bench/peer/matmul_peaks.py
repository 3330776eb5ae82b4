#!/usr/bin/env python3
"""Matrix-multiply peaks of this machine for `make bench-gflops` (benches/gflops.rs).

    .venv-peer/bin/python bench/peer/matmul_peaks.py [--threads 1,2] [--n 1024] [--env]

n x n x n, best of repeated runs for `--seconds` each: fp32 with torch (when installed) and
onnxruntime (MLAS, the kernels nerlink runs), int8 with onnxruntime `MatMulInteger`
(u8 x s8 -> i32). `--env` prints only `fp32@T=X,int8@T=Y,...`, the NERLINK_GFLOPS_PEAKS that
benches/gflops.rs reads.
"""
from __future__ import annotations

import argparse
import os
import sys
import time


def ort_matmul_session(n: int, threads: int, int8: bool):
    """An onnxruntime session of one n x n x n MatMul (fp32) or MatMulInteger (u8 x s8 -> i32)."""
    import onnxruntime as ort
    from onnx import TensorProto, helper

    if int8:
        ins = [helper.make_tensor_value_info("a", TensorProto.UINT8, [n, n]),
               helper.make_tensor_value_info("b", TensorProto.INT8, [n, n])]
        out = helper.make_tensor_value_info("c", TensorProto.INT32, [n, n])
        node = helper.make_node("MatMulInteger", ["a", "b"], ["c"])
    else:
        ins = [helper.make_tensor_value_info("a", TensorProto.FLOAT, [n, n]),
               helper.make_tensor_value_info("b", TensorProto.FLOAT, [n, n])]
        out = helper.make_tensor_value_info("c", TensorProto.FLOAT, [n, n])
        node = helper.make_node("MatMul", ["a", "b"], ["c"])
    model = helper.make_model(helper.make_graph([node], "mm", ins, [out]),
                              opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    return ort.InferenceSession(model.SerializeToString(), so, providers=["CPUExecutionProvider"])


def sgemm(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(prog="matmul_peaks.py",
                                 description="n x n x n matrix-multiply peak, best of repeated runs: fp32 "
                                             "with torch and onnxruntime (MLAS, the kernels nerlink runs), "
                                             "int8 with onnxruntime MatMulInteger (u8 x s8 -> i32)")
    ap.add_argument("--threads", default="1,2", help="thread counts (default 1,2)")
    ap.add_argument("--n", type=int, default=1024)
    ap.add_argument("--seconds", type=float, default=1.5, help="time per measurement")
    ap.add_argument("--env", action="store_true",
                    help="print only NERLINK_GFLOPS_PEAKS for benches/gflops.rs: fp32@T=X,int8@T=Y,...")
    a = ap.parse_args(argv)
    threads = [int(t) for t in a.threads.split(",") if t.strip()]
    for k in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[k] = str(max(threads))
    import numpy as np

    flop = 2.0 * a.n ** 3

    def timeit(fn) -> float:
        fn()
        fn()
        best, end = float("inf"), time.perf_counter() + a.seconds
        while time.perf_counter() < end:
            t = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - t)
        return flop / best / 1e9

    rng = np.random.default_rng(0)
    x = rng.standard_normal((a.n, a.n), dtype=np.float32)
    y = rng.standard_normal((a.n, a.n), dtype=np.float32)
    xu = rng.integers(0, 255, (a.n, a.n), dtype=np.uint8)
    ys = rng.integers(-127, 127, (a.n, a.n), dtype=np.int8)
    try:
        import torch
    except ImportError:
        torch = None
    rows, peaks = [], []
    for t in threads:
        r = {}
        if torch is not None:
            torch.set_num_threads(t)
            tx, ty = torch.from_numpy(x), torch.from_numpy(y)
            r["torch fp32"] = timeit(lambda: tx @ ty)
        try:
            sess = ort_matmul_session(a.n, t, False)
            r["onnxruntime fp32"] = timeit(lambda: sess.run(None, {"a": x, "b": y}))
            sess8 = ort_matmul_session(a.n, t, True)
            r["onnxruntime int8"] = timeit(lambda: sess8.run(None, {"a": xu, "b": ys}))
        except ImportError:
            pass
        fp32 = max((v for k, v in r.items() if "fp32" in k), default=0.0)
        if fp32:
            peaks.append(f"fp32@{t}={fp32:.1f}")
        if "onnxruntime int8" in r:
            peaks.append(f"int8@{t}={r['onnxruntime int8']:.1f}")
        rows.append((t, r))
    if a.env:
        print(",".join(peaks))
        return
    for t, r in rows:
        print(f"{a.n}^3 matmul, {t} thread(s): " + ", ".join(f"{k} {v:.1f}" for k, v in r.items())
              + " GFLOP/s (int8: GOP/s)")



if __name__ == "__main__":
    sgemm(sys.argv[1:])
