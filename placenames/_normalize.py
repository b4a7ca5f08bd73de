"""Normalization of names and queries: one set of rules at build time and at query time.

- ``normalize``: NFKC, casefold, punctuation and symbols to spaces, apostrophes dropped,
  whitespace collapsed. Keeps every script and its diacritics.
- ``fold``: ``normalize``, then transliterated to ASCII (unidecode) with spaces removed, so
  diacritics, romanisation spacing and script are ignored ("Diàoyúdǎo", "Diaoyu Dao", "钓鱼岛"
  all fold to "diaoyudao").
- ``key_variants``: the normalized keys a string is indexed or looked up under (leading English
  article dropped; "Korea, Republic of" also as "Republic of Korea").
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from functools import lru_cache

from rapidfuzz.distance import OSA
from unidecode import unidecode

_APOSTROPHES = "'’‘ʼʻ`´"
_DROP: dict[int, str | None] = {ord(c): None for c in _APOSTROPHES}
# Spelling variants that writers use interchangeably: Cyrillic ё/е, Arabic and Persian letter
# forms (ى/ي/ی, ك/ک, hamza on alif, ta marbuta/ha, tatweel).
_DROP.update({ord("ё"): "е", ord("ى"): "ي", ord("ی"): "ي", ord("ک"): "ك", ord("أ"): "ا",
              ord("إ"): "ا", ord("آ"): "ا", ord("ٱ"): "ا", ord("ة"): "ه", ord("ـ"): None})
_NON_ASCII_WORD = re.compile(r"[^a-z0-9]+")
_ARTICLE = re.compile(r"^the\s+")
# "X, Y" is read as "Y X" when Y is a qualifier that belongs in front.
_INVERTIBLE = re.compile(
    r"^(the|north|south|east|west|northern|southern|eastern|western|central|upper|lower|"
    r"new|great|greater|saint|st|.*\bof|.*\bof the|.*\b(republic|states|sar|kingdom|federation|"
    r"emirates|union|territory|islands))$")


def _is_separator(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in "PSZC" and ch not in _APOSTROPHES


@lru_cache(maxsize=1)
def _table() -> dict[int, str | None]:
    """One translate table for the Basic Multilingual Plane: the variant letters of _DROP, and
    punctuation, symbols, separators and controls to spaces (built once, on first use)."""
    table: dict[int, str | None] = {cp: " " for cp in range(0x10000) if _is_separator(chr(cp))}
    table.update(_DROP)
    return table


@lru_cache(maxsize=1)
def _ascii_table() -> tuple[bytes, bytes]:
    """The same rules for ASCII text as ``bytes.translate`` arguments (the table, the characters
    to delete): one C loop instead of a dictionary look-up per character."""
    table: dict[int, str | None] = {cp: " " for cp in range(128) if _is_separator(chr(cp))}
    table.update((cp, to) for cp, to in _DROP.items() if cp < 128)
    mapped = [cp for cp, to in table.items() if to is not None]
    return (bytes.maketrans(bytes(mapped), "".join(table[cp] or "" for cp in mapped).encode()),
            bytes(cp for cp, to in table.items() if to is None))


def normalize(text: str) -> str:
    """Case-, width- and punctuation-insensitive form of ``text``; keeps scripts and diacritics.

    >>> normalize("  Côte d’Ivoire! ")
    'côte divoire'
    """
    if text.isascii():  # most names and queries: NFKC changes nothing, casefold is lower
        table, delete = _ascii_table()
        return " ".join(text.lower().encode().translate(table, delete).decode().split())
    text = unicodedata.normalize("NFKC", text).casefold().translate(_table())
    if not text.isascii() and max(text) > "\uffff":  # rare: beyond the table
        text = "".join(" " if _is_separator(ch) else ch for ch in text)
    return " ".join(text.split())


# A bit per script (of script_of); the rarer scripts share OTHER.
SCRIPT_BITS = {name: 1 << i for i, name in enumerate(
    "LATIN CYRILLIC GREEK CJK HANGUL ARABIC HEBREW DEVANAGARI THAI GEORGIAN ARMENIAN OTHER".split())}


def script_bit(script: str) -> int:
    return SCRIPT_BITS.get(script, SCRIPT_BITS["OTHER"])


def script_of(text: str) -> str:
    """The script class of the first letter: LATIN, CYRILLIC, ARABIC, CJK (Han and kana), ..."""
    for ch in text:
        if ch.isalpha():
            if ch.isascii():
                return "LATIN"   # what unicodedata.name says of a-z and A-Z, without asking it
            try:
                word = unicodedata.name(ch).split()[0]
            except ValueError:
                return "OTHER"
            return "CJK" if word in ("CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH") else word
    return "NONE"


def fold(text: str) -> str:
    """ASCII, spaceless form of ``text``; ignores diacritics, script and spacing.

    >>> fold("Diàoyúdǎo"), fold("Diaoyu Dao")
    ('diaoyudao', 'diaoyudao')
    """
    return _fold_normalized(normalize(text))


@lru_cache(maxsize=65536)
def _fold_normalized(base: str) -> str:
    if not base:
        return ""
    if base.isascii():
        return _NON_ASCII_WORD.sub("", base)
    return _NON_ASCII_WORD.sub("", unidecode(base).lower())


_ISLAND_SUFFIX = re.compile(r"^(.{3,}?)\s+(islands|island|isles|isle|islets|islet|rocks|archipelago|"
                            r"atoll|reef|shoal|group)$")
_MOUNT_PREFIX = re.compile(r"^(mount|mt|mont|monte)\s+(.{3,})$")
_CJK_ISLAND_SUFFIX = re.compile(r"^(.{2,}?)(諸島|群島|列島|列嶼|列屿|群岛|诸岛|列岛|島|岛)$")
_ABBREVIATIONS = {"is": "islands", "isl": "island", "isls": "islands", "mt": "mount",
                  "mtn": "mountain", "mts": "mountains", "mtns": "mountains", "st": "saint",
                  "ste": "sainte", "ft": "fort", "rep": "republic",
                  "dem": "democratic", "fed": "federated", "sts": "states", "n": "north",
                  "s": "south", "e": "east", "w": "west", "utd": "united", "kdm": "kingdom"}
# not after an apostrophe: the "s" of "People's" is no abbreviation of "south"
_ABBREVIATION = re.compile(r"(?<![’'])\b(" + "|".join(_ABBREVIATIONS) + r")\b\.?", re.IGNORECASE)
# abbreviations with a second reading: "Fed. Rep. of Germany" is federal, "Micronesia, Fed. Sts." federated
_SECOND_READING = {**_ABBREVIATIONS, "fed": "federal"}
PARENTHESIS = re.compile(r"^(?P<a>[^()]+?)\s*\((?P<b>[^()]+)\)$")
_OF_FORM = re.compile(r"^(gulf|bay|sea|strait|straits|lake) of (.+)$")
_SUFFIX_FORM = re.compile(r"^(.+) (gulf|bay|sea|strait|straits|lake)$")


def generic_bases(key: str) -> list[str]:
    """A normalized key without its generic term ("senkaku islands" -> "senkaku", 尖閣諸島 -> 尖閣)."""
    out = []
    for pattern, group in ((_ISLAND_SUFFIX, 1), (_MOUNT_PREFIX, 2), (_CJK_ISLAND_SUFFIX, 1)):
        m = pattern.match(key)
        if m:
            out.append(m.group(group))
    return out


def query_variants(text: str) -> list[str]:
    """``key_variants`` plus expanded abbreviations ("Senkaku Is.", "Mt. Fuji", "St. Lucia") and
    the other order of "Gulf of X" / "X Gulf"."""
    texts = [text]
    if _ABBREVIATION.search(text):   # most queries have none: one scan instead of two substitutions
        texts += [_ABBREVIATION.sub(lambda m: table[m.group(1).lower()], text)
                  for table in (_ABBREVIATIONS, _SECOND_READING)]
    out = [k for t in dict.fromkeys(texts) for k in key_variants(t)]
    for key in list(out):
        for m, fmt in ((_OF_FORM.match(key), "{1} {0}"), (_SUFFIX_FORM.match(key), "{1} of {0}")):
            if m:
                out.append(fmt.format(m.group(1), m.group(2)))
    return list(dict.fromkeys(out))


_ADMIN_GENERIC = re.compile(
    r"^(?:(?:province|prefecture|state|region|oblast|governorate|county|district|municipality|"
    r"department|city) of )?(.+?)(?: (?:province|prefecture|state|region|oblast|krai|governorate|"
    r"county|district|municipality|department|city|metropolitan city|special city|"
    r"autonomous region))?$")
_CJK_ADMIN_SUFFIX = re.compile(r"^(.{2,}?)(特別市|特别市|広域市|廣域市|自治区|自治區|省|県|縣|府|都|道|市|区|區|"
                               r"특별자치도|특별자치시|특별시|광역시|도|시|군|구)$")


# Suffixes that only a first-level subdivision carries (Tokyo-to, Hokkai-do, Osaka-fu, -ken, the
# Chinese sheng and autonomous regions, Korea's special self-governing province and city); not
# 市 or 광역시: a city or a metropolitan city is a city.
_SUBDIVISION_SUFFIX = re.compile(r"^.{2,}?(都|道|府|県|縣|省|自治区|自治區|특별자치도|특별자치시)$")
_SUBDIVISION_LAST = frozenset("都道府県縣省区區도시")


def names_subdivision(text: str) -> bool:
    """A query that carries a subdivision's own administrative suffix (東京都, 北海道, 广东省)."""
    return text[-1:] in _SUBDIVISION_LAST and bool(_SUBDIVISION_SUFFIX.match(normalize(text)))


