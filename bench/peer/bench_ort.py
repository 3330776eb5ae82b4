#!/usr/bin/env python3
"""nerlink vs the Python onnxruntime peer (`bench/peer/ort_peer.py`) on the same model (`make bench-peer`).

Run from the repo root (stdlib only; the peer runs in `--peer-python`, default .venv-peer):

    python3 bench/peer/bench_ort.py [--articles 300] [--reps 3]

1. Two inputs from the unlabelled news corpus (`--corpus`, default
   ../shared/corpus/vi-news-unc.jsonl), written to WORK (.cache/bench-peer-ort, git-ignored:
   corpus text never enters the repository):
   - long: `--articles` articles drawn with a fixed seed (`--seed`), in corpus order, one JSONL
     document each (`id`, `text`);
   - short: the same text as single sentences, one document each (lines split at `.`, `!`,
     `?`, `…` followed by a space and a capital letter or quote; empty pieces dropped).
2. Runs, each in its own process (peak RSS and CPU time from `os.wait4`, forked from a small
   helper: see procs.py), interleaved: for each repetition and each shape, nerlink then the
   peer (A/B/A/B), after one untimed warm-up of each on the short input (page cache, the
   libraries). nerlink: `extract INPUT -o OUT -q --threads T` (the model and defaults it ships
   with); then, when the shipped fast model is there (`--fast-model`, models/vi-ner-e5s-fast;
   `--fast-model ''` skips it), `extract --model FAST ...` (what `extract --fast` runs); the peer:
   `ort_peer.py INPUT -o OUT --threads T` (batches of 16, windows of 128) on the default model.
   Times are end to end (process wall time, library and model load included: ~0.3 s for
   nerlink, ~0.5-1 s for the peer).
3. `--speedup-articles N` (default 100) then runs nerlink on the first N long articles with
   `--threads 1` and `--threads 2`, interleaved `--reps` times: the 1 -> 2 thread speed-up.

Prints a table per run and, last, exactly:

    peer ratio (long, --fast): X.XX      (only with the fast model)
    peer ratio (short, --fast): Y.YY
    peer ratio (long): X.XX
    peer ratio (short): Y.YY

(nerlink docs/s / peer docs/s, medians over the repetitions; the peer always runs the default
model, so the `--fast` lines compare the distilled model against a peer script on the full one). Everything also goes to
WORK/results.json. The 1-minute load average before each run and the cores a run got
(CPU-s / wall-s) show whether other processes competed for the machine; the docs per
CPU-second ratios (printed before the two lines) are what is left to compare when they did.
The agreement of the two sides' entities (nerlink's model entities against the peer's, strict
and overlap F1 of `nerlink eval`, see agreement.py) is printed before them too.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import sys
from pathlib import Path

# run as a script: its own folder is on sys.path, so the sibling module imports directly
from agreement import agreement
from procs import BenchError, child_env, measure

REPO = Path(__file__).resolve().parents[2]
SENT_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“'(\[A-ZÀ-ỸĐ])")


def build_inputs(corpus: Path, n: int, seed: int, work: Path) -> tuple[Path, Path, int, int]:
    docs = [json.loads(l) for l in corpus.open(encoding="utf-8") if l.strip()]
    if n > len(docs):
        raise BenchError(f"--articles {n}: the corpus has only {len(docs)} articles")
    pick = sorted(random.Random(seed).sample(range(len(docs)), n))
    long_p, short_p = work / "long.jsonl", work / "short.jsonl"
    n_short = 0
    with long_p.open("w", encoding="utf-8") as fl, short_p.open("w", encoding="utf-8") as fs:
        for i in pick:
            d = docs[i]
            fl.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
            k = 0
            for line in d["text"].split("\n"):
                for s in SENT_END.split(line):
                    s = s.strip()
                    if s:
                        fs.write(json.dumps({"id": f"{d['id']}#{k}", "text": s}, ensure_ascii=False) + "\n")
                        k += 1
            n_short += k
    return long_p, short_p, n, n_short


def head(src: Path, n: int, dst: Path) -> Path:
    with src.open(encoding="utf-8") as f, dst.open("w", encoding="utf-8") as o:
        for i, line in enumerate(f):
            if i >= n:
                break
            o.write(line)
    return dst


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--nerlink", type=Path, default=REPO / "target/release/nerlink")
    ap.add_argument("--peer-python", default=str(REPO / ".venv-peer/bin/python"))
    ap.add_argument("--model", type=Path, default=REPO / "models/vi-ner-e5s")
    ap.add_argument("--fast-model", default=str(REPO / "models/vi-ner-e5s-fast"),
                    help="nerlink's fast model dir, run as a third side ('' to skip; skipped if missing)")
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared/corpus/vi-news-unc.jsonl")
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--shapes", default="long,short")
    ap.add_argument("--speedup-articles", type=int, default=100, help="0: skip the 1 -> 2 thread runs")
    ap.add_argument("--nerlink-args", default="", help="extra options for nerlink extract")
    ap.add_argument("--peer-args", default="", help="extra options for ort_peer.py")
    ap.add_argument("--work", type=Path, default=REPO / ".cache/bench-peer-ort")
    a = ap.parse_args()

    if not a.nerlink.is_file():
        raise BenchError(f"no {a.nerlink}: run 'make build'")
    if not Path(a.peer_python).is_file():
        raise BenchError(f"no {a.peer_python}: run 'make peer-env'")
    if not a.corpus.is_file():
        raise BenchError(f"no corpus at {a.corpus} (--corpus)")
    a.work.mkdir(parents=True, exist_ok=True)
    # snapshot the binary: a rebuild during the run must not mix versions
    exe = a.work / "nerlink"
    shutil.copy2(a.nerlink, exe)

    long_p, short_p, n_long, n_short = build_inputs(a.corpus, a.articles, a.seed, a.work)
    inputs = {"long": (long_p, n_long), "short": (short_p, n_short)}
    shapes = [s for s in a.shapes.split(",") if s]
    env = child_env(a.threads)
    print(f"inputs: long {n_long} articles, short {n_short} sentences of the same text "
          f"({a.corpus.name}, seed {a.seed}); {a.threads} threads; {os.cpu_count()} cores", flush=True)

    fast = Path(a.fast_model) if a.fast_model and (Path(a.fast_model) / "model.onnx").is_file() else None
    if fast:
        print(f"fast model: {fast} (the peer runs {a.model})", flush=True)

    def nerlink_cmd(inp: Path, out: Path, threads: int, model: Path = a.model) -> list[str]:
        return [str(exe), "extract", str(inp), "-o", str(out), "-q", "--threads", str(threads),
                "--model", str(model), *a.nerlink_args.split()]

    def peer_cmd(inp: Path, out: Path) -> list[str]:
        return [a.peer_python, str(REPO / "bench/peer/ort_peer.py"), str(inp), "-o", str(out),
                "--model", str(a.model), "--threads", str(a.threads), *a.peer_args.split()]

    def run(tag: str, cmd: list[str], docs: int, threads: int = a.threads) -> dict:
        out = a.work / f"{tag}.out"
        m = measure(cmd, out, a.work / f"{tag}.err", child_env(threads))
        m["docs_s"] = docs / m["wall_s"]
        print(f"  {tag:<18} {m['wall_s']:7.2f} s {m['docs_s']:9.2f} docs/s  RSS {m['rss_mb']:5.0f} MB  "
              f"cores {m['cpu_util']:.2f}  load {m['loadavg_before']:.1f}", flush=True)
        return m

    # warm-up (untimed): page cache, shared libraries, Python bytecode
    warm = head(short_p, 200, a.work / "warm.jsonl")
    measure(nerlink_cmd(warm, a.work / "warm.nerlink.jsonl", a.threads), a.work / "warm.out",
            a.work / "warm.err", env)
    measure(peer_cmd(warm, a.work / "warm.peer.jsonl"), a.work / "warm.out", a.work / "warm.err", env)

    results: dict = {"inputs": {"long": n_long, "short": n_short}, "runs": []}
    per: dict[tuple[str, str], list[dict]] = {}
    for rep in range(a.reps):
        print(f"repetition {rep + 1}/{a.reps}", flush=True)
        for shape in shapes:
            inp, docs = inputs[shape]
            sides = [("nerlink", nerlink_cmd(inp, a.work / f"{shape}.nerlink.jsonl", a.threads))]
            if fast:
                sides.append(("fast", nerlink_cmd(inp, a.work / f"{shape}.fast.jsonl", a.threads, fast)))
            sides.append(("peer", peer_cmd(inp, a.work / f"{shape}.peer.jsonl")))
            for side, cmd in sides:
                m = run(f"{shape} {side}", cmd, docs)
                m.update(shape=shape, side=side, rep=rep)
                results["runs"].append(m)
                per.setdefault((shape, side), []).append(m)

    speed = {}
    if a.speedup_articles > 0:
        sub = head(long_p, a.speedup_articles, a.work / "speedup.jsonl")
        n = min(a.speedup_articles, n_long)
        print(f"nerlink 1 vs {a.threads} threads, first {n} long articles", flush=True)
        for rep in range(a.reps):
            for t in (1, a.threads):
                m = run(f"threads {t}", nerlink_cmd(sub, a.work / f"speedup.{t}.jsonl", t), n, t)
                m.update(threads=t, rep=rep)
                speed.setdefault(t, []).append(m)
                results["runs"].append(m)

    print()
    print(f"{'shape':<6} {'side':<8} {'docs':>6} {'wall s (median)':>16} {'docs/s':>9} {'peak RSS':>9} {'cores':>6}")
    ratios, cpu_ratios = {}, {}
    all_sides = ("nerlink", "fast", "peer") if fast else ("nerlink", "peer")
    for shape in shapes:
        med = {}
        for side in all_sides:
            ms = per[(shape, side)]
            med[side] = statistics.median(m["docs_s"] for m in ms)
            print(f"{shape:<6} {side:<8} {inputs[shape][1]:>6} {statistics.median(m['wall_s'] for m in ms):>16.2f} "
                  f"{med[side]:>9.2f} {max(m['rss_mb'] for m in ms):>6.0f} MB "
                  f"{statistics.median(m['cpu_util'] for m in ms):>6.2f}")
        ratios[shape] = med["nerlink"] / med["peer"]
        cpu = {side: statistics.median(inputs[shape][1] / m["cpu_s"] for m in per[(shape, side)])
               for side in all_sides}
        cpu_ratios[shape] = cpu["nerlink"] / cpu["peer"]
        if fast:
            ratios[f"{shape}, --fast"] = med["fast"] / med["peer"]
            cpu_ratios[f"{shape}, --fast"] = cpu["fast"] / cpu["peer"]
    if speed:
        d1 = statistics.median(m["docs_s"] for m in speed[1])
        dn = statistics.median(m["docs_s"] for m in speed[a.threads])
        results["speedup"] = {"threads_1_docs_s": d1, f"threads_{a.threads}_docs_s": dn, "speedup": dn / d1,
                              "rss_mb": {t: max(m["rss_mb"] for m in ms) for t, ms in speed.items()}}
        print(f"nerlink 1 -> {a.threads} threads: {d1:.2f} -> {dn:.2f} docs/s = {dn / d1:.2f}x "
              f"(peak RSS {results['speedup']['rss_mb'][1]:.0f} / {results['speedup']['rss_mb'][a.threads]:.0f} MB)")
    results["ratios"] = ratios
    results["cpu_ratios"] = cpu_ratios
    # what the two sides found, scored by `nerlink eval` (agreement.py); not a quality number:
    # the peer decodes by first sub-word argmax over fixed windows, nerlink by Viterbi over
    # sentence-packed windows, and nerlink's merge lets rule entities replace model ones
    agree_s = {}
    for shape in shapes:
        for side in ("nerlink", "fast") if fast else ("nerlink",):
            tag = shape if side == "nerlink" else f"{shape}, --fast"
            ag = agreement(exe, a.work / f"{shape}.{side}.jsonl", a.work / f"{shape}.peer.jsonl", a.work,
                           shape if side == "nerlink" else f"{shape}-fast", breakdown=False)
            agree_s[tag] = ag
            print(f"agreement with the peer ({tag}; nerlink eval, peer as gold): strict F1 {ag['all']['f1']:.3f}, "
                  f"overlap F1 {ag['all']['overlap_f1']:.3f} ({ag['all']['pred']} vs {ag['all']['ref']} entities)")
    results["agreement"] = agree_s
    # per CPU-second (user + system): what the ratio would be if both sides got the same cores;
    # on a busy machine the wall-time ratio measures the scheduler as much as the programs
    print("per CPU-second: " + ", ".join(f"{k} {v:.2f}" for k, v in cpu_ratios.items()))
    (a.work / "results.json").write_text(json.dumps(results, indent=1))
    if fast:
        for shape in shapes:
            print(f"peer ratio ({shape}, --fast): {ratios[f'{shape}, --fast']:.2f}")
    for shape in shapes:
        print(f"peer ratio ({shape}): {ratios[shape]:.2f}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print(f"bench-peer: {e}", file=sys.stderr)
        sys.exit(2)
