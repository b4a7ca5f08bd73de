"""Compile gazetteer sources into the SQLite file the package reads at run time.

``python -m placenames.build [SOURCE_DIR] [-o OUTPUT]`` (also ``placenames gazetteer build``)
reads ``gazetteer/`` (imported tables, then curated files), checks it, normalizes every name
once, and writes ``placenames/data/gazetteer.sqlite``. The output depends only on the inputs:
rows are written in sorted order and the file is vacuumed, so the same sources give the same
bytes. The sha256 of every source file is stored in the ``meta`` table, which is how a test
(and ``placenames gazetteer check``) knows that the compiled data matches the sources.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ._errors import GazetteerSourceError
from ._normalize import (
    FUZZY_MIN_LENGTH,
    SCRIPT_BITS,
    delete_hash,
    deletes,
    fold,
    generic_bases,
    key_variants,
    normalize,
    script_bit,
    script_of,
)
from ._sources import MAJOR_LANGS, load_sources, source_files

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_OUTPUT = DATA_DIR / "gazetteer.sqlite"
DEFAULT_SOURCE = Path(__file__).resolve().parent.parent / "gazetteer"
SCHEMA_VERSION = 4

NAME_KIND_ORDER = {k: i for i, k in enumerate(
    ["official", "common", "variant", "endonym", "abbreviation", "romanization", "former",
     "misspelling", "qualifier", "alias", "code"])}
# Kinds whose names are also indexed without their generic term ("Senkaku Islands" as "Senkaku").
GENERIC_KINDS = frozenset("""island island_group islet atoll reef shoal mountain volcano""".split())
# Priors are log10 of an "effective population": how many people a place with this name
# stands for when the name is ambiguous. Cities use their population; other kinds a fixed value.
KIND_PRIOR = {
    "country": 9.0, "territory": 8.0, "de_facto_state": 8.0, "former_country": 7.5, "ocean": 9.0,
    "continent": 9.0,
    "sea": 8.0, "gulf": 7.5, "strait": 7.5, "region": 7.5, "mountain_range": 7.0, "desert": 7.0,
    "peninsula": 7.0, "island_group": 6.5, "lake": 6.5, "river": 6.5, "area": 6.5, "island": 6.2,
    "mountain": 6.2, "volcano": 6.0, "bay": 6.0, "channel": 6.0,
}
SUBDIVISION_PRIOR = (6.0, 5.3)   # first level, lower levels (a city of the same name usually wins)
# A first-level subdivision is as salient as twice the people of its towns in the gazetteer
# (towns from 1,000 inhabitants: the rest live in villages), within these bounds; a Jamaican
# parish of 26,000 town dwellers (Hanover) no longer outranks Hannover.
SUBDIVISION_TOWN_PRIOR = (5.0, 6.0)
DEFAULT_PRIOR = 5.8
CURATED_CITY_PRIOR = 5.0

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE places (
    idx INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, label TEXT NOT NULL,
    iso TEXT, country TEXT, lat REAL, lon REAL, wikidata TEXT, geonames INTEGER, parent TEXT,
    population INTEGER, prior REAL NOT NULL, extra TEXT);
CREATE TABLE names (
    place INTEGER NOT NULL, pos INTEGER NOT NULL, text TEXT NOT NULL, lang TEXT, kind TEXT NOT NULL,
    party TEXT, extra TEXT, PRIMARY KEY (place, pos)) WITHOUT ROWID;
CREATE TABLE norm (key TEXT NOT NULL, place INTEGER NOT NULL, pos INTEGER NOT NULL,
    support REAL NOT NULL, PRIMARY KEY (key, place, pos)) WITHOUT ROWID;
CREATE TABLE fold (key TEXT NOT NULL, place INTEGER NOT NULL, pos INTEGER NOT NULL,
    support REAL NOT NULL, scripts INTEGER NOT NULL, PRIMARY KEY (key, place, pos)) WITHOUT ROWID;
CREATE TABLE codes (code TEXT NOT NULL, place INTEGER NOT NULL, pos INTEGER NOT NULL,
    PRIMARY KEY (code, place, pos)) WITHOUT ROWID;
CREATE TABLE fuzzy_keys (kid INTEGER PRIMARY KEY, key TEXT NOT NULL);
CREATE TABLE tag_keys (key TEXT PRIMARY KEY, caps_only INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE redirects (old TEXT PRIMARY KEY, new INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE demonyms (text TEXT NOT NULL, place INTEGER NOT NULL, lang TEXT,
    PRIMARY KEY (text, place)) WITHOUT ROWID;
CREATE TABLE fuzzy_deletes (hash INTEGER NOT NULL, length INTEGER NOT NULL, kid INTEGER NOT NULL,
    PRIMARY KEY (hash, length, kid)) WITHOUT ROWID;
"""