_GENERIC_KINDS = (
    (re.compile(r"^(?:(?:pulau|isla|ilha|ile|île|insel|isola|ostrov|island of|isle of) (.+)|(.+?) "
                r"(?:islands?|isles?|is|isl|islets?|atoll|archipelago|insel|inseln|jima|shima|do|dao|"
                r"ostrov|ostrova))$"),
     frozenset({"island", "island_group", "islet", "atoll", "reef"})),
    (re.compile(r"^(?:(?:mount|mt|mont|monte|gunung|pico|mountains of) (.+)|(.+?) "
                r"(?:mountains?|mount|mt|peak|volcano|range|san|yama|shan|dake|berg)$)$"),
     frozenset({"mountain", "volcano", "mountain_range"})),
    (re.compile(r"^(?:(?:river|rio|río|fleuve|lake|lago|lac) (.+)|(.+?) (?:river|lake))$"),
     frozenset({"river", "lake"})),
    (re.compile(r"^(?:(?:province|state|prefecture|region|oblast|governorate|department|county|"
                r"estado|provincia|provinz|province de|estado de|estado do|freistaat|land|région|"
                r"regione|departamento) (?:of )?(.+)|(.+?) (?:province|state|prefecture|region|oblast|"
                r"krai|governorate|department|county|prefecture|province|oblast))$"),
     frozenset({"subdivision"})),
)


