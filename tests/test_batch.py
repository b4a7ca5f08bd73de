"""Batch resolution and the dataframe helpers: no row lost, reordered or silently changed."""

from __future__ import annotations

import math

import pandas as pd
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import placenames
import placenames.pandas as ppd
import placenames.polars as ppl

CELLS = st.one_of(
    st.none(), st.just(float("nan")), st.just(""), st.just("   "), st.integers(), st.floats(),
    st.text(max_size=30), st.text(min_size=300, max_size=400),
    st.sampled_from(["Deutschland", "Korea", "Paris", "qzxv", "NA", "日本", "Senkaku", "U.S."]))


def test_resolve_many_keeps_order_length_and_no_values():
    values = ["Japan", None, float("nan"), "", "  ", "qzxv", "Japan", "Deutschland"]
    out = placenames.resolve_many(values)
    assert len(out) == len(values)
    assert [m.place.id if m else None for m in out] == [
        "iso:JP", None, None, None, None, None, "iso:JP", "iso:DE"]


def test_resolve_many_hints():
    out = placenames.resolve_many(["Paris", "Georgia"], country="US")
    assert out[0].place.country == "US" and out[1].place.id == "iso:US-GA"


def test_pandas_normalize_statuses_and_index():
    s = pd.Series(["Deutschland", None, "", "Korea", "qzxv", "NA"], index=[10, 5, 7, 1, 2, 3])
    df = ppd.normalize(s)
    assert list(df.index) == [10, 5, 7, 1, 2, 3]
    assert list(df["status"]) == ["matched", "empty", "empty", "ambiguous", "unmatched", "matched"]
    assert df.loc[10, "id"] == "iso:DE" and df.loc[3, "iso"] == "NA"  # Namibia, not a missing value
    assert pd.isna(df.loc[2, "id"]) and pd.isna(df.loc[2, "score"])
    assert "not found" not in set(df["label"].dropna())


def test_add_columns_places_results_after_the_source_and_keeps_others():
    df = pd.DataFrame({"a": [1, 2], "origin": ["Nihon", None], "z": ["x", "y"]}, index=["r1", "r2"])
    out = ppd.add_columns(df, "origin")
    cols = list(out.columns)
    assert cols[:2] == ["a", "origin"] and cols[2] == "origin_id" and cols[-1] == "z"
    pd.testing.assert_frame_equal(out[["a", "origin", "z"]], df)
    with pytest.raises(KeyError):
        ppd.add_columns(df, "missing")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CELLS, max_size=40), st.lists(st.integers(), min_size=40, max_size=40, unique=True))
def test_pandas_normalize_preserves_rows_for_any_frame(cells, labels):
    s = pd.Series(cells, index=labels[: len(cells)], dtype=object)
    df = ppd.normalize(s)
    assert len(df) == len(s) and list(df.index) == list(s.index)
    for value, status in zip(cells, df["status"]):
        blank = value is None or (isinstance(value, float) and math.isnan(value)) or (
            isinstance(value, str) and not value.strip())
        assert (status == "empty") == blank
    frame = pd.DataFrame({"v": s, "keep": range(len(s))}, index=s.index)
    out = ppd.add_columns(frame, "v")
    assert list(out["keep"]) == list(range(len(s))) and list(out.index) == list(s.index)


def test_polars_normalize_keeps_order_and_nulls():
    out = ppl.normalize(pl.Series(["Japan", None, "qzxv", "Japan", ""]))
    assert out.height == 5
    assert out["id"].to_list() == ["iso:JP", None, None, "iso:JP", None]
    assert out["status"].to_list() == ["matched", "empty", "unmatched", "matched", "empty"]


def test_dataframe_helpers_reject_other_types():
    with pytest.raises(TypeError):
        ppd.normalize(["Japan"])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ppl.normalize(["Japan"])  # type: ignore[arg-type]


def test_integrations_are_not_imported_by_default():
    import subprocess
    import sys

    code = "import sys, placenames; print([m for m in ('pandas', 'polars', 'dask') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_resolve_many_leaves_the_garbage_collector_as_it_found_it():
    import gc

    assert gc.isenabled()
    placenames.resolve_many(["Japan", "Kenya"])
    assert gc.isenabled()
    with pytest.raises(ValueError):
        placenames.resolve_many(["Japan"], kinds={"no such kind"})
    assert gc.isenabled()  # resumed after an error too
    gc.disable()
    try:
        placenames.resolve_many(["Japan"])
        assert not gc.isenabled()  # the caller's choice stands
    finally:
        gc.enable()


def test_a_repeated_resolve_is_served_from_the_cache_and_resolve_many_shares_it():
    first = placenames.resolve("Deutschland")
    assert placenames.resolve("Deutschland") is first
    assert placenames.resolve_many(["Deutschland", "Deutschland"]) == [first, first]
    assert placenames.resolve_many(["Deutschland"])[0] is first
    hinted = placenames.resolve("Deutschland", kinds={"country"})   # a set: made hashable first
    assert placenames.resolve("Deutschland", kinds=["country"]) is hinted
    assert hinted.place.id == first.place.id
    assert first.model_copy(update={"score": 1.0}).score == 1.0   # cached models stay copyable
