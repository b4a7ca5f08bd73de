"""Finding place mentions in running text: spot names, apply context rules, resolve with
document-level evidence.

1. Spot: word windows (as long as the longest name that starts with the word) whose
   normalized form is a taggable key (countries,
   subdivisions, cities from 1,000 inhabitants, curated places); in Han/kana runs, the longest
   dictionary substring; Hangul words also without a trailing particle (독도는 -> 독도).
2. Rules: a Latin, Cyrillic or Greek mention starts with a capital; names that only exist in
   capitals (US, UK) need capitals; organisation names (Bank of China, American Airlines,
   Fox News) are not mentions; common words that are also places (Nice, Reading, March) need
   evidence; "Japan's" is Japan.
3. Resolve: each mention's candidates are weighed with the document's other mentions as
   evidence (``_context``).
Mentions never overlap; the longest name wins.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._context import decide
from ._normalize import normalize, script_of
from .models import Match, Mention

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

HANGUL_PARTICLES = ("에서는", "에서", "으로", "에게", "까지", "부터", "은", "는", "이", "가", "을", "를", "의",
                    "에", "로", "와", "과", "도", "만")
_WORD = re.compile(r"[^\W_](?:[\w’'.]*[^\W_])?\.?")  # hyphens split words: "US-Japan"
_LETTERS = re.compile(r"[^\W\d_]+")
# a word that does not start with a lower-case ASCII letter (the capitalised words of English
# text and a few others, which the caller checks)
_CAPITALISED = re.compile(r"(?<![\w’'.])[^\W\da-z_](?:[\w’'.]*[^\W_])?\.?")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]+")
_CASED_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK"})
FUNCTION_WORDS = frozenset("""the a an in at on from to for of and or but with by near into via
north south east west northern southern eastern western central greater upper lower said says
says told when while after before during since as if than then this that these those""".split())
# Capitalised words of news prose that are also towns somewhere (sentence starts, titles).
COMMON_CAPITALISED = frozenset("""as street university college police union commerce officer leader
chamber main northwest northeast southwest southeast man president council court county city state
army navy senate house congress ministry church school hospital center centre station airport
bridge road avenue""".split())


@dataclass
class Lexicon:
    """What the tagger looks for, loaded once per gazetteer from the compiled data."""

    keys: dict[str, bool]                 # normalized key -> capitals only
    first_words: dict[str, int]           # first word of a key -> most words in a key
    cjk: set[str]
    cjk_longest: int
    demonyms: dict[str, list[str]]        # normalized demonym -> place ids
    org_suffixes: set[str]
    org_prefixes: set[str]
    ambiguous: set[str]


_lexicons: dict[int, Lexicon] = {}
_lock = threading.Lock()


def lexicon(gaz: Gazetteer) -> Lexicon:
    with _lock:
        if id(gaz) not in _lexicons:
            _lexicons[id(gaz)] = _load(gaz)
        return _lexicons[id(gaz)]


def _load(gaz: Gazetteer) -> Lexicon:
    keys: dict[str, bool] = {}
    for store in gaz.stores:
        for key, caps in store._query("SELECT key, caps_only FROM tag_keys"):
            keys[key] = keys.get(key, True) and bool(caps)
    first: dict[str, int] = {}
    cjk: set[str] = set()
    for key in keys:
        words = key.split()
        if script_of(key) == "CJK" and len(words) == 1:
            cjk.add(key)
        elif words[0] not in first or first[words[0]] < len(words):
            first[words[0]] = len(words)
    demonyms: dict[str, list[str]] = {}
    for text, pid in gaz.base._query(
            "SELECT d.text, p.id FROM demonyms d JOIN places p ON p.idx = d.place ORDER BY d.text, p.id"):
        demonyms.setdefault(text, []).append(pid)
    lists = json.loads(gaz.base.meta.get("tagging", "{}"))
    return Lexicon(keys, first, cjk, max((len(k) for k in cjk), default=0), demonyms,
                   {normalize(w) for w in lists.get("org_suffixes", [])},
                   {normalize(w) for w in lists.get("org_prefixes", [])},
                   {normalize(w) for w in lists.get("ambiguous_words", [])})


@dataclass
class _Span:
    start: int
    end: int
    text: str
    needs_evidence: bool = False
    name_like: bool = False     # a capitalised neighbour: maybe part of a person's name
    demonym: bool = False
    choices: list[tuple[float, Match]] = field(default_factory=list)


def _words(text: str) -> list[tuple[int, int, str]]:
    """Word tokens with offsets; a sentence-final period and a possessive 's are left out."""
    return list(_iter_words(text))


