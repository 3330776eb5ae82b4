"""Benchmark (not a test): docs/s of the CLI, the Python API and Spark local[N] on the same
documents. `make bench-python` runs it; BENCH_ARGS passes options.

    python bench/python/bench_python.py [--docs 500] [--spark-masters local[1],local[2]] [--ray]

Documents: the relation dev articles (../shared/relations-dev/input.jsonl, read there), whole,
then their later paragraphs, recycled to --docs. Every run processes the same Parquet file.
Times include model loading (once per process: once for the CLI and the Python API, once per
Spark Python worker); the Python API's load time is also shown apart.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "python" / "tests"))
sys.path.insert(0, str(REPO / "examples"))

from conftest import build_corpus, write_parquet  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    ap.add_argument(
        "--spark-masters",
        default="local[1],local[2]",
        help="comma-separated Spark masters, one run each (throughput vs task slots)",
    )
    ap.add_argument("--no-spark", action="store_true")
    ap.add_argument("--ray", action="store_true", help="also Ray Data with 2 actors")
    args = ap.parse_args()

    docs = build_corpus(args.docs)
    chars = sum(len(d["text"]) for d in docs)
    tmp = Path(tempfile.mkdtemp(prefix="nerlink-bench-"))
    parquet = tmp / "docs.parquet"
    write_parquet(docs, parquet, row_group_size=100)
    results = []

    def report(name: str, seconds: float, note: str = "") -> None:
        rate = len(docs) / seconds
        results.append({"run": name, "seconds": round(seconds, 2), "docs_per_s": round(rate, 2)})
        print(f"{name:<34} {seconds:8.1f} s {rate:8.2f} docs/s  {note}", flush=True)

    print(
        f"{len(docs)} documents, {chars} characters, {os.cpu_count()} cores, "
        f"load average before {os.getloadavg()[0]:.2f}",
        flush=True,
    )

    nerlink_bin = REPO / "target" / "release" / "nerlink"
    start = time.perf_counter()
    subprocess.run(
        [str(nerlink_bin), "extract", "--quiet", "--threads", str(args.threads), str(parquet),
         "-o", str(tmp / "cli.parquet")],
        check=True,
        cwd=REPO,
    )
    report(f"CLI extract --threads {args.threads}", time.perf_counter() - start, "(incl. model load)")

    import nerlink
    import pyarrow.parquet as pq

    table = pq.read_table(parquet)
    # threads=1 is what one Spark task / Ray actor core gets: the per-core rate
    for threads in sorted({args.threads, 1}, reverse=True):
        start = time.perf_counter()
        pipeline = nerlink.Pipeline(threads=threads)
        load = time.perf_counter() - start
        start2 = time.perf_counter()
        for batch in table.to_batches(max_chunksize=64):
            pipeline.extract_arrow(batch)
        run = time.perf_counter() - start2
        report(
            f"Python extract_arrow threads={threads}",
            load + run,
            f"(load {load:.1f} s; {len(docs) / run:.2f} docs/s without it)",
        )

    if not args.no_spark:
        import spark_extract

        for master in args.spark_masters.split(","):
            spark = spark_extract.spark_session(master, "nerlink-bench")
            try:
                df = spark.read.parquet(str(parquet))
                cores = spark.sparkContext.defaultParallelism
                df = df.repartition(cores * 2).cache()
                df.count()  # JVM warm-up, the read and the shuffle are not what we measure
                start = time.perf_counter()
                spark_extract.extract(df, threads=1).write.mode("overwrite").parquet(
                    str(tmp / "spark_out")
                )
                report(
                    f"Spark {master} mapInArrow",
                    time.perf_counter() - start,
                    f"({cores} task slots x 1 thread, model load per worker incl.)",
                )
            finally:
                spark.stop()

    if args.ray:
        import ray
        import ray_extract

        ray.init(num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1",
                 log_to_driver=False, logging_level="WARNING")
        try:
            ds = ray.data.read_parquet(str(parquet)).repartition(8).materialize()
            start = time.perf_counter()
            ray_extract.extract(ds, concurrency=2, threads=1).materialize()
            report("Ray Data 2 actors x 1 thread", time.perf_counter() - start, "(incl. load)")
        finally:
            ray.shutdown()

    out = REPO / "out" / "bench-python.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"docs": len(docs), "chars": chars, "results": results}, indent=1))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
