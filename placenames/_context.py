"""Document-level disambiguation: choosing each spotted mention's place with the rest of the text
as evidence.

The document is read twice. The first reading's evidence is the mentions it is sure of (a
confident top candidate that needs no evidence); the second reading's evidence is what the
first reading chose, so that one decision can settle another ("Georgia" becomes the state
beside Atlanta, then "Augusta" the city in Georgia). A mention is never evidence for itself,
nor for another mention of the same name: five "Georgia"s do not vouch for one another.

Evidence, strongest first (the tiers below): the text qualifies the name with a container
("Palestine, Texas"); the place was already chosen for an earlier mention; the candidate lies
inside a mentioned place (Paris in Texas), or is a state or big city of the country the
document is about while the top reading is abroad ("Georgia" in a text about US places);
it lies within NEAR_KM of mentioned towns; in the state of a mentioned town or county; it is
a sizeable town of that country ("Augusta");
it is in a mentioned country (score points, no tier). What the surrounding words say
(datelines, locatives, lists) is in ``_cues``.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from ._caches import cached
from ._caches import normalized as normalize
from ._cues import (
    TIME_WORDS,
    English,
    acronym,
    apposition,
    continues_list,
    dateline,
    follows_locative,
    in_english,
    letters,
    with_period,
)
from ._resolver import COUNTRY_KINDS, MIN_SCORE
from ._store import _construct
from .models import Match, Mention, Place

if TYPE_CHECKING:
    from ._tagger import _Span
    from .gazetteer import Gazetteer

EVIDENCE_COUNTRY = 25.0   # score points for a candidate in the same country as a mentioned place
NEAR_KM = 100.0           # a town this close to a mentioned town is the one meant (Paris near Dallas)
COUNTY_WORDS = frozenset({"county", "parish"})
LOCATIVE_MIN_SCORE = 50.0   # "moved to Reading": after a locative, the best reading suffices
BIG_CITY = 1_000_000
HOME_TOWN = 20_000   # a town this big in the text's country may be meant instead of one abroad
HOME_CITY = 100_000  # ... and a city this big is
# A town below this size takes a country's or state's name away from it ("China", "Italy",
# "Lebanon", "Florida" are towns in the US too) only when the text qualifies it: "Lebanon, Tenn."
TOWN_OVER_AREA = 100_000
SMALL_CITY = 50_000   # a one-word mention of a smaller city or a county needs evidence
SMALL_CITY_MULTIWORD = 20_000   # so does a longer name of a town below this ("White House")
# Tiers of evidence, weakest first
HOME = 1   # a sizeable town of the text's countries while the top reading is abroad
SAME_STATE = 1.5  # a town in the state of a mentioned town or county
METROPOLIS = 2_000_000   # ... not of a metropolis (New York City is mentioned from anywhere)
# nor a country or one of the UK's nations, where GeoNames parents towns: too large to place a story
NATIONS = frozenset({"iso:GB-ENG", "iso:GB-SCT", "iso:GB-WLS", "iso:GB-NIR"})
NEAR = 2   # near a mentioned town (plus a tenth per mention nearby, up to 2.9): it picks the
# town, but a common word ("As", "March") or a surname needs more than a town nearby to be a
# mention at all
LOCAL = 3  # inside a mentioned place, or the document's own state or big city
CHOSEN = 4  # the place of an earlier mention
QUALIFIED = 5  # the text qualifies the name with a container somewhere ("Palestine, Texas")


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
    points: tuple[tuple[float, float, int], ...]   # where mentioned towns are (south to north), how often mentioned
    states: frozenset[str]      # the subdivisions that mentioned towns and counties lie in


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
        self._times = Counter(f.place.id for f in self.facts)   # mentions of each place
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
        points = tuple(sorted({(p.lat, p.lon, self._times[p.id]) for p in others if _anchor(p)
                               and p.lat is not None and p.lon is not None
                               and not (math.isnan(p.lat) or math.isnan(p.lon))}))
        # a metropolis is mentioned anywhere; a town's or county's mention places the story
        states = frozenset(p.parent for p in others if _anchor(p) and p.parent and "-" in p.parent
                           and p.parent not in NATIONS and (p.population or 0) < METROPOLIS)
        return _View(local, containers, countries, points, states)


def decide(gaz: Gazetteer, text: str, spans: list[_Span], persons: dict[str, set[int]]) -> list[Mention]:
    """The mentions of ``text``, each with the place the document supports best."""
    sure = [_Fact(normalize(s.text), s.choices[0][1].place) for s in spans
            if s.choices and s.choices[0][0] >= 90 and not s.needs_evidence and not s.demonym]
    qualified = _appositions(gaz, text, spans)
    english = in_english(text)
    first = _read(gaz, text, spans, persons, Evidence(gaz, sure), qualified, english)
    facts = [_Fact(normalize(span.text), match.place) for span, match, _ in first if not span.demonym]
    mentions = []
    for span, match, end in _read(gaz, text, spans, persons, Evidence(gaz, facts), qualified, english):
        others = [m.place.id for _, m in span.choices if m.place.id != match.place.id][:3]
        mentions.append(_mention(span.start, end, text[span.start:end], match, span.demonym, others))
    return mentions


_MENTION_FIELDS = set(Mention.model_fields)   # shared, as in _store: model_copy copies it


def _mention(start: int, end: int, text: str, match: Match, demonym: bool, alternatives: list[str]) -> Mention:
    """A Mention built without validation: its parts are already typed, and validating a model
    per mention was a tenth of the time spent deciding."""
    return _construct(Mention, _MENTION_FIELDS, {  # type: ignore[no-any-return]
        "start": start, "end": end, "text": text, "match": match,
        "usage": match.usage.note if match.usage else None, "demonym": demonym, "alternatives": alternatives})


def _read(gaz: Gazetteer, text: str, spans: list[_Span], persons: dict[str, set[int]],
          evidence: Evidence, qualified: _Appositions, english: English | None
          ) -> list[tuple[_Span, Match, int]]:
    """One reading of the document: (span, chosen match, end offset) of each accepted mention."""
    chosen: set[str] = set()
    out = []
    # A name that recurs is weighed once per state of the evidence: the weighing reads only its
    # candidates, the view of the document from its name and which candidates are chosen already
    # (a rule that reads more must add it to ``state``).
    weighed: dict[tuple[object, ...], tuple[tuple[float, float], Match | None, bool]] = {}
    candidate_ids: dict[int, frozenset[str]] = {}   # the place ids of each list of choices
    for span in spans:
        if not span.choices:
            continue
        view = evidence.for_text(span.text)
        top = span.choices[0][1]
        foreign_top = bool(view.countries) and top.place.country not in view.countries
        # a town of the text's countries outweighs a foreign top reading up to ten times its size
        home_town = max(HOME_TOWN, (top.place.population or 0) // 10) if foreign_top else 0
        area_top = span.choices[0][0] >= 90 and _area(gaz, top.place)
        # a town in a mentioned town's state may be meant instead of a tenfold bigger one
        rival = (top.place.population or 0) // 10 if top.place.kind == "city" else 0
        named = qualified.at.get(span.start) or qualified.names.get(normalize(span.text))
        qualifier = span.start in qualified.qualifiers and with_period(text, span)
        ids = candidate_ids.get(id(span.choices))
        if ids is None:
            ids = candidate_ids[id(span.choices)] = frozenset(m.place.id for _, m in span.choices)
        # what the weighing reads besides the candidates, the view and the chosen places
        state = (id(span.choices), id(view), ids & chosen, span.text, span.demonym, named, qualifier)
        known = weighed.get(state)
        best_key, best, same_country = known or ((-1, -1.0), None, False)
        for score, match in span.choices if known is None else ():
            if not _admissible(match, span, qualifier, english, len(span.choices)):
                continue
            tier, bonus = _support(gaz, match, view, home_town, rival, match is top, chosen)
            if match.matched.kind == "qualifier":
                tier = LOCAL
            elif match.place.id == named:
                tier = QUALIFIED
            elif (tier in (LOCAL, SAME_STATE) and area_top and match is not top and match.place.kind == "city"
                    and (match.place.population or 0) < TOWN_OVER_AREA):
                # "China" in a text that mentions Texas is the country; "China, Texas" and a
                # China near the text's other towns are the town
                tier = 0
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


def _admissible(match: Match, span: _Span, qualifier: bool, english: English | None,
                readings: int) -> bool:
    """Whether the text can mean this reading at all, whatever the evidence."""
    kind = match.matched.kind
    if kind == "alias" and readings > 1:
        return False  # spotted as a place's name, not as another's unverified alias ("White House")
    if kind == "code":
        return False  # prose writes "the PA" (Palestinian Authority), not ISO codes; "US" is an abbreviation
    if kind == "qualifier":
        return qualifier  # "Pa." after "Harrisburg, "; elsewhere a word
    if kind == "abbreviation" and letters(span.text) != letters(match.matched.text):
        return False  # "Kim" is not KiM (Kosovo and Metohija), "GA" is not "Ga."
    # English text does not use the Inari Sami name of the UK ("OK") or the Jola name of India
    # ("End"): a word that only minor languages give a place is no mention there
    return english is None or span.demonym or " " in span.text or english.uses(match)


def _support(gaz: Gazetteer, match: Match, view: _View, home_town: int, rival: int,
             is_top: bool, chosen: set[str]) -> tuple[float, float]:
    """(tier, bonus) of the document's support for one candidate: a tier (0 = none) with
    a bonus for being in a mentioned country. ``home_town``: when the top reading is abroad
    (none of the text's countries), the population from which a town at home is meant instead;
    ``rival``: otherwise, the population from which a town in a mentioned town's state is."""
    place = match.place
    if place.id in chosen:
        return CHOSEN, 0.0
    literal = match.method in ("exact", "normalized")
    # the top reading holds when it contains other mentions: Kazakhstan beside Astana stays the
    # country, not a village so named nearby
    if literal and (is_top and place.id in view.containers
                    or view.local and (place.parent in view.local or _ancestor_in(gaz, place, view.local))):
        return LOCAL, 0.0
    nearby = _near(place, view.points) if literal and view.points and _anchor(place) else 0
    if nearby:
        # the more mentions of towns around it, the likelier: Mansfield beside four Shreveports
        # is Mansfield, Louisiana, not the Mansfield near a DeSoto mentioned once
        return NEAR + min(nearby, 9) / 10, 0.0
    if (literal and _anchor(place) and place.parent in view.states
            and (home_town or (place.population or 0) >= rival)):
        # "Concord" beside "Merrimack County": the one in New Hampshire; but "Boston" stays the
        # city, whatever Boston a mentioned town's state also has
        return SAME_STATE, 0.0
    if home_town and place.country in view.countries and literal:
        population = place.population or 0
        if (place.kind == "subdivision" and place.id.startswith("iso:")
                or place.kind == "city" and population >= HOME_CITY):
            return LOCAL, 0.0   # "Georgia" in a text about US places: the state, not the country
        if place.kind == "city" and population >= home_town:
            # "Augusta": a city in the US, not Augsburg's Italian name; but "Paris" is still Paris
            return HOME, 0.0
    if place.country in view.countries and place.kind not in COUNTRY_KINDS:
        return 0, EVIDENCE_COUNTRY
    return 0, 0.0


def _accept(text: str, span: _Span, best: Match, best_key: tuple[float, float], same_country: bool,
            persons: dict[str, set[int]]) -> int | None:
    """The end offset of the span's mention of its chosen place, or None when the rules want
    more evidence."""
    # "in May", "in March": a locative before a month or season is about time, not place
    after_locative = (follows_locative(text, span.start) and normalize(span.text) not in TIME_WORDS
                      or dateline(text, span))
    floor = LOCATIVE_MIN_SCORE if after_locative else MIN_SCORE
    # "Butler County" is a county whichever of the eight it is: a mention, on the likeliest reading
    certain = span.text.rpartition(" ")[2].lower() in COUNTY_WORDS and best.method in ("exact", "normalized")
    if best_key[0] == 0 and best_key[1] < floor and not certain:
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
    vouched = best_key[0] >= HOME or after_locative
    strongly = best_key[0] >= LOCAL or after_locative
    # "Moore" after "Jim Moore": the person again, unless the place is vouched for locally
    person = persons.get(normalize(span.text)) if one_word else None
    if person is not None and place.kind not in COUNTRY_KINDS and (
            span.start in person or not (best_key[0] in (LOCAL, QUALIFIED) or after_locative)):
        return None
    if small and not vouched or (span.needs_evidence or name_like) and not (strongly or same_country):
        return None
    if acronym(best.matched.text) and not span.text.replace(".", "").isupper():
        return None  # "As" and "Sam" are words, not the AS and SAM some languages abbreviate to
    if acronym(span.text, longest=3) and not best.matched.text.replace(".", "").isupper():
        return None  # "OAS", "SOL": an acronym of something else, not the town Oas or Sol
    end = span.end
    if (text[end:end + 1] == "." and not span.text.endswith(".")
            and best.matched.text.replace(" ", "").casefold() == (span.text.replace(" ", "") + ".").casefold()):
        end += 1  # "Kan." and "Calif." keep the period that the tokenizer took as a full stop
    return end


def _area(gaz: Gazetteer, place: Place) -> bool:
    """A country or a state of one, with people (not Kingman Reef): a name that towns borrow."""
    if place.kind == "subdivision" and place.id.startswith("iso:") and place.parent:
        try:
            place = gaz.get(place.parent)
        except LookupError:
            return False
    return place.kind in COUNTRY_KINDS and (place.population or 0) >= TOWN_OVER_AREA


class _Appositions(NamedTuple):
    """What "town, container" pairs in the text say."""

    at: dict[int, str]        # start of a qualified mention -> the place inside its container
    names: dict[str, str]     # a name the text qualifies one way only -> that place
    qualifiers: frozenset[int]  # starts of mentions right after "<mention>, " ("Pa." in "Harrisburg, Pa.")


def _appositions(gaz: Gazetteer, text: str, spans: list[_Span]) -> _Appositions:
    """Mentions the text qualifies with a container ("Palestine, Texas", "Lebanon, Tenn.",
    "Paris, France") are the place inside it, and so are the name's other mentions when the
    text qualifies it one way only. A list of countries or of states ("China, Japan and
    Korea", "Missouri, New York, Virginia") qualifies nothing."""
    by_start = {s.start: s for s in spans}
    at: dict[int, str] = {}
    names: dict[str, set[str]] = {}
    qualifiers = set()
    for span in spans:
        after = apposition(text, span, by_start)
        if after is None or not span.choices or not after.choices:
            continue
        qualifiers.add(after.start)
        top, container = span.choices[0][1].place, after.choices[0][1].place
        if _area(gaz, top) and span.choices[0][0] >= 90 and (
                (top.kind in COUNTRY_KINDS) == (container.kind in COUNTRY_KINDS)
                and not after.text.endswith(".") or continues_list(text, after.end)):
            continue
        ids = frozenset(m.place.id for _, m in after.choices)
        for _, match in span.choices:
            place = match.place
            container_id = next((a for a in _ancestors(gaz, place) if a in ids), None)
            if container_id is not None:
                at[span.start] = place.id
                at.setdefault(after.start, container_id)   # and "D.C." is the district around it
                names.setdefault(normalize(span.text), set()).add(place.id)
                break
    sure = {name: next(iter(ids)) for name, ids in names.items() if len(ids) == 1}
    return _Appositions(at, sure, frozenset(qualifiers))


def _anchor(place: Place) -> bool:
    """A town or a county: small enough for "near" to mean something."""
    return place.kind == "city" or place.id.startswith("fips:")


def _near(place: Place, points: tuple[tuple[float, float, int], ...]) -> int:
    """How many mentions name towns within NEAR_KM of ``place``."""
    if place.lat is None or place.lon is None:
        return 0
    lat0, lon0 = place.lat, place.lon
    # a degree of latitude is 111 km: only the points less than a degree north or south can be near
    found = 0
    for lat, lon, times in points[bisect_left(points, (lat0 - 1.0,)):]:
        if lat >= lat0 + 1.0:
            break
        if 0 < _km(lat0, lon0, lat, lon) <= NEAR_KM:
            found += times
    return found


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


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
