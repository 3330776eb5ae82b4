"""Ray Data (map_batches with the NerlinkUDF actor class) against the CLI, 200 documents."""

from __future__ import annotations

import pytest

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")

from conftest import assert_same, by_id_from_columns  # noqa: E402


@pytest.fixture(scope="module")
def local_ray():
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        _node_ip_address="127.0.0.1",
        log_to_driver=False,
        configure_logging=False,
    )
    yield
    ray.shutdown()


def test_ray_data_matches_cli(corpus, local_ray):
    import sys

    from conftest import REPO

    sys.path.insert(0, str(REPO / "examples"))
    import ray_extract

    # read first: with num_cpus=2 and two 1-CPU actors, a streaming read task would wait for a
    # CPU the actors hold (on a cluster the read runs beside the actors)
    ds = ray.data.read_parquet(str(corpus["parquet"])).repartition(4).materialize()
    out = ray_extract.extract(ds, concurrency=2, threads=1, batch_size=32)
    rows = out.take_all()
    assert len(rows) == 200
    assert_same(corpus["cli"], by_id_from_columns(rows))