def _iter_words(text: str, pattern: re.Pattern[str] | None = None) -> Iterator[tuple[int, int, str]]:
    for m in (pattern or _WORD).finditer(text):
        start, end = m.span()
        word = m.group()
        last = word[-1]
        if last == "." and "." not in word[:-1]:
            end, word = end - 1, word[:-1]
        elif last == "s" and len(word) > 2 and word[-2] in "'’":
            end, word = end - 2, word[:-2]
        if word:
            yield start, end, word


CANDIDATES = 12   # readings weighed per mention: a town of a common name may rank low ("Hanover", N.H.)
BLOCK = 1 << 16   # texts are spotted a block at a time, cut at a line or sentence end: memory stays flat


def spot(text: str, lex: Lexicon, *, demonyms: bool = False) -> list[_Span]:
    """Candidate mentions: longest names first, no overlaps."""
    spans: list[_Span] = []
    start = 0
    while start < len(text):
        end = _block_end(text, start)
        for span in _spot_block(text[start:end], lex, demonyms):
            span.start += start
            span.end += start
            spans.append(span)
        start = end
    return spans


def _block_end(text: str, start: int) -> int:
    if len(text) - start <= BLOCK:
        return len(text)
    limit = start + BLOCK
    for sep in ("\n", ". ", " "):
        cut = text.rfind(sep, start + BLOCK // 2, limit)
        if cut > start:
            return cut + len(sep)
    return limit


class _Norms:
    """The normalized words of a block, computed when first asked for: most words (lower-case
    ones in a cased script) never start a name, and normalizing every word would cost more than
    all the rest of spotting."""

    __slots__ = ("words", "cache")

    def __init__(self, words: list[tuple[int, int, str]]) -> None:
        self.words = words
        self.cache: dict[int, str] = {}

    def __getitem__(self, k: int) -> str:
        n = self.cache.get(k)
        if n is None:
            n = self.cache[k] = normalize(self.words[k][2])
        return n

    def span(self, i: int, j: int) -> list[str]:
        return [self[k] for k in range(i, min(j, len(self.words)))]


def _spot_block(text: str, lex: Lexicon, demonyms: bool) -> list[_Span]:
    words = _words(text)
    norms = _Norms(words)
    spans: list[_Span] = []
    i = 0
    while i < len(words):
        first = words[i][2][0]
        if first.islower():
            i += 1  # a lower-case word starts no mention (a cased script's names are capitalised)
            continue
        found = _longest_at(text, words, norms, i, lex)
        if found is None:
            demonym = _demonym_at(text, words, norms, i, lex) if demonyms else None
            if demonym is not None:
                j, span = demonym
                if span is not None:
                    spans.append(span)
                i = j
                continue
            hangul = _hangul(words[i], lex) if "\uac00" <= first <= "\ud7a3" else None
            if hangul:
                spans.append(hangul)
            i += 1
            continue
        j, span = found
        if span is not None:
            spans.append(span)
        i = j
    spans += _cjk_spans(text, lex, spans)
    spans.sort(key=lambda s: s.start)
    return spans


def _longest_at(text: str, words: list[tuple[int, int, str]], norms: _Norms, i: int,
                lex: Lexicon) -> tuple[int, _Span | None] | None:
    most = lex.first_words.get(norms[i].split(" ")[0] if norms[i] else "", 0)
    if not most:
        return None  # no name starts with this word
    for j in range(min(len(words), i + most + 1), i, -1):
        key = " ".join(n for n in norms.span(i, j) if n)
        if key not in lex.keys:
            continue
        start, end = words[i][0], words[j - 1][1]
        surface = text[start:end]
        if not _case_ok(surface, lex.keys[key]):
            return None
        if _is_organisation(text, words, norms, i, j, lex):
            return j, None  # skip the whole organisation name
        needs = j - i == 1 and (key in lex.ambiguous or key in COMMON_CAPITALISED)
        return j, _Span(start, end, surface, needs_evidence=needs or _sentence_initial_common(text, start, key, lex),
                        name_like=j - i == 1 and _in_a_name(text, words, i, j))
    return None


def _in_a_name(text: str, words: list[tuple[int, int, str]], i: int, j: int) -> bool:
    """A single capitalised word between other capitalised words is likely part of a person's or
    an organisation's name ("Officer Jones", "David Clark", "Paris Hilton")."""
    def name_like(k: int, gap: str) -> bool:
        word = words[k][2]
        return gap == " " and word[:1].isupper() and word.lower() not in FUNCTION_WORDS
    before = i > 0 and name_like(i - 1, text[words[i - 1][1]:words[i][0]])
    after = j < len(words) and name_like(j, text[words[j - 1][1]:words[j][0]])
    return before or after


NAME_MODIFIERS = frozenset("""downtown metro suburban rural coastal mainland inner outer mid old new
lake river mount fort port saint st san santa el la las los""".split())


def lower_case_words(text: str) -> set[str]:
    """The words the document writes in lower case (its ordinary words)."""
    return set(filter(str.islower, (m.group() for m in _LETTERS.finditer(text))))  # no list: texts are long


def surnames(text: str, lex: Lexicon, lower: set[str]) -> dict[str, set[int]]:
    """Place names the document also uses as a person's surname ("Jim Moore", "Judge Haywood
    Turner", "Dwight C. Jones"): the last of a run of capitalised words, after a word that is no
    place name, no place modifier, no verb form (-ing, -ed) and never written in lower case in
    the document: a given name, an initial or a title, not the verb of a title-case headline.
    Maps each to the offsets where it is the surname."""
    out: dict[str, set[int]] = {}
    # capitalised words only, three at a time: the text may be megabytes long
    words = (w for w in _iter_words(text, _CAPITALISED) if w[2][0].isupper())
    prev, cur = next(words, None), next(words, None)
    while prev is not None and cur is not None:
        nxt = next(words, None)
        a, b = prev[2], cur[2]
        if (not b.isupper() and not (a.isupper() and len(a) > 1) and _joins(text, prev, cur)
                and not (nxt is not None and _joins(text, cur, nxt))):
            na, nb = normalize(a), normalize(b)
            if (nb in lex.keys and na not in lex.keys and f"{na} {nb}" not in lex.keys
                    and a.lower() not in lower and na not in FUNCTION_WORDS and na not in NAME_MODIFIERS
                    and not na.endswith(("ing", "ed"))):
                out.setdefault(nb, set()).add(cur[0])
        prev, cur = cur, nxt
    return out


def _joins(text: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    """Two words of one name: one space apart, or a short title and a period ("Sen. Moore")."""
    gap = text[left[1]:right[0]]
    return gap == " " or gap == ". " and len(left[2]) <= 4


def _demonym_at(text: str, words: list[tuple[int, int, str]], norms: _Norms, i: int,
                lex: Lexicon) -> tuple[int, _Span | None] | None:
    """The longest demonym at word i ("South Korean" before "Korean"), unless it names an
    organisation ("American Airlines")."""
    for j in range(min(len(words), i + 3), i, -1):
        key = " ".join(norms.span(i, j))
        if key in lex.demonyms and (script_of(words[i][2]) not in _CASED_SCRIPTS or words[i][2][:1].isupper()):
            if _is_organisation(text, words, norms, i, j, lex):
                return j, None
            start, end = words[i][0], words[j - 1][1]
            return j, _Span(start, end, text[start:end], demonym=True)
    return None


def _case_ok(surface: str, caps_only: bool) -> bool:
    if script_of(surface) not in _CASED_SCRIPTS:
        return True
    if caps_only:
        return surface.replace(".", "").isupper()
    return surface[:1].isupper()


def _is_organisation(text: str, words: list[tuple[int, int, str]], norms: _Norms, i: int, j: int,
                     lex: Lexicon) -> bool:
    """An organisation name around words i..j: a capitalised suffix right after ("American
    Airlines", "Fox News") or a prefix right before ("Bank of China")."""
    if j < len(words) and words[j][2][:1].isupper() and text[words[j - 1][1]:words[j][0]] == " ":
        after = " ".join(norms.span(j, j + 2))
        if norms[j] in lex.org_suffixes or after in lex.org_suffixes:
            return True
    for k in (1, 2, 3):
        if i - k >= 0 and words[i - k][2][:1].isupper() and " ".join(norms.span(i - k, i)) in lex.org_prefixes:
            return True
    return False


def _sentence_initial_common(text: str, start: int, key: str, lex: Lexicon) -> bool:
    return key in lex.ambiguous and _sentence_start(text, start)


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 40):start].rstrip()
    return not before or before[-1] in ".!?\n\"“"


