"""Every CLI command and option is documented in the README."""

from __future__ import annotations

import argparse

from conftest import ROOT
from placenames.cli import _parser

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _subparsers(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield name, sub
                for inner, subsub in _subparsers(sub):
                    yield f"{name} {inner}", subsub


def test_every_command_and_option_is_in_the_readme():
    missing = []
    for name, sub in _subparsers(_parser()):
        if f"placenames {name}" not in README:
            missing.append(f"placenames {name}")
        for action in sub._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help" and flag not in README:
                    missing.append(f"{name} {flag}")
    assert missing == []
