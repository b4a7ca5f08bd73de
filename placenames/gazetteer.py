"""The Gazetteer: the bundled data, optionally with user overlays, and the queries over it."""

from __future__ import annotations

import hashlib
import tempfile
import threading
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any, ClassVar

from ._errors import GazetteerSourceError, UnknownPlaceError
from ._resolver import Resolver
from ._store import Store
from .models import Match, Mention, Place

BUNDLED = Path(__file__).resolve().parent / "data" / "gazetteer.sqlite"


class Gazetteer:
    """A compiled gazetteer with its resolver.

    ``Gazetteer.default()`` is the bundled data, loaded once (thread-safe) on first use. Every
    open checks the compiled file's size against the size recorded at build time (a truncated
    file is a clear ``DataError``); ``verify=True`` also checks its sha256 (about a second).
    ``Gazetteer(overlays=[path, ...])`` adds user files in the curated TOML format (see
    ``gazetteer/SCHEMA.md``): new places, or extra names and fields for existing places (by
    id). Overlays are parsed as data only and compiled into a private temporary file; the
    bundled data is never modified.
    """

    _default: ClassVar[Gazetteer | None] = None
    _default_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, overlays: Iterable[str | Path] = (), *, path: str | Path | None = None,
                 verify: bool = False) -> None:
        self.base = Store(Path(path) if path is not None else BUNDLED, verify=verify)
        stores = [self.base]
        self._tmpdir = None
        overlay_paths = [Path(p) for p in overlays]
        if overlay_paths:
            self._tmpdir = tempfile.TemporaryDirectory(prefix="placenames-overlay-")
            stores.append(_compile_overlay(self.base, overlay_paths, Path(self._tmpdir.name)))
        self.stores = stores
        self.resolver = Resolver(stores)

    @classmethod
    def default(cls) -> Gazetteer:
        """The bundled gazetteer, created on first call and shared afterwards."""
        if cls._default is None:
            with cls._default_lock:
                if cls._default is None:
                    cls._default = cls()
        return cls._default

    @property
    def data_version(self) -> str:
        return self.base.data_version

    def resolve(self, query: str, *, lang: str | None = None, kinds: Collection[str] | None = None,
                country: str | None = None) -> Match | None:
        """The best credible match for ``query``, or None."""
        return self.resolver.resolve(query, lang=lang, kinds=kinds, country=country)

    def candidates(self, query: str, *, limit: int = 10, lang: str | None = None,
                   kinds: Collection[str] | None = None, country: str | None = None) -> list[Match]:
        """Ranked matches for ``query``, best first; empty when nothing matches."""
        return self.resolver.candidates(query, limit=limit, lang=lang, kinds=kinds, country=country)

    def tag(self, text: str, *, lang: str | None = None, demonyms: bool = False) -> list[Mention]:
        """Place mentions in running text, with offsets (see ``placenames.tag``)."""
        from ._tagger import tag

        return tag(self, text, lang=lang, demonyms=demonyms)

    def get(self, place_id: str) -> Place:
        """The place with this id; raises UnknownPlaceError (a LookupError) if there is none."""
        if not isinstance(place_id, str):
            raise TypeError(f"place_id must be a str, not {type(place_id).__name__}")
        for store in reversed(self.stores):
            idx = store.idx_of(place_id)
            if idx is not None:
                return store.place(idx)
        raise UnknownPlaceError(place_id)

    def ancestors(self, place_id: str) -> list[Place]:
        """The parents of a place, nearest first (city -> subdivision -> country)."""
        out: list[Place] = []
        seen = {place_id}
        parent = self.get(place_id).parent
        while parent and parent not in seen:
            seen.add(parent)
            try:
                place = self.get(parent)
            except UnknownPlaceError:
                break
            out.append(place)
            parent = place.parent
        return out

    def stats(self) -> dict[str, Any]:
        return self.base.stats()


def _compile_overlay(base: Store, paths: Sequence[Path], workdir: Path) -> Store:
    """Compile overlay files (plus the base places they extend) into a private store."""
    import sqlite3

    from . import build
    from ._sources import merge, read_toml_places

    records: list[tuple[str, int | None, dict[str, Any]]] = []
    for path in paths:
        if not path.is_file():
            raise GazetteerSourceError(str(path), None, "no such file")
        records.extend((str(path), line, rec) for line, rec in read_toml_places(path))
    places: dict[str, dict[str, Any]] = {}
    for where, line, rec in records:
        idx = base.idx_of(rec["id"])
        if idx is not None and rec["id"] not in places:
            places[rec["id"]] = _record_of(base.place(idx))
    merge(records, places)
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in paths)).hexdigest()[:12]
    out = workdir / f"overlay-{digest}.sqlite"
    con = sqlite3.connect(out)
    try:
        con.executescript(build.SCHEMA)
        build.compile_places(places, frozenset(), con)
        con.executemany("INSERT INTO meta VALUES (?,?)", [
            ("schema", str(build.SCHEMA_VERSION)), ("data_version", f"overlay-{digest}")])
        con.commit()
    finally:
        con.close()
    return Store(out)


def _record_of(place: Place) -> dict[str, Any]:
    rec = place.model_dump(exclude={"names"})
    if place.dispute is not None:
        rec["dispute"] = place.dispute.model_dump()
    rec["names"] = [dict(n.model_dump(), curated=True) for n in place.names]
    rec["origin"] = "bundled"
    return rec
