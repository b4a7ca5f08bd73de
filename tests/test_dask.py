"""Dask: a real LocalCluster with two worker processes gives the single-process result."""

from __future__ import annotations

import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


def test_local_cluster_matches_single_process():
    import placenames.dask as pdask
    import placenames.pandas as ppd

    values = ["Deutschland", "Korea", None, "Paris", "qzxv", "日本", "", "Senkaku"] * 25
    frame = pd.DataFrame({"n": range(len(values)), "place": pd.Series(values, dtype=object)})
    ddf = dd.from_pandas(frame, npartitions=4)
    expected = ppd.add_columns(ddf.compute(), "place")  # the same data, as Dask holds it
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        assert len(cluster.workers) == 2
        result = pdask.normalize(ddf, "place").compute()
    pd.testing.assert_frame_equal(result.sort_index(), expected, check_dtype=False)
    assert list(result.columns) == list(expected.columns)
