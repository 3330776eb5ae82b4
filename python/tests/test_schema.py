"""The published JSON Schema of an output line (docs/output.schema.json) against real output of
the CLI: data/examples (rules only and with the shipped model), the seeds and the relation dev
set in ../shared (rules only; read there, never copied). Also: the schema is a valid
draft 2020-12 schema, and it rejects what the contract forbids."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path
from typing import List

import jsonschema
import pytest

from conftest import NERLINK, REPO

SCHEMA = json.loads((REPO / "docs" / "output.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
SHARED = REPO.parent / "shared"


def extract(inp: Path, model: bool) -> List[dict]:
    args = [str(NERLINK), "extract", "--quiet", "--threads", "2"]
    if not model:
        args.append("--no-model")
    out = subprocess.run(args + [str(inp)], check=True, cwd=REPO, capture_output=True)
    return [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]


def errors(doc: dict) -> List[str]:
    return [f"{e.json_path}: {e.message[:200]}" for e in VALIDATOR.iter_errors(doc)]


def test_schema_is_valid():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize(
    "inp,model",
    [
        (REPO / "data" / "examples", False),
        (REPO / "data" / "examples", True),
        (SHARED / "seeds", False),
        (SHARED / "relations-dev" / "input.jsonl", False),
    ],
)
def test_real_output_matches_the_schema(inp: Path, model: bool):
    if not inp.exists():
        pytest.skip(f"{inp} is absent")
    if model and not (REPO / "models" / "vi-ner-e5s" / "model.onnx").exists():
        pytest.skip("the shipped model is absent")
    docs = extract(inp, model)
    assert docs
    bad = {d["id"]: errors(d) for d in docs if errors(d)}
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)[:4000]


def test_schema_rejects_a_broken_line():
    docs = extract(REPO / "data" / "examples", False)
    doc = next(d for d in docs if d["relations"] and d["entities"])
    assert not errors(doc)
    cases = []
    d = copy.deepcopy(doc)
    d["relations"][0]["type"] = "budget"
    cases.append(d)
    d = copy.deepcopy(doc)
    d["entities"][0]["source"] = "oracle"
    cases.append(d)
    d = copy.deepcopy(doc)
    del d["errors"]
    cases.append(d)
    d = copy.deepcopy(doc)
    d["analysis"] = {}
    cases.append(d)
    rank = [e for e in doc["entities"] if e["label"] == "RANK"]
    if rank:
        d = copy.deepcopy(doc)
        next(e for e in d["entities"] if e["label"] == "RANK")["norm"] = "7"
        cases.append(d)
    for c in cases:
        assert errors(c), "accepted a broken line"