def place_prior(rec: dict[str, Any], town_people: int | None = None) -> float:
    """log10 of the place's effective population (see KIND_PRIOR); ``town_people``: how many
    people live in the towns whose parent the place is (first-level subdivisions)."""
    kind = rec["kind"]
    if kind == "city":
        if not rec.get("population"):  # a curated city without a population figure
            return CURATED_CITY_PRIOR
        return round(math.log10(max(rec["population"], 1000)), 4)
    if kind == "territory" and rec["id"].startswith("pn:"):
        return KIND_PRIOR["area"]  # a disputed or historical territory, not an ISO 3166-1 entry
    if kind == "subdivision":
        first_level = (rec.get("parent") or "").count("-") == 0 and rec["id"].startswith("iso:")
        if not first_level or not town_people:   # no towns known: no evidence of size either way
            return SUBDIVISION_PRIOR[1] if not first_level else SUBDIVISION_PRIOR[0]
        low, high = SUBDIVISION_TOWN_PRIOR
        return round(min(high, max(low, math.log10(2 * town_people))), 4)
    return KIND_PRIOR.get(kind, DEFAULT_PRIOR)


def tidy_names(names: list[dict[str, Any]], stopwords: frozenset[str]) -> list[dict[str, Any]]:
    """One record per (text, lang); curated records win; imported junk is dropped."""
    best: dict[tuple[str, str | None], dict[str, Any]] = {}
    for name in names:
        if name["kind"] == "alias" and normalize(name["text"]) in stopwords:
            continue
        key = (name["text"], name["lang"])
        old = best.get(key)
        if old is None or _name_rank(name) < _name_rank(old):
            best[key] = name
    with_lang = {text for (text, lang) in best if lang is not None}
    kept = [n for (text, lang), n in best.items()
            if lang is not None or n["curated"] or text not in with_lang]
    curated = [n for n in kept if n["curated"]]
    imported = sorted((n for n in kept if not n["curated"]),
                      key=lambda n: (NAME_KIND_ORDER[n["kind"]], n["lang"] or "~", n["text"]))
    return curated + imported


def drop_minor_homonyms(places: dict[str, dict[str, Any]]) -> None:
    """Drop imported names that only a minor language gives a country or subdivision when they
    are the English name of another country, subdivision, curated place or city of 100,000
    (Walser "England" for the United Kingdom would otherwise outrank England itself, and a
    minor language's "Luanda" for Rwanda the capital of Angola)."""
    english: dict[str, set[str]] = {}
    for pid, rec in places.items():
        big_city = rec["kind"] == "city" and (rec.get("population") or 0) >= 100_000
        if rec["kind"] != "city" or big_city:
            for name in rec["names"]:
                if name["lang"] in ("en", None) and name["kind"] not in ("code", "alias"):
                    english.setdefault(fold(name["text"]), set()).add(pid)
    for pid, rec in places.items():
        if rec["kind"] not in ("country", "territory", "subdivision"):
            continue
        by_text: dict[str, set[str | None]] = {}
        for name in rec["names"]:
            by_text.setdefault(name["text"], set()).add(name["lang"])
        minor = {text for text, langs in by_text.items()
                 if not any(lang is None or lang.split("-")[0] in MAJOR_LANGS for lang in langs)
                 and english.get(fold(text), set()) - {pid}}
        if minor:
            rec["names"] = [n for n in rec["names"] if n["curated"] or n["text"] not in minor]


