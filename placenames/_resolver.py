"""Resolution of one query to ranked places: exact -> normalized -> folded -> fuzzy, then rank.

Scores (0-100) are built from the match quality (exact 100, normalized 98, folded 93, fuzzy
88 minus 60 x edits / length), small adjustments for the kind of name and the hints, minus an
ambiguity penalty when other places are nearly as likely. Ranking adds the place's prior
(kind, population) so that among equal matches the more likely place comes first; ties are
broken by place id, never by set or dict order. ``MIN_SCORE`` is the threshold below which
``resolve`` says "no match".
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from ._normalize import (
    FUZZY_MIN_LENGTH,
    PARENTHESIS,
    SCRIPT_BITS,
    article_variants,
    fold,
    kind_variants,
    names_subdivision,
    normalize,
    part_variants,
    query_variants,
    script_bit,
    script_of,
)
from ._sources import PLACE_KINDS
from ._store import Store, _construct
from ._usage import usage_of
from .models import Match

MAX_QUERY_LENGTH = 256   # longer queries are no match (place names are far shorter)
MAX_CACHED_QUERY = 4 * MAX_QUERY_LENGTH   # raw queries longer than this are not even cleaned (nor cached)
MIN_SCORE = 70.0         # resolve() returns None below this score
CITY_OVER_OWN_SUBDIVISION = 12.0   # rank points a subdivision loses to a city of its name in its country
NAMESAKE_CITY_PRIOR = 5.2          # ... when the city has 160,000 inhabitants or more (not Okinawa City)
NAMESAKE_SIMILARITY = 70.0        # rapidfuzz ratio from which two labels are one name spelt two ways
FEATURE_OVER_OWN_SUBDIVISION = 12.0  # ... to an island, mountain or bay of its name in its country
# Physical features that subdivisions are named after (Sicily, Tobago, Kilimanjaro, Bay of Plenty)
NAMESAKE_FEATURE_KINDS = frozenset("""ocean sea gulf bay strait channel sound lake river island
island_group islet atoll reef shoal peninsula cape isthmus mountain volcano mountain_range pass plateau
valley plain basin desert glacier delta canyon""".split())
COUNTRY_KINDS = frozenset({"country", "territory", "de_facto_state"})
CONTAINER_KINDS = COUNTRY_KINDS | {"subdivision"}   # what the tail of "Paris, France" may name
QUALIFIER_SCORE = 80.0   # ... when it names one credibly
CACHED_CANDIDATES = 20   # candidates kept per cached query (a larger limit bypasses the cache)
MAX_CANDIDATES = 50      # candidates() returns at most this many, whatever the limit
# Top matches kept for resolve(): each holds its Place (a country's has hundreds of names), so
# fewer than the ranked candidates, which are plain tuples
CACHED_TOP_MATCHES = 4096
CACHED_PARTS = 4096       # ranked readings of the parts of "town, container" queries
TRANSPOSITION_DISCOUNT = 0.5   # of an edit, for two adjacent letters swapped
SHORT_TYPO_PRIOR = 8.0   # a 4-character query matches fuzzily only places with this prior
FUZZY_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK"})
FUZZY_SALIENT_PRIOR = 6.0  # fuzzy matches lose 6 points per decade of effective population below 10**6
RARE_SPELLING = 1.1      # support of a folded key that one major language (or two others) uses
SUPPORT_WEIGHT = 2.0     # rank points per unit of ln(1 + weighted languages using the spelling)
AMBIGUITY_TEMPERATURE = 2.0   # rank points per factor e of likelihood
# Priors are log10 effective populations; a place's weight grows with its population squared
# (salience is steeper than headcount), i.e. 9.2 rank points per decade.
PRIOR_WEIGHT = 2 * AMBIGUITY_TEMPERATURE * math.log(10)
AMBIGUITY_PENALTY = 80.0   # a two-way tie scores 60: below MIN_SCORE, so resolve() says no match
LATIN = SCRIPT_BITS["LATIN"]
_MATCH_FIELDS = set(Match.model_fields)   # shared, as in _store: model_copy copies it
QUALITY = {"exact": 100.0, "normalized": 98.0, "folded": 93.0}
# alias: unverified GeoNames alternates; qualifier: "Pa.", "Mass.", a state only after a town
# ("Harrisburg, Pa."), never alone: its scores stay below MIN_SCORE
NAME_KIND_ADJUST = {"alias": -9.0, "misspelling": -2.0, "former": -1.0, "qualifier": -40.0}


class _Hit(NamedTuple):
    """One name of one place that matched the query (a tuple: these are made by the thousand)."""

    store: int
    idx: int
    pos: int
    method: str
    quality: float
    support: float
    prior: float
    kind: str
    country: str | None
    place_id: str
    text: str
    lang: str | None
    name_kind: str
    party: str | None
    label: str
    iso: str | None
    parent: str | None
    scripts: int        # folded hits: the scripts of the place's names behind the key (SCRIPT_BITS)


class _Ranked(NamedTuple):
    hit: _Hit
    place_id: str
    rank: float
    score: float


class Resolver:
    """Resolution over one or more stores; a later store shadows earlier ones by place id."""

    def __init__(self, stores: Sequence[Store]) -> None:
        self.stores = list(stores)
        self._shadowed: list[set[str]] = [set() for _ in self.stores]
        for later in range(1, len(self.stores)):
            ids = set(self.stores[later].all_ids())
            for earlier in range(later):
                self._shadowed[earlier] |= ids
        self.stopwords = frozenset().union(*(s.stopwords for s in self.stores))
        self._cached = lru_cache(maxsize=16384)(self._cached_candidates)
        self._top = lru_cache(maxsize=CACHED_TOP_MATCHES)(self._top_match)
        # the parts of "head, tail" queries: a failed literal reading and the later one share them
        self._part = lru_cache(maxsize=CACHED_PARTS)(self._unqualified)

    def candidates(self, query: str, *, limit: int = 10, lang: str | None = None,
                   kinds: Collection[str] | str | None = None, country: str | None = None) -> list[Match]:
        if not isinstance(limit, int) or limit < 0:
            raise ValueError(f"limit must be a non-negative int, not {limit!r}")
        key = _cache_key(query, lang, kinds, country)
        if key is None:
            return []  # no place name is this long; do not even normalize it
        ranked = self._candidates(*key) if limit > CACHED_CANDIDATES else self._cached(*key)
        return [self._match(r, query, lang) for r in ranked[:limit]]

    def ranked(self, query: str, *, lang: str | None = None, kinds: Collection[str] | str | None = None,
               country: str | None = None) -> tuple[_Ranked, ...]:
        """The ranked hits behind ``candidates`` without building models (batch work)."""
        key = _cache_key(query, lang, kinds, country)
        return () if key is None else self._cached(*key)

    def resolve(self, query: str, *, lang: str | None = None, kinds: Collection[str] | str | None = None,
                country: str | None = None) -> Match | None:
        top = self.top(query, lang=lang, kinds=kinds, country=country)
        return top if top is not None and top.score >= MIN_SCORE else None

    def top(self, query: str, *, lang: str | None = None, kinds: Collection[str] | str | None = None,
            country: str | None = None) -> Match | None:
        """The best candidate whatever its score; while cached, the same (frozen) object again."""
        if kinds is None and type(query) is str and len(query) <= MAX_CACHED_QUERY:
            # the common call: its arguments are a hashable cache key as given (checked on a miss)
            return self._top(query, lang, None, country)
        key = _cache_key(query, lang, kinds, country)
        return None if key is None else self._top(*key)

    # -- internals ---------------------------------------------------------------------------

    def _candidates(self, query: str, lang: str | None, kinds: frozenset[str] | None,
                    country: str | None, qualify: bool = True) -> tuple[_Ranked, ...]:
        text = _clean(query)
        if not text or len(text) > MAX_QUERY_LENGTH:
            return ()
        variants = query_variants(text)
        if not variants or any(v in self.stopwords for v in variants):
            return ()
        if country and len(text) <= 3 and text.isalnum():
            # "TX" or "CA" with country="US": the subdivision's ISO 3166-2 code, US-TX, US-CA
            variants = [*variants, normalize(f"{country}-{text}")]
        hits = self._lookup(text, variants)
        typed = kind_variants(text)
        if typed and all(h.kind == "city" for h in hits):
            # "Hokkaido Island", "São Paulo State": the generic term says which kind is meant
            # (when nothing but towns, or nothing at all, bears the whole name)
            typed_hits = [h for h in self._lookup(text, typed[0]) if h.kind in typed[1]]
            hits = typed_hits or hits
        whole = bool(hits)
        if not whole and qualify:  # "Paris (France)": before "A (B)" is read as two names
            # "Portland, Me.": a literal name in a literal container, before any typo reading
            qualified = (self._qualified(text, lang, kinds, country, _parenthesised(text))
                         or self._qualified(text, lang, kinds, country, _separated(text), literal=True))
            if qualified:
                return qualified
        if not hits:
            parts = part_variants(text)
            if parts:
                variants = parts
                hits = self._lookup(text, variants)
        if not hits:
            hits = self._fuzzy(text, variants)
            if typed:  # "Okinwa Prefecture": a typo of the prefecture, not of the island
                hits = [h for h in hits if h.kind in typed[1]] or hits
            if not hits and not typed:  # "Danube Rivr": a typo in the generic term
                typed = kind_variants(text, typos=True)
                if typed:
                    hits = [h for h in self._lookup(text, typed[0]) if h.kind in typed[1]]
            if not hits:  # "La Seine", "Der Rhein": only the salient places that take an article
                articles = article_variants(text)
                hits = [h for h in self._lookup(text, articles) if h.kind != "city"
                        and h.prior >= FUZZY_SALIENT_PRIOR] if articles else []
        elif script_of(text) == "LATIN" and any(h.method in ("exact", "normalized") for h in hits):
            # "Tunis" is the city that spells it so, not Tunisia's Cyrillic name folded to ASCII;
            # and one who writes diacritics does not write other ones: Turkish "Haliç" is the
            # Golden Horn, not Czech "Halič" (Galicia)
            # Two or three letters fold together too easily: "EU" is the European Union, not
            # French "É.-U." (the United States).
            marks = "" if text.isascii() else _diacritics(text)
            short = len(fold(text)) <= 3
            hits = [h for h in hits if h.method != "folded" or (not short and h.scripts & LATIN and (
                not marks or h.support > RARE_SPELLING or h.text.isascii() or _diacritics(h.text) == marks))]
        admin = bool(typed and "subdivision" in typed[1]) or names_subdivision(text)
        ranked = tuple(self._rank(hits, lang, kinds, country, admin)[:MAX_CANDIDATES])
        if not whole and qualify and (not ranked or ranked[0].score < MIN_SCORE):
            # "Paris, France", "Springfield IL": after the typo readings ("Taiwan, xrovince of China")
            return self._qualified(text, lang, kinds, country, _qualifier_splits(text)) or ranked
        return ranked

    def _qualified(self, text: str, lang: str | None, kinds: frozenset[str] | None,
                   country: str | None, splits: list[tuple[str, str]], literal: bool = False) -> tuple[_Ranked, ...]:
        """"Paris, France", "Springfield IL", "Paris (France)", "São Paulo - SP": the head
        resolved among the places inside what the tail names (a country or a subdivision, by
        name or ISO code). Tried only when nothing bears the whole name."""
        for head, tail in splits:
            inside: set[str] = set()   # ids of containing places and codes of countries
            if tail.isupper() and tail.isalpha() and 2 <= len(tail) <= 3:
                inside.add(tail)   # a country or subdivision code: "Paris, FR", "Springfield, IL"
            found = self._part(tail, None, CONTAINER_KINDS, None)
            if literal:   # no typo reading of either part
                found = tuple(r for r in found if r.hit.method != "fuzzy")
            # "Hammond, Ind.": an abbreviation that only names a state in this position
            top = next((r for r in found if r.hit.name_kind == "qualifier" and r.hit.text == tail),
                       found[0] if found and found[0].score >= QUALIFIER_SCORE else None)
            if top is not None:
                inside.add(top.hit.country if top.hit.kind in COUNTRY_KINDS and top.hit.country else top.place_id)
            if not inside:
                continue
            hits = [r.hit for r in self._part(head, lang, kinds, country)
                    if not (literal and r.hit.method == "fuzzy")
                    and (r.hit.country in inside or r.hit.parent in inside
                         or (r.hit.parent or "").rpartition("-")[2] in inside)]
            if hits:
                return tuple(self._rank(hits, lang, kinds, country)[:MAX_CANDIDATES])
        return ()

    def _unqualified(self, query: str, lang: str | None, kinds: frozenset[str] | None,
                     country: str | None) -> tuple[_Ranked, ...]:
        return self._candidates(query, lang, kinds, country, qualify=False)

    def _cached_candidates(self, query: str, lang: str | None, kinds: frozenset[str] | None,
                           country: str | None) -> tuple[_Ranked, ...]:
        # the cache keeps the top CACHED_CANDIDATES only: memory stays bounded in long batches
        return self._candidates(query, lang, kinds, country)[:CACHED_CANDIDATES]

    def _top_match(self, query: str, lang: str | None, kinds: frozenset[str] | None,
                   country: str | None) -> Match | None:
        found = self.candidates(query, limit=1, lang=lang, kinds=kinds, country=country)
        return found[0] if found else None

    def _lookup(self, text: str, variants: list[str]) -> list[_Hit]:
        hits: list[_Hit] = []
        script = script_of(text)
        folded = [k for k in dict.fromkeys(fold(v) for v in variants) if k]
        for si, store in enumerate(self.stores):
            for row in store.hits(variants, folded, text):
                table, _, idx, pos, support, prior, kind, country, pid, name, lang, name_kind, party, \
                    label, iso, parent, scripts = row
                if table == 2:
                    if not _folded_ok(script, scripts, prior):
                        continue
                    method = "folded"
                else:
                    method = "exact" if name == text else "normalized"
                hits.append(_Hit(si, idx, pos, method, QUALITY[method], support, prior, kind,
                                 country, pid, name, lang, name_kind, party, label, iso, parent, scripts))
        return hits

    def _fuzzy(self, text: str, variants: list[str]) -> list[_Hit]:
        script = script_of(text)
        if script not in FUZZY_SCRIPTS:
            return []  # edit distance on a transliteration of Han or Hangul means nothing
        hits: list[_Hit] = []
        for si, store in enumerate(self.stores):
            # the best quality of each folded key within reach of some variant of the query
            quality: dict[str, float] = {}
            short: set[str] = set()   # reached only by a four-letter query
            for key in dict.fromkeys(fold(v) for v in variants):
                if len(key) < FUZZY_MIN_LENGTH:
                    continue
                max_edits = 1 if len(key) <= 8 else 2
                for cand in store.fuzzy_keys(key, max_edits):
                    edits = OSA.distance(key, cand, score_cutoff=max_edits)
                    if edits > max_edits:
                        continue
                    # a swapped pair of letters, the commonest slip, costs half an edit
                    # ("Iecland" is Iceland before it is Dutch "Ierland")
                    swaps = Levenshtein.distance(key, cand, score_cutoff=2 * edits) - edits
                    q = 88.0 - 60.0 * (edits - TRANSPOSITION_DISCOUNT * swaps) / max(len(key), len(cand))
                    if q > quality.get(cand, -1.0):
                        quality[cand] = q
                        if len(key) == FUZZY_MIN_LENGTH:
                            short.add(cand)
                        else:
                            short.discard(cand)
            if not quality:
                continue
            for row in store.hits([], sorted(quality), ""):
                _, cand, idx, pos, support, prior, kind, country, pid, name, lang, name_kind, party, \
                    label, iso, parent, scripts = row
                # four-letter typos only reach the most salient places (countries, seas)
                if cand in short and prior < SHORT_TYPO_PRIOR:
                    continue
                if not scripts & script_bit(script):
                    continue  # a typo is made in the script one writes in
                # a misspelling is more likely of a well-known place than of a village
                penalty = max(0.0, FUZZY_SALIENT_PRIOR - prior) * 6.0
                hits.append(_Hit(si, idx, pos, "fuzzy", quality[cand] - penalty, support, prior,
                                 kind, country, pid, name, lang, name_kind, party, label, iso, parent,
                                 scripts))
        return hits

    def _rank(self, hits: list[_Hit], lang: str | None, kinds: frozenset[str] | None,
              country: str | None, admin: bool = False) -> list[_Ranked]:
        best: dict[str, _Ranked] = {}
        in_country: set[str] = set()
        for hit in hits:
            pid = hit.place_id
            if pid in self._shadowed[hit.store] or (kinds is not None and hit.kind not in kinds):
                continue
            score = hit.quality + NAME_KIND_ADJUST.get(hit.name_kind, 0.0)
            if lang and hit.lang and (hit.lang == lang or hit.lang.startswith(lang + "-")):
                score += 1.0
            if country and hit.country == country:
                in_country.add(pid)
            rank = score + PRIOR_WEIGHT * hit.prior + SUPPORT_WEIGHT * hit.support
            old = best.get(pid)
            if old is None or (rank, -hit.pos) > (old.rank, -old.hit.pos):
                best[pid] = _Ranked(hit, pid, rank, score)
        # A city and a subdivision of its country that bear the same name (Phnom Penh, Doha,
        # Busan, Venice, Cardiff): the name means the city, the subdivision is the runner-up.
        # Likewise a physical feature and the subdivision named after it (Sicily, Tobago, Funafuti,
        # Kilimanjaro, Bay of Plenty): the name means the feature when it matches as well.
        if admin:
            self._namesake_subdivision_wins(best)
        else:
            self._namesake_subdivision_yields(best)
        ranked = [r for r in best.values() if not in_country or r.place_id in in_country]
        ranked.sort(key=lambda r: (-r.rank, r.place_id))
        if not ranked:
            return []
        # Ambiguity: a score loses AMBIGUITY_PENALTY x the share of the weight held by the others.
        top = ranked[0].rank
        weights = [math.exp((r.rank - top) / AMBIGUITY_TEMPERATURE) for r in ranked]
        total = sum(weights)
        out = []
        for r, w in zip(ranked, weights):
            share = w / total
            score = max(0.0, min(100.0, r.score - AMBIGUITY_PENALTY * (1.0 - share)))
            out.append(_Ranked(r.hit, r.place_id, r.rank, round(score, 1)))
        return out

    @staticmethod
    def _namesake_subdivision_yields(best: dict[str, _Ranked]) -> None:
        big_cities: dict[str | None, list[_Hit]] = {}
        features: dict[str | None, float] = {}
        for r in best.values():
            if r.hit.kind == "city" and r.hit.prior >= NAMESAKE_CITY_PRIOR:
                big_cities.setdefault(r.hit.country, []).append(r.hit)
            elif r.hit.kind in NAMESAKE_FEATURE_KINDS and r.hit.country:
                features[r.hit.country] = max(features.get(r.hit.country, -1.0), r.score)
        if not big_cities and not features:
            return
        for pid, r in list(best.items()):
            if r.hit.kind == "subdivision":
                if any(_namesake_city(city, r.hit) for city in big_cities.get(r.hit.country, ())):
                    best[pid] = _Ranked(r.hit, pid, r.rank - CITY_OVER_OWN_SUBDIVISION, r.score)
                elif features.get(r.hit.country, -1.0) >= r.score - 1:
                    best[pid] = _Ranked(r.hit, pid, r.rank - FEATURE_OVER_OWN_SUBDIVISION, r.score)

    @staticmethod
    def _namesake_subdivision_wins(best: dict[str, _Ranked]) -> None:
        """The query carries a subdivision's own administrative term (東京都, 北海道, "Gotland
        County"): a city or feature of its name in its country is the runner-up instead."""
        subdivisions: dict[str | None, float] = {}
        for r in best.values():
            if r.hit.kind == "subdivision":
                subdivisions[r.hit.country] = max(subdivisions.get(r.hit.country, -1.0), r.score)
        for pid, r in list(best.items()):
            if ((r.hit.kind == "city" or r.hit.kind in NAMESAKE_FEATURE_KINDS)
                    and subdivisions.get(r.hit.country, -1.0) >= r.score - 2):
                best[pid] = _Ranked(r.hit, pid, r.rank - CITY_OVER_OWN_SUBDIVISION, r.score)

    def _match(self, ranked: _Ranked, query: str, lang: str | None) -> Match:
        store = self.stores[ranked.hit.store]
        place = store.place(ranked.hit.idx)
        pos = ranked.hit.pos   # a place's names are stored in position order, from 0
        name = place.names[pos] if pos < len(place.names) else store.name(ranked.hit.idx, pos)
        # built from compiled, validated data: no need to validate again (and no schema to build);
        # a set of its own, as model_construct gives, so that model_copy(update=...) works
        return _construct(Match, _MATCH_FIELDS, {
            "place": place, "score": ranked.score, "matched": name, "method": ranked.hit.method,
            "query": query, "usage": usage_of(place, name, lang) if name.party else None})


