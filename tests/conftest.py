from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def gaz():
    import placenames

    return placenames.Gazetteer.default()


@pytest.fixture(scope="session")
def tiny_source(tmp_path_factory):
    """A tiny gazetteer source tree, compiled by the real builder in the tests that need it."""
    root = tmp_path_factory.mktemp("tiny")
    (root / "imported").mkdir()
    (root / "curated").mkdir()
    (root / "imported" / "countries.tsv").write_text(
        "# written by a test\n"
        "id\tkind\tlabel\tiso\tcountry\tlat\tlon\twikidata\tgeonames\tparent\tpopulation\n"
        "iso:JP\tcountry\tJapan\tJP\tJP\t36.0\t138.0\tQ17\t1861060\t\t126000000\n"
        "iso:FR\tcountry\tFrance\tFR\tFR\t46.0\t2.0\tQ142\t3017382\t\t67000000\n", encoding="utf-8")
    (root / "imported" / "country_names.tsv").write_text(
        "id\ttext\tlangs\tkind\n"
        "iso:JP\tJapan\ten,de\tcommon\n"
        "iso:JP\t日本\tja\tcommon\n"
        "iso:FR\tFrance\ten,fr\tcommon\n"
        "iso:FR\tFrankreich\tde\tcommon\n", encoding="utf-8")
    (root / "curated" / "extra.toml").write_text(
        '[meta]\nsources = ["test"]\nas_of = "2026-11"\n\n'
        '[[place]]\nid = "pn:test-sea"\nkind = "sea"\nlabel = "Test Sea"\nlat = 10.0\nlon = 20.0\n'
        '[place.names]\nen = ["Test Sea", {text = "Mare Testum", kind = "former"}]\n'
        'ja = [{text = "テスト海", party = "JP"}]\n\n'
        '[[place]]\nid = "iso:JP"\n[place.names]\nen = [{text = "Nippon", kind = "endonym"}]\n',
        encoding="utf-8")
    return root
