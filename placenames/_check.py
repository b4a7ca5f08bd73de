"""``placenames gazetteer check``: validate gazetteer sources and report problems.

Errors: unknown kinds, bad coordinates, missing labels, parents or relations that do not exist,
parent cycles, empty names, contested places without parties, an as-of date or sources, a
compiled file that does not match its sources. Warnings: curated names that another place also
carries (an intended ambiguity must be visible, not silent).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

from ._errors import GazetteerSourceError
from ._normalize import normalize
from ._sources import PLACE_KINDS, load_sources


def check(source: Path | None = None, compiled: Path | None = None) -> list[dict[str, str]]:
    """Problems found in the source tree (default ./gazetteer, else the package's sibling)."""
    from .build import DEFAULT_OUTPUT, DEFAULT_SOURCE

    source = source or (Path("gazetteer") if Path("gazetteer/curated").is_dir() else DEFAULT_SOURCE)
    problems: list[dict[str, str]] = []

    def report(severity: str, place: str, problem: str) -> None:
        problems.append({"severity": severity, "place": place, "problem": problem})

    try:
        places = load_sources(source)
    except GazetteerSourceError as exc:
        report("error", exc.path, str(exc))
        return problems
    for pid, rec in sorted(places.items()):
        _check_place(pid, rec, places, report)
    _check_collisions(places, report)
    compiled = compiled or DEFAULT_OUTPUT
    if compiled.is_file():
        for problem in stale_sources(source, compiled):
            report("error", str(compiled), problem)
    return problems


def _check_place(pid: str, rec: dict[str, Any], places: dict[str, dict[str, Any]], report: Any) -> None:
    if rec.get("kind") not in PLACE_KINDS:
        report("error", pid, f"unknown kind {rec.get('kind')!r}")
    if not rec.get("label"):
        report("error", pid, "no label")
    lat, lon = rec.get("lat"), rec.get("lon")
    if (lat is None) != (lon is None):
        report("error", pid, "only one of lat/lon")
    elif lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        report("error", pid, f"coordinates out of range ({lat}, {lon})")
    if not rec["names"]:
        report("error", pid, "no names")
    for name in rec["names"]:
        if not name["text"].strip():
            report("error", pid, "empty name")
    parent, seen = rec.get("parent"), {pid}
    while parent:
        if parent not in places:
            report("error", pid, f"parent {parent} does not exist")
            break
        if parent in seen:
            report("error", pid, f"parent cycle through {parent}")
            break
        seen.add(parent)
        parent = places[parent].get("parent")
    for rel in rec.get("relations", []):
        if rel["id"] not in places:
            report("error", pid, f"relation {rel['type']} to missing place {rel['id']}")
    dispute = rec.get("dispute")
    if dispute:
        if not dispute["administered_by"] and not dispute["claimants"] and dispute["status"] not in (
                "unclaimed", "naming_dispute", "renamed", "romanization", "sensitive", "resolved"):
            report("error", pid, "disputed place lists no parties")
        if not dispute.get("as_of"):
            report("error", pid, "dispute without an as-of date")
        if not dispute.get("sources"):
            report("error", pid, "dispute without sources")


def _check_collisions(places: dict[str, dict[str, Any]], report: Any) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for pid, rec in places.items():
        for name in rec["names"]:
            if name["kind"] != "code":
                owners[normalize(name["text"])].add(pid)
    for pid, rec in sorted(places.items()):
        for name in rec["names"]:
            if name.get("curated") and name["kind"] != "code":
                others = sorted(owners[normalize(name["text"])] - {pid})
                non_city = [o for o in others if places[o]["kind"] != "city"]
                if non_city:
                    report("warning", pid, f"name {name['text']!r} also names {', '.join(non_city[:5])}")


def stale_sources(source: Path, compiled: Path) -> list[str]:
    """Why the compiled file does not match the source tree (empty when it does)."""
    con = sqlite3.connect(f"{compiled.resolve().as_uri()}?mode=ro", uri=True)
    try:
        recorded = json.loads(con.execute("SELECT value FROM meta WHERE key = 'sources'").fetchone()[0])
    finally:
        con.close()
    out = []
    listed = set()
    for entry in recorded:
        path = source / entry["file"]
        listed.add(entry["file"])
        if not path.is_file():
            out.append(f"compiled from {entry['file']}, which no longer exists; rebuild")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
            out.append(f"{entry['file']} changed since the data was compiled; rebuild")
    from ._sources import source_files

    extra = [source / "curated" / n for n in ("not_places.txt", "demonyms.tsv", "tagging.toml")]
    for path in source_files(source) + extra:
        rel = path.relative_to(source).as_posix()
        if path.is_file() and rel not in listed:
            out.append(f"{rel} is not in the compiled data; rebuild")
    return out
