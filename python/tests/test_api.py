"""The Python API against the CLI: same JSON, errors as data, Arrow output, Parquet CLI."""

from __future__ import annotations

import json

import pytest

import nerlink
from conftest import (
    BINARY_ID,
    EMPTY_ID,
    assert_same,
    by_id_from_columns,
    by_id_from_docs,
    read_jsonl,
    run_cli,
)


def test_default_pipeline_finds_model_and_onnxruntime():
    p = nerlink.Pipeline()
    assert p.model is not None and (p.model / "model.onnx").is_file()
    assert nerlink.onnxruntime_library() is not None
    (doc,) = p.extract(["Chủ tịch UBND tỉnh An Giang Nguyễn Thanh Bình chủ trì hội nghị."])
    labels = {e["label"] for e in doc["entities"]}
    assert {"PER", "ORG", "ROLE"} <= labels, doc["entities"]
    assert doc["errors"] == []


def test_fast_model_is_found_and_runs_like_the_cli_fast_flag(tmp_path):
    fast = nerlink.fast_model_dir()
    assert fast is not None and (fast / "model.onnx").is_file()
    assert fast != nerlink.default_model_dir()
    text = "Chủ tịch UBND tỉnh An Giang Nguyễn Thanh Bình chủ trì hội nghị."
    (doc,) = nerlink.Pipeline(model=fast).extract([{"id": "x", "text": text}])
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_cli(["--fast", str(src), "-o", str(out)])
    (cli,) = read_jsonl(out)
    assert doc["entities"] == cli["entities"] and doc["relations"] == cli["relations"]


def test_pipeline_is_loaded_once_per_process():
    a = nerlink.Pipeline(threads=2)
    b = nerlink.Pipeline(threads=2)
    assert a._engine is b._engine


def test_json_is_byte_identical_to_the_cli(corpus):
    p = nerlink.Pipeline()
    lines = p.extract_json(corpus["docs"])
    cli_lines = [
        json.dumps(d, ensure_ascii=False, separators=(",", ":")) for d in corpus["cli_docs"]
    ]
    assert len(lines) == len(cli_lines) == 200
    for i, (mine, theirs) in enumerate(zip(lines, cli_lines)):
        # the only field that differs by construction: where the document came from
        mine_d, theirs_d = json.loads(mine), json.loads(theirs)
        assert mine_d["source"] == f"python:{i}"
        mine_d["source"] = theirs_d["source"]
        assert json.dumps(mine_d, ensure_ascii=False, separators=(",", ":")) == theirs
    # extract() is json.loads of the same lines: dumping it back gives the bytes again
    docs = p.extract(corpus["docs"][:5])
    assert [json.dumps(d, ensure_ascii=False, separators=(",", ":")) for d in docs] == lines[:5]
    assert_same(corpus["cli"], by_id_from_docs([json.loads(x) for x in lines]))


def test_bad_documents_are_error_records_not_exceptions():
    p = nerlink.Pipeline(model=False)
    docs = p.extract(
        ["", "   ", "a\x00b\x01c", "x\ud800y", b"\xff\xff", None, 42, {"id": 9}, "Sở Nội vụ họp."]
    )
    kinds = [[e["kind"] for e in d["errors"]] for d in docs]
    assert kinds == [
        ["empty"],
        ["empty"],
        ["binary"],
        ["invalid_utf8"],
        ["invalid_utf8"],
        ["empty"],
        ["bad_input"],
        ["empty"],
        [],
    ]
    assert all("text" not in d for d in docs[:-1])
    assert docs[7]["id"] == "9"


def test_records_keep_meta_like_jsonl():
    p = nerlink.Pipeline(model=False)
    (d,) = p.extract([{"id": 3, "text": "UBND tỉnh Lào Cai họp.", "title": "T", "url": "u"}])
    assert d["id"] == "3"
    assert d["meta"]["title"] == "T" and d["meta"]["url"] == "u"


def test_extract_arrow_matches_the_cli(corpus):
    import pyarrow.parquet as pq

    table = pq.read_table(corpus["parquet"])
    out = nerlink.Pipeline().extract_arrow(table)
    assert out.schema == nerlink.arrow_schema()
    assert out.num_rows == 200
    rows = out.to_pylist()
    assert [r["id"] for r in rows] == [d["id"] for d in corpus["docs"]]
    assert_same(corpus["cli"], by_id_from_columns(rows))
    bad = {r["id"]: r for r in rows if not r["ok"]}
    assert set(bad) == {EMPTY_ID, BINARY_ID}
    # other columns are meta, as in the CLI
    assert "url" in json.loads(rows[0]["meta"])


def test_cli_parquet_in_and_out_match_jsonl(corpus, tmp_path):
    import pyarrow.parquet as pq

    out_jsonl = tmp_path / "from_parquet.jsonl"
    run_cli([str(corpus["parquet"]), "-o", str(out_jsonl)])
    assert_same(corpus["cli"], by_id_from_docs(read_jsonl(out_jsonl)))
    out_pq = tmp_path / "out.parquet"
    run_cli([str(corpus["parquet"]), "-o", str(out_pq)])
    table = pq.read_table(out_pq)
    assert table.schema.names == list(nerlink.OUTPUT_COLUMNS)
    assert_same(corpus["cli"], by_id_from_columns(table.to_pylist()))


def test_gil_is_released_during_extraction():
    import threading
    import time

    p = nerlink.Pipeline(model=False, threads=1)
    texts = ["UBND tỉnh An Giang tổ chức hội nghị. " * 200] * 40
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    start = time.perf_counter()
    p.extract(texts)
    elapsed = time.perf_counter() - start
    stop.set()
    t.join()
    during = [x for x in ticks if start <= x <= start + elapsed]
    if elapsed < 0.05:
        pytest.skip("extraction too fast to observe")
    # a held GIL would freeze the ticking thread for the whole call
    assert len(during) >= 5, (elapsed, len(during))
