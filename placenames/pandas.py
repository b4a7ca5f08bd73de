"""pandas helpers (``pip install placenames[pandas]``); imported only when used.

``normalize(series)`` returns one row per input row, same index, with the columns
``id, label, iso, country, kind, score, method, matched, status`` (status: matched, ambiguous,
unmatched, empty). Missing results are missing values, never sentinel strings. ``add_columns``
puts those columns next to a DataFrame's source column. Works with pandas 2 and 3.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import numpy as np
import pandas as pd

from ._batch import COLUMNS, EMPTY, as_query, rows_for
from ._resolver import MIN_SCORE

__all__ = ["add_columns", "normalize"]

_DTYPES = {"score": "Float64"}


def normalize(series: pd.Series, *, lang: str | None = None, kinds: Collection[str] | None = None,
              country: str | None = None, min_score: float = MIN_SCORE, gazetteer: Any = None) -> pd.DataFrame:
    """Resolve every value of ``series``; index and length are preserved."""
    if not isinstance(series, pd.Series):
        raise TypeError(f"series must be a pandas Series, not {type(series).__name__}")
    gaz = gazetteer or _default()
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    queries = [as_query(v) for v in uniques]
    results = rows_for(gaz, (q for q in queries if q is not None), lang=lang, kinds=kinds,
                       country=country, min_score=min_score)
    table = [results[q] if q is not None else EMPTY for q in queries] + [EMPTY]
    # one small array per column over the distinct values, then one vectorized take per column;
    # code -1 (a missing value) picks the EMPTY row kept at the end
    positions = np.where(codes < 0, len(table) - 1, codes)
    data = {name: pd.array([r[i] for r in table], dtype=_DTYPES.get(name, "string")).take(positions)
            for i, name in enumerate(COLUMNS)}
    return pd.DataFrame(data, index=series.index)


def add_columns(df: pd.DataFrame, column: str, *, prefix: str | None = None, **hints: Any) -> pd.DataFrame:
    """A copy of ``df`` with the result columns (``{prefix}id``, ...) right after ``column``."""
    if column not in df.columns:
        raise KeyError(f"no column {column!r} in the DataFrame")
    prefix = f"{column}_" if prefix is None else prefix
    result = normalize(df[column], **hints).add_prefix(prefix)
    clash = [c for c in result.columns if c in df.columns]
    if clash:
        raise ValueError(f"columns already exist: {clash}; pass another prefix")
    at = list(df.columns).index(column) + 1
    parts = [df.iloc[:, :at], result, df.iloc[:, at:]]
    return pd.concat(parts, axis=1)


def _default() -> Any:
    from .gazetteer import Gazetteer

    return Gazetteer.default()
