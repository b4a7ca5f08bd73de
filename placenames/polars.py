"""polars helpers (``pip install placenames[polars]``); imported only when used.

``normalize(series)`` returns a DataFrame with one row per input row, in order, with the columns
of ``placenames.pandas.normalize``; missing results are nulls.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import polars as pl

from ._batch import COLUMNS, EMPTY, as_query, rows_for
from ._resolver import MIN_SCORE

__all__ = ["normalize"]


def normalize(series: pl.Series, *, lang: str | None = None, kinds: Collection[str] | None = None,
              country: str | None = None, min_score: float = MIN_SCORE, gazetteer: Any = None) -> pl.DataFrame:
    """Resolve every value of ``series``; order and length are preserved."""
    if not isinstance(series, pl.Series):
        raise TypeError(f"series must be a polars Series, not {type(series).__name__}")
    from .gazetteer import Gazetteer

    gaz = gazetteer or Gazetteer.default()
    values = series.cast(pl.String, strict=False) if series.dtype != pl.String else series
    uniques = values.unique(maintain_order=True).to_list()
    queries = {v: as_query(v) for v in uniques}
    results = rows_for(gaz, (q for q in queries.values() if q is not None), lang=lang, kinds=kinds,
                       country=country, min_score=min_score)
    by_value = {v: (results[q] if q is not None else EMPTY) for v, q in queries.items()}
    picked = [by_value[v] for v in values.to_list()]
    schema = {name: (pl.Float64 if name == "score" else pl.String) for name in COLUMNS}
    return pl.DataFrame([list(col) for col in zip(*picked)] if picked else [[] for _ in COLUMNS],
                        schema=schema, orient="col")
