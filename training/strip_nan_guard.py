#!/usr/bin/env python3
"""Remove the NaN guard the PyTorch export puts after every attention softmax.

    python -m training.strip_nan_guard IN.onnx OUT.onnx

The exporter writes `Where(IsNaN(p), 0, p)` after each `Softmax` of the attention
probabilities (it guards rows whose every key is masked, which give NaN). nerlink never runs
such a row: it runs one window per session run with no padding, so every query sees at least
itself and the softmax is finite. On finite inputs the guard is the identity, so removing it
changes no output bit; it cost 12-17 % of the forward pass (onnxruntime profile, one window of
128 tokens). The weights, the quantization and every other node are kept as they are.

Only the exact pattern is rewritten: a `Where` whose condition is `IsNaN(x)`, whose false
branch is the same `x`, and whose true branch is a constant zero; the `IsNaN` is dropped when
nothing else reads it. Prints how many guards were removed; fails when none was found.
"""
from __future__ import annotations

import sys

import numpy as np
import onnx
from onnx import numpy_helper


def const_value(name: str, producers: dict, inits: dict):
    """The value of `name` when it is an initializer or a `Constant` node's output, else None."""
    if name in inits:
        return numpy_helper.to_array(inits[name])
    n = producers.get(name)
    if n is not None and n.op_type == "Constant":
        for at in n.attribute:
            if at.name == "value":
                return numpy_helper.to_array(at.t)
    return None


def cpu_session(model_bytes: bytes):
    """A one-thread CPU onnxruntime session of a serialized model (the scripts' self-checks)."""
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.log_severity_level = 3
    return ort.InferenceSession(model_bytes, so, providers=["CPUExecutionProvider"])


def drop_dead(model: onnx.ModelProto) -> None:
    """Remove nodes no graph output depends on, then initializers no node reads (shared by the
    post-export graph scripts)."""
    g = model.graph
    outputs = {o.name for o in g.output}
    while True:
        read = {i for x in g.node for i in x.input} | outputs
        dead = [x for x in g.node if not any(o in read for o in x.output)]
        if not dead:
            break
        for x in dead:
            g.node.remove(x)
    read = {i for x in g.node for i in x.input} | outputs
    for t in [t for t in g.initializer if t.name not in read]:
        g.initializer.remove(t)


def strip(model: onnx.ModelProto) -> int:
    g = model.graph
    producers = {o: n for n in g.node for o in n.output}
    inits = {i.name: i for i in g.initializer}
    rename: dict[str, str] = {}
    drop: set[int] = set()
    for n in g.node:
        if n.op_type != "Where" or len(n.input) != 3:
            continue
        cond, yes, no = n.input
        isnan = producers.get(cond)
        if isnan is None or isnan.op_type != "IsNaN" or isnan.input[0] != no:
            continue
        zero = const_value(yes, producers, inits)
        if zero is None or zero.size != 1 or float(zero.reshape(-1)[0]) != 0.0:
            continue
        rename[n.output[0]] = no
        drop.add(id(n))
    if not rename:
        return 0
    # then the IsNaN nodes and zero constants nothing reads any more (repeat: one feeds the other)
    outputs = {o.name for o in g.output}
    while True:
        readers = {i for n in g.node if id(n) not in drop for i in n.input} | outputs
        dead = [n for n in g.node if id(n) not in drop and n.op_type in ("IsNaN", "Constant")
                and not any(o in readers for o in n.output)]
        if not dead:
            break
        drop.update(id(n) for n in dead)
    kept = [n for n in g.node if id(n) not in drop]
    for n in kept:
        for k, i in enumerate(n.input):
            while i in rename:
                i = rename[i]
            n.input[k] = i
    for o in g.output:
        if o.name in rename:
            raise SystemExit(f"a guard output is a graph output ({o.name}); not handled")
    del g.node[:]
    g.node.extend(kept)
    used = {i for n in g.node for i in n.input}
    unused = [t for t in g.initializer if t.name not in used and t.name not in outputs]
    for t in unused:
        g.initializer.remove(t)
    return len(rename)


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    model = onnx.load(sys.argv[1])
    n = strip(model)
    if n == 0:
        print("no NaN guard (Where(IsNaN(x), 0, x)) found", file=sys.stderr)
        return 1
    onnx.checker.check_model(model)
    onnx.save(model, sys.argv[2])
    print(f"removed {n} NaN guards -> {sys.argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