def _lang_weight(name: dict[str, Any]) -> float:
    lang = (name["lang"] or "").split("-")[0]
    if name["curated"] or not lang:
        return 1.0
    return 5.0 if lang == "en" else 2.0 if lang in MAJOR_LANGS else 1.0


def _name_rank(name: dict[str, Any]) -> tuple[int, int, int]:
    """Curated before imported, a name with its party before the same name without."""
    return (0 if name["curated"] else 1, 0 if name.get("party") else 1, NAME_KIND_ORDER[name["kind"]])


def read_stopwords(root: Path) -> frozenset[str]:
    path = root / "curated" / "not_places.txt"
    if not path.exists():
        return frozenset()
    words = (normalize(line.split("#")[0]) for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in words if w)


def read_tagging(root: Path) -> dict[str, list[str]]:
    """The tagger's word lists (curated/tagging.toml): org_suffixes, org_prefixes, ambiguous_words."""
    path = root / "curated" / "tagging.toml"
    if not path.exists():
        return {}
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise GazetteerSourceError(str(path), None, f"invalid TOML: {exc}") from None
    return {k: sorted({str(w) for w in doc.get(k, [])}) for k in ("org_suffixes", "org_prefixes",
                                                                  "ambiguous_words")}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def source_manifest(root: Path) -> list[dict[str, str]]:
    extra = [root / "curated" / n for n in ("not_places.txt", "demonyms.tsv", "tagging.toml", "redirects.tsv")]
    files = source_files(root) + [p for p in extra if p.exists()]
    return [{"file": p.relative_to(root).as_posix(), "sha256": sha256(p)} for p in sorted(files)]


