"""Finding place mentions in running text: spot names, apply context rules, resolve with
document-level evidence.

1. Spot: word windows (as long as the longest name that starts with the word, read only
   around the words that may start a name) whose normalized form is a taggable key (countries,
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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from ._caches import normalized
from ._context import decide
from ._normalize import normalize, script_of
from ._words import Word, capitalised, iter_words, words_before
from .models import Match, Mention

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

HANGUL_PARTICLES = ("에서는", "에서", "으로", "에게", "까지", "부터", "은", "는", "이", "가", "을", "를", "의",
                    "에", "로", "와", "과", "도", "만")
_LETTERS = re.compile(r"[^\W\d_]+")
# a word that does not start with a lower-case ASCII letter (the capitalised words of English
# text and a few others, which the caller checks)
_CAPITALISED = re.compile(r"(?<![\w’'.])[^\W\da-z_](?:[\w’'.]*[^\W_])?\.?")
_NAME_BREAK = re.compile(r"[,;:()\[\]{}\"“”]")   # no name goes on across these
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
    demonym_first_words: set[str]
    key_prefixes: set[str]                # a longer key's first words ("united", "united states"): where
                                          # spotting may read on
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
    prefixes: set[str] = set()
    cjk: set[str] = set()
    for key in keys:
        words = key.split()
        if len(words) == 1 and script_of(key) == "CJK":   # (script_of is the slower test)
            cjk.add(key)
        elif words[0] not in first or first[words[0]] < len(words):
            first[words[0]] = len(words)
        if len(words) > 1:
            prefixes.update(" ".join(words[:n]) for n in range(1, len(words)))
    demonyms: dict[str, list[str]] = {}
    for text, pid in gaz.base._query(
            "SELECT d.text, p.id FROM demonyms d JOIN places p ON p.idx = d.place ORDER BY d.text, p.id"):
        demonyms.setdefault(text, []).append(pid)
    lists = json.loads(gaz.base.meta.get("tagging", "{}"))
    return Lexicon(keys, first, cjk, max((len(k) for k in cjk), default=0), demonyms,
                   {d.split(" ")[0] for d in demonyms}, prefixes,
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
    """The normalized words of a window, computed when first asked for."""

    __slots__ = ("words", "cache")

    def __init__(self, words: list[Word]) -> None:
        self.words = words
        self.cache: dict[int, str] = {}

    def __getitem__(self, k: int) -> str:
        n = self.cache.get(k)
        if n is None:
            n = self.cache[k] = normalized(self.words[k][2])
        return n

    def span(self, i: int, j: int) -> list[str]:
        return [self[k] for k in range(i, min(j, len(self.words)))]


BEFORE = 3   # words a name's context reads before it (organisation prefixes: "Bank of")
AFTER = 2    # ... and after its longest reading (organisation suffixes: "Airlines", "News Corp")
DEMONYM_WORDS = 3   # the most words of a demonym ("South Korean")


def _spot_block(text: str, lex: Lexicon, demonyms: bool) -> list[_Span]:
    """The mentions of one block: each word that may start a name (not lower case: a cased
    script's names are capitalised) is read in a window of the words around it."""
    spans: list[_Span] = []
    resume = 0   # the words before this offset are inside a name already read
    for word, scan_end in capitalised(text):
        start, _, surface = word
        first = surface[0]
        if start < resume or first.islower():
            continue
        norm = normalized(surface)
        head = norm.split(" ")[0] if norm else ""
        most = lex.first_words.get(head, 0)
        maybe_demonym = demonyms and head in lex.demonym_first_words
        if most or maybe_demonym:
            found, words = _read_window(text, word, scan_end, most, lex, maybe_demonym)
            if found is not None:
                j, span = found
                if span is not None:
                    spans.append(span)
                resume = words[j][0] if j < len(words) else len(text)
                continue
        if "\uac00" <= first <= "\ud7a3":
            hangul = _hangul(word, lex)
            if hangul:
                spans.append(hangul)
    spans += _cjk_spans(text, lex, spans)
    spans.sort(key=lambda s: s.start)
    return spans


def _read_window(text: str, word: Word, scan_end: int, most: int, lex: Lexicon,
                 maybe_demonym: bool) -> tuple[tuple[int, _Span | None] | None, list[Word]]:
    """The name (or demonym, or organisation to skip) that starts at ``word``: (index of the
    word after it in the window, the span or None), and the window's words."""
    following = iter_words(text, pos=scan_end)
    after: list[Word] = []
    # read as few of the next words as the keys need (most words start no name), and the words
    # before only for a name
    key = _key_end(islice(_norms_from(text, word, following, after), most + 1), lex) if most else None
    if key is None and not maybe_demonym:
        return None, []
    # the rules read AFTER words past a name (an organisation suffix: "Airlines"); a demonym may
    # have DEMONYM_WORDS words
    longest = max(key[0] if key else 0, DEMONYM_WORDS if maybe_demonym else 0)
    after += islice(following, max(0, longest - 1 + AFTER - len(after)))
    before = words_before(text, word[0], BEFORE)
    words = [*before, word, *after]
    norms, i = _Norms(words), len(before)
    found = _name_at(text, words, norms, i, i + key[0], key[1], lex) if key else None
    if found is None and maybe_demonym:
        found = _demonym_at(text, words, norms, i, lex)
    return found, words


def _norms_from(text: str, word: Word, following: Iterator[Word], read: list[Word]) -> Iterator[str]:
    """The normalized words from ``word`` on, up to a comma or other break between words
    ("Washington, D.C." is a town and its district, as "Paris, Texas" is), keeping the
    following words read in ``read``."""
    yield normalized(word[2])
    end = word[1]
    for more in following:
        read.append(more)
        if _NAME_BREAK.search(text, end, more[0]):
            return
        end = more[1]
        yield normalized(more[2])


def _name_at(text: str, words: list[Word], norms: _Norms, i: int, j: int, key: str,
             lex: Lexicon) -> tuple[int, _Span | None] | None:
    """The mention of ``key``, spelt by words i..j-1, unless the rules reject it: (j, span), or
    (j, None) for an organisation's name, or None."""
    start, end = words[i][0], words[j - 1][1]
    surface = text[start:end]
    if not _case_ok(surface, lex.keys[key]):
        return None
    if _is_organisation(text, words, norms, i, j, lex):
        return j, None  # skip the whole organisation name
    needs = j - i == 1 and (key in lex.ambiguous or key in COMMON_CAPITALISED)
    return j, _Span(start, end, surface, needs_evidence=needs or _sentence_initial_common(text, start, key, lex),
                    name_like=j - i == 1 and _in_a_name(text, words, i, j))


def _key_end(norms: Iterable[str], lex: Lexicon) -> tuple[int, str] | None:
    """(words, key) of the longest key that the normalized words spell from the first on (a
    word may normalize to nothing); None if no key starts there."""
    found = None
    parts: list[str] = []
    for count, norm in enumerate(norms, 1):
        if norm:
            parts.append(norm)
        key = " ".join(parts)
        if key in lex.keys:
            found = count, key   # a longer key may still follow ("New York" in "New York City")
        elif key not in lex.key_prefixes:
            break   # no key goes on with these words
    return found


def _in_a_name(text: str, words: list[Word], i: int, j: int) -> bool:
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
    return set(filter(str.islower, set(_LETTERS.findall(text))))   # each distinct word tested once


def surnames(text: str, lex: Lexicon, lower: set[str]) -> dict[str, set[int]]:
    """Place names the document also uses as a person's surname ("Jim Moore", "Judge Haywood
    Turner", "Dwight C. Jones"): the last of a run of capitalised words, after a word that is no
    place name, no place modifier, no verb form (-ing, -ed) and never written in lower case in
    the document: a given name, an initial or a title, not the verb of a title-case headline.
    Maps each to the offsets where it is the surname."""
    out: dict[str, set[int]] = {}
    # capitalised words only, three at a time: the text may be megabytes long
    words = (w for w in iter_words(text, _CAPITALISED) if w[2][0].isupper())
    prev, cur = next(words, None), next(words, None)
    while prev is not None and cur is not None:
        nxt = next(words, None)
        a, b = prev[2], cur[2]
        if (not b.isupper() and not (a.isupper() and len(a) > 1) and _joins(text, prev, cur)
                and not (nxt is not None and _joins(text, cur, nxt))):
            na, nb = normalized(a), normalized(b)
            if (nb in lex.keys and na not in lex.keys and f"{na} {nb}" not in lex.keys
                    and a.lower() not in lower and na not in FUNCTION_WORDS and na not in NAME_MODIFIERS
                    and not na.endswith(("ing", "ed"))):
                out.setdefault(nb, set()).add(cur[0])
        prev, cur = cur, nxt
    return out


def _joins(text: str, left: Word, right: Word) -> bool:
    """Two words of one name: one space apart, or a short title and a period ("Sen. Moore")."""
    gap = text[left[1]:right[0]]
    return gap == " " or gap == ". " and len(left[2]) <= 4


def _demonym_at(text: str, words: list[Word], norms: _Norms, i: int,
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


def _is_organisation(text: str, words: list[Word], norms: _Norms, i: int, j: int,
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


def _hangul(word: Word, lex: Lexicon) -> _Span | None:
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
