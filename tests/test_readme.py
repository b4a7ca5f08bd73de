"""README code blocks run, and the two first-line commands stay what CI runs."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_python_blocks_run():
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def test_quick_start_claims_hold():
    import placenames

    m = placenames.resolve("钓鱼岛")
    assert (m.place.id, m.place.label) == ("pn:senkaku-diaoyu", "Diaoyu / Senkaku Islands")
    assert m.place.dispute.claimants == ["CN", "TW"] and m.matched.party == "CN"
    assert placenames.resolve("Korea") is None


def test_ci_runs_the_readme_test_command():
    test_line = [l for l in README.splitlines() if l.startswith("Run the tests:")][0]
    command = re.search(r"`([^`]+)`", test_line).group(1)
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