def compile_places(places: dict[str, dict[str, Any]], stopwords: frozenset[str],
                   con: sqlite3.Connection) -> dict[str, int]:
    """Write places, names and keys into an empty database with SCHEMA."""
    # One row per (key, place): the place's first name with that key, names being in preference
    # order (curated, with a party, by kind). Many languages share a spelling; one row is enough.
    norm_rows: dict[tuple[str, int], int] = {}
    fold_rows: dict[tuple[str, int], int] = {}
    # support: how widely a spelling is used for a place (languages weighted: English 5,
    # other major languages 2, the rest and curated names 1), stored as ln(1 + total)
    norm_support: dict[tuple[str, int], float] = {}
    fold_support: dict[tuple[str, int], float] = {}
    # the scripts of the names behind a folded key (a bit per script, see SCRIPT_BITS)
    fold_scripts: dict[tuple[str, int], int] = {}
    code_rows: set[tuple[str, int, int]] = set()
    fuzzy: set[str] = set()
    # keys the tagger looks for in running text, and whether they only ever name a place in
    # capitals (US, UK, UAE: "us" is a pronoun)
    tag_caps: dict[str, bool] = {}
    counts = {"places": 0, "names": 0}
    town_people: dict[str, int] = {}
    for rec in places.values():
        if rec["kind"] == "city" and rec.get("parent") and rec.get("population"):
            town_people[rec["parent"]] = town_people.get(rec["parent"], 0) + rec["population"]
    for idx, pid in enumerate(sorted(places)):
        rec = places[pid]
        names = tidy_names(rec["names"], stopwords)
        extra = {k: rec[k] for k in ("dispute", "label_rule", "relations", "sources", "note")
                 if rec.get(k)}
        con.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (
            idx, pid, rec["kind"], rec["label"], rec.get("iso"), rec.get("country"), rec.get("lat"),
            rec.get("lon"), rec.get("wikidata"), rec.get("geonames"), rec.get("parent"),
            rec.get("population"), place_prior(rec, town_people.get(pid)),
            json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None))
        counts["places"] += 1
        for pos, name in enumerate(names):
            name_extra = {k: name[k] for k in ("valid_from", "valid_to", "note") if name.get(k)}
            con.execute("INSERT INTO names VALUES (?,?,?,?,?,?,?)", (
                idx, pos, name["text"], name["lang"], name["kind"], name["party"],
                json.dumps(name_extra, ensure_ascii=False, sort_keys=True) if name_extra else None))
            counts["names"] += 1
            if name["kind"] == "code" and len(name["text"]) <= 3:
                code_rows.add((name["text"], idx, pos))
                continue
            keys = key_variants(name["text"])
            script = script_bit(script_of(name["text"]))
            if _taggable(rec, name):
                caps = name["text"].isupper() and len(name["text"].replace(".", "")) <= 5
                for key in keys:
                    if len(key) >= 2:
                        tag_caps[key] = tag_caps.get(key, True) and caps
            bases = [b for k in keys for b in generic_bases(k)] if rec["kind"] in GENERIC_KINDS else []
            for key in keys + bases:
                weight = _lang_weight(name)
                if key in keys:
                    norm_rows.setdefault((key, idx), pos)
                    norm_support[(key, idx)] = norm_support.get((key, idx), 0.0) + weight
                folded = fold(key)
                if folded:
                    # the row's name is the first with the key, but a Latin one when there is
                    # one: a Latin query's typo of Kolkata must not meet only its Bulgarian name
                    first = fold_rows.setdefault((folded, idx), pos)
                    seen = fold_scripts.get((folded, idx), 0)
                    if first != pos and script == SCRIPT_BITS["LATIN"] and not seen & script:
                        fold_rows[(folded, idx)] = pos
                    fold_scripts[(folded, idx)] = seen | script
                    fold_support[(folded, idx)] = fold_support.get((folded, idx), 0.0) + weight
                    if (len(folded) >= FUZZY_MIN_LENGTH and len(folded) <= 40
                            and name["kind"] not in ("abbreviation", "code")
                            and not (rec["kind"] == "city" and name["kind"] == "alias")):
                        fuzzy.add(folded)
    con.executemany("INSERT INTO norm VALUES (?,?,?,?)", sorted(
        (k, i, p, round(math.log1p(norm_support[(k, i)]), 3)) for (k, i), p in norm_rows.items()))
    con.executemany("INSERT INTO fold VALUES (?,?,?,?,?)", sorted(
        (k, i, p, round(math.log1p(fold_support[(k, i)]), 3), fold_scripts[(k, i)])
        for (k, i), p in fold_rows.items()))
    con.executemany("INSERT INTO codes VALUES (?,?,?)", sorted(code_rows))
    fuzzy_keys = sorted(fuzzy)
    con.executemany("INSERT INTO fuzzy_keys VALUES (?,?)", enumerate(fuzzy_keys))
    # the key's length is in the primary key: a look-up reads only keys of a reachable length
    con.executemany("INSERT INTO fuzzy_deletes VALUES (?,?,?)", sorted(
        {(delete_hash(d), len(key), kid) for kid, key in enumerate(fuzzy_keys) for d in deletes(key)}))
    con.executemany("INSERT INTO tag_keys VALUES (?,?)",
                    sorted((k, int(c)) for k, c in tag_caps.items() if k not in stopwords))
    counts.update(keys=len(norm_rows), folded_keys=len(fold_rows), fuzzy_keys=len(fuzzy_keys),
                  tag_keys=len(tag_caps))
    return counts


TAG_MIN_CITY_POPULATION = 1000
_TAG_NAME_KINDS = frozenset({"common", "official", "variant", "abbreviation", "endonym", "romanization",
                             "former", "qualifier"})


def _taggable(rec: dict[str, Any], name: dict[str, Any]) -> bool:
    """Names the tagger looks for: not GeoNames aliases, codes or misspellings, and cities
    only from TAG_MIN_CITY_POPULATION inhabitants (smaller ones are resolved, not spotted)."""
    if name["kind"] not in _TAG_NAME_KINDS:
        return False
    return rec["kind"] != "city" or (rec.get("population") or 0) >= TAG_MIN_CITY_POPULATION


