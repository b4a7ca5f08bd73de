"""The usage signal of a matched name: whose usage it is, and how strongly it marks a stance."""

from __future__ import annotations

from .models import Name, Place, Usage

# Adjectives for the parties that appear in the curated contested data; others read
# "usage of <party>".
PARTY_ADJECTIVES = {
    "AE": "Emirati", "AM": "Armenian", "AR": "Argentine", "AZ": "Azerbaijani", "BT": "Bhutanese",
    "CN": "PRC", "CY": "Cypriot", "EG": "Egyptian", "ES": "Spanish", "FR": "French", "GB": "British",
    "GE": "Georgian", "GR": "Greek", "GY": "Guyanese", "IL": "Israeli", "IN": "Indian", "IR": "Iranian",
    "JP": "Japanese", "KP": "North Korean", "KR": "South Korean", "LB": "Lebanese", "MA": "Moroccan",
    "MD": "Moldovan", "MK": "North Macedonian", "MX": "Mexican", "MY": "Malaysian", "NP": "Nepali",
    "PH": "Philippine", "PK": "Pakistani", "PS": "Palestinian", "PT": "Portuguese", "RU": "Russian",
    "SA": "Saudi", "SD": "Sudanese", "SS": "South Sudanese", "SY": "Syrian", "TR": "Turkish",
    "TW": "Taiwanese (ROC)", "UA": "Ukrainian", "US": "US", "VE": "Venezuelan", "VN": "Vietnamese",
    "XK": "Kosovar", "x-trnc": "Turkish Cypriot (TRNC)", "x-sadr": "Sahrawi (SADR)",
    "x-abkhazia": "Abkhaz", "x-south-ossetia": "South Ossetian", "x-pmr": "Transnistrian",
    "x-somaliland": "Somaliland", "x-cta": "Tibetan exile (CTA)", "intl": "international",
}


def party_phrase(party: str) -> str:
    adjective = PARTY_ADJECTIVES.get(party)
    if adjective:
        return f"{adjective} usage"
    if party.startswith("intl-"):
        return f"international usage ({party[5:].upper()})"
    return f"usage of {party}"


def usage_of(place: Place, name: Name, lang: str | None = None) -> Usage | None:
    """The usage signal of ``name`` (a name of ``place``) in text of language ``lang``."""
    if not name.party:
        return None
    same_text = [n for n in place.names if n.text == name.text]
    parties = sorted({n.party for n in same_text if n.party} | {name.party})
    ordinary = any(n.party is None for n in same_text)
    is_label = name.text == place.label and place.label_rule in (
        "established_name", "official_current", "official_romanization", "shared", "third_party")
    own_language = bool(lang and name.lang and name.lang.split("-")[0] == lang.split("-")[0])
    weak = ordinary or is_label or own_language or parties[0].startswith("intl")
    note = " and ".join(party_phrase(p) for p in parties)
    if is_label:
        note += "; also the international default"
    elif own_language:
        note += f"; the ordinary word in {name.lang} text"
    elif ordinary:
        note += "; also an ordinary name in some languages"
    return Usage(parties=parties, note=note[0].upper() + note[1:], signal="weak" if weak else "strong")
