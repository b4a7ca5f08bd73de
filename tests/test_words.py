"""The words spotting reads without scanning the whole text are the words a whole scan gives."""

from __future__ import annotations

import gc
import weakref

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from placenames._caches import cached
from placenames._words import capitalised, iter_words, words_before

# letters of both cases, digits, the joiners a word may contain, and what separates words
PIECES = st.lists(st.sampled_from(list("aZéÉ1_.'’- \n,東") + ["'s", "U.S.", "Mt."]), max_size=30).map("".join)
TRICKY = ["U.S.'s policy.", "'Paris' and _London_", "x'Paris", "a.B.c Tokyo.", "St. John's, Nfld.",
          "..Oslo", "Ωmega Ünited états 2020 東京都", "__a__ __B__", "Japan’s Ministry"]


def check_same_words(text: str) -> None:
    every = list(iter_words(text))
    expected = [(k, w) for k, w in enumerate(every) if not ("a" <= w[2][0] <= "z")]
    found = list(capitalised(text))
    assert [w for _, w in expected] == [w for w, _ in found]
    for (k, word), (_, scan_end) in zip(expected, found):
        assert words_before(text, word[0], 3) == every[max(0, k - 3):k]
        assert list(iter_words(text, pos=scan_end)) == every[k + 1:]


def test_tricky_texts():
    for text in TRICKY:
        check_same_words(text)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(PIECES, st.text(max_size=80)))
def test_windows_match_a_whole_scan(text):
    check_same_words(text)


def test_caches_do_not_keep_their_gazetteer_alive():
    class Owner:  # stands for a Gazetteer: anything weakly referenceable
        name = "owner"

    owner = Owner()
    lookup = cached(owner, lambda gaz, suffix: gaz.name + suffix, 8)  # type: ignore[arg-type]
    assert lookup("!") == "owner!"
    assert cached(owner, lambda gaz: None, 8) is not lookup  # one cache per function
    ref = weakref.ref(owner)
    del owner, lookup
    gc.collect()
    assert ref() is None


def test_normalized_is_normalize_for_short_and_long_strings():
    from placenames._caches import NORMALIZED_LENGTH, normalized
    from placenames._normalize import normalize

    for text in ("Côte d’Ivoire", "U.S.", "東京都" * NORMALIZED_LENGTH, "Paris " * 100):
        assert normalized(text) == normalize(text)
