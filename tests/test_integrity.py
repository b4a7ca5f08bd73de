"""Integrity audit of the bundled gazetteer: ids, kinds, labels, coordinates, hierarchy, names
that find their own place, and the compiled file's checksums."""

from __future__ import annotations

import shutil

import pytest

import placenames
from placenames._sources import ID_PATTERN, PLACE_KINDS

MARGIN = 3.0          # degrees around a country's towns
REMOTE_MARGIN = 15.0  # islands and capes can lie far from any town (Franz Josef Land, Aldabra)
REMOTE_KINDS = {"island", "island_group", "islet", "atoll", "reef", "shoal", "cape"}
# Audited and right: outposts with no ISO 3166-1 code of their own, far from the country's towns.
FAR_OUTPOSTS = {"pn:clipperton-island"}


@pytest.fixture(scope="module")
def rows(gaz):
    return gaz.base._query("SELECT idx, id, kind, label, country, lat, lon, parent FROM places")


def test_ids_kinds_labels_and_coordinates(rows):
    bad = [(pid, kind, label, lat, lon) for _, pid, kind, label, _, lat, lon, _ in rows
           if not ID_PATTERN.match(pid) or kind not in PLACE_KINDS or not label.strip()
           or (lat is None) != (lon is None)
           or (lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180))]
    assert bad == []


def test_every_country_and_curated_place_has_a_point(rows):
    missing = [pid for _, pid, kind, _, _, lat, _, _ in rows
               if lat is None and (kind in ("country", "territory") or pid.startswith("pn:"))
               and pid not in NO_POINT]
    assert missing == []


# Regions with no meaningful single point (documented in their notes).
NO_POINT = {"pn:global-south", "pn:global-north"}


def test_parents_exist_and_have_no_cycles(rows):
    parent_of = {pid: parent for _, pid, _, _, _, _, _, parent in rows}
    problems = []
    for pid, parent in parent_of.items():
        seen = {pid}
        while parent:
            if parent not in parent_of:
                problems.append((pid, "missing parent", parent))
                break
            if parent in seen:
                problems.append((pid, "cycle", parent))
                break
            seen.add(parent)
            parent = parent_of[parent]
    assert problems == []


def test_places_lie_near_their_country(gaz, rows):
    """A place with a country lies within the box of that country's towns (plus a margin)."""
    boxes = {cc: (a - MARGIN, b + MARGIN, c - MARGIN, d + MARGIN) for cc, a, b, c, d in gaz.base._query(
        "SELECT country, MIN(lat), MAX(lat), MIN(lon), MAX(lon) FROM places "
        "WHERE kind = 'city' AND lat IS NOT NULL AND country IS NOT NULL GROUP BY country")}
    outside = []
    for _, pid, kind, _, country, lat, lon, _ in rows:
        if lat is None or kind == "city" or country not in boxes or country is None or pid in FAR_OUTPOSTS:
            continue
        lo_lat, hi_lat, lo_lon, hi_lon = boxes[country]
        if kind in REMOTE_KINDS:
            extra = REMOTE_MARGIN - MARGIN
            lo_lat, hi_lat, lo_lon, hi_lon = lo_lat - extra, hi_lat + extra, lo_lon - extra, hi_lon + extra
        if hi_lon - lo_lon > 300:  # spans the antimeridian (Russia, US, Fiji, ...): latitude only
            lo_lon, hi_lon = -180, 180
        if not (lo_lat <= lat <= hi_lat and lo_lon <= lon <= hi_lon):
            outside.append((pid, country, lat, lon))
    assert outside == []


def test_curated_names_find_their_place(gaz):
    """Every curated name resolves to its place, or the collision is visible: the place is among
    the candidates (an intended ambiguity, ranked, never hidden)."""
    rows = gaz.base._query(
        "SELECT p.id, n.text FROM names n JOIN places p ON p.idx = n.place "
        "WHERE (p.id LIKE 'pn:%' OR n.party IS NOT NULL) AND n.kind NOT IN ('code', 'misspelling')")
    lost = []
    for pid, text in rows:
        if pid not in {c.place.id for c in gaz.candidates(text, limit=50)}:
            lost.append((pid, text))
    assert len(lost) <= len(rows) // 200, lost[:50]


def test_truncated_or_corrupted_data_fails_clearly(tmp_path, gaz):
    original = gaz.base.path
    copy = tmp_path / original.name
    shutil.copy(original, copy)
    shutil.copy(original.with_name(original.name + ".sum"), tmp_path / (original.name + ".sum"))
    placenames.Gazetteer(path=copy, verify=True)  # intact
    with open(copy, "r+b") as fh:
        fh.seek(4096 * 10)
        fh.write(b"\xff" * 64)
    with pytest.raises(placenames.DataError, match="sha256"):
        placenames.Gazetteer(path=copy, verify=True)
    with open(copy, "r+b") as fh:
        fh.truncate(4096 * 100)
    with pytest.raises(placenames.DataError, match="truncated"):
        placenames.Gazetteer(path=copy)
