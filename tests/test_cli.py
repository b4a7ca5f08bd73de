"""The command line: output, JSON, exit codes, errors in one line."""

from __future__ import annotations

import json
import subprocess
import sys


def run(*args):
    return subprocess.run([sys.executable, "-m", "placenames", *args], capture_output=True, text=True)


def test_resolve_readable():
    out = run("resolve", "Deutschland")
    assert out.returncode == 0
    assert out.stdout.startswith("Germany\tiso:DE\tcountry\t100\texact\tDeutschland (endonym, de")


def test_resolve_json_and_hints():
    out = run("resolve", "Paris", "--country", "US", "--json")
    assert out.returncode == 0
    data = json.loads(out.stdout)
    assert data[0]["place"]["country"] == "US"


def test_resolve_limit_shows_runners_up():
    out = run("resolve", "Korea", "--limit", "3")
    assert out.returncode == 0
    assert "iso:KR" in out.stdout and "iso:KP" in out.stdout


def test_no_match_exit_code():
    out = run("resolve", "qzxv")
    assert out.returncode == 1 and "no match" in out.stderr


def test_bad_kind_is_one_line_usage_error():
    out = run("resolve", "Paris", "--kind", "planet")
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_version_prints_package_and_data_version():
    out = run("--version")
    assert out.returncode == 0 and "placenames 0.1.0 (data " in out.stdout


def test_gazetteer_stats():
    out = run("gazetteer", "stats", "--json")
    stats = json.loads(out.stdout)
    assert stats["places_by_kind"]["country"] >= 190
    assert stats["names"] >= 1_000_000