# Generic terms that a typo may hide ("Danube Rivr", "Balearic Ilands"): five letters or more, so
# that a one-letter slip cannot turn an ordinary word into one.
_GENERIC_WORDS = ("""island islands isles islets atoll archipelago mount mountain mountains volcano
range river province prefecture region oblast governorate department county""").split()


def kind_variants(text: str, typos: bool = False) -> tuple[list[str], frozenset[str]] | None:
    """A query whose generic term names a kind ("Hokkaido Island", "Pulau Sumatera", "Mount
    Elbrus"): the bare name, and the kinds of place the term allows. With ``typos``, a first or
    last word one edit from a generic term is read as that term ("Danube Rivr")."""
    key = normalize(text)
    if typos:
        key = _generic_typo(key)
        if not key:
            return None
    for pattern, kinds in _GENERIC_KINDS:
        m = pattern.match(key)
        if m:
            base = m.group(1) or m.group(2)
            if base and len(base) >= 2:
                return [base], kinds
    return None


# Leading articles of other languages ("La Seine", "Il Po", "Der Rhein"): dropped only when the
# whole query matches nothing, not even fuzzily (La Paz, Los Angeles and El Salvador are names
# with their article, and "Los Angles" is a typo of one).
_FOREIGN_ARTICLE = re.compile(r"^(?:la|le|les|l|el|los|las|il|lo|gli|die|der|das|de|het|os|as|o|a) (.{3,})$")


