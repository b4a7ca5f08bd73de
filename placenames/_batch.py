"""Batch resolution: each distinct value once, input order and length kept, no sentinel strings.

``resolve_many`` returns ``Match`` objects. ``rows`` returns plain result rows (the columns the
dataframe helpers and the CLI write) without building models, which is what makes a column of
millions of values fast: the work is proportional to the number of distinct values.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NamedTuple

from ._resolver import MIN_SCORE

if TYPE_CHECKING:
    from .gazetteer import Gazetteer
    from .models import Match

AMBIGUOUS_QUALITY = 90.0   # two or more candidates this good, none credible: "ambiguous"
COLUMNS = ("id", "label", "iso", "country", "kind", "score", "method", "matched", "status")


class Row(NamedTuple):
    """The result columns for one value; every field is None except status for non-matches."""

    id: str | None
    label: str | None
    iso: str | None
    country: str | None
    kind: str | None
    score: float | None
    method: str | None
    matched: str | None
    status: str  # matched | ambiguous | unmatched | empty


EMPTY = Row(None, None, None, None, None, None, None, None, "empty")
UNMATCHED = Row(None, None, None, None, None, None, None, None, "unmatched")


def as_query(value: Any) -> str | None:
    """The query for a cell, or None for "no value" (None, NaN, NA, blank)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    if isinstance(value, (bytes, bytearray)):
        return value.decode("utf-8", "replace") or None
    return str(value)


def resolve_many(gaz: Gazetteer, values: Iterable[Any], *, lang: str | None = None,
                 kinds: Collection[str] | None = None, country: str | None = None,
                 min_score: float = MIN_SCORE) -> list[Match | None]:
    """One result per value, in order; each distinct value is resolved once."""
    with _collector_paused():
        return _resolve_many(gaz, values, lang, kinds, country, min_score)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A batch builds hundreds of thousands of small, acyclic objects (look-up rows, each place's
    names), and the cyclic garbage collector would walk the whole heap again and again meanwhile:
    a third or more of a large batch's time. It is paused for the batch and resumed after,
    unless the caller had paused it already."""
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _resolve_many(gaz: Gazetteer, values: Iterable[Any], lang: str | None, kinds: Collection[str] | None,
                  country: str | None, min_score: float) -> list[Match | None]:
    cache: dict[str, Match | None] = {}
    out: list[Match | None] = []
    append = out.append
    for value in values:
        if type(value) is str and value in cache:  # the common case of a long column: seen before
            append(cache[value])
            continue
        query = as_query(value)
        if query is None:
            append(None)
            continue
        if query not in cache:
            # the resolver's cached top match: the very object resolve() returns for this query
            top = gaz.resolver.top(query, lang=lang, kinds=kinds, country=country)
            cache[query] = top if top is not None and top.score >= min_score else None
        append(cache[query])
    return out


def rows_for(gaz: Gazetteer, queries: Iterable[str], *, lang: str | None = None,
             kinds: Collection[str] | None = None, country: str | None = None,
             min_score: float = MIN_SCORE) -> dict[str, Row]:
    """Result rows for distinct queries (no models are built)."""
    with _collector_paused():
        return _rows_for(gaz, queries, lang, kinds, country, min_score)


def _rows_for(gaz: Gazetteer, queries: Iterable[str], lang: str | None, kinds: Collection[str] | None,
              country: str | None, min_score: float) -> dict[str, Row]:
    out: dict[str, Row] = {}
    for query in queries:
        if query in out:
            continue
        ranked = gaz.resolver.ranked(query, lang=lang, kinds=kinds, country=country)
        if ranked and ranked[0].score >= min_score:
            hit = ranked[0].hit
            out[query] = Row(hit.place_id, hit.label, hit.iso, hit.country, hit.kind,
                             ranked[0].score, hit.method, hit.text, "matched")
        elif sum(r.hit.quality >= AMBIGUOUS_QUALITY for r in ranked[:2]) == 2:
            out[query] = UNMATCHED._replace(status="ambiguous")
        else:
            out[query] = UNMATCHED
    return out


def alternatives(gaz: Gazetteer, query: str, limit: int = 3, **hints: Any) -> list[str]:
    """"label (id, score)" of the top candidates, for reports."""
    return [f"{m.place.label} ({m.place.id}, {m.score:g})"
            for m in gaz.candidates(query, limit=limit, **hints)]
