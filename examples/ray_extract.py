"""Run nerlink over a Parquet corpus with Ray Data: read_parquet, map_batches, write_parquet.

    python examples/ray_extract.py IN.parquet OUT_DIR [--concurrency 2] [--threads 1]

`nerlink.NerlinkUDF` is a callable class, so each Ray actor builds its pipeline once and
reuses it for every batch. Output rows have the columns of `nerlink.OUTPUT_COLUMNS`; a
document that cannot be processed is a row with `ok = false`, never a failed task.
"""

from __future__ import annotations

import argparse
import sys
import time


def extract(ds, concurrency: int = 2, threads: int = 1, batch_size: int = 64):
    """The Ray step: a Dataset with `id`/`text` columns to nerlink's output rows."""
    import nerlink

    return ds.map_batches(
        nerlink.NerlinkUDF,
        fn_constructor_kwargs={"threads": threads},
        batch_format="pyarrow",
        batch_size=batch_size,
        concurrency=concurrency,
        num_cpus=threads,
    )


def main(argv=None) -> int:
    import ray

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--concurrency", type=int, default=2, help="actors (each loads the model)")
    ap.add_argument("--threads", type=int, default=1, help="nerlink threads per actor")
    ap.add_argument("--address", default=None, help="an existing cluster (default: local)")
    args = ap.parse_args(argv)

    if args.address:
        ray.init(address=args.address)
    else:
        # one CPU beyond the actors' for the streaming read tasks (else they wait forever for a
        # CPU the actors hold)
        ray.init(num_cpus=args.concurrency * args.threads + 1, include_dashboard=False,
                 _node_ip_address="127.0.0.1")
    try:
        start = time.perf_counter()
        extract(ray.data.read_parquet(args.input), args.concurrency, args.threads).write_parquet(
            args.output
        )
        print(f"done in {time.perf_counter() - start:.1f} s -> {args.output}")
    finally:
        ray.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
