"""A long fuzz run, off by default: PLACENAMES_FUZZ_EXAMPLES=200000 python -m pytest tests/test_fuzz.py

resolve(), candidates(), tag() and resolve_many() on arbitrary text: nothing raises, scores stay
in range, offsets hold. The default run uses a small budget so the suite stays quick.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import placenames

EXAMPLES = int(os.environ.get("PLACENAMES_FUZZ_EXAMPLES", "200"))
TEXT = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
    st.builds(lambda a, b: a + b, st.sampled_from(["Paris", "東京", "Senkaku", "Korea, ", "U.S."]),
              st.text(max_size=40)),
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(TEXT)
def test_fuzz_everything(text):
    m = placenames.resolve(text)
    assert m is None or 0 <= m.score <= 100
    for c in placenames.candidates(text, limit=3):
        assert 0 <= c.score <= 100
    for mention in placenames.tag(text):
        assert text[mention.start:mention.end] == mention.text
    assert len(placenames.resolve_many([text, None, text])) == 3
