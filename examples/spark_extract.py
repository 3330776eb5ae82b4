"""Run nerlink over a Parquet corpus with Spark: read, mapInArrow, write Parquet.

    python examples/spark_extract.py IN.parquet OUT_DIR [--master local[2]] [--threads 1]

Input columns: `id`, `text`; the others go to each document's `meta`. Output: one row per
document with the columns of `nerlink.SPARK_SCHEMA` (id, source, ok, entities, relations,
errors, meta; nested parts as JSON text). A document that cannot be processed is a row with
`ok = false` and its `errors`, never a failed task.

Each executor's Python worker builds its pipeline once (`nerlink.Pipeline` is cached per
process) and reuses it for every batch; give each task `--threads` = `spark.task.cpus`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time


def spark_session(master: str, app: str = "nerlink"):
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    return (
        SparkSession.builder.master(master)
        .appName(app)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        # small Arrow batches: a task reports progress often and holds little text at once
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .config("spark.python.worker.reuse", "true")
        .getOrCreate()
    )


def extract(df, threads: int = 1, id_col: str = "id", text_col: str = "text"):
    """The Spark step: a DataFrame with `id`/`text` columns to nerlink's output rows."""
    import nerlink

    def run(batches):
        # runs in the executor's Python worker; the pipeline is built once per worker process
        yield from nerlink.map_arrow_batches(
            batches, threads=threads, id_col=id_col, text_col=text_col
        )

    return df.mapInArrow(run, nerlink.SPARK_SCHEMA)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", help="Parquet file or directory with id and text columns")
    ap.add_argument("output", help="output directory (Parquet)")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--threads", type=int, default=1, help="nerlink threads per task")
    ap.add_argument("--partitions", type=int, default=0, help="repartition the input (0: keep)")
    args = ap.parse_args(argv)

    spark = spark_session(args.master)
    try:
        df = spark.read.parquet(args.input)
        if args.partitions:
            df = df.repartition(args.partitions)
        start = time.perf_counter()
        extract(df, threads=args.threads).write.mode("overwrite").parquet(args.output)
        elapsed = time.perf_counter() - start
        out = spark.read.parquet(args.output)
        n, failed = out.count(), out.filter("not ok").count()
        print(f"{n} documents ({failed} failed) in {elapsed:.1f} s -> {args.output}")
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
