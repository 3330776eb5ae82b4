"""Spark local[2] (mapInArrow, one pipeline per Python worker) against the CLI, 200 documents."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("no java on PATH", allow_module_level=True)

from conftest import REPO, assert_same, by_id_from_columns  # noqa: E402

sys.path.insert(0, str(REPO / "examples"))
import spark_extract  # noqa: E402


def test_spark_local_matches_cli(corpus, tmp_path):
    import pyarrow.parquet as pq

    spark = spark_extract.spark_session("local[2]", "nerlink-test")
    try:
        df = spark.read.parquet(str(corpus["parquet"])).repartition(4)
        out_dir = tmp_path / "spark_out"
        spark_extract.extract(df, threads=1).write.mode("overwrite").parquet(str(out_dir))
    finally:
        spark.stop()
    rows = pq.read_table(out_dir).to_pylist()
    assert len(rows) == 200
    assert_same(corpus["cli"], by_id_from_columns(rows))


def test_example_script_runs(corpus, tmp_path):
    out = Path(tmp_path) / "out"
    assert spark_extract.main([str(corpus["parquet"]), str(out), "--master", "local[2]"]) == 0
