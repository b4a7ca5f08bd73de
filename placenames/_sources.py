"""Read gazetteer sources (imported TSV tables and curated TOML files) into place records.

A record is a plain dict with the fields of ``models.Place`` plus ``names`` (a list of name
dicts) and ``origin`` (the file it came from). Curated files are applied after imported tables,
so they win; a curated place whose id already exists extends it. Every problem is reported as a
``GazetteerSourceError`` naming the file and line.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ._errors import GazetteerSourceError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PLACE_KINDS = frozenset("""country territory de_facto_state former_country subdivision city ocean sea gulf bay
strait channel sound lake river canal island island_group islet atoll reef shoal peninsula cape
isthmus mountain volcano mountain_range pass plateau valley plain basin desert glacier forest
delta canyon continent region area landmark""".split())
NAME_KINDS = frozenset("""common official variant abbreviation code former endonym romanization
alias misspelling qualifier""".split())
# Languages whose usage weighs more than others' (widely written, in news and data)
MAJOR_LANGS = frozenset("""en fr de es it pt ru zh ja ko ar nl pl tr sv uk fa hi id vi th he el cs
ro hu da fi nb no""".split())
LABEL_RULES = frozenset("""shared third_party intl_body descriptive slash_alpha established_name
official_current official_romanization official_dual""".split())
ID_PATTERN = re.compile(r"^(iso:[A-Z]{2}(-[A-Z0-9]{1,3})?|gn:[0-9]+|fips:[0-9]{5}|pn:[a-z0-9]+(-[a-z0-9]+)*)$")
LANG_PATTERN = re.compile(r"^(und|[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?(-[a-z0-9]{5,8})*)$")
PARTY_PATTERN = re.compile(r"^([A-Z]{2}|x-[a-z0-9-]+|grp-[a-z0-9-]+|intl(-[a-z]+)?)$")
PLACE_FIELDS = ("id", "kind", "label", "iso", "country", "lat", "lon", "wikidata", "geonames",
                "parent", "population")
MAX_FILE_BYTES = 64 * 1024 * 1024   # overlays larger than this are refused
_INT_FIELDS = {"geonames", "population"}
_FLOAT_FIELDS = {"lat", "lon"}


def read_tsv_places(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    """Rows of a places table, as (line number, record)."""
    for lineno, cells in _tsv_rows(path, PLACE_FIELDS):
        rec: dict[str, Any] = {}
        for field, cell in zip(PLACE_FIELDS, cells):
            rec[field] = _convert(field, cell, path, lineno) if cell else None
        rec["names"] = []
        rec["origin"] = path.name
        yield lineno, rec


def read_tsv_names(path: Path) -> Iterable[tuple[int, str, dict[str, Any]]]:
    """Rows of a names table, one per language, as (line number, place id, name)."""
    for lineno, (pid, text, langs, kind) in _tsv_rows(path, ("id", "text", "langs", "kind")):
        if kind not in NAME_KINDS:
            raise GazetteerSourceError(str(path), lineno, f"unknown name kind {kind!r}")
        for lang in langs.split(","):
            yield lineno, pid, {"text": text, "lang": None if lang == "und" else lang, "kind": kind,
                                "party": None, "curated": False}


def _tsv_rows(path: Path, header: tuple[str, ...]) -> Iterable[tuple[int, list[str]]]:
    with open(path, encoding="utf-8") as fh:
        seen_header = False
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if not seen_header:
                if tuple(cells) != header:
                    raise GazetteerSourceError(str(path), lineno, f"expected header {header}")
                seen_header = True
                continue
            if len(cells) != len(header):
                raise GazetteerSourceError(str(path), lineno,
                                           f"expected {len(header)} columns, found {len(cells)}")
            yield lineno, cells


def _convert(field: str, value: Any, path: Path | str, line: int | None) -> Any:
    try:
        if field in _INT_FIELDS:
            return int(value)
        if field in _FLOAT_FIELDS:
            number = float(value)
            if not math.isfinite(number):
                raise ValueError
            return number
    except (TypeError, ValueError):
        raise GazetteerSourceError(str(path), line, f"{field} must be a number, not {value!r}") from None
    if not isinstance(value, str):
        raise GazetteerSourceError(str(path), line, f"{field} must be a string, not {value!r}")
    return value


def read_toml_places(path: Path) -> list[tuple[int | None, dict[str, Any]]]:
    """Places of a curated (or overlay) TOML file, as (line of its id, record)."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise GazetteerSourceError(str(path), None, f"file larger than {MAX_FILE_BYTES} bytes")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
        doc = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise GazetteerSourceError(str(path), None, f"not UTF-8 ({exc.reason})") from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        raise GazetteerSourceError(str(path), line, f"invalid TOML: {exc}") from None
    meta = doc.get("meta", {})
    if not isinstance(meta, dict):
        raise GazetteerSourceError(str(path), None, "[meta] must be a table")
    unknown = set(doc) - {"meta", "place"}
    if unknown:
        raise GazetteerSourceError(str(path), None, f"unknown top-level keys {sorted(unknown)}")
    places = doc.get("place", [])
    if not isinstance(places, list):
        raise GazetteerSourceError(str(path), None, "'place' must be an array of tables ([[place]])")
    id_lines = _id_lines(text)
    out = []
    for raw_place in places:
        pid = raw_place.get("id") if isinstance(raw_place, dict) else None
        line = id_lines.get(pid) if isinstance(pid, str) else None
        out.append((line, _toml_place(raw_place, meta, path, line)))
    return out


