"""The documentation cannot drift: every code block in docs/*.md runs, and the site builds.

In each guide, blocks run in order in a fresh working directory, sharing one namespace:
``python`` blocks are executed; ``console`` blocks hold ``$ placenames ...`` commands, run
in-process, whose stdout must equal the lines shown under them (a line ``...`` stands for any
lines; no lines shown means only success is checked). Other kinds of block are not allowed.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import re
import shlex
import subprocess
import sys

import pytest

from conftest import ROOT
from placenames.cli import main

DOCS = ROOT / "docs"
GUIDES = sorted(p for p in DOCS.glob("*.md") if p.name != "perspectives.md")  # that one is generated
BLOCK = re.compile(r"^```([\w-]*)\n(.*?)^```", re.S | re.M)
GUIDE_PAGES = {"index.md", "python.md", "data-teams.md", "wire-desks.md", "neutrality.md", "api.md"}


def _expected(lines: list[str]) -> re.Pattern[str]:
    """A line ``...`` matches any lines; ``...`` inside a line matches any text on that line."""
    parts = [r"(?:.*\n)*?" if line == "..." else ".*?".join(map(re.escape, line.split("..."))) + r"\n"
             for line in lines]
    return re.compile("".join(parts))


def _run_console(block: str, where: str) -> None:
    commands: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            commands.append((line[2:], []))
        else:
            assert commands, f"{where}: output before any command"
            commands[-1][1].append(line)
    for command, expected in commands:
        argv = shlex.split(command)
        assert argv[0] == "placenames", f"{where}: only placenames commands run here: {command}"
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(argv[1:])
        assert code == 0, f"{where}: {command} exited {code}"
        if expected:
            pattern = _expected(expected)
            assert pattern.fullmatch(out.getvalue()), f"{where}: {command}\n--- got ---\n{out.getvalue()}"


def test_every_guide_is_in_the_site_and_has_examples():
    assert {p.name for p in GUIDES} == GUIDE_PAGES
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in GUIDE_PAGES | {"perspectives.md"}:
        assert page in nav
    for guide in GUIDES:
        kinds = [kind for kind, _ in BLOCK.findall(guide.read_text(encoding="utf-8"))]
        assert set(kinds) <= {"python", "console"}, (guide.name, kinds)
        if guide.name != "api.md":
            assert "python" in kinds, guide.name


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_examples_run(guide, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__guide__"}
    text = guide.read_text(encoding="utf-8")
    for match in BLOCK.finditer(text):
        kind, body = match.groups()
        where = f"{guide.name}:{text[:match.start()].count(chr(10)) + 1}"
        if kind == "python":
            exec(compile(body, where, "exec"), namespace)
        elif kind == "console":
            _run_console(body, where)


def test_the_expected_output_check_can_fail(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(AssertionError):
        _run_console("$ placenames resolve Nihon\nJapan\tiso:FR\n...", "self-test")
    _run_console("$ placenames resolve Nihon\n...", "self-test")


@pytest.mark.skipif(not (importlib.util.find_spec("mkdocs") and importlib.util.find_spec("mkdocstrings")),
                    reason='the docs tools are not installed: pip install -e ".[docs]"')
def test_docs_build_in_strict_mode(tmp_path):
    site = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                           "-d", str(site)], capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    for name in ("placenames.resolve", "placenames.tag", "placenames.gazetteer.Gazetteer",
                 "placenames.models.Place", "placenames.pandas"):
        assert f'id="{name}"' in api, name
    assert "The best credible match for" in api  # resolve()'s docstring
    for page in ("python", "data-teams", "wire-desks", "neutrality", "perspectives"):
        assert (site / page / "index.html").is_file()
    assert not re.search(r"""<(?:script|link)[^>]+(?:src|href)="https?://""", api)  # nothing fetched online
