"""Read-only access to a compiled gazetteer (one SQLite file).

Each thread (and each process after a fork) gets its own connection; the file is opened
read-only and immutable, so nothing here can change it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ._errors import DataError
from ._normalize import delete_hash, deletes
from .models import Dispute, Name, Place, Relation

SCHEMA_VERSION = "4"         # must match build.SCHEMA_VERSION


class Store:
    """Look-ups over one compiled gazetteer file."""

    def __init__(self, path: Path, *, verify: bool = False) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise DataError(
                f"compiled gazetteer not found at {self.path}; in a source checkout run "
                "`python -m placenames.build` (or reinstall the package)")
        _check_sidecar(self.path, verify)
        self._local = threading.local()
        meta = dict(self._con().execute("SELECT key, value FROM meta").fetchall())
        if meta.get("schema") != SCHEMA_VERSION:
            raise DataError(f"{self.path}: schema {meta.get('schema')!r}, expected {SCHEMA_VERSION}; "
                            "rebuild with `python -m placenames.build` or reinstall")
        self.meta = meta
        self.data_version: str = meta["data_version"]
        self.stopwords = frozenset(json.loads(meta.get("stopwords", "[]")))
        # a longer query cannot be a code: hits() then leaves the codes table out of its query
        self.longest_code: int = self._query("SELECT max(length(code)) FROM codes")[0][0] or 0
        self.place = lru_cache(maxsize=2048)(self._place)
        self.name = lru_cache(maxsize=8192)(self._name_at)

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None or self._local.pid != os.getpid():
            try:
                uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
                con = sqlite3.connect(uri, uri=True, check_same_thread=False)
                con.execute("PRAGMA query_only=1")
                con.execute("SELECT 1 FROM meta LIMIT 1")
            except sqlite3.DatabaseError as exc:
                raise DataError(f"{self.path} is not a valid compiled gazetteer ({exc}); rebuild it "
                                "with `python -m placenames.build` or reinstall") from None
            self._local.con = con
            self._local.pid = os.getpid()
        return con

    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._con().execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise DataError(f"{self.path} is corrupted ({exc}); reinstall the package") from None

    def hits(self, norm_keys: list[str], fold_keys: list[str], code: str) -> list[tuple[Any, ...]]:
        """Every name matching any key, in one query: (table, key, place, pos, support, prior,
        kind, country, id, text, lang, name kind, party, label, iso, parent, scripts); table is
        0 codes, 1 normalized, 2 folded; scripts (folded keys only) has a bit per script of the
        place's names with that key (``SCRIPT_BITS``)."""
        codes = [code] if code and len(code) <= self.longest_code else []
        if not (codes or norm_keys or fold_keys):
            return []
        sql = _hits_sql(len(codes), len(norm_keys), len(fold_keys))
        return self._query(sql, (*codes, *norm_keys, *fold_keys))

    def fuzzy_keys(self, key: str, max_edits: int) -> list[str]:
        """Folded keys of a length within ``max_edits`` of ``key``'s whose prefix is within the
        symmetric-delete neighbourhood of its prefix (candidates for an edit-distance check)."""
        hashes = sorted({delete_hash(d) for d in deletes(key)})
        marks = ",".join("?" * len(hashes))
        rows = self._query(
            f"SELECT DISTINCT k.key FROM fuzzy_deletes d JOIN fuzzy_keys k ON k.kid = d.kid "
            f"WHERE d.hash IN ({marks}) AND d.length BETWEEN ? AND ?",
            (*hashes, len(key) - max_edits, len(key) + max_edits))
        return sorted(r[0] for r in rows)

    def idx_of(self, place_id: str) -> int | None:
        """The row of the place with this id, or of the place it was merged into."""
        rows = self._query("SELECT idx FROM places WHERE id = ? UNION ALL "
                           "SELECT new FROM redirects WHERE old = ?", (place_id, place_id))
        return rows[0][0] if rows else None

    def _name_at(self, idx: int, pos: int) -> Name:
        row = self._query("SELECT text, lang, kind, party, extra FROM names WHERE place = ? AND pos = ?",
                          (idx, pos))[0]
        return _names([row])[0]

    def _place(self, idx: int) -> Place:
        rows = self._query("SELECT id, kind, label, iso, country, lat, lon, wikidata, geonames, parent, "
                           "population, extra FROM places WHERE idx = ?", (idx,))
        if not rows:
            raise DataError(f"{self.path}: dangling place reference {idx}")
        (pid, kind, label, iso, country, lat, lon, wikidata, geonames, parent, population,
         extra) = rows[0]
        names = _names(self._query(
            "SELECT text, lang, kind, party, extra FROM names WHERE place = ? ORDER BY pos", (idx,)))
        more = json.loads(extra) if extra else {}
        dispute = more.get("dispute")
        # The compiled data was validated at build time: construct without re-validating.
        return _construct(Place, _PLACE_FIELDS, {
            "id": pid, "kind": kind, "label": label, "names": names, "iso": iso, "country": country,
            "lat": lat, "lon": lon, "wikidata": wikidata, "geonames": geonames, "parent": parent,
            "population": population, "dispute": Dispute(**dispute) if dispute else None,
            "label_rule": more.get("label_rule"), "relations": [Relation(**r) for r in more.get("relations", [])],
            "sources": more.get("sources", []), "note": more.get("note")})

    def all_ids(self) -> list[str]:
        return [r[0] for r in self._query("SELECT id FROM places ORDER BY idx")]

    def stats(self) -> dict[str, Any]:
        out: dict[str, Any] = {"data_version": self.data_version}
        out["places_by_kind"] = dict(self._query(
            "SELECT kind, COUNT(*) FROM places GROUP BY kind ORDER BY COUNT(*) DESC, kind"))
        out["names"] = self._query("SELECT COUNT(*) FROM names")[0][0]
        out["names_by_kind"] = dict(self._query(
            "SELECT kind, COUNT(*) FROM names GROUP BY kind ORDER BY COUNT(*) DESC, kind"))
        out["languages"] = self._query("SELECT COUNT(DISTINCT lang) FROM names WHERE lang IS NOT NULL")[0][0]
        out["sources"] = json.loads(self.meta.get("sources", "[]"))
        return out


