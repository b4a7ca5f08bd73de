"""The build: deterministic, compiled data matches sources, overlays, source errors."""

from __future__ import annotations

import hashlib

import pytest

from placenames import Gazetteer, GazetteerSourceError
from placenames.build import DEFAULT_OUTPUT, DEFAULT_SOURCE, build


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_build_is_deterministic(tiny_source, tmp_path):
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    build(tiny_source, a)
    build(tiny_source, b)
    assert sha(a) == sha(b)


def test_tiny_gazetteer_resolves(tiny_source, tmp_path):
    out = tmp_path / "t.sqlite"
    build(tiny_source, out)
    g = Gazetteer(path=out)
    assert g.resolve("Frankreich").place.id == "iso:FR"
    assert g.resolve("Nippon").place.id == "iso:JP"  # curated name extends the imported place
    m = g.resolve("テスト海")
    assert m.place.id == "pn:test-sea" and m.matched.party == "JP"
    assert g.resolve("Mare Testum").matched.kind == "former"


@pytest.mark.skipif(not (DEFAULT_SOURCE / "curated").is_dir(), reason="needs the source checkout")
def test_compiled_data_matches_sources():
    from placenames._check import stale_sources

    assert stale_sources(DEFAULT_SOURCE, DEFAULT_OUTPUT) == []


@pytest.mark.skipif(not (DEFAULT_SOURCE / "curated").is_dir(), reason="needs the source checkout")
def test_gazetteer_check_passes():
    from placenames._check import check

    errors = [p for p in check(DEFAULT_SOURCE) if p["severity"] == "error"]
    assert errors == []


def test_stale_sources_are_detected(tiny_source, tmp_path):
    from placenames._check import stale_sources

    out = tmp_path / "s.sqlite"
    build(tiny_source, out)
    assert stale_sources(tiny_source, out) == []
    extra = tiny_source / "curated" / "late.toml"
    extra.write_text('[[place]]\nid = "iso:FR"\n[place.names]\nfr = ["Hexagone"]\n', encoding="utf-8")
    try:
        assert any("late.toml" in p for p in stale_sources(tiny_source, out))
    finally:
        extra.unlink()


def test_overlay_adds_names_and_places(tmp_path):
    overlay = tmp_path / "newsroom.toml"
    overlay.write_text(
        '[[place]]\nid = "iso:JP"\n[place.names]\nen = ["Land of the Rising Sun"]\n\n'
        '[[place]]\nid = "pn:newsroom-bureau"\nkind = "landmark"\nlabel = "Our Bureau"\n'
        'lat = 1.0\nlon = 2.0\n[place.names]\nen = ["Our Bureau"]\n', encoding="utf-8")
    g = Gazetteer(overlays=[overlay])
    assert g.resolve("Land of the Rising Sun").place.id == "iso:JP"
    assert g.resolve("Japan").place.id == "iso:JP"
    assert g.get("pn:newsroom-bureau").label == "Our Bureau"
    assert any(n.text == "日本" for n in g.get("iso:JP").names)  # bundled names kept
    # the default gazetteer is untouched
    assert Gazetteer.default().resolve("Land of the Rising Sun") is None


@pytest.mark.parametrize("content,problem", [
    ('[[place]]\nid = "pn:x"\nkind = "sea"\n', "without label"),
    ('[[place]]\nid = "pn:x"\nkind = "planet"\nlabel = "X"\n', "unknown kind"),
    ('[[place]]\nid = "Bad Id"\n', "invalid or missing id"),
    ('[[place]]\nid = "pn:x"\nkind = "sea"\nlabel = "X"\nlat = 123.0\nlon = 0.0\n', "out of range"),
    ('[[place]\nid = "pn:x"\n', "invalid TOML"),
    ('[[place]]\nid = "pn:x"\nkind = "sea"\nlabel = "X"\n[place.names]\nEN_us = ["X"]\n', "language tag"),
])
def test_malformed_overlay_names_file_line_and_problem(tmp_path, content, problem):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerSourceError) as err:
        Gazetteer(overlays=[path])
    assert "bad.toml" in str(err.value) and problem in str(err.value)
    assert isinstance(err.value, ValueError)


def test_a_curated_file_may_extend_a_place_defined_in_a_later_file(tmp_path):
    root = tmp_path / "src"
    (root / "imported").mkdir(parents=True)
    (root / "curated").mkdir()
    (root / "imported" / "countries.tsv").write_text(
        "id\tkind\tlabel\tiso\tcountry\tlat\tlon\twikidata\tgeonames\tparent\tpopulation\n"
        "iso:JP\tcountry\tJapan\tJP\tJP\t36.0\t138.0\t\t\t\t\n", encoding="utf-8")
    (root / "curated" / "a_names.toml").write_text(
        '[[place]]\nid = "pn:zed-island"\n[place.names]\nde = ["Zedinsel"]\n', encoding="utf-8")
    (root / "curated" / "z_places.toml").write_text(
        '[[place]]\nid = "pn:zed-island"\nkind = "island"\nlabel = "Zed Island"\nlat = 1.0\nlon = 2.0\n'
        '[place.names]\nen = ["Zed Island"]\n', encoding="utf-8")
    out = tmp_path / "z.sqlite"
    build(root, out)
    g = Gazetteer(path=out)
    assert g.resolve("Zedinsel").place.id == "pn:zed-island"
    assert g.get("pn:zed-island").label == "Zed Island"


def test_a_failed_build_leaves_no_temporary_file(tmp_path):
    root = tmp_path / "src"
    (root / "imported").mkdir(parents=True)
    (root / "curated").mkdir()
    (root / "curated" / "tagging.toml").write_text('org_suffixes = ["News",', encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(GazetteerSourceError):  # raised while the database is being written
        build(root, out / "g.sqlite")
    assert list(out.glob("*")) == []


def test_a_redirect_to_a_missing_place_is_a_clear_error(tmp_path):
    import sqlite3

    from placenames.build import SCHEMA, compile_redirects

    con = sqlite3.connect(":memory:")
    con.executescript(SCHEMA)
    path = tmp_path / "redirects.tsv"
    path.write_text("old_id\tnew_id\tnote\npn:gone\tpn:here\tmerged\n")
    assert compile_redirects(path, {"pn:here": 0}, con) == 1
    path.write_text("old_id\tnew_id\tnote\npn:gone\tpn:nowhere\tmerged\n")
    with pytest.raises(GazetteerSourceError, match="redirects.tsv:2"):
        compile_redirects(path, {"pn:here": 0}, con)
    path.write_text("old_id\tnew_id\tnote\npn:here\tpn:here\tan id that still exists\n")
    with pytest.raises(GazetteerSourceError, match="redirects.tsv:2"):
        compile_redirects(path, {"pn:here": 0}, con)