def compile_demonyms(path: Path, ids: dict[str, int], con: sqlite3.Connection) -> int:
    """gazetteer/curated/demonyms.tsv (id, text, lang) into the demonyms table."""
    if not path.exists():
        return 0
    rows: set[tuple[str, int, str | None]] = set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if lineno == 1 or not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3 or cells[0] not in ids:
            raise GazetteerSourceError(str(path), lineno, "expected id<TAB>text<TAB>lang with a known id")
        rows.add((normalize(cells[1]), ids[cells[0]], cells[2] or None))
    ordered = sorted(rows, key=lambda row: (row[0], row[1]))
    con.executemany("INSERT OR IGNORE INTO demonyms VALUES (?,?,?)", ordered)
    return len(rows)


def compile_redirects(path: Path, ids: dict[str, int], con: sqlite3.Connection) -> int:
    """gazetteer/curated/redirects.tsv (old id, new id, note): ids that were merged into another
    place keep working in ``get()``. An old id must be gone and its new id must exist."""
    if not path.exists():
        return 0
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if lineno == 1 or not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3 or cells[1] not in ids or cells[0] in ids:
            raise GazetteerSourceError(str(path), lineno, "expected old id<TAB>new id<TAB>note, the old id "
                                       "no longer a place and the new id a place")
        rows.append((cells[0], ids[cells[1]]))
    con.executemany("INSERT INTO redirects VALUES (?,?)", sorted(rows))
    return len(rows)


def build(source: Path = DEFAULT_SOURCE, output: Path = DEFAULT_OUTPUT) -> dict[str, Any]:
    """Compile ``source`` into ``output`` (atomically); returns the build summary."""
    places = load_sources(source)
    drop_minor_homonyms(places)
    stopwords = read_stopwords(source)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    done = False
    try:
        con.executescript("PRAGMA page_size=4096; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
        con.executescript(SCHEMA)
        counts = compile_places(places, stopwords, con)
        ids = {pid: idx for idx, pid in enumerate(sorted(places))}
        counts["demonyms"] = compile_demonyms(source / "curated" / "demonyms.tsv", ids, con)
        counts["redirects"] = compile_redirects(source / "curated" / "redirects.tsv", ids, con)
        summary = {"schema": SCHEMA_VERSION, "counts": counts, "sources": source_manifest(source)}
        summary["data_version"] = hashlib.sha256(
            json.dumps(summary["sources"], sort_keys=True).encode()).hexdigest()[:12]
        con.executemany("INSERT INTO meta VALUES (?,?)", [
            ("schema", str(SCHEMA_VERSION)), ("data_version", summary["data_version"]),
            ("counts", json.dumps(counts, sort_keys=True)),
            ("sources", json.dumps(summary["sources"], sort_keys=True)),
            ("stopwords", json.dumps(sorted(stopwords), ensure_ascii=False)),
            ("tagging", json.dumps(read_tagging(source), ensure_ascii=False, sort_keys=True))])
        con.commit()
        con.execute("VACUUM")
        done = True
    finally:
        con.close()
        if not done:  # a failed build leaves nothing behind
            tmp.unlink(missing_ok=True)
    os.replace(tmp, output)
    write_checksum(output)
    return summary


def checksum_path(data: Path) -> Path:
    return data.with_name(data.name + ".sum")


def write_checksum(data: Path) -> None:
    """A sidecar with the compiled file's size and sha256: the loader checks the size on every
    open (a truncated file fails clearly) and the hash on request (``verify=True``)."""
    checksum_path(data).write_text(json.dumps({"bytes": data.stat().st_size, "sha256": sha256(data)}) + "\n")


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m placenames.build", description=__doc__.split("\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(list(argv) if argv is not None else None)
    summary = build(args.source, args.output)
    print(f"wrote {args.output} (data version {summary['data_version']}): "
          + ", ".join(f"{v:,} {k}" for k, v in summary["counts"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
