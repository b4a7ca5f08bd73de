"""The public data model: frozen, fully typed pydantic v2 models."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

NameKind = Literal["common", "official", "variant", "abbreviation", "code", "former", "endonym",
                   "romanization", "alias", "misspelling", "qualifier"]
Method = Literal["exact", "normalized", "folded", "fuzzy"]


class _Frozen(BaseModel):
    # schemas are built on first validation or serialization, not at import: the first resolve()
    # builds its Match without validating (the data was validated when it was compiled)
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Name(_Frozen):
    """One name of a place.

    ``party`` is whose usage the name is (ISO 3166-1 alpha-2 of a state, ``XK``, or a namespaced
    code such as ``x-trnc`` or ``intl``); None for ordinary names.
    """

    text: str
    lang: str | None = None
    party: str | None = None
    kind: NameKind = "common"
    valid_from: str | None = None
    valid_to: str | None = None
    note: str | None = None


class Relation(_Frozen):
    """A link to a place of a different extent (``part_of``, ``has_part``, ``overlaps``)."""

    type: Literal["part_of", "has_part", "overlaps"]
    id: str


class Dispute(_Frozen):
    """Who administers a contested place and who else claims it, as of a date."""

    status: str = "disputed"
    administered_by: list[str] = Field(default_factory=list)
    claimants: list[str] = Field(default_factory=list)
    as_of: str | None = None
    sources: list[str] = Field(default_factory=list)
    note: str | None = None


class Place(_Frozen):
    """A gazetteer entity: a country, subdivision, city, sea, island, region, ...

    ``id`` is stable: ``iso:JP``, ``iso:JP-47`` (ISO 3166-1/-2), ``gn:1850147`` (GeoNames),
    ``pn:east-china-sea`` (curated by this project). ``label`` is the stance-neutral English
    display label; ``label_rule`` says which step of the neutral-label rule chose it (None for
    places nobody contests).
    """

    id: str
    kind: str
    label: str
    names: list[Name] = Field(default_factory=list)
    iso: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    wikidata: str | None = None
    geonames: int | None = None
    parent: str | None = None
    population: int | None = None
    dispute: Dispute | None = None
    label_rule: str | None = None
    relations: list[Relation] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    note: str | None = None


class Usage(_Frozen):
    """Whose usage a matched name reflects.

    ``signal`` is ``strong`` when the name marks one party's usage, ``weak`` when it is also the
    international default, an ordinary word in some language, or simply the word in the text's
    language (``lang`` hint), e.g. "Malvinas" in Spanish text.
    """

    parties: list[str]
    note: str
    signal: Literal["strong", "weak"]


class Match(_Frozen):
    """A place that a query matched, with the evidence.

    ``score`` (0-100) is the confidence that this is the place meant; see the README for what
    the bands mean. ``matched`` is the name that matched and ``method`` how: ``exact`` (same
    text), ``normalized`` (case, width, punctuation), ``folded`` (diacritics, script, spacing)
    or ``fuzzy`` (spelling mistakes). ``usage`` is set when the matched name is one party's
    usage (contested and politically sensitive places).
    """

    place: Place
    score: float
    matched: Name
    method: Method
    query: str
    usage: Usage | None = None


class Mention(_Frozen):
    """A place mentioned in running text: ``text[start:end] == mention.text``.

    ``match`` is the resolved place (with the matched name and its party); ``usage`` is the
    readable usage note for contested names; ``demonym`` is True for "Japanese"-style mentions
    (reported only when asked for). ``alternatives`` are other places the words could mean.
    """

    start: int
    end: int
    text: str
    match: Match
    usage: str | None = None
    demonym: bool = False
    alternatives: list[str] = Field(default_factory=list)
