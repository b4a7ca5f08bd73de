"""Document-level disambiguation: choosing each spotted mention's place with the rest of the text
as evidence.

The document is read twice. The first reading's evidence is the mentions it is sure of (a
confident top candidate that needs no evidence); the second reading's evidence is what the
first reading chose, so that one decision can settle another ("Georgia" becomes the state
beside Atlanta, then "Augusta" the city in Georgia). A mention is never evidence for itself,
nor for another mention of the same name: five "Georgia"s do not vouch for one another.

Evidence, strongest first: the place was already chosen for an earlier mention; the candidate
lies inside a mentioned place (Paris in Texas) or within NEAR_KM of a mentioned town; the
candidate is a state or big city of the country the document is about while the top reading
is abroad ("Georgia" in a text about US places); the candidate is in a mentioned country.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from ._caches import cached
from ._caches import normalized as normalize
from ._resolver import COUNTRY_KINDS, MIN_SCORE
from ._store import _construct
from .models import Match, Mention, Place

if TYPE_CHECKING:
    from ._tagger import _Span
    from .gazetteer import Gazetteer

EVIDENCE_COUNTRY = 25.0   # score points for a candidate in the same country as a mentioned place
NEAR_KM = 100.0           # a town this close to a mentioned town is the one meant (Paris near Dallas)
LOCATIVES = frozenset("in at from near to of outside around across into via toward towards".split())
TIME_WORDS = frozenset("""january february march april may june july august september october november
december spring summer fall autumn winter christmas easter monday tuesday wednesday thursday friday
saturday sunday""".split())
LOCATIVE_MIN_SCORE = 50.0   # "moved to Reading": after a locative, the best reading suffices
BIG_CITY = 1_000_000
SMALL_CITY = 50_000   # a one-word mention of a smaller city or a county needs evidence
SMALL_CITY_MULTIWORD = 20_000   # so does a longer name of a town below this ("White House")
NEAR = 1   # the tier of a candidate near a mentioned town: it picks the town, but a common word
# ("As", "March") or a surname needs more than a town nearby to be a mention at all
LOCAL = 2  # inside a mentioned place, or the document's own state or big city
CHOSEN = 3  # the place of an earlier mention


@dataclass(frozen=True)
class _Fact:
    """A place the document mentions, under the normalized text that mentions it."""

    text: str
    place: Place


class _View(NamedTuple):
    """The document's facts as one mention's name sees them."""

    local: frozenset[str]       # mentioned places below country level
    containers: frozenset[str]  # the places that contain them (their states, countries)
    countries: frozenset[str]   # countries of mentioned places
    points: tuple[tuple[float, float], ...]   # where mentioned towns are, south to north


class Evidence:
    """The document's facts, seen from one mention's name (facts under that name left out)."""

    def __init__(self, gaz: Gazetteer, facts: Iterable[_Fact]) -> None:
        self.gaz = gaz
        self.facts = list(facts)
        # each place once, with the texts that mention it: a view then costs one pass over the
        # document's places, not over its mentions (a long text names its places many times)
        self._places: dict[str, tuple[Place, set[str]]] = {}
        for f in self.facts:
            self._places.setdefault(f.place.id, (f.place, set()))[1].add(f.text)
        self._above = {pid: _ancestors(gaz, place) for pid, (place, _) in self._places.items()}
        self._sole_texts = {t for _, texts in self._places.values() if len(texts) == 1 for t in texts}
        self._whole: _View | None = None
        self._for = lru_cache(maxsize=None)(self._view)
        self._by_text: dict[str, _View] = {}

    def for_text(self, text: str) -> _View:
        view = self._by_text.get(text)
        if view is None:
            view = self._by_text[text] = self._for(normalize(text))
        return view

    def _view(self, key: str) -> _View:
        if key in self._sole_texts:   # leave out the places mentioned under this name alone
            return self._summary([p for p, texts in self._places.values() if texts != {key}])
        # no place is mentioned under this name alone: the view leaves nothing out
        if self._whole is None:
            self._whole = self._summary([p for p, _ in self._places.values()])
        return self._whole

    def _summary(self, others: list[Place]) -> _View:
        local = frozenset(p.id for p in others if p.kind not in COUNTRY_KINDS)
        containers = frozenset(a for p in others for a in self._above[p.id])
        countries = frozenset(p.country for p in others if p.country)
        # sorted by latitude, for _near (a NaN, near nothing, would upset the order)
        points = tuple(sorted({(p.lat, p.lon) for p in others if _anchor(p) and p.lat is not None
                               and p.lon is not None and not (math.isnan(p.lat) or math.isnan(p.lon))}))
        return _View(local, containers, countries, points)


def decide(gaz: Gazetteer, text: str, spans: list[_Span], persons: dict[str, set[int]]) -> list[Mention]:
    """The mentions of ``text``, each with the place the document supports best."""
    sure = [_Fact(normalize(s.text), s.choices[0][1].place) for s in spans
            if s.choices and s.choices[0][0] >= 90 and not s.needs_evidence and not s.demonym]
    first = _read(gaz, text, spans, persons, Evidence(gaz, sure))
    facts = [_Fact(normalize(span.text), match.place) for span, match, _ in first if not span.demonym]
    mentions = []
    for span, match, end in _read(gaz, text, spans, persons, Evidence(gaz, facts)):
        others = [m.place.id for _, m in span.choices if m.place.id != match.place.id][:3]
        mentions.append(_mention(span.start, end, text[span.start:end], match, span.demonym, others))
    return mentions


_MENTION_FIELDS = frozenset(Mention.model_fields)


def _mention(start: int, end: int, text: str, match: Match, demonym: bool, alternatives: list[str]) -> Mention:
    """A Mention built without validation: its parts are already typed, and validating a model
    per mention was a tenth of the time spent deciding."""
    return _construct(Mention, _MENTION_FIELDS, {  # type: ignore[no-any-return]
        "start": start, "end": end, "text": text, "match": match,
        "usage": match.usage.note if match.usage else None, "demonym": demonym, "alternatives": alternatives})


def _read(gaz: Gazetteer, text: str, spans: list[_Span], persons: dict[str, set[int]],
          evidence: Evidence) -> list[tuple[_Span, Match, int]]:
    """One reading of the document: (span, chosen match, end offset) of each accepted mention."""
    chosen: set[str] = set()
    out = []
    # A name that recurs is weighed once per state of the evidence: the weighing reads only its
    # candidates, the view of the document from its name and which candidates are chosen already
    # (a rule that reads more must add it to ``state``).
    weighed: dict[tuple[int, int, frozenset[str]], tuple[tuple[int, float], Match | None, bool]] = {}
    candidate_ids: dict[int, frozenset[str]] = {}   # the place ids of each list of choices
    for span in spans:
        if not span.choices:
            continue
        view = evidence.for_text(span.text)
        top = span.choices[0][1]
        foreign_top = bool(view.countries) and top.place.country not in view.countries
        ids = candidate_ids.get(id(span.choices))
        if ids is None:
            ids = candidate_ids[id(span.choices)] = frozenset(m.place.id for _, m in span.choices)
        state = (id(span.choices), id(view), ids & chosen)
        known = weighed.get(state)
        best_key, best, same_country = known or ((-1, -1.0), None, False)
        for score, match in span.choices if known is None else ():
            if match.matched.kind == "alias" and len(span.choices) > 1:
                continue  # spotted as a place's name, not as another's unverified alias ("White House")
            tier, bonus = _support(gaz, match, view, foreign_top, match is top, chosen)
            key = (tier, score + bonus)
            if key > best_key:
                best_key, best, same_country = key, match, bonus > 0
        weighed[state] = best_key, best, same_country
        if best is None:
            continue
        end = _accept(text, span, best, best_key, same_country, persons)
        if end is not None:
            chosen.add(best.place.id)
            out.append((span, best, end))
    return out


def _support(gaz: Gazetteer, match: Match, view: _View, foreign_top: bool, is_top: bool,
             chosen: set[str]) -> tuple[int, float]:
    """(tier, bonus) of the document's support for one candidate: CHOSEN, LOCAL, NEAR or 0 with
    a bonus for being in a mentioned country."""
    place = match.place
    if place.id in chosen:
        return CHOSEN, 0.0
    literal = match.method in ("exact", "normalized")
    # the top reading holds when it contains other mentions: Kazakhstan beside Astana stays the
    # country, not a village so named nearby
    if literal and (is_top and place.id in view.containers
                    or view.local and (place.parent in view.local or _ancestor_in(gaz, place, view.local))):
        return LOCAL, 0.0
    if literal and view.points and _anchor(place) and _near(place, view.points):
        return NEAR, 0.0
    if (foreign_top and place.country in view.countries and literal
            and (place.kind == "subdivision" and place.id.startswith("iso:")
                 or place.kind == "city" and (place.population or 0) >= 100_000)):
        return LOCAL, 0.0  # "Georgia" in a text about US places: the state, not the country
    if place.country in view.countries and place.kind not in COUNTRY_KINDS:
        return 0, EVIDENCE_COUNTRY
    return 0, 0.0


def _accept(text: str, span: _Span, best: Match, best_key: tuple[int, float], same_country: bool,
            persons: dict[str, set[int]]) -> int | None:
    """The end offset of the span's mention of its chosen place, or None when the rules want
    more evidence."""
    # "in May", "in March": a locative before a month or season is about time, not place
    after_locative = _after_locative(text, span.start) and normalize(span.text) not in TIME_WORDS
    floor = LOCATIVE_MIN_SCORE if after_locative else MIN_SCORE
    if best_key[0] == 0 and best_key[1] < floor:
        return None
    place = best.place
    population = place.population or 0
    one_word = " " not in span.text
    small = (place.kind == "city" and population < (SMALL_CITY if one_word else SMALL_CITY_MULTIWORD)) or (
        one_word and place.kind == "subdivision" and not place.id.startswith("iso:"))
    # surnames are towns, not countries: "David Clark" needs evidence, "Japan Security" not
    name_like = span.name_like and (place.kind == "city" and population < BIG_CITY or place.kind == "subdivision")
    # A small town needs local evidence (its region or a nearby place is mentioned, or it
    # follows "in"): a town named Clark or Moore somewhere in the country is no evidence.
    # A larger place may lean on other mentions in its country (Reading in a British story).
    vouched = best_key[0] >= NEAR or after_locative
    strongly = best_key[0] >= LOCAL or after_locative
    # "Moore" after "Jim Moore": the person again, unless the place is vouched for locally
    person = persons.get(normalize(span.text)) if one_word else None
    if person is not None and place.kind not in COUNTRY_KINDS and (
            span.start in person or not (best_key[0] == LOCAL or after_locative)):
        return None
    if small and not vouched or (span.needs_evidence or name_like) and not (strongly or same_country):
        return None
    if _acronym(best.matched.text) and not span.text.replace(".", "").isupper():
        return None  # "As" and "Sam" are words, not the AS and SAM some languages abbreviate to
    end = span.end
    if best.matched.text.endswith(".") and text[end:end + 1] == "." and not span.text.endswith("."):
        end += 1  # "Kan." and "Calif." keep the period that the tokenizer took as a full stop
    return end


def _anchor(place: Place) -> bool:
    """A town or a county: small enough for "near" to mean something."""
    return place.kind == "city" or place.id.startswith("fips:")


def _near(place: Place, points: tuple[tuple[float, float], ...]) -> bool:
    if place.lat is None or place.lon is None:
        return False
    lat0, lon0 = place.lat, place.lon
    # a degree of latitude is 111 km: only the points less than a degree north or south can be near
    for lat, lon in points[bisect_left(points, (lat0 - 1.0,)):]:
        if lat >= lat0 + 1.0:
            return False
        if abs(lat - lat0) < 1.0 and 0 < _km(lat0, lon0, lat, lon) <= NEAR_KM:
            return True
    return False


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return 2 <= len(letters) <= 4 and letters.isupper() and letters.isalpha()


def _ancestor_in(gaz: Gazetteer, place: Place, ids: frozenset[str]) -> bool:
    return any(a in ids for a in _ancestors(gaz, place))


ANCESTOR_CHAINS = 16_384   # parent chains cached per gazetteer (the same parents recur in every document)


def _ancestors(gaz: Gazetteer, place: Place) -> tuple[str, ...]:
    """Ids of the places containing ``place``, nearest first (at most four levels)."""
    # cached: each step up builds a whole Place (a country has hundreds of names)
    return cached(gaz, _walk_up, ANCESTOR_CHAINS)(place.parent) if place.parent else ()


def _walk_up(gaz: Gazetteer, first: str) -> tuple[str, ...]:
    """``first`` and the places above it, nearest first (at most four levels)."""
    out: list[str] = []
    parent: str | None = first
    while parent and len(out) < 4 and parent not in out:
        out.append(parent)
        try:
            parent = gaz.get(parent).parent
        except LookupError:
            break
    return tuple(out)


def _after_locative(text: str, start: int) -> bool:
    before = text[max(0, start - 12):start].split()
    return bool(before) and before[-1].lower() in LOCATIVES
