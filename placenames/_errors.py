"""The errors placenames raises.

One tree, rooted in :class:`PlacenamesError`; each error also subclasses the builtin it
resembles, so ``except LookupError`` keeps working::

    PlacenamesError
    ├── UnknownPlaceError (LookupError)      get() of an id that is not in the gazetteer
    ├── GazetteerSourceError (ValueError)    a malformed gazetteer or overlay file (file, line)
    └── DataError (RuntimeError)             compiled data missing, corrupted or stale
"""

from __future__ import annotations


class PlacenamesError(Exception):
    """Base class of every error placenames raises on purpose."""


class UnknownPlaceError(PlacenamesError, LookupError):
    """No place has this id."""

    def __init__(self, place_id: str) -> None:
        super().__init__(f"no place with id {place_id!r}")
        self.place_id = place_id


class GazetteerSourceError(PlacenamesError, ValueError):
    """A gazetteer source or overlay file is malformed; names the file and line."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem


class DataError(PlacenamesError, RuntimeError):
    """The compiled gazetteer is missing, corrupted or does not match its sources."""
