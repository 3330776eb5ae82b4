#!/usr/bin/env python3
"""Give the attention Reshapes constant target shapes instead of shapes computed at run time.

    python -m training.const_reshapes IN.onnx OUT.onnx

The PyTorch export builds each attention `Reshape`'s target shape at run time:
`Concat(Unsqueeze(Gather(Shape(X), k)), …, constants)` — about ten small operators per reshape,
five reshapes per layer, run for every window. When element i of such a target is dim k of some
tensor X with i == k, and X's dim k is the reshaped tensor's own dim i (batch and sequence in a
BERT layer: the hidden states, the projections and the attention outputs all share them), ONNX
`Reshape` can say the same thing with `0` ("copy this dim", `allowzero` 0). A target whose
elements are all constants or such dims becomes one constant; the shape operators nothing else
reads are dropped. Reshape moves no data, so the outputs cannot change - and the script checks it:
the new and old graphs must give bitwise-equal outputs on random inputs of several batch sizes
and sequence lengths (batch != sequence, so a wrong dim would show), else it fails.
"""
from __future__ import annotations

import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper

from .strip_nan_guard import const_value, cpu_session, drop_dead


def rewrite(model: onnx.ModelProto) -> int:
    g = model.graph
    producers = {o: n for n in g.node for o in n.output}
    inits = {i.name: i for i in g.initializer}
    done = 0
    for n in g.node:
        if n.op_type != "Reshape" or any(a.name == "allowzero" and a.i for a in n.attribute):
            continue
        cat = producers.get(n.input[1])
        if cat is None or cat.op_type != "Concat":
            continue
        target: list[int] = []
        for i, e in enumerate(cat.input):
            c = const_value(e, producers, inits)
            if c is not None and c.size == 1:
                target.append(int(c.reshape(-1)[0]))
                continue
            un = producers.get(e)
            ga = producers.get(un.input[0]) if un is not None and un.op_type == "Unsqueeze" else None
            sh = producers.get(ga.input[0]) if ga is not None and ga.op_type == "Gather" else None
            k = const_value(ga.input[1], producers, inits) if sh is not None and sh.op_type == "Shape" else None
            if k is None or k.size != 1 or int(k.reshape(-1)[0]) != i:
                target = []
                break
            target.append(0)
        if not target or target.count(-1) > 1:
            continue
        name = n.name + "/const_shape"
        g.initializer.append(numpy_helper.from_array(np.array(target, dtype=np.int64), name))
        n.input[1] = name
        done += 1
    # drop what nothing reads any more
    drop_dead(model)
    return done


def check(old: bytes, new: bytes) -> None:
    a, b = cpu_session(old), cpu_session(new)
    names = [i.name for i in a.get_inputs()]
    rng = np.random.default_rng(0)
    for batch, seq in [(1, 3), (1, 40), (1, 128), (2, 7), (3, 77), (5, 128)]:
        ids = rng.integers(5, 20000, (batch, seq), dtype=np.int64)
        mask = np.ones_like(ids)
        mask[-1, seq // 2:] = 0  # padding too
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        feeds = {k: v for k, v in feeds.items() if k in names}
        x, y = a.run(None, feeds), b.run(None, feeds)
        for u, v in zip(x, y):
            if u.shape != v.shape or not np.array_equal(u, v, equal_nan=True):
                raise SystemExit(f"outputs differ at batch {batch}, sequence {seq}: not written")


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    model = onnx.load(sys.argv[1])
    old = model.SerializeToString()
    n = rewrite(model)
    if n == 0:
        print("no run-time Reshape target found", file=sys.stderr)
        return 1
    onnx.checker.check_model(model)
    check(old, model.SerializeToString())
    onnx.save(model, sys.argv[2])
    print(f"{n} Reshape targets made constant (outputs checked bitwise) -> {sys.argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