def _line_from_message(message: str) -> int | None:
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else None


def _id_lines(text: str) -> dict[str, int]:
    lines = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        m = re.match(r'\s*id\s*=\s*"([^"]+)"', line)
        if m and m.group(1) not in lines:
            lines[m.group(1)] = lineno
    return lines


_TOML_KEYS = set(PLACE_FIELDS) | {"names", "dispute", "label_rule", "relations", "sources", "note",
                                  "as_of"}


def _toml_place(raw: Any, meta: dict[str, Any], path: Path, line: int | None) -> dict[str, Any]:
    where = str(path)
    if not isinstance(raw, dict):
        raise GazetteerSourceError(where, line, "a [[place]] must be a table")
    unknown = set(raw) - _TOML_KEYS
    if unknown:
        raise GazetteerSourceError(where, line, f"unknown keys {sorted(unknown)}")
    pid = raw.get("id")
    if not isinstance(pid, str) or not ID_PATTERN.match(pid):
        raise GazetteerSourceError(where, line, f"invalid or missing id {pid!r}")
    rec: dict[str, Any] = {"id": pid, "origin": path.name}
    for field in PLACE_FIELDS[1:]:
        if field in raw:
            rec[field] = _convert(field, raw[field], path, line)
    if "kind" in rec and rec["kind"] not in PLACE_KINDS:
        raise GazetteerSourceError(where, line, f"{pid}: unknown kind {rec['kind']!r}")
    for field in ("lat", "lon"):
        limit = 90 if field == "lat" else 180
        if field in rec and not -limit <= rec[field] <= limit:
            raise GazetteerSourceError(where, line, f"{pid}: {field} {rec[field]} out of range")
    if "label_rule" in raw:
        if raw["label_rule"] not in LABEL_RULES:
            raise GazetteerSourceError(where, line, f"{pid}: unknown label_rule {raw['label_rule']!r}")
        rec["label_rule"] = raw["label_rule"]
    if "note" in raw:
        rec["note"] = str(raw["note"])
    sources = raw.get("sources", meta.get("sources"))
    if sources is not None:
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            raise GazetteerSourceError(where, line, f"{pid}: sources must be a list of strings")
        rec["sources"] = list(sources)
    if "relations" in raw:
        rec["relations"] = _relations(raw["relations"], pid, where, line)
    if "dispute" in raw:
        rec["dispute"] = _dispute(raw["dispute"], meta, pid, where, line)
    rec["names"] = _names(raw.get("names", {}), pid, where, line)
    return rec


def _relations(value: Any, pid: str, where: str, line: int | None) -> list[dict[str, str]]:
    out = []
    for rel in value if isinstance(value, list) else [None]:
        if (not isinstance(rel, dict) or rel.get("type") not in ("part_of", "has_part", "overlaps")
                or not isinstance(rel.get("id"), str) or not ID_PATTERN.match(rel["id"])):
            raise GazetteerSourceError(where, line, f"{pid}: bad relation {rel!r}")
        out.append({"type": rel["type"], "id": rel["id"]})
    return out


def _dispute(value: Any, meta: dict[str, Any], pid: str, where: str, line: int | None) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise GazetteerSourceError(where, line, f"{pid}: dispute must be a table")
    unknown = set(value) - {"status", "administered_by", "claimants", "as_of", "sources", "note"}
    if unknown:
        raise GazetteerSourceError(where, line, f"{pid}: unknown dispute keys {sorted(unknown)}")
    out: dict[str, Any] = {"status": str(value.get("status", "disputed"))}
    for field in ("administered_by", "claimants"):
        parties = value.get(field, [])
        if not isinstance(parties, list) or not all(isinstance(p, str) and PARTY_PATTERN.match(p)
                                                   for p in parties):
            raise GazetteerSourceError(where, line, f"{pid}: dispute.{field} must list party codes")
        out[field] = list(parties)
    out["as_of"] = str(value.get("as_of", meta.get("as_of", ""))) or None
    out["sources"] = [str(s) for s in value.get("sources", meta.get("sources", []))]
    if "note" in value:
        out["note"] = str(value["note"])
    return out


