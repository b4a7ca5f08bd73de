"""Normalization invariants (hypothesis) and examples."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from placenames._normalize import fold, key_variants, normalize, query_variants


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_normalize_is_idempotent_and_never_raises(text):
    once = normalize(text)
    assert normalize(once) == once
    assert once == once.strip()
    assert "  " not in once


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_fold_is_ascii_idempotent_and_never_raises(text):
    folded = fold(text)
    assert folded.isascii()
    assert fold(folded) == folded
    key_variants(text)
    query_variants(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_the_ascii_fast_path_follows_the_general_rules(text):
    # an ideographic space (a separator, so dropped) sends the same text down the general path
    assert normalize(text) == normalize(text + "\u3000")
    for cp in range(128):
        assert normalize(f"a{chr(cp)}b") == normalize(f"a{chr(cp)}b\u3000")


def test_examples():
    assert normalize("  Côte d’Ivoire! ") == "côte divoire"
    assert fold("Côte d'Ivoire") == fold("Cote dIvoire") == "cotedivoire"
    assert fold("Diàoyúdǎo") == fold("Diaoyu Dao") == fold("钓鱼岛") == "diaoyudao"
    assert normalize("Ｔｏｋｙｏ") == "tokyo"
    assert "republic of korea" in key_variants("Korea, Republic of")
    assert "netherlands" in key_variants("The Netherlands")
    assert "senkaku islands" in query_variants("Senkaku Is.")
    assert "mount fuji" in query_variants("Mt. Fuji")
    assert "gulf of aden" in query_variants("Aden Gulf")
