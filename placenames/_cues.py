"""What the words around a mention say, without the gazetteer: datelines, locatives, appositions
("Lebanon, Tenn."), lists, acronyms, and whether the text is English."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._caches import normalized as normalize
from ._sources import MAJOR_LANGS
from .models import Match

if TYPE_CHECKING:
    from ._tagger import _Span

_DATELINE_END = re.compile(r"(?:,\s*[A-Z][\w.]*\.?)?\s*(?:[-–—]|\(\w+\))")
_LIST_GOES_ON = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*[&/]\s*)[^\W\d_a-z]")
LOCATIVES = frozenset("in at from near to of outside around across into via toward towards".split())
ENGLISH_WORDS = frozenset("the and of to in is was for that with on by at as from".split())
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
# offices named "of" a domain, not of a place: "Minister of Justice", "Library of Congress"
OFFICES = frozenset("""minister ministry secretary department dept commissioner director bureau
office library inspector attorney agency commission committee division corps""".split())
TIME_WORDS = frozenset("""january february march april may june july august september october november
december spring summer fall autumn winter christmas easter monday tuesday wednesday thursday friday
saturday sunday""".split())


class English:
    """For a text in English: whether a major language (or a curated or GeoNames name without
    a language) spells a place's name so, cached per place and name."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], bool] = {}

    def uses(self, match: Match) -> bool:
        key = (match.place.id, normalize(match.matched.text))
        found = self._cache.get(key)
        if found is None:
            langs = {n.lang for n in match.place.names if normalize(n.text) == key[1]}
            found = None in langs or any(lang.split("-")[0] in MAJOR_LANGS for lang in langs if lang)
            self._cache[key] = found
        return found


def in_english(text: str) -> English | None:
    """An English for a text in English (by its commonest words), else None."""
    words = _LOWER_WORD.findall(text[:20_000])
    common = sum(1 for w in words if w in ENGLISH_WORDS)
    return English() if words and common >= 0.1 * len(words) else None


def letters(text: str) -> str:
    """The letters and digits of ``text``, for comparing abbreviations ("W. Va." and "W.Va.")."""
    return "".join(c for c in text if c.isalnum())


def with_period(text: str, span: _Span) -> bool:
    return span.text.endswith(".") or text[span.end:span.end + 1] == "."


def apposition(text: str, span: _Span, by_start: dict[int, _Span]) -> _Span | None:
    """The mention right after ``span`` and a comma ("Lebanon, Tenn."), if any."""
    rest = text[span.end:span.end + 3]
    if not rest.startswith(","):
        return None
    return by_start.get(span.end + len(rest) - len(rest.lstrip(" ,")))


def continues_list(text: str, end: int) -> bool:
    """Another capitalised item follows this offset: ", Virginia", " and Ohio" (not ", and
    moved", ", near Middletown")."""
    return _LIST_GOES_ON.match(text, end) is not None


def acronym(name: str, longest: int = 4) -> bool:
    chars = name.replace(".", "")
    return 2 <= len(chars) <= longest and chars.isupper() and chars.isalpha()


def dateline(text: str, span: _Span) -> bool:
    """A wire dateline: a name in capitals opening a line or sentence, then a dash, a state
    ("HAMMOND, Ind.") or an agency ("OMAHA --", "DeKALB –", "ROME (AP)")."""
    alpha = [c for c in span.text if c.isalpha()]
    if len(alpha) < 3 or not all(c.isupper() for c in alpha[-3:]):
        return False
    before = text[max(0, span.start - 3):span.start].rstrip(" ")
    return (not before or before[-1] in ".\n\"”!?") and _DATELINE_END.match(text, span.end) is not None


def follows_locative(text: str, start: int) -> bool:
    before = text[max(0, start - 40):start].split()
    if not before or before[-1].lower() not in LOCATIVES:
        return False
    # "Minister of Justice", "Commissioner of Police": "of" after an office names its domain
    return not (before[-1] == "of" and len(before) > 1 and before[-2].lower() in OFFICES)
