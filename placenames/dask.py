"""Dask helper (``pip install placenames[dask]``): normalize a column of a Dask DataFrame.

Each partition runs ``placenames.pandas.normalize`` in its worker; the worker opens the
bundled gazetteer once, lazily, on its first partition. Only the function and the hints are
shipped to workers (nothing unpicklable).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import pandas as pd

from ._batch import COLUMNS

__all__ = ["normalize"]


def _partition(part: pd.DataFrame, column: str, prefix: str, hints: dict[str, Any]) -> pd.DataFrame:
    from .pandas import add_columns

    return add_columns(part, column, prefix=prefix, **hints)


def normalize(ddf: Any, column: str, *, prefix: str | None = None, lang: str | None = None,
              kinds: Collection[str] | None = None, country: str | None = None) -> Any:
    """``ddf`` with the result columns added next to ``column`` (lazy; call ``.compute()``)."""
    if column not in ddf.columns:
        raise KeyError(f"no column {column!r} in the Dask DataFrame")
    prefix = f"{column}_" if prefix is None else prefix
    hints = {"lang": lang, "kinds": sorted(kinds) if kinds else None, "country": country}
    meta = ddf._meta
    at = list(meta.columns).index(column) + 1
    extra = pd.DataFrame({f"{prefix}{c}": pd.array([], dtype="Float64" if c == "score" else "string")
                          for c in COLUMNS})
    meta_out = pd.concat([meta.iloc[:, :at], extra, meta.iloc[:, at:]], axis=1)
    return ddf.map_partitions(_partition, column, prefix, hints, meta=meta_out)