def _namesake_city(city: _Hit, subdivision: _Hit) -> bool:
    """The city bears the subdivision's name as well as the subdivision does, as a name of its
    own. A GeoNames alias of a city inside that subdivision counts only when the two are
    namesakes (Busan, Tianjin, Mexico City); otherwise it is the state's name given to its
    capital (Bahia for Salvador, Ceará for Fortaleza, Honan for Luoyang)."""
    if city.quality < subdivision.quality - 2:
        # 평양, Երևան: the city's native name is missing from our data and only its Latin names
        # fold to the query, while the subdivision around it, its namesake, has the name itself
        return (city.method == "folded" and city.parent == subdivision.place_id
                and _namesakes(city.label, subdivision.label))
    return (city.name_kind != "alias" or city.parent != subdivision.place_id
            or _namesakes(city.label, subdivision.label))


@lru_cache(maxsize=4096)
def _namesakes(a: str, b: str) -> bool:
    """Two labels that name the same thing, however spelt (Basrah and Basra, Ulan Bator and
    Ulaanbaatar, Mexico City and Ciudad de Mexico; not Goiânia and Goiás)."""
    words_a, words_b = _label_words(a), _label_words(b)
    if any(fuzz.ratio(x, y) >= NAMESAKE_SIMILARITY for x in words_a for y in words_b):
        return True
    return fuzz.ratio(fold(a), fold(b)) >= NAMESAKE_SIMILARITY


