"""Word tokens of running text, and the few words around a word, without tokenizing it all.

A word is a run of letters, digits and the joiners ’ ' . (``_WORD``); hyphens split words
("US-Japan"). A sentence-final period and a possessive 's are left out of the word.

Spotting needs only the words that may start a name (those that do not begin with a lower-case
letter) and a handful of words on either side of them. Each maximal run of the characters a
word may contain holds exactly one word: it starts at the run's first letter or digit, ends at
its last, and takes one period after that. So a word is found by where its run starts, and the
words before an offset are read from any run boundary: the same words a scan of the whole text
gives, for a fraction of the work (most words of English prose are lower case).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Word = tuple[int, int, str]   # start, end, text

_WORD = re.compile(r"[^\W_](?:[\w’'.]*[^\W_])?\.?")
# the word of a run whose first letter or digit is not an ASCII lower-case letter (other
# lower-case letters are left to the caller: the regex has no class for them)
_NOT_LOWER_ASCII = re.compile(r"(?<![\w’'.])[_’'.]*([^\W_a-z](?:[\w’'.]*[^\W_])?\.?)")
_RUN_BREAK = re.compile(r"[^\w’'.]")
_LOOK_BACK = 10   # characters read back per word wanted (doubled until enough words are read)


def trim(start: int, end: int, word: str) -> Word:
    """The word without a sentence-final period or a possessive 's."""
    last = word[-1]
    if last == "." and "." not in word[:-1]:
        return start, end - 1, word[:-1]
    if last == "s" and len(word) > 2 and word[-2] in "'’":
        return start, end - 2, word[:-2]
    return start, end, word


def iter_words(text: str, pattern: re.Pattern[str] | None = None, pos: int = 0,
               endpos: int | None = None) -> Iterator[Word]:
    """The words of ``text[pos:endpos]`` (``pos`` at a run boundary), with offsets."""
    for m in (pattern or _WORD).finditer(text, pos, len(text) if endpos is None else endpos):
        word = trim(m.start(), m.end(), m.group())
        if word[2]:
            yield word


def capitalised(text: str) -> Iterator[tuple[Word, int]]:
    """Each word that does not start with a lower-case ASCII letter, with the offset where the
    scan of the text resumes after it (its end before trimming)."""
    for m in _NOT_LOWER_ASCII.finditer(text):
        start, end = m.span(1)
        word = trim(start, end, m.group(1))
        if word[2]:
            yield word, end


def words_before(text: str, start: int, count: int) -> list[Word]:
    """The last ``count`` words before the word that starts at ``start``, in order."""
    reach = _LOOK_BACK * count
    while True:
        begin = max(0, start - reach)
        # read from a run boundary, where a scan of the whole text is between words
        boundary = _RUN_BREAK.search(text, begin, start) if begin else None
        found = list(_WORD.finditer(text, boundary.end() if boundary else begin, start))
        if len(found) >= count or begin == 0:
            return [trim(m.start(), m.end(), m.group()) for m in found[max(0, len(found) - count):]]
        reach *= 2