_HIT_COLUMNS = ("k.place, k.pos, {support}, p.prior, p.kind, p.country, p.id, "
                "n.text, n.lang, n.kind, n.party, p.label, p.iso, p.parent, {scripts}")


@lru_cache(maxsize=64)
def _hits_sql(codes: int, norm_keys: int, fold_keys: int) -> str:
    """The text of the hits() query for so many keys of each kind (made once, not per look-up)."""
    parts = []
    for table, number, keys in (("codes", 0, codes), ("norm", 1, norm_keys), ("fold", 2, fold_keys)):
        if keys:
            key_col = "k.code" if table == "codes" else "k.key"
            cols = _HIT_COLUMNS.format(support="1.0" if table == "codes" else "k.support",
                                       scripts="k.scripts" if table == "fold" else "0")
            parts.append(
                f"SELECT {number}, {key_col}, {cols} FROM {table} k "
                f"JOIN places p ON p.idx = k.place JOIN names n ON n.place = k.place AND n.pos = k.pos "
                f"WHERE {key_col} IN ({','.join('?' * keys)})")
    return " UNION ALL ".join(parts)


# Every instance built here has every field set, so all share one set. A plain set: pydantic's
# model_copy(update=...) copies it and adds to the copy (a frozenset has no add).
_NAME_FIELDS = set(Name.model_fields)
_PLACE_FIELDS = set(Place.model_fields)


def _construct(cls: Any, fields: frozenset[str] | set[str], values: dict[str, Any]) -> Any:
    """A model instance from compiled, validated values, every field given: what model_construct
    does, without its per-field bookkeeping (places are built by the thousand in a batch)."""
    obj = _new_object(cls)   # the callers give every field, or the instance would lack one
    _set_state(obj, values)
    _set_fields_set(obj, fields)
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


# A model's state lives in BaseModel's slots: set through their descriptors, past the frozen
# models' __setattr__ (and without object.__setattr__'s look-up of each name)
_new_object = object.__new__
_set_state = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def _check_sidecar(path: Path, verify: bool) -> None:
    """Compare the file with the size (always) and sha256 (when ``verify``) recorded at build."""
    sidecar = path.with_name(path.name + ".sum")
    if not sidecar.is_file():
        return  # an overlay or a file compiled by hand: nothing recorded to compare with
    try:
        expected = json.loads(sidecar.read_text())
        size, digest = int(expected["bytes"]), str(expected["sha256"])
    except (ValueError, KeyError, TypeError):
        raise DataError(f"{sidecar} is unreadable; reinstall the package or rebuild the data") from None
    actual = path.stat().st_size
    if actual != size:
        raise DataError(f"{path} has {actual} bytes, {size} were written: the file is truncated or "
                        "was modified; reinstall the package or rebuild the data")
    if verify:
        import hashlib

        if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            raise DataError(f"{path} does not match its recorded sha256: the file is corrupted; "
                            "reinstall the package or rebuild the data")


def _names(rows: Iterable[tuple[Any, ...]]) -> list[Name]:
    """Names from compiled rows (validated at build time; countries carry hundreds of names, so
    this is _construct inlined, and the few distinct codes are shared, not copied per name)."""
    out = []
    for text, lang, kind, party, extra in rows:
        if extra:
            more = json.loads(extra)
            valid_from, valid_to, note = more.get("valid_from"), more.get("valid_to"), more.get("note")
        else:
            valid_from = valid_to = note = None
        obj = _new_object(Name)
        _set_state(obj, {"text": text, "lang": lang and _intern(lang), "party": party and _intern(party),
                         "kind": _intern(kind), "valid_from": valid_from, "valid_to": valid_to, "note": note})
        _set_fields_set(obj, _NAME_FIELDS)
        _set_extra(obj, None)
        _set_private(obj, None)
        out.append(obj)
    return out


_intern = sys.intern