def _hangul(word: tuple[int, int, str], lex: Lexicon) -> _Span | None:
    start, _, surface = word
    if script_of(surface) != "HANGUL":
        return None
    for particle in HANGUL_PARTICLES:
        if surface.endswith(particle) and len(surface) > len(particle) + 1:
            stem = surface[: -len(particle)]
            if normalize(stem) in lex.keys:
                return _Span(start, start + len(stem), stem)
    return None


def _cjk_spans(text: str, lex: Lexicon, taken: list[_Span]) -> list[_Span]:
    if not lex.cjk:
        return []
    out = []
    busy = [(s.start, s.end) for s in taken]
    for run in _CJK_RUN.finditer(text):
        s, e = run.start(), run.end()
        if any(a < e and s < b for a, b in busy):
            continue
        i = s
        while i < e:
            for j in range(min(e, i + lex.cjk_longest), i + 1, -1):
                if text[i:j] in lex.cjk or normalize(text[i:j]) in lex.cjk:
                    out.append(_Span(i, j, text[i:j]))
                    i = j
                    break
            else:
                i += 1
    return out


def tag(gaz: Gazetteer, text: str, *, lang: str | None = None, demonyms: bool = False) -> list[Mention]:
    """Place mentions in ``text``, in order, resolved with the document as context."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates become "?"-free text
    lex = lexicon(gaz)
    spans = spot(text, lex, demonyms=demonyms)
    choices: dict[tuple[str, bool], list[tuple[float, Match]]] = {}   # a name recurs: look it up once
    for span in spans:
        known = choices.get((span.text, span.demonym))
        if known is None:
            if span.demonym:
                ids = lex.demonyms.get(normalize(span.text), [])
                known = [(100.0, _demonym_match(gaz, pid, span.text)) for pid in ids]
            else:
                known = [(m.score, m) for m in gaz.candidates(span.text, limit=CANDIDATES, lang=lang)]
            choices[(span.text, span.demonym)] = known
        span.choices = known
    lower = lower_case_words(text)
    for span in spans:
        # "Most of the cuts": a capitalised word at a sentence start that the text also writes in
        # lower case is an ordinary word, unless the document vouches for the place
        if " " not in span.text and span.text.lower() in lower and _sentence_start(text, span.start):
            span.needs_evidence = True
    return decide(gaz, text, spans, surnames(text, lex, lower))


def _demonym_match(gaz: Gazetteer, place_id: str, text: str) -> Match:
    from .models import Name

    return Match(place=gaz.get(place_id), score=100.0, method="exact", query=text,
                 matched=Name(text=text, kind="common"))
