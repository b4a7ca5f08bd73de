"""placenames: resolve place names in any language, script or spelling to gazetteer entities,
and label contested places without taking a side.

>>> import placenames
>>> placenames.resolve("Deutschland").place.id
'iso:DE'

Importing the package loads no data; the bundled gazetteer is opened on first use.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._errors import DataError, GazetteerSourceError, PlacenamesError, UnknownPlaceError

if TYPE_CHECKING:
    from .gazetteer import Gazetteer
    from .models import Dispute, Match, Mention, Name, Place, Relation, Usage

__version__ = "0.1.0"

__all__ = [
    "DataError", "Dispute", "Gazetteer", "GazetteerSourceError", "Match", "Name", "Place",
    "PlacenamesError", "Relation", "UnknownPlaceError", "__version__",
    "Mention", "Usage", "ancestors", "candidates", "get", "label", "perspectives", "resolve", "resolve_many",
    "tag",
]


def resolve(query: str, *, lang: str | None = None, kinds: Collection[str] | None = None,
            country: str | None = None) -> Match | None:
    """The best credible match for ``query`` in the bundled gazetteer, or None.

    ``lang`` prefers names in that language, ``kinds`` keeps only those kinds of place,
    ``country`` (ISO alpha-2) restricts to places in that country when any match there.
    """
    return _default().resolve(query, lang=lang, kinds=kinds, country=country)


def candidates(query: str, *, limit: int = 10, lang: str | None = None,
               kinds: Collection[str] | None = None, country: str | None = None) -> list[Match]:
    """Ranked matches for ``query``, best first; an empty list when nothing matches."""
    return _default().candidates(query, limit=limit, lang=lang, kinds=kinds, country=country)


def get(place_id: str) -> Place:
    """The place with this id; raises UnknownPlaceError (a LookupError) for an unknown id."""
    return _default().get(place_id)


def ancestors(place_id: str) -> list[Place]:
    """The parents of a place, nearest first."""
    return _default().ancestors(place_id)


def resolve_many(values: Iterable[Any], *, lang: str | None = None, kinds: Collection[str] | None = None,
                 country: str | None = None) -> list[Match | None]:
    """``resolve`` for many values: one result per value, in order, each distinct value resolved
    once. None, NaN and blank values give None (no value), not an error. Python's cyclic garbage
    collector is paused while the batch runs (its results are acyclic; it was a third of the
    time) and resumed after."""
    from ._batch import resolve_many as batch

    return batch(_default(), values, lang=lang, kinds=kinds, country=country)


def tag(text: str, *, lang: str | None = None, demonyms: bool = False) -> list[Mention]:
    """Place mentions in running text: offsets (``text[m.start:m.end] == m.text``), the resolved
    place, its neutral label and the usage note of contested names. Mentions never overlap and
    the longest name wins; the document's other mentions disambiguate ("Paris" near "Texas").
    ``demonyms=True`` also reports words like "Japanese", linked to their country."""
    return _default().tag(text, lang=lang, demonyms=demonyms)


def label(place: Place | str, perspective: str | None = None, lang: str = "en") -> str:
    """The label of a place (a ``Place`` or an id) as ``perspective`` names it.

    ``perspective`` None or ``"neutral"`` gives the stance-neutral label; a party code (``"KR"``,
    ``"JP"``, ``"US"``, ``"x-trnc"``...) gives that party's own name where it has one, in
    ``lang`` or else in English, and the neutral label otherwise.

    >>> label("pn:sea-of-japan", perspective="KR")
    'East Sea'
    """
    from ._label import render

    return render(_place(place), perspective, lang)


def perspectives(place: Place | str, lang: str = "en") -> dict[str, str]:
    """Every party's own name for a place (a ``Place`` or an id), by party code."""
    from ._label import perspectives as party_names

    return party_names(_place(place), lang)


def _place(place: Place | str) -> Place:
    if isinstance(place, str):
        return get(place)
    from .models import Place as PlaceModel

    if not isinstance(place, PlaceModel):
        raise TypeError(f"place must be a Place or a place id, not {type(place).__name__}")
    return place


_gazetteer_module: Any = None   # placenames.gazetteer, imported on first use


def _default() -> Gazetteer:
    # an import statement costs a microsecond per call, more than a cached resolve(): bound once
    global _gazetteer_module
    if _gazetteer_module is None:
        _gazetteer_module = import_module(".gazetteer", __name__)
    return _gazetteer_module.Gazetteer.default()  # type: ignore[no-any-return]


_LAZY = {"Gazetteer": ".gazetteer", "Dispute": ".models", "Match": ".models", "Name": ".models",
         "Place": ".models", "Relation": ".models", "Usage": ".models", "Mention": ".models"}


def __getattr__(name: str) -> Any:
    # Models (pydantic) and the gazetteer load on first use, so that importing placenames is
    # cheap for programs that only sometimes resolve a name (attrs-style lazy attributes).
    if name in ("pandas", "polars", "dask"):  # optional integrations: import on first access
        return import_module(f".{name}", __name__)
    if name in _LAZY:
        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