def _label_words(label: str) -> list[str]:
    return [w for w in (fold(w) for w in normalize(label).split()) if len(w) >= 3 and w != "city"]


def _diacritics(text: str) -> str:
    """The letters of ``text`` beyond ASCII, in order ("Haliç" -> "ç", "Halič" -> "č")."""
    return "".join(ch for ch in normalize(text) if not ch.isascii())


_QUALIFIER_SEPARATORS = (",", " - ", " – ", " — ", "/", " | ")


def _parenthesised(text: str) -> list[tuple[str, str]]:
    """"Paris (France)" as ("Paris", "France")."""
    m = PARENTHESIS.match(text)
    return [(m["a"].strip(), m["b"].strip())] if m else []


def _separated(text: str) -> list[tuple[str, str]]:
    """``text`` read as "place, container" at its last separator ("Portland, Me.")."""
    out = [text.rpartition(sep)[::2] for sep in _QUALIFIER_SEPARATORS if sep in text]
    return [(h.strip(), t.strip()) for h, t in out if h.strip() and t.strip()]


def _qualifier_splits(text: str) -> list[tuple[str, str]]:
    """Ways to read ``text`` as "place, container": at its last separator, or before its last
    one to three words (short queries only)."""
    out = _separated(text)
    words = text.split()
    if 2 <= len(words) <= 6:
        out += [(" ".join(words[:-k]), " ".join(words[-k:])) for k in (1, 2, 3) if k < len(words)]
    return out


