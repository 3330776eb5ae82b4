"""Shared fixtures: a 200-document corpus built from ../shared/relations-dev (read there, never
copied into the repository) plus an empty and a binary document, and the CLI's output on it."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED_INPUT = REPO.parent / "shared" / "relations-dev" / "input.jsonl"
NERLINK = Path(os.environ.get("NERLINK_BIN", REPO / "target" / "release" / "nerlink"))

EMPTY_ID = "bad-empty"
BINARY_ID = "bad-binary"


def build_corpus(n: int) -> List[dict]:
    """`n` documents: the dev articles whole, then their second halves (split at paragraph
    boundaries), recycled; the last two are an empty text and a binary one."""
    with open(SHARED_INPUT, encoding="utf-8") as f:
        articles = [json.loads(line) for line in f if line.strip()]
    docs: List[dict] = []
    i = 0
    while len(docs) < n - 2:
        a = articles[i % len(articles)]
        rnd = i // len(articles)
        if rnd == 0:
            text = a["text"]
        else:
            paras = a["text"].split("\n")
            cut = max(1, len(paras) // (rnd + 1))
            text = "\n".join(paras[cut:]) or a["text"]
        docs.append({"id": f"{a['id']}#{rnd}", "text": text, "url": a.get("url", "")})
        i += 1
    docs.append({"id": EMPTY_ID, "text": "", "url": ""})
    docs.append({"id": BINARY_ID, "text": "\x00\x01\x02\x03 binary \x00\xff", "url": ""})
    return docs


def write_jsonl(docs: List[dict], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def write_parquet(docs: List[dict], path: Path, row_group_size: int = 64) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(docs)
    pq.write_table(table, path, row_group_size=row_group_size)


def run_cli(args: List[str]) -> None:
    subprocess.run([str(NERLINK), "extract", "--quiet", *args], check=True, cwd=REPO)


def read_jsonl(path: Path) -> List[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


Key = Tuple[str, str, str]


def essence(entities, relations, errors) -> Tuple[str, str, List[str]]:
    """What the distributed outputs must agree on: entities and relations (as canonical JSON),
    and the error kinds."""
    return (
        json.dumps(entities, ensure_ascii=False, sort_keys=True),
        json.dumps(relations, ensure_ascii=False, sort_keys=True),
        [e["kind"] for e in errors],
    )


def by_id_from_docs(docs: List[dict]) -> Dict[str, tuple]:
    return {d["id"]: essence(d["entities"], d["relations"], d["errors"]) for d in docs}


def by_id_from_columns(rows: List[dict]) -> Dict[str, tuple]:
    """Rows of the Arrow/Parquet output (JSON-text columns)."""
    return {
        r["id"]: essence(
            json.loads(r["entities"]), json.loads(r["relations"]), json.loads(r["errors"])
        )
        for r in rows
    }


def assert_same(expected: Dict[str, tuple], got: Dict[str, tuple]) -> None:
    assert set(got) == set(expected), (
        f"missing {sorted(set(expected) - set(got))[:5]}, extra {sorted(set(got) - set(expected))[:5]}"
    )
    diff = [k for k in expected if expected[k] != got[k]]
    assert not diff, f"{len(diff)} documents differ, e.g. {diff[:3]}"
    assert got[EMPTY_ID][2] == ["empty"]
    assert got[BINARY_ID][2] == ["binary"]
    ok = sum(1 for v in got.values() if not v[2])
    assert ok == len(got) - 2


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> dict:
    """The 200 documents as a list, a JSONL file and a Parquet file, and the CLI's output."""
    if not SHARED_INPUT.is_file():
        pytest.skip(f"{SHARED_INPUT} not found (needs ../shared beside the repository)")
    if not NERLINK.is_file():
        pytest.fail(f"{NERLINK} not built: run `cargo build --release --locked`")
    d = tmp_path_factory.mktemp("corpus")
    docs = build_corpus(200)
    jsonl = d / "docs.jsonl"
    parquet = d / "docs.parquet"
    write_jsonl(docs, jsonl)
    write_parquet(docs, parquet)
    cli_out = d / "cli.jsonl"
    run_cli([str(jsonl), "-o", str(cli_out)])
    cli_docs = read_jsonl(cli_out)
    return {
        "dir": d,
        "docs": docs,
        "jsonl": jsonl,
        "parquet": parquet,
        "cli_docs": cli_docs,
        "cli": by_id_from_docs(cli_docs),
    }