def _generic_typo(key: str) -> str | None:
    """``key`` with its first or last word put right when it is one edit from a generic term."""
    words = key.split()
    if len(words) < 2:
        return None
    for i in (-1, 0):
        word = words[i]
        if len(word) < 4 or word in _GENERIC_WORDS:
            continue
        for term in _GENERIC_WORDS:
            if abs(len(term) - len(word)) <= 1 and OSA.distance(word, term, score_cutoff=1) <= 1:
                words[i] = term
                return " ".join(words)
    return None


def article_variants(text: str) -> list[str]:
    """The last fallback: the query without a leading article of another language than English
    ("La Seine" -> seine, "Der Rhein" -> rhein)."""
    m = _FOREIGN_ARTICLE.match(normalize(text))
    return [m.group(1)] if m else []


def part_variants(text: str) -> list[str]:
    """Fallback keys, tried when the whole query finds nothing: the parts of "A (B)" ("United
    States of America (USA)"), and the name without an English or CJK administrative term
    ("Gangwon Province" -> gangwon, 東京都 -> 東京, 경기도 -> 경기)."""
    out: list[str] = []
    paren = PARENTHESIS.match(text)
    if paren:
        out += query_variants(paren["a"]) + query_variants(paren["b"])
    key = normalize(text)
    m = _ADMIN_GENERIC.match(key)
    if m and m.group(1) != key:
        out.append(m.group(1))
    m = _CJK_ADMIN_SUFFIX.match(key)
    if m:
        out.append(m.group(1))
    return list(dict.fromkeys(k for k in out if k))


def key_variants(text: str) -> list[str]:
    """Normalized keys for ``text``: the plain form, without a leading article, comma-inverted."""
    raw = unicodedata.normalize("NFKC", text)
    keys = []
    plain = normalize(raw)
    if plain:
        keys.append(plain)
    if raw.count(",") == 1:
        head, tail = (normalize(part) for part in raw.split(","))
        if head and tail and _INVERTIBLE.match(tail):
            keys.append(f"{tail} {head}")
            if not tail.endswith(("of", "of the", "the")):
                keys += [f"{tail} of {head}", f"{tail} of the {head}"]
    out = []
    for key in keys:
        for k in (key, _ARTICLE.sub("", key)):
            if k and k not in out:
                out.append(k)
    return out


FUZZY_PREFIX = 8        # deletion neighbourhoods are computed on this many leading characters
FUZZY_MIN_LENGTH = 4    # shorter folded keys are never matched fuzzily


def deletes(key: str) -> set[str]:
    """The prefix of ``key`` and every string one deletion away from it (symmetric-delete index)."""
    prefix = key[:FUZZY_PREFIX]
    return {prefix} | {prefix[:i] + prefix[i + 1:] for i in range(len(prefix))}


def delete_hash(text: str) -> int:
    """A stable 32-bit hash of a deletion variant (collisions only add candidates to verify)."""
    return zlib.crc32(text.encode("utf-8"))
