#!/usr/bin/env python3
"""Entity agreement between nerlink's model entities and a peer's, scored by `nerlink eval` (issue 13).

Used by `peer.py` (the transformers peer) and `bench_ort.py` (the onnxruntime peer); standalone:

    python3 bench/peer/agreement.py NERLINK_OUT.jsonl PEER_OUT.jsonl [--nerlink BIN] [--work DIR]

The scoring is not done here: this module writes the two sides as entity files and runs
`nerlink eval --gold PEER --pred NERLINK --labels PER,ORG,LOC --json --errors`, so the P/R/F1
are the SemEval-2013 numbers of `nerlink eval` (strict: same span and label; type: same label
and any overlap, which is what "overlap F1" means in the tables). What it does itself:

- keeps nerlink's model entities only (`source` `model` or `model+rule`, labels PER/ORG/LOC):
  the peers have no rules;
- reads the peer's output as it is (`{"id", "entities": [{"label", "start", "end"}]}`,
  code points);
- sorts the peer entities that no nerlink model entity equals (eval's `missed`, `wrong_*`
  errors) by what nerlink's *full* output has there (a model entity overlapping, the same span
  as a rule entity, only rule entities overlapping, nothing): a diagnostic, not a score.

Standard library only.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

# run as a script: its own folder is on sys.path, so the sibling module imports directly
from procs import REPO, BenchError

LABELS = ("PER", "ORG", "LOC")
MODEL_SOURCES = ("model", "model+rule")


def _write_entities(src: Path, dst: Path, keep) -> None:
    """An output file reduced to the entities `keep` accepts (PER/ORG/LOC only), as an entity file."""
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as o:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            ents = [{"label": e["label"], "start": e["start"], "end": e["end"]}
                    for e in d.get("entities", []) if e["label"] in LABELS and keep(e)]
            o.write(json.dumps({"id": d["id"], "entities": ents}, ensure_ascii=False) + "\n")


def write_model_entities(nerlink_out: Path, dst: Path) -> None:
    """nerlink's extract output reduced to its model entities (PER/ORG/LOC), as an entity file."""
    _write_entities(nerlink_out, dst, lambda e: e.get("source") in MODEL_SOURCES)


def write_peer_entities(peer_out: Path, dst: Path) -> None:
    """A peer's output as an entity file (PER/ORG/LOC only; its other fields dropped)."""
    _write_entities(peer_out, dst, lambda e: True)


def run_eval(nerlink: Path, gold: Path, pred: Path) -> dict:
    cmd = [str(nerlink), "eval", "--gold", str(gold), "--pred", str(pred), "--labels", ",".join(LABELS),
           "--json", "--errors"]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    if r.returncode != 0:
        raise BenchError(f"`{' '.join(cmd)}` failed ({r.returncode}): {r.stderr.strip()[-2000:]}")
    return json.loads(r.stdout)


def scores(ev: dict) -> dict:
    """Per label and `all`: strict P/R/F1 with eval's counts, and the type-scheme (overlap) F1."""
    ents = ev["entities"]
    out = {}
    rows = [(lab, ents["per_label"].get(lab)) for lab in LABELS] + [("all", ents["micro"])]
    for lab, sch in rows:
        if sch is None:
            out[lab] = {"p": 0.0, "r": 0.0, "f1": 0.0, "pred": 0, "ref": 0, "overlap_f1": 0.0}
            continue
        s = sch["strict"]
        out[lab] = {"p": s["precision"], "r": s["recall"], "f1": s["f1"], "pred": s["actual"],
                    "ref": s["possible"], "cor": s["cor"], "overlap_f1": sch["type"]["f1"]}
    return out


def peer_only_breakdown(nerlink_out: Path, errors: list[dict]) -> dict:
    """Where the peer's entities that no nerlink model entity equals went in nerlink's output."""
    cats = {"overlap a model entity (boundary/label/split)": 0, "are a rule entity (same span)": 0,
            "overlap only rule entities": 0, "overlap nothing": 0}
    unmatched: dict[str, list[tuple]] = {}
    for e in errors:
        g = e.get("gold")
        if g is None:
            continue  # spurious: a nerlink entity the peer does not have
        unmatched.setdefault(e["doc"], []).append((g["label"], g["start"], g["end"]))
    with open(nerlink_out, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            spans = unmatched.get(d["id"])
            if not spans:
                continue
            ents = [(e["label"], e["start"], e["end"], e.get("source") in MODEL_SOURCES)
                    for e in d.get("entities", [])]
            for p in spans:
                # (a `missed` span can still overlap a model entity that eval paired with another
                # peer entity)
                ov = [e for e in ents if e[1] < p[2] and p[1] < e[2]]
                rules = [e[:3] for e in ov if not e[3]]
                if p in rules:
                    cats["are a rule entity (same span)"] += 1
                elif any(e[3] for e in ov):
                    cats["overlap a model entity (boundary/label/split)"] += 1
                elif rules:
                    cats["overlap only rule entities"] += 1
                else:
                    cats["overlap nothing"] += 1
    return cats


def agreement(nerlink: Path, nerlink_out: Path, ref_out: Path, work: Path, tag: str,
              ref_is_nerlink: bool = False, breakdown: bool = True) -> dict:
    """Agreement of `nerlink_out`'s model entities with `ref_out` (a peer's output, or another
    nerlink output when `ref_is_nerlink`), scored by `nerlink eval` with the reference as gold."""
    work.mkdir(parents=True, exist_ok=True)
    pred, gold = work / f"agree.{tag}.pred.jsonl", work / f"agree.{tag}.ref.jsonl"
    write_model_entities(nerlink_out, pred)
    (write_model_entities if ref_is_nerlink else write_peer_entities)(ref_out, gold)
    ev = run_eval(nerlink, gold, pred)
    res = scores(ev)
    if breakdown:
        res["peer_only"] = peer_only_breakdown(nerlink_out, ev["entities"].get("errors", []))
    if ev.get("notes"):
        res["notes"] = ev["notes"]
    return res


def table(rows: dict[str, dict]) -> list[str]:
    """Lines of the agreement table, one per (name, label)."""
    out = [f"{'':<14} {'label':<5} {'P':>6} {'R':>6} {'F1':>6} {'nerlink':>8} {'peer':>8} {'ovl F1':>7}"]
    for name, ag in rows.items():
        for lab in (*LABELS, "all"):
            a = ag[lab]
            out.append(f"{name:<14} {lab:<5} {a['p']:6.3f} {a['r']:6.3f} {a['f1']:6.3f} {a['pred']:8d} "
                       f"{a['ref']:8d} {a['overlap_f1']:7.3f}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("nerlink_out", type=Path, help="nerlink extract JSONL")
    ap.add_argument("peer_out", type=Path, help="the peer's JSONL (id, entities)")
    ap.add_argument("--nerlink", type=Path, default=REPO / "target/release/nerlink")
    ap.add_argument("--work", type=Path, default=REPO / ".cache/bench-agreement")
    a = ap.parse_args()
    ag = agreement(a.nerlink, a.nerlink_out, a.peer_out, a.work, "cli")
    print("\n".join(table({"nerlink": ag})))
    bd = ag["peer_only"]
    print(f"peer entities without an equal nerlink model entity: {sum(bd.values())}; they "
          + ", ".join(f"{n} {k}" for k, n in bd.items()))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print(f"agreement: error: {e}", file=sys.stderr)
        sys.exit(2)