def _names(value: Any, pid: str, where: str, line: int | None) -> list[dict[str, Any]]:
    if not isinstance(value, dict):
        raise GazetteerSourceError(where, line, f"{pid}: names must be a table of language -> list")
    out = []
    for lang, entries in value.items():
        if not LANG_PATTERN.match(lang):
            raise GazetteerSourceError(where, line, f"{pid}: invalid language tag {lang!r}")
        if not isinstance(entries, list):
            raise GazetteerSourceError(where, line, f"{pid}: names.{lang} must be a list")
        for entry in entries:
            name = {"text": entry} if isinstance(entry, str) else entry
            if not isinstance(name, dict) or not isinstance(name.get("text"), str):
                raise GazetteerSourceError(where, line, f"{pid}: bad name {entry!r} in names.{lang}")
            unknown = set(name) - {"text", "kind", "party", "valid_from", "valid_to", "note"}
            if unknown:
                raise GazetteerSourceError(where, line, f"{pid}: unknown name keys {sorted(unknown)}")
            text = " ".join(name["text"].split())
            if not text:
                raise GazetteerSourceError(where, line, f"{pid}: empty name in names.{lang}")
            kind = name.get("kind", "common")
            if kind not in NAME_KINDS:
                raise GazetteerSourceError(where, line, f"{pid}: unknown name kind {kind!r}")
            party = name.get("party")
            if party is not None and (not isinstance(party, str) or not PARTY_PATTERN.match(party)):
                raise GazetteerSourceError(where, line, f"{pid}: invalid party {party!r}")
            rec = {"text": text, "lang": None if lang == "und" else lang, "kind": kind,
                   "party": party, "curated": True}
            for extra in ("valid_from", "valid_to", "note"):
                if extra in name:
                    rec[extra] = str(name[extra])
            out.append(rec)
    return out


def merge(records: Iterable[tuple[str, int | None, dict[str, Any]]],
          places: dict[str, dict[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """Apply (file, line, record) in order: new ids are added, known ids are extended."""
    places = {} if places is None else places
    for where, line, rec in records:
        pid = rec["id"]
        if pid in places:
            base = places[pid]
            for field, value in rec.items():
                if field == "names":
                    base["names"].extend(value)
                elif field != "origin":
                    base[field] = value
        else:
            missing = [f for f in ("kind", "label") if not rec.get(f)]
            if missing:
                raise GazetteerSourceError(where, line, f"{pid}: new place without {', '.join(missing)}")
            places[pid] = rec
    return places


def load_sources(root: Path) -> dict[str, dict[str, Any]]:
    """All places of a gazetteer source tree: imported tables first, then curated files."""
    places: dict[str, dict[str, Any]] = {}
    imported = root / "imported"
    for path in sorted(imported.glob("*.tsv")):
        if not path.name.endswith("names.tsv"):
            merge(((str(path), line, rec) for line, rec in read_tsv_places(path)), places)
    for path in sorted(imported.glob("*names.tsv")):
        for line, pid, name in read_tsv_names(path):
            if pid not in places:
                raise GazetteerSourceError(str(path), line, f"name for unknown place {pid!r}")
            places[pid]["names"].append(name)
    # Curated files may extend places another curated file defines (in any file order): records
    # for ids not known yet wait until every file's new places are in.
    waiting: list[tuple[str, int | None, dict[str, Any]]] = []
    for path in source_files(root, curated_only=True):
        for toml_line, rec in read_toml_places(path):
            if rec["id"] in places or (rec.get("kind") and rec.get("label")):
                merge([(str(path), toml_line, rec)], places)
            else:
                waiting.append((str(path), toml_line, rec))
    merge(waiting, places)
    return places


def source_files(root: Path, *, curated_only: bool = False) -> list[Path]:
    """The files a build reads, in the order it reads them."""
    # tagging.toml holds the tagger's word lists, not places
    curated = sorted(p for p in (root / "curated").glob("*.toml") if p.name != "tagging.toml")
    if curated_only:
        return curated
    return sorted((root / "imported").glob("*.tsv")) + curated