def _folded_ok(query_script: str, scripts: int, prior: float) -> bool:
    """Folded matches may cross scripts only from a Latin query (a romanisation of the name).
    In other scripts folding drops what tells words apart (Han homophones: 今天 and 錦田 both fold
    to "jintian"; unvowelled Arabic), so there it only reaches salient places."""
    if query_script == "LATIN":
        return True
    return bool(scripts & script_bit(query_script)) and prior >= FUZZY_SALIENT_PRIOR


def _clean(query: str) -> str:
    """NFC, surrogates and control characters removed, outer whitespace stripped."""
    if not query.isprintable():  # printable text has none of these: the common case skips the scan
        query = query.encode("utf-8", "replace").decode("utf-8")
        query = "".join(ch for ch in query if unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
                        or ch in " \t\n")
    return unicodedata.normalize("NFC", " ".join(query.split()))


def _cache_key(query: str, lang: str | None, kinds: Collection[str] | str | None,
               country: str | None) -> tuple[str, str | None, frozenset[str] | None, str | None] | None:
    """Checked, canonical arguments of a look-up; None for a query too long to be a place."""
    if not isinstance(query, str):
        raise TypeError(f"query must be a str, not {type(query).__name__}")
    kind_set = _check_kinds(kinds)
    if lang is not None and not isinstance(lang, str):
        raise TypeError(f"lang must be a str or None, not {type(lang).__name__}")
    if country is not None and not isinstance(country, str):
        raise TypeError(f"country must be a str or None, not {type(country).__name__}")
    if len(query) > MAX_CACHED_QUERY:
        return None
    return query, lang, kind_set, country.strip().upper() if country is not None else None


def _check_kinds(kinds: Collection[str] | str | None) -> frozenset[str] | None:
    if kinds is None:
        return None
    kind_set = frozenset([kinds]) if isinstance(kinds, str) else frozenset(kinds)
    unknown = sorted(k for k in kind_set if k not in PLACE_KINDS)
    if unknown:
        raise ValueError(f"unknown place kind(s) {unknown}; known kinds: {sorted(PLACE_KINDS)}")
    return kind_set
